"""Bytes a reader's browser fetches on the first visit to the home page (HTML, CSS, JS, search index).

    .venv/bin/python benchmarks/first_load.py [SITE]     # default: build/site

Serves the built site on 127.0.0.1, opens index.html in Chromium at 390 px, waits until the
search worker is ready (it loads the index on page load) and the network is idle, then sums
the size on disk of every file the page requested, per kind. Uncompressed bytes: the
figures do not depend on a server's compression.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import chromium, serve

REPO = Path(__file__).resolve().parents[1]


def kind(path: str) -> str:
    if "search_index" in path:
        return "search index"
    return {".html": "HTML", ".css": "CSS", ".js": "JS", ".json": "JSON"}.get(Path(path).suffix, "other")


def first_load(site: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    with serve(site) as base, chromium() as browser:
        # The service worker's background download of the whole edition (for offline use) is not
        # part of the first page load; offline_cache() measures it.
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, service_workers="block")
        page = context.new_page()
        seen: set[str] = set()

        def record(response: object) -> None:
            url = response.url  # type: ignore[attr-defined]
            if url.startswith(base) and url not in seen:
                seen.add(url)
                f = site / unquote(urlsplit(url).path).lstrip("/")
                if f.is_file():
                    sizes[kind(f.name)] += f.stat().st_size

        context.on("response", record)
        page.goto(base + "index.html", wait_until="networkidle")
        page.wait_for_timeout(1500)  # the worker's own fetches (index, scripts) settle
        context.close()
    return sizes


def offline_cache(site: Path) -> int:
    """Bytes the service worker keeps for reading offline (the files sw.js lists), 0 without one."""
    import json

    worker = site / "sw.js"
    if not worker.is_file():
        return 0
    listed = json.loads(worker.read_text(encoding="utf-8").split("const FILES = ", 1)[1].split(";\n", 1)[0])
    return sum((site / f).stat().st_size for f in listed)


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "site"
    sizes = first_load(site)
    for k, v in sorted(sizes.items()):
        print(f"{k:14} {v / 1024:8.1f} KiB")
    print(f"{'total':14} {sum(sizes.values()) / 1024:8.1f} KiB")
    print(f"offline cache (service worker, in the background after the first load): {offline_cache(site) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
