"""Resources, forms and the pocket card: the checks (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Cli, findings, replace, write
from resource_helpers import PROC, add_registry

HOTLINE = "guideline/resources/mental-health-hotline.yaml"
FORM = "guideline/forms/visit-record.yaml"
CARD = "guideline/pocket-card.yaml"


@pytest.fixture
def registry(corpus: Path) -> Path:
    return add_registry(corpus)


def test_registry_fixture_is_valid(cli: Cli, registry: Path) -> None:
    assert findings(cli, registry) == []


def test_resource_without_source_is_an_error(cli: Cli, registry: Path) -> None:
    replace(registry, HOTLINE, "source:\n  title: 国家卫生健康委设置全国统一心理援助热线\n  url: https://www.nhc.gov.cn/\n", "")
    r = cli(registry, "validate", "--format", "json", "--no-cache")
    assert r.code == 1
    assert r.findings() == [("schema/required", HOTLINE, 1)]
    assert "source" in r.json()["findings"][0]["message"]


def test_source_needs_a_url_or_a_document(cli: Cli, registry: Path) -> None:
    replace(registry, HOTLINE, "  url: https://www.nhc.gov.cn/\n", "")
    assert findings(cli, registry) == [("schema/invalid", HOTLINE, 6)]


def test_stale_resource_is_a_warning(cli: Cli, registry: Path) -> None:
    replace(registry, HOTLINE, "verified: 2026-11-20", "verified: 2024-05-01")
    r = cli(registry, "validate", "--format", "json", "--no-cache")
    assert r.code == 0  # a warning does not block a merge
    (f,) = r.json()["findings"]
    assert (f["code"], f["severity"], f["path"], f["line"], f["column"]) == ("resource/stale", "warning", HOTLINE, 8, 11)
    assert f["message"] == "「全国统一心理援助热线」上次核实是 2024-05-01，已超过 12 个月。"


@pytest.mark.parametrize("today,verified,expected", [
    ("2026-12-04", "2025-12-04", []),                       # exactly 12 months: still fresh
    ("2026-12-04", "2025-12-03", ["resource/stale"]),
    ("2024-02-29", "2023-02-28", []),                       # leap day: 12 months before is 28 February
    ("2024-02-29", "2023-02-27", ["resource/stale"]),
    ("2026-12-04", "2026-12-05", ["resource/verified-in-future"]),
])
def test_the_clock_is_injectable(registry: Path, today: str, verified: str, expected: list[str]) -> None:
    from guideline.checks import Context
    from guideline.checks.resources import verification
    from guideline.validate import run

    replace(registry, HOTLINE, "verified: 2026-11-20", f"verified: {verified}")
    corpus = run(registry, use_cache=False).corpus
    assert corpus is not None
    got = [f.code for f in verification(corpus, Context(today=today)) if f.path == HOTLINE]
    assert got == expected


@pytest.mark.parametrize("old,new,code,line", [
    ("../resources/police.yaml", "../resources/polic.yaml", "ref/unknown-resource", 42),
    ("../forms/visit-record.yaml", "../forms/visit-recrod.yaml", "ref/unknown-form", 46),
])
def test_unknown_citation_is_a_located_error(cli: Cli, registry: Path, old: str, new: str, code: str, line: int) -> None:
    replace(registry, PROC, old, new)
    r = cli(registry, "validate", "--format", "json", "--no-cache")
    assert r.code == 1
    (f,) = r.json()["findings"]
    assert (f["code"], f["path"], f["line"]) == (code, PROC, line)
    assert f["column"] > 1
    assert new.split("/")[-1].removesuffix(".yaml") in f["message"]


def test_citing_a_registry_file_is_not_a_link_to_non_content(cli: Cli, registry: Path) -> None:
    replace(registry, PROC, "../resources/police.yaml", "../../organisations/alpha-demo.yaml")
    assert findings(cli, registry) == [("link/not-content", PROC, 42)]


def test_cited_landline_is_not_flagged_but_plain_one_is(cli: Cli, registry: Path) -> None:
    """A number written as the text of a citation is replaced by the registry's; the same
    number written as plain text is contributor text and still checked."""
    write(registry, "guideline/resources/district-line.yaml",
          'name: 示例区养老服务热线\nnumber: "010-63012345"\npurpose: 咨询。\nscope: 西城区\n'
          "source:\n  title: 示例\n  url: https://example.org/\nverified: 2026-12-01\n")
    replace(registry, PROC, "1. 出发前查看记录。", "1. 出发前查看记录，可拨打[010-63012345](../resources/district-line.yaml)。")
    assert findings(cli, registry) == []
    replace(registry, PROC, "2. 到达后表明身份：", "2. 到达后表明身份（010-63012345）：")
    assert [c for c, _, _ in findings(cli, registry)] == ["privacy/landline"]


@pytest.mark.parametrize("label,name", [
    ("身份证号", "身份证号"),
    ("家庭住址（详细地址）", "详细门牌"),
])
def test_form_asking_for_a_forbidden_field_is_flagged(cli: Cli, registry: Path, label: str, name: str) -> None:
    replace(registry, FORM, "      - label: 探访日期\n", f"      - label: {label}\n        type: text\n      - label: 探访日期\n")
    r = cli(registry, "validate", "--format", "json", "--no-cache")
    assert r.code == 1
    (f,) = r.json()["findings"]
    assert (f["code"], f["path"], f["line"], f["column"]) == ("form/forbidden-field", FORM, 9, 16)
    assert name in f["message"]


def test_forbidden_option_is_flagged_too(cli: Cli, registry: Path) -> None:
    replace(registry, FORM, "options: [入户, 电话]", "options: [入户, 电话, 核对证件号码]")
    assert findings(cli, registry) == [("form/forbidden-field", FORM, 11)]


def test_field_types_must_match_their_parts(cli: Cli, registry: Path) -> None:
    replace(registry, FORM, "        options: [入户, 电话]\n", "")
    replace(registry, FORM, "        type: signature\n", "        type: signature\n        lines: 2\n")
    assert findings(cli, registry) == [("form/field-type", FORM, 12), ("form/field-type", FORM, 20)]


def test_pocket_card_quotes_its_procedures(cli: Cli, registry: Path) -> None:
    replace(registry, CARD, "      - 告知督导出发时间", "      - 告知督导出发的时间")
    replace(registry, CARD, "procedure: fall-response", "procedure: fall-respons")
    assert findings(cli, registry) == [("ref/unknown-checklist-item", CARD, 5), ("ref/unknown-procedure", CARD, 6)]


def test_shipped_registry_is_valid_and_sourced() -> None:
    """Every shipped number has a source and a verification date; the card has the emergency numbers."""
    from guideline.validate import run

    root = Path(__file__).resolve().parents[1]
    corpus = run(root, use_cache=False).corpus
    assert corpus is not None
    numbers = {r.number for r in corpus.resources.values()}
    assert {"110", "119", "120", "999", "12345", "12356", "96110"} <= numbers
    for r in corpus.resources.values():
        assert r.reference.title and (r.reference.url or r.reference.document), r.id
        assert r.verified
    on_card = {r.number for r in corpus.resources.values() if r.pocket_card}
    assert {"110", "119", "120", "12356"} <= on_card
    assert len(corpus.forms) >= 6


@pytest.mark.parametrize("args,path", [
    (["resource", "--id", "elder-line", "--name", "示例热线", "--number", "12349", "--scope", "北京市",
      "--source-title", "示例来源", "--source-url", "https://example.org/"], "guideline/resources/elder-line.yaml"),
    (["form", "--id", "sample-form", "--title", "示例表"], "guideline/forms/sample-form.yaml"),
])
def test_new_scaffolds_a_resource_or_a_form(cli: Cli, corpus: Path, args: list[str], path: str) -> None:
    r = cli(corpus, "new", *args)
    assert r.code == 0, r.err
    text = (corpus / path).read_text(encoding="utf-8")
    assert text.startswith("# 新") and "待填写" in text  # commented template, still to be filled
    codes = {c for c, p, _ in findings(cli, corpus) if p == path}
    assert "placeholder/unfilled" in codes
    assert cli(corpus, "new", *args).code == 2  # never overwrites
