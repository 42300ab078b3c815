"""The validation outline (markdown-it.rs, for speed) finds what the renderers' parser
(markdown-it-py, `source.markdown.parse`) shows: the same headings, link targets, images,
raw HTML and fences on every CommonMark and GFM conformance example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guideline.source.markdown import outline, parse, plain, walk

DATA = Path(__file__).parent / "data"
EXAMPLES = [(f"{suite} {e['example']}", e["markdown"])
            for suite, file in (("commonmark", "commonmark/spec.json"), ("gfm", "gfm/extensions.json"))
            for e in json.loads((DATA / file).read_text(encoding="utf-8"))]

# Justified differences (docs/markdown.md, "The validation outline"):
# - GFM extended autolinks (bare www., http(s):// and e-mail addresses) are not in the outline:
#   markdown-it.rs' autolink extension panics on non-ASCII text after a URL (common in Chinese
#   prose), and their targets are always http, https or mailto, which no check reports.
EXTENDED_AUTOLINKS = {"commonmark 608", "commonmark 611", "commonmark 612", "gfm 19", "gfm 24", "gfm 25"}


def reference(body: str) -> dict[str, list[object]]:
    """The outline's content, from the renderers' tokens."""
    out: dict[str, list[object]] = {"headings": [], "links": [], "images": [], "html": [], "fences": []}
    level = 0
    for tok in walk(parse(body)):
        if tok.type == "heading_open":
            level = int(tok.tag[1])
        elif tok.type == "inline" and level:
            out["headings"].append((level, plain(tok.children).strip()))
            level = 0
        elif tok.type == "html_block":
            out["html"].append(tok.content)
        elif tok.type == "fence":
            out["fences"].append(tok.info.strip())
        elif tok.type == "link_open":
            out["links"].append(tok.attrs.get("href", ""))
        elif tok.type == "image":
            out["images"].append(tok.attrs.get("src", ""))
        elif tok.type == "html_inline":
            out["html"].append(tok.content)
    return out


def fast(body: str) -> dict[str, list[object]]:
    o = outline(body, 1)
    return {"headings": [(level, text) for level, text, _ in o.headings], "links": [t for t, _, _ in o.links],
            "images": [t for t, _, _ in o.images], "html": [h for h, _, _ in o.html], "fences": [info for info, _ in o.fences]}


@pytest.mark.parametrize("name, body", EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_outline_agrees_with_the_renderers(name: str, body: str) -> None:
    want, got = reference(body), fast(body)
    if name in EXTENDED_AUTOLINKS:
        want["links"] = [t for t in want["links"] if not str(t).startswith(("http", "mailto:"))]
        got["links"] = [t for t in got["links"] if not str(t).startswith(("http", "mailto:"))]
    assert got == want
