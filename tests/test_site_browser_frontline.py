"""What a frontline worker meets on the site (issue 14), in Debian's Chromium driven by Playwright:
accessibility (axe-core), checklists that tick, the offline copy, Chinese-only chrome, the phone's
first screen, the feedback line and a link crawl that includes the 404 page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import run_cli
from site_helpers import site_corpus

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "tooling" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
AXE_PAGES = ["index.html", "chapters/01-basics/index.html", "chapters/01-basics/door-knock.html",
             "cases/beta-demo/beta-fall-at-night.html", "checklists/index.html", "glossary/index.html"]
DRAFT_CHECKLIST = "checklists/fall-response.html"  # fall-response is a draft in the fixture corpus


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = site_corpus(tmp_path_factory.mktemp("frontline") / "repo")
    result = run_cli(root, "build", "--site")
    assert result.code == 0, result.err
    return root / "build" / "site"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    from browser import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


# --- 2. accessible ---------------------------------------------------------------
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_critical_or_serious_violation(server: str, browser: Any, width: int) -> None:
    assert AXE.is_file(), "axe-core is installed by `make setup` (tooling/axe, npm ci)"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    try:
        for rel in AXE_PAGES:
            page.goto(server + rel)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])}×)" for v in result["violations"]
                      if v["impact"] in ("critical", "serious")]
    finally:
        context.close()
    assert found == []


def test_checklists_and_warnings_are_body_size_on_a_phone(server: str, browser: Any) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(server + "chapters/02-visits/fall-response.html")
        size = "(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
        body = page.evaluate(size, "article p")
        assert page.evaluate(size, ".gl-checklist li") >= body
        assert page.evaluate(size, ".admonition p") >= body  # the 征求意见稿 warning
    finally:
        context.close()


# --- 3. checklists to tick --------------------------------------------------------
def test_tapping_ticks_an_item_and_the_tick_stays_on_this_device(server: str, browser: Any) -> None:
    context = browser.new_context(**PHONE)
    sent: list[str] = []
    context.on("request", lambda r: sent.append(r.url) if r.method != "GET" else None)
    page = context.new_page()
    try:
        page.goto(server + "checklists/visit-prep.html")
        items = page.locator(".gl-checklist li")
        boxes = page.locator(".gl-checklist input[type=checkbox]")
        assert boxes.count() >= 2 and boxes.nth(0).is_enabled()
        assert boxes.nth(0).get_attribute("aria-label")
        items.nth(0).tap()
        boxes.nth(1).check(force=True)  # the box itself (visually replaced by Material's indicator)
        page.reload()
        assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
        stored = page.evaluate("localStorage.getItem('gl-checklist:visit-prep')")
        assert json.loads(stored) == [0, 1]
        # The same procedure's list on its own page shares the ticks; another procedure does not.
        page.goto(server + "chapters/01-basics/visit-prep.html")
        assert page.locator(".gl-checklist input").nth(0).is_checked()
        page.goto(server + "checklists/door-knock.html")
        assert not page.locator(".gl-checklist input").nth(0).is_checked()
        page.goto(server + "checklists/visit-prep.html")
        page.get_by_role("button", name="清除勾选").click()
        page.reload()
        assert not boxes.nth(0).is_checked() and page.evaluate("localStorage.getItem('gl-checklist:visit-prep')") is None
    finally:
        context.close()
    assert sent == []  # nothing is sent anywhere


def test_a_printed_checklist_carries_edition_date_and_draft_mark(site: Path, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto((site / DRAFT_CHECKLIST).as_uri())
        page.emulate_media(media="print")
        text = page.locator("article").inner_text()
        assert "测试版" in text and "征求意见稿" in text
        assert page.locator(".gl-edition").is_visible()
        page.goto((site / "checklists/visit-prep.html").as_uri())
        text = page.locator("article").inner_text()
        assert "测试版" in text and "征求意见稿" not in text  # an approved procedure has no draft mark
    finally:
        page.close()


# --- 4. offline on the phone ---------------------------------------------------------
def test_after_one_visit_the_edition_works_offline(server: str, browser: Any) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(server + "index.html")
        page.wait_for_function("navigator.serviceWorker.ready.then(r => !!r.active)", timeout=30000)
        page.wait_for_function("caches.keys().then(k => k.some(n => n.startsWith('guideline-')))", timeout=30000)
        context.set_offline(True)
        page.goto(server + "chapters/02-visits/fall-response.html")
        assert page.locator("article h1").inner_text().startswith("2.1")
        page.goto(server + "glossary/index.html?h=认知障碍")  # highlight parameters are served from the cache too
        assert "认知障碍" in page.locator("article").inner_text()
        page.goto(server + "no-such-page.html")
        assert "找不到这个页面" in page.locator("article").inner_text()
        page.goto(server + "index.html")
        page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("input.md-search__input")
        page.wait_for_function("!document.querySelector('.md-search-result__meta')?.textContent.includes('初始化')")
        box.fill("敲门")
        box.press("End")
        page.wait_for_selector(".md-search-result__item")
    finally:
        context.close()


def test_the_service_worker_is_versioned_by_the_edition(site: Path) -> None:
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"guideline-' in worker and "caches.delete" in worker
    files = json.loads(worker.split("const FILES = ", 1)[1].split(";\n", 1)[0])
    assert "index.html" in files and "search/search_index.json" in files
    assert not any(f.startswith("download/") or f.endswith(".map") for f in files)


# --- 7. Chinese only; link crawl with the 404 page -----------------------------------------
def test_readers_see_no_english_chrome(site: Path) -> None:
    for page in [site / "404.html", *sorted(site.rglob("*.html"))[:40]]:
        html = page.read_text(encoding="utf-8")
        assert "Permanent link" not in html and "Made with" not in html, page
    assert 'title="本节链接"' in (site / "chapters/01-basics/door-knock.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_link_crawl_finds_no_broken_link(site: Path, server: str, browser: Any, scheme: str) -> None:
    base = server if scheme == "http" else site.as_uri() + "/"
    page = browser.new_page()
    broken = []
    try:
        for rel in ["404.html", *AXE_PAGES, "partners/index.html", DRAFT_CHECKLIST]:
            page.goto(base + rel)
            for href in page.eval_on_selector_all("a[href], link[href], script[src]", "els => els.map(e => e.href || e.src)"):
                if not href.startswith(base) and not href.startswith(server):
                    if href.startswith(("http://", "https://", "file://")) and "github.com" not in href:
                        broken.append(f"{rel} -> {href} (outside the site)")
                    continue
                target = site / unquote(urlsplit(href).path).removeprefix(urlsplit(base).path)
                if not target.is_file():
                    broken.append(f"{rel} -> {href}")
    finally:
        page.close()
    assert broken == []


# --- 8. the phone's first screen ------------------------------------------------------
def test_the_phone_first_screen_has_search_emergency_and_checklists(server: str, browser: Any) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(server + "index.html")
        for locator in (page.locator(".gl-quick-search label"), page.locator(".gl-quick a", has_text="入户核对清单"),
                        page.locator(".gl-quick a", has_text="2.1")):
            box = locator.first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, locator
        assert page.locator("text=版次").first.bounding_box()["y"] > page.locator(".gl-quick").bounding_box()["y"]
        # The draft banner tells the truth: this preview holds drafts, and says how many.
        assert page.locator(".admonition.warning", has_text="项尚未审定的草稿").count() == 1
        title = page.locator(".md-header__topic .md-ellipsis").first
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), "the header title is cut off"
        page.locator(".gl-quick-search label").click()
        assert page.locator("input.md-search__input").is_visible()
    finally:
        context.close()


# --- 9. feedback ---------------------------------------------------------------------------
def test_every_page_offers_feedback_with_the_page_prefilled(server: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(server + "chapters/01-basics/door-knock.html")
        link = page.get_by_role("link", name="对本页提意见")
        url = urlsplit(link.get_attribute("href"))
        query = parse_qs(url.query)
        assert url.netloc == "github.com" and url.path == "/example-net/guideline/issues/new"
        assert query["template"] == ["bug.yml"] and "敲门" in query["title"][0]
        assert "chapters/01-basics/door-knock.html" in query["where"][0]
        assert page.locator("a[href^='mailto:feedback@example.org']").count() == 1
    finally:
        page.close()


# --- 5. glossary in full; 6. one vocabulary ----------------------------------------------------
def test_glossary_shows_notes_see_also_sources_and_deprecated_forms(tmp_path: Path, browser: Any) -> None:
    root = site_corpus(tmp_path / "repo")
    term = root / "guideline/glossary/cognitive-impairment.yaml"
    term.write_text(term.read_text(encoding="utf-8") + "note: 一律用“认知障碍”。\nsee_also:\n  - service-user\n"
                    "source: 《示例依据》第 1 条\n", encoding="utf-8")
    result = run_cli(root, "build", "--site")
    assert result.code == 0, result.err
    page = browser.new_page()
    try:
        page.goto((root / "build/site/glossary/index.html").as_uri())
        text = page.locator("article").inner_text()
        for part in ("说明：一律用“认知障碍”。", "依据：《示例依据》第 1 条", "不推荐：「老年痴呆」。带有污名。（请改用「认知障碍」）",
                     "不推荐：「案主」。学术用语，一线不推荐。"):
            assert part in text, part
        page.get_by_role("link", name="服务对象").first.click()
        assert page.url.endswith("#term-service-user")
    finally:
        page.close()


def test_site_uses_the_shared_vocabulary(site: Path) -> None:
    html = (site / "chapters/01-basics/door-knock.html").read_text(encoding="utf-8")
    assert "实务经验" in html
    for old in ("实践经验", "相关操作", "不再使用"):
        assert not any(old in p.read_text(encoding="utf-8") for p in site.rglob("*.html")), old
