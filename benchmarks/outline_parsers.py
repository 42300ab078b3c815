"""Candidate parsers for the validation outline, side by side on the shipped bodies (issue 18).

    python benchmarks/outline_parsers.py [--repeat 20]

CPU seconds per 1,000 real-length bodies (the shipped cases and procedures, repeated): each
parser's own parse, and the outline built from it. cmarkgfm (GitHub's cmark-gfm) is optional:
its Python binding gives HTML with `data-sourcepos` (line:column of blocks and, with cmark-gfm's
sourcepos, not of inline links), not a tree, so only its parse is timed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.gfm import gfm_plugin

from guideline.source import markdown

REPO = Path(__file__).resolve().parents[1]


def bodies() -> list[str]:
    out = []
    for f in sorted(REPO.glob("cases/*/*.md")) + sorted(REPO.glob("guideline/[0-9]*/*.md")):
        text = f.read_text(encoding="utf-8")
        out.append(text.split("\n---\n", 1)[1] if text.startswith("---") else text)
    return out


def timed(label: str, fn: Any, texts: list[str], repeat: int) -> None:
    start = time.process_time()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    per_1000 = (time.process_time() - start) / (repeat * len(texts)) * 1000
    print(f"{label:<62}{per_1000:>8.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    texts = bodies()
    trimmed = MarkdownIt("commonmark").use(gfm_plugin).disable(["inline", "footnote_tail", "text_join"])
    fast = markdown._fast()
    print(f"{len(texts)} shipped bodies, {sum(map(len, texts)) // len(texts)} characters on average; "
          "CPU seconds per 1,000 bodies")
    timed("markdown-it-py, the renderers' parser (parse)", markdown.parse, texts, args.repeat)
    timed("markdown-it-py, block rules only (the former outline's parse)", lambda t: trimmed.parse(t, {}), texts, args.repeat)
    timed("markdown-it-pyrs 0.4.0, tree with byte offsets", fast.tree, texts, args.repeat)
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        timed("cmarkgfm 2025.10.22, GFM to HTML with sourcepos (no tree)",
              lambda t: cmarkgfm.github_flavored_markdown_to_html(t, options=Options.CMARK_OPT_SOURCEPOS), texts, args.repeat)
    except ImportError:
        print("cmarkgfm not installed: skipped")
    timed("outline (markdown-it-pyrs, exact positions)", lambda t: markdown.outline(t, 1), texts, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
