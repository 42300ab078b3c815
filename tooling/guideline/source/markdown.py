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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.gfm import gfm_plugin


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one parser of contributors' bodies (and the site's renderer, footnotes written as GitHub writes them)."""
    md = MarkdownIt("commonmark").use(gfm_plugin)
    md.add_render_rule("footnote_caption", lambda self, tokens, idx, options, env: str(tokens[idx].meta["id"] + 1))
    md.add_render_rule("footnote_block_open", lambda self, tokens, idx, options, env:
                       '<section class="footnotes">\n<ol class="footnotes-list">\n')
    anchor = md.renderer.rules["footnote_anchor"]  # type: ignore[attr-defined]
    md.add_render_rule("footnote_anchor", lambda self, tokens, idx, options, env:
                       anchor(tokens, idx, options, env).replace("\u21a9\ufe0e", "\u21a9"))
    return md


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # Inline parsing is most of the cost; the outline runs it only on text that can hold a link or HTML.
    return MarkdownIt("commonmark").use(gfm_plugin).disable(["inline", "footnote_tail", "text_join"])


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


def _locate(lines: list[str], first: int, last: int, needles: tuple[str, ...]) -> tuple[int, int]:
    for i in range(first, min(last, len(lines))):
        for needle in needles:
            col = lines[i].find(needle) if needle else -1
            if col >= 0:
                return i, col
    return first, 0


_INLINE_HINT = re.compile(r"[\[<]|https?:|www\.|@")


def outline(body: str, body_line: int) -> Outline:
    """Parse a body once; lines are 1-based file lines."""
    md = _block_parser()
    env: dict[str, object] = {}
    tokens = md.parse(body, env)
    lines = body.split("\n")
    out = Outline()
    for i, tok in enumerate(tokens):
        start, end = tok.map if tok.map else (0, 1)
        if tok.type == "heading_open" and i + 1 < len(tokens):
            children: list[Token] = []
            parser().inline.parse(tokens[i + 1].content, parser(), env, children)
            out.headings.append((int(tok.tag[1]), plain(children).strip(), start + body_line))
        elif tok.type == "html_block":
            out.html.append((tok.content, start + body_line, 1))
        elif tok.type == "fence":
            out.fences.append((tok.info, start + body_line))
        elif tok.type == "inline" and _INLINE_HINT.search(tok.content):
            children = []
            parser().inline.parse(tok.content, parser(), env, children)
            _inline(children, lines, start, end, body_line, out)
    return out


def _link_text(children: list[Token], opening: Token) -> str:
    i = children.index(opening) if opening in children else -1
    text = []
    for tok in children[i + 1:] if i >= 0 else []:
        if tok.type == "link_close":
            break
        text.append(tok.content)
    return "".join(text)


def _inline(children: list[Token], lines: list[str], start: int, end: int, body_line: int, out: Outline) -> None:
    for child in walk(children):
        if child.type in ("link_open", "image"):
            target = str(child.attrs.get("href") or child.attrs.get("src") or "")
            if child.type == "image":
                row, col = _locate(lines, start, end, ("![",))
                out.images.append((target, row + body_line, col + 1))
                continue
            raw = unquote(target)[:20] or ")"
            row, col = _locate(lines, start, end, ("](" + raw, "](<" + raw, "](" + target[:20], "]: " + raw, "<" + raw, "][", "]"))
            out.links.append((target, row + body_line, col + (3 if lines[row][col:col + 2] == "](" else 1)))
            out.link_texts.append(_link_text(children, child))
        elif child.type == "html_inline":
            row, col = _locate(lines, start, end, (child.content,))
            out.html.append((child.content, row + body_line, col + 1))
