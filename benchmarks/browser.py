"""Shared by the browser benchmarks: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site over http://127.0.0.1 (a threaded http.server), its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def search_results(page: Any, query: str) -> list[str]:
    """Type a query into the site's search box; the result pages (paths from the site root), best first."""
    from urllib.parse import urlsplit

    box = page.locator("input.md-search__input")
    box.focus()
    # Typing before the worker has the index is ignored: wait until it is ready.
    page.wait_for_function("!document.querySelector('.md-search-result__meta')?.textContent.includes('初始化')", timeout=20000)
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("(() => { const t = document.querySelector('.md-search-result__meta')?.textContent || '';"
                           " return t.includes('没有找到') || t.includes('符合条件'); })()", timeout=20000)
    links = page.locator("li.md-search-result__item > a.md-search-result__link:first-child")
    hrefs = [a.get_attribute("href") for a in links.all()]
    return [urlsplit(h).path.rsplit("/site/", 1)[-1].lstrip("/") for h in hrefs if h]
