"""The built site in a real browser: Playwright driving Debian's Chromium, headless.

Chinese search, file:// browsing, no request leaving the site, a 390 px phone.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright import sync_api
from playwright.sync_api import Browser, Page, Route

from conftest import run_cli
from site_helpers import site_corpus

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["index.html", "chapters/01-basics/visit-prep.html", "chapters/01-basics/door-knock.html",
         "cases/beta-demo/beta-fall-at-night.html", "checklists/index.html", "glossary/index.html", "partners/index.html"]

# Chromium is installed by tooling/setup-system.sh: a missing browser is a failure, not a skip.


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = site_corpus(tmp_path_factory.mktemp("browser") / "repo")
    result = run_cli(root, "build", "--site")
    assert result.code == 0, result.err
    return root / "build" / "site"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def outside(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose requests outside the site are recorded and blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    left: list[str] = []

    def route(r: Route) -> None:
        url = r.request.url
        if url.startswith(("file://", "http://127.0.0.1:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            left.append(url)
            r.abort()

    context.route("**/*", route)
    yield context.new_page(), left
    context.close()


def search(page: Page, term: str) -> list[str]:
    """Type a query into Material's search box; the result pages, best first."""
    box = page.locator("input.md-search__input")
    box.focus()
    # Typing before the search worker has indexed the site is ignored; wait until it is ready.
    page.wait_for_function("!document.querySelector('.md-search-result__meta')?.textContent.includes('初始化')",
                           timeout=15000)
    box.fill(term)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.locator("li.md-search-result__item > a.md-search-result__link")
    return [urlsplit(h).path.rsplit("/site/", 1)[-1].lstrip("/") for h in (a.get_attribute("href") for a in links.all()) if h]


@pytest.mark.parametrize("term, expected", [
    ("敲门", "chapters/01-basics/door-knock.html"),
    ("跌倒应对", "chapters/02-visits/fall-response.html"),
    ("认知障碍", "glossary/index.html"),
    ("夜间跌倒", "cases/beta-demo/beta-fall-at-night.html"),
    ("三分钟核对", "chapters/01-basics/visit-prep.html"),
])
def test_chinese_search_finds_the_right_page(server: str, outside: tuple[Page, list[str]], term: str, expected: str) -> None:
    page, left = outside
    page.goto(server + "index.html")
    results = search(page, term)
    assert expected in results[:3], results
    assert left == []


def test_file_url_pages_link_to_pages_and_search_works(site: Path, outside: tuple[Page, list[str]]) -> None:
    page, left = outside
    for rel in PAGES:
        page.goto((site / rel).as_uri())
        assert page.locator("article h1").count() == 1
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        for href in hrefs:
            if not href.startswith("file://"):
                continue
            target = Path(unquote(urlsplit(href).path))
            assert target.is_file() and target.suffix in (".html", ".css", ".js", ".zip", ".pdf", ".docx", ".epub"), f"{rel} -> {href}"
    page.goto((site / "chapters/01-basics/door-knock.html").as_uri())
    page.click("text=入户前准备 >> nth=0")
    assert page.locator("article h1").inner_text().startswith("1.1 入户前准备")
    assert "chapters/01-basics/visit-prep.html" in search(page, "跌倒应对") + search(page, "入户前准备")
    assert left == []


def test_phone_width_has_no_horizontal_scrolling(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        for rel in PAGES:
            page.goto(server + rel)
            width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            assert width <= 390, f"{rel}: {width}px"
    finally:
        context.close()


def test_a_checklist_prints_on_one_page_without_site_chrome(site: Path, browser: Browser, tmp_path: Path) -> None:
    import subprocess

    page = browser.new_page()
    page.goto((site / "checklists/visit-prep.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()  # no navigation on paper
    assert page.locator("article").inner_text().count("核对服务对象信息") == 1
    pdf = tmp_path / "card.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info
