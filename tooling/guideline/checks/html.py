"""html/*: raw HTML, script, frames, event handlers, attribute lists, unsafe links, images.

Contributors write Markdown; the only raw HTML allowed is <br>, <sup>, <sub> and <kbd>
without attributes (line breaks in tables, footnote marks, key names). Anything else
could hide text from reviewers or run script on the published site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..model import Source
from ..source.prose import position

if TYPE_CHECKING:
    from . import Context

ALLOWED_TAGS = {"br", "sup", "sub", "kbd"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "livescript:")


_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?|<[!?]")
_EVENT = re.compile(r"(?<![A-Za-z0-9-])(on[a-z]+)\s*=", re.I)
_URL_ATTR = re.compile(r"(?:href|src|action|formaction|xlink:href|data|poster|background)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
# Pandoc's attribute blocks ({#id .class key=value}, {=format}, {: ...}), also across line breaks:
# bodies never reach pandoc's Markdown reader, but contributors must not rely on them anywhere.
_ATTR_LIST = re.compile(r"\{:[^{}]*\}|\{\s*[#.=][^{}\s][^{}]*\}|\{[^{}]*\b[\w-]+\s*=[^{}]*\}", re.I)
# Link destinations, including definitions inside list items and block quotes.
_LINK_DEST = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]*)|^[ \t>*+\-\d.)]*\[[^\]\n]+\]:\s*(\S+)|<([A-Za-z][A-Za-z0-9+.\-\s&#;]*:[^>\n]*)>", re.M)


def unsafe_scheme(target: str) -> str | None:
    """The dangerous scheme a link target resolves to, seeing through entities, whitespace and case."""
    t = target.strip("<>\"'")
    for _ in range(3):
        t = html.unescape(t)
    t = re.sub(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2060\ufeff]", "", t).lower()
    for candidate in (t, unquote(t)):
        for scheme in UNSAFE_SCHEMES:
            if candidate.startswith(scheme):
                return scheme
    return None


def _tags(source: Source, fragment: str, line: int, col: int, opened: set[str]) -> Iterator[Finding]:
    for m in _TAG.finditer(fragment):
        before = fragment[:m.start()]
        row = line + before.count("\n")
        column = col + m.start() if "\n" not in before else m.start() - before.rfind("\n")
        name, attrs = (m.group(2) or "").lower(), m.group(3) or ""
        if m.group() == "<!--":
            yield make("html/comment", source.path, row, column)
        elif not name:
            yield make("html/raw", source.path, row, column, tag=m.group()[1:] or "!")
        elif m.group(1):
            if name not in ALLOWED_TAGS and name not in opened:
                yield make("html/raw", source.path, row, column, tag="/" + name)  # a closing tag alone
            continue  # otherwise it belongs to the finding on its opening tag
        elif name == "script":
            yield make("html/script", source.path, row, column)
        elif name in FRAMES:
            yield make("html/iframe", source.path, row, column, tag=name)
        else:
            events = _EVENT.findall(attrs)
            for attr in events:
                yield make("html/event-handler", source.path, row, column, attr=attr.lower())
            for u in _URL_ATTR.finditer(attrs):
                scheme = unsafe_scheme(u.group(1))
                if scheme:
                    yield make("html/unsafe-link", source.path, row, column, scheme=scheme)
            if not events and (name not in ALLOWED_TAGS or attrs.strip(" /")):
                yield make("html/raw", source.path, row, column, tag=name)


def check(source: Source, context: Context) -> Iterator[Finding]:
    if not source.body:
        return
    opened = {m.group(2).lower() for fragment, _, _ in source.outline.html for m in _TAG.finditer(fragment) if m.group(2) and not m.group(1)}
    for fragment, line, col in source.outline.html:
        yield from _tags(source, fragment, line, col, opened)
    for info, line in source.outline.fences:
        if info.strip().startswith("{"):
            yield make("html/raw-format", source.path, line, 1, info="```" + info.strip())
    text = source.code_free
    for m in _ATTR_LIST.finditer(text):
        yield make("html/attr-list", source.path, *position(text, source.body_line, m.start()))
    for m in _LINK_DEST.finditer(text):
        group = next(g for g in (m.group(1), m.group(2), m.group(3)) if g is not None)
        scheme = unsafe_scheme(group)
        if scheme:
            start = m.start(1) if m.group(1) is not None else m.start(2) if m.group(2) is not None else m.start(3)
            yield make("html/unsafe-link", source.path, *position(text, source.body_line, start), scheme=scheme)
    scope = (source.data.get("consent") or {}).get("scope") if isinstance(source.data.get("consent"), dict) else None
    for _target, line, col in source.outline.images:
        yield make("html/image", source.path, line, col)
        if source.kind == "case" and not (isinstance(scope, list) and "照片" in scope):
            yield make("html/image-consent", source.path, line, col)
