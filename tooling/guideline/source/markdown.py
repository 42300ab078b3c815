"""What the checks need from a Markdown body: headings, links, raw HTML, with lines.

One dialect for contributors: CommonMark + GFM tables and strikethrough, as GitHub's
preview shows it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # Inline parsing is most of the cost; run it only on text that can hold a link or HTML.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")



_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def internal_target(source_path: str, href: str) -> str | None:
    """The repository path a link in source_path points at; None for anchors and external links."""
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return None
    path = unquote(href.partition("#")[0].split("?")[0])  # markdown-it percent-encodes hrefs
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))


@dataclass
class Outline:
    headings: list[tuple[int, str, int]] = field(default_factory=list)
    """(level, text, line) for every heading."""
    links: list[tuple[str, int, int]] = field(default_factory=list)
    """(target, line, column) for every link and image."""
    html: list[tuple[str, int, int]] = field(default_factory=list)
    """(raw html, line, column) for every HTML block or inline HTML."""


def _locate(lines: list[str], first: int, last: int, needle: str) -> tuple[int, int]:
    for i in range(first, min(last, len(lines))):
        col = lines[i].find(needle)
        if col >= 0:
            return i, col
    return first, 0


def outline(body: str, body_line: int) -> Outline:
    """Parse a body once; lines are 1-based file lines."""
    md = _block_parser()
    env: dict[str, object] = {}
    tokens = md.parse(body, env)
    lines = body.split("\n")
    out = Outline()
    for i, tok in enumerate(tokens):
        start, end = tok.map if tok.map else (0, 1)
        if tok.type == "heading_open":
            text = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
            out.headings.append((int(tok.tag[1]), text, start + body_line))
        elif tok.type == "html_block":
            out.html.append((tok.content, start + body_line, 1))
        elif tok.type == "inline" and ("[" in tok.content or "<" in tok.content):
            children: list[Token] = []
            parser().inline.parse(tok.content, parser(), env, children)
            _inline(children, lines, start, end, body_line, out)
    return out


def _inline(children: list[Token], lines: list[str], start: int, end: int, body_line: int, out: Outline) -> None:
    for child in children:
        if child.type in ("link_open", "image"):
            target = str(child.attrs.get("href") or child.attrs.get("src") or "")
            row, col = _locate(lines, start, end, "](" + target.split("#")[0][:20])
            out.links.append((target, row + body_line, col + 3))
        elif child.type == "html_inline":
            row, col = _locate(lines, start, end, child.content)
            out.html.append((child.content, row + body_line, col + 1))
