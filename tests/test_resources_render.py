"""Resources, forms, the pocket card and the referral directory in the built outputs (issue 16):
real MkDocs, pandoc, Typst, poppler and Chromium."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api
from playwright.sync_api import Page

from conftest import FIXTURE, run_cli
from resource_helpers import FORM, PROC, add_registry
from test_site_browser import CHROMIUM, FLAGS

OLD_TEXT = "12320"
"""What the contributor wrote as the link text: an old number the registry no longer has."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("carried") / "repo"
    shutil.copytree(FIXTURE, root)
    add_registry(root)
    proc = root / PROC
    proc.write_text(proc.read_text(encoding="utf-8").replace("[热线]", f"[{OLD_TEXT}]"), encoding="utf-8")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return root / "build"


def text_of(pdf: Path, *args: str) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True, check=True).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_site_shows_the_registry_number_not_the_link_text(built: Path) -> None:
    page = (built / "site/chapters/01-basics/visit-prep.html").read_text(encoding="utf-8")
    assert '<a href="../../resources/index.html#resource-mental-health-hotline"' in page
    assert "全国统一心理援助热线 12356</a>" in page
    assert "报警电话 110</a>" in page
    assert OLD_TEXT not in page
    assert '<a href="../../forms/visit-record.html" rel="noopener noreferrer">入户探访记录表</a>' in page
    resources = (built / "site/resources/index.html").read_text(encoding="utf-8")
    assert 'id="resource-mental-health-hotline"' in resources and 'href="tel:12356"' in resources


def test_handbook_shows_the_registry_number_not_the_link_text(built: Path) -> None:
    text = text_of(built / "handbook/handbook.pdf")
    assert "可拨打全国统一心理援助热线12356。" in text
    assert OLD_TEXT not in text
    assert "附录五热线与资源" in text and "附录六表单" in text and "附录七转介名录" in text


def test_pocket_card_is_one_a6_sheet_with_embedded_cjk_fonts(built: Path) -> None:
    pdf = built / "site/download/pocket-card.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\n", info)  # front and back
    assert re.search(r"Page size:\s+297\.6\d* x 419\.5\d* pts", info)  # A6
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("NotoSansCJK" in line and " yes yes yes " in line for line in fonts)
    front, back = text_of(pdf, "-f", "1", "-l", "1"), text_of(pdf, "-f", "2", "-l", "2")
    for number, name in (("110", "报警电话"), ("12356", "全国统一心理援助热线")):  # every resource marked for it
        assert number + name in front
    assert "某区社区卫生服务中心" not in front  # not marked for the card
    assert "告知督导出发时间" in back and "返回后24小时内写记录" in back
    assert "测试版" in back and "号码核实于2026-11-20" in back  # edition and verification date


def test_every_form_pdf_renders_with_its_fields(built: Path) -> None:
    pdf = built / "site/download/forms/visit-record.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts", info)  # A4
    text = text_of(pdf)
    import yaml

    form = yaml.safe_load(FORM)
    assert squash(form["title"]) in text and squash(form["privacy"]) in text
    for section in form["sections"]:
        assert squash(section["title"]) in text
        for field in section["fields"]:
            assert squash(field["label"]) in text
            for option in field.get("options", []):
                assert option in text


def test_form_page_links_its_pdf_and_the_procedures_citing_it(built: Path) -> None:
    page = (built / "site/forms/visit-record.html").read_text(encoding="utf-8")
    assert 'href="../download/forms/visit-record.pdf"' in page
    assert 'href="../chapters/01-basics/visit-prep.html"' in page


@pytest.fixture(scope="module")
def phone(built: Path) -> Iterator[Page]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        yield context.new_page()
        browser.close()


def test_referral_directory_filters_by_theme_and_district_on_a_phone(built: Path, phone: Page) -> None:
    page = phone
    page.goto((built / "site/referrals/index.html").as_uri())

    def shown() -> list[str]:
        ids: list[str] = page.eval_on_selector_all(".gl-referral", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")
        return ids

    assert shown() == ["referral-alpha-demo", "referral-beta-demo"]
    assert page.locator(".gl-referral-count").inner_text() == "共 2 家机构"
    page.select_option("select[name=theme]", "emergency")
    assert shown() == ["referral-beta-demo"]
    page.select_option("select[name=theme]", "")
    page.select_option("select[name=district]", "东城区")
    assert shown() == ["referral-alpha-demo"]
    page.select_option("select[name=theme]", "emergency")
    assert shown() == []
    assert page.locator(".gl-referral-none").is_visible()
    width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= 390
