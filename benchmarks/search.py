"""How well the site's search finds the right procedure: the query set typed into the real search box.

    .venv/bin/python benchmarks/search.py [SITE] [--show]     # default: build/site

For every query in tests/data/search_queries.yaml the script opens the home page in Chromium
(390 px, served on 127.0.0.1), types the query and reads the result list. A query succeeds at k
when one of its expected procedures is among the first k pages; MRR is the mean of 1/rank of
the first expected procedure (0 when none is listed). --show prints every query's top three.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import chromium, search_results, serve

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "data" / "search_queries.yaml"


def procedure_id(path: str) -> str:
    """chapters/<folder>/<id>.html -> id; other pages count as no procedure."""
    parts = path.split("/")
    return parts[2][:-5] if len(parts) == 3 and parts[0] == "chapters" and parts[2] != "index.html" else ""


def rank(results: list[str], expect: list[str]) -> int:
    ids = [procedure_id(r) for r in results]
    return next((i + 1 for i, x in enumerate(ids) if x in expect), 0)


def run(site: Path, show: bool = False) -> dict[str, float]:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    ranks = []
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        for q in queries:
            page.goto(base + "index.html")
            page.locator("label.md-header__button[for='__search']").click()
            results = search_results(page, q["query"])
            r = rank(results, q["expect"])
            ranks.append(r)
            if show or not 0 < r <= 3:
                print(f"{'ok ' if 0 < r <= 3 else 'MISS'} {q['query']}: rank {r or '-'}; top 3: {[procedure_id(x) or x for x in results[:3]]}")
        context.close()
    n = len(ranks)
    return {"queries": n, "success@1": sum(r == 1 for r in ranks) / n,
            "success@3": sum(0 < r <= 3 for r in ranks) / n, "MRR": sum(1 / r for r in ranks if r) / n}


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    site = Path(args[0]) if args else REPO / "build" / "site"
    figures = run(site, "--show" in sys.argv)
    print("  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
