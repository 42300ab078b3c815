"""The contributors' Markdown dialect, parsed in one place for the checks, the site and the handbook.

The dialect is what GitHub's preview shows: CommonMark 0.31.2 plus the GFM extensions
tables, strikethrough, extended autolinks, task lists, footnotes and alerts
(``> [!NOTE]``). markdown-it-py with mdit-py-plugins' GFM plugin parses it; the site
renders its tokens to HTML, the handbook turns the same tokens into pandoc's syntax
tree (`guideline.handbook.body`), so both show one structure. See docs/markdown.md.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

import markdown_it_pyrs
from markdown_it_pyrs import Node

if TYPE_CHECKING:  # markdown-it-py is imported by the renderers' first parse: validation never needs it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one parser of contributors' bodies (and the site's renderer, footnotes written as GitHub writes them)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.gfm import gfm_plugin

    md = MarkdownIt("commonmark").use(gfm_plugin)
    md.add_render_rule("footnote_caption", lambda self, tokens, idx, options, env: str(tokens[idx].meta["id"] + 1))
    md.add_render_rule("footnote_block_open", lambda self, tokens, idx, options, env:
                       '<section class="footnotes">\n<ol class="footnotes-list">\n')
    anchor = md.renderer.rules["footnote_anchor"]  # type: ignore[attr-defined]
    md.add_render_rule("footnote_anchor", lambda self, tokens, idx, options, env:
                       anchor(tokens, idx, options, env).replace("\u21a9\ufe0e", "\u21a9"))
    return md


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SAFE_SCHEMES = ("http", "https", "mailto")


def internal_target(source_path: str, href: str) -> str | None:
    """The repository path a link in source_path points at; None for anchors and external links."""
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return None
    path = unquote(href.partition("#")[0].split("?")[0])  # markdown-it percent-encodes hrefs
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))


def allowed_target(href: str) -> bool:
    """The one URL policy of every output: http, https, mailto, in-page anchors and links between sources."""
    m = _SCHEME.match(href)
    if m:
        return m.group().rstrip(":").lower() in SAFE_SCHEMES
    return bool(href) and not href.startswith("//")


@lru_cache(maxsize=1)
def _slugify() -> object:
    from pymdownx.slugs import slugify  # the site's table of contents uses the same (mkdocs.yml)

    return slugify(case="lower")


def slug(text: str) -> str:
    """A heading's id: the site's (mkdocs.yml toc slugify), used for the handbook and the anchor check."""
    return str(_slugify()(text, "-"))  # type: ignore[operator]


def unique_slugs(texts: list[str]) -> list[str]:
    """Ids of a body's headings in order, with Python-Markdown's _1, _2 for repeats."""
    seen: set[str] = set()
    out = []
    for text in texts:
        base = candidate = slug(text)
        n = 0
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def plain(children: list[Token] | None) -> str:
    """The text of inline tokens without markup (a heading's table-of-contents entry)."""
    out = []
    for c in children or []:
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif c.type == "image":
            out.append(plain(c.children))
    return "".join(out)


def _wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


def join_east_asian_lines(tokens: list[Token]) -> None:
    """A line break inside a paragraph between two Chinese characters joins the lines without a
    space, on the site and in the handbook alike (CSS Text's segment-break rule, pandoc's
    east_asian_line_breaks); elsewhere it stays a space."""
    for tok in tokens:
        kids = tok.children or []
        for i, c in enumerate(kids):
            if c.type != "softbreak":
                continue
            before = next((k.content[-1:] for k in reversed(kids[:i]) if k.type in ("text", "code_inline") and k.content), "")
            after = next((k.content[:1] for k in kids[i + 1:] if k.type in ("text", "code_inline") and k.content), "")
            if _wide(before) and _wide(after):
                c.type, c.content = "text", ""


def parse(body: str, env: dict[str, object] | None = None) -> list[Token]:
    """Tokens of a body as both renderers use them."""
    tokens = parser().parse(body, {} if env is None else env)
    join_east_asian_lines(tokens)
    return tokens


def walk(tokens: list[Token]) -> Iterator[Token]:
    """Every token, inline children included."""
    for tok in tokens:
        yield tok
        if tok.children:
            yield from walk(tok.children)


@dataclass
class Outline:
    headings: list[tuple[int, str, int]] = field(default_factory=list)
    """(level, plain text, line) for every heading."""
    links: list[tuple[str, int, int]] = field(default_factory=list)
    """(target, line, column) for every link (inline, reference-style, autolink, in any container)."""
    link_texts: list[str] = field(default_factory=list)
    """The text of each link, in the order of `links`."""
    images: list[tuple[str, int, int]] = field(default_factory=list)
    """(target, line, column) for every image, inline or reference-style."""
    html: list[tuple[str, int, int]] = field(default_factory=list)
    """(raw html, line, column) for every HTML block or inline HTML."""
    fences: list[tuple[str, int]] = field(default_factory=list)
    """(info string, line) of every fenced code block."""

    @property
    def anchors(self) -> set[str]:
        """Ids of the body's headings, as in-page links (#...) use them."""
        return set(unique_slugs([text for _, text, _ in self.headings]))


@lru_cache(maxsize=1)
def _fast() -> markdown_it_pyrs.MarkdownIt:
    """The outline's parser: markdown-it.rs (the Rust port of markdown-it) with the same GFM
    extensions, about 9x faster than markdown-it-py on real bodies and with the byte offsets of
    every node, inline ones included. tests/test_outline_agreement.py checks that it finds the
    same headings, links, images, raw HTML and fences as `parse` on every conformance example."""
    return markdown_it_pyrs.MarkdownIt("commonmark").enable_many(
        ["table", "strikethrough", "tasklist", "footnote"])

_TEXT = frozenset({"text", "text_special"})
_BREAKS = frozenset({"softbreak", "hardbreak"})
_SKIP = frozenset({"html_inline", "footnote_ref", "footnote_ref_anchor", "todo_checkbox"})


def _plain(node: Node) -> str:
    """A heading's text as `plain` gives it from the renderers' tokens (escapes and entities resolved)."""
    out: list[str] = []
    for child in node.children:
        name = child.name
        if name in _TEXT:
            out.append(child.meta.get("content", ""))
        elif name in _BREAKS:
            out.append(" ")
        elif name not in _SKIP:
            out.append(_plain(child))
    return "".join(out)


def _content(node: Node) -> str:
    """A link's text: the content of every text, code and HTML node inside it."""
    out: list[str] = []
    for child in node.children:
        if child.name in _TEXT or child.name == "html_inline":
            out.append(child.meta.get("content", ""))
        elif child.name == "image":
            out.append(_plain(child))
        else:
            out.append(_content(child))
    return "".join(out)


class _Places:
    """File line and column (1-based, in characters) of byte offsets into a body."""

    def __init__(self, body: str, body_line: int) -> None:
        self.data = body.encode("utf-8")
        self.starts = [0, *(m.end() for m in re.finditer(b"\n", self.data))]
        self.body_line = body_line

    def at(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self.starts, offset) - 1
        start = self.starts[row]
        return row + self.body_line, len(self.data[start:offset].decode("utf-8", "replace")) + 1


def _destination(body: bytes, node: Node) -> int:
    """Byte offset of an inline link's destination (after `](`), else of the link itself."""
    start, end = node.srcmap or (0, 0)
    kids = [c.srcmap[1] for c in node.children if c.srcmap]
    after = max(kids) if kids else start + 1
    at = body.find(b"](", after, end)
    return at + 2 if at >= 0 else start


# CommonMark 0.31's inline comment; markdown-it.rs follows 0.30, which ends a comment at any "--",
# and leaves the rest as text (commonmark examples 625, 626): the outline finds those in text nodes.
_COMMENT = re.compile(rb"<!--(?:>|->|.*?-->)", re.S)


def outline(body: str, body_line: int) -> Outline:
    """Parse a body once; lines are 1-based file lines, columns count characters."""
    body = body.replace("\0", "\ufffd")  # as the parser does, keeping byte offsets aligned
    places = _Places(body, body_line)
    out = Outline()
    _visit(_fast().tree(body), len(places.data), places, out)
    return out


# Blocks whose descendants are inlines only. A link, image, autolink or raw HTML inside one
# needs a "[" or a "<" in its source, so one without either is not walked into.
_INLINE_BLOCKS = frozenset({"paragraph", "heading", "lheading", "table"})


def _visit(node: Node, block_end: int, places: _Places, out: Outline) -> None:
    data = places.data
    for child in node.children:
        name = child.name
        span = child.srcmap or (0, 0)  # only footnote containers and task boxes have none
        if name in _INLINE_BLOCKS:
            if name in ("heading", "lheading"):
                out.headings.append((child.meta["level"], _plain(child).strip(), places.at(span[0])[0]))
            if child.srcmap and data.find(b"[", *span) < 0 and data.find(b"<", *span) < 0:
                continue
        elif name in ("link", "autolink"):
            out.links.append((child.meta.get("url", ""), *places.at(_destination(data, child))))
            out.link_texts.append(_content(child))
        elif name == "image":
            out.images.append((child.meta.get("url", ""), *places.at(span[0])))
        elif name == "html_block":
            out.html.append((child.meta["content"], places.at(span[0])[0], 1))
        elif name == "html_inline":
            out.html.append((child.meta["content"], *places.at(span[0])))
        elif name == "fence":
            out.fences.append((child.meta.get("info", "").strip(), places.at(span[0])[0]))
        elif name == "text":
            if "<!--" in child.meta.get("content", ""):
                at = data.find(b"<!--", span[0], span[1])
                m = _COMMENT.match(data, at, block_end) if at >= 0 else None
                if m:
                    out.html.append((m.group().decode("utf-8", "replace"), *places.at(at)))
            continue  # a leaf
        elif name == "code_inline":
            continue
        kids = child.children
        if kids:
            _visit(child, span[1] if span[1] and name not in ("link", "image", "em", "strong", "s") else block_end,
                   places, out)
