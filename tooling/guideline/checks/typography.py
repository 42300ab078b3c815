"""typography/*: Chinese copywriting rules (autocorrect) on Markdown bodies.

autocorrect's Markdown mode leaves code, links and HTML alone; front matter is never
passed to it. Each changed stretch of a line is one warning at its first difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import autocorrect_py

from ..catalogue import make
from ..findings import Finding
from ..kinds import PROSE_KINDS
from ..model import Source

if TYPE_CHECKING:
    from . import Context


_H = "\u3400-\u9fff\uf900-\ufaff"
_FULL = "，。：；！？、（）「」『』“”《》"
_HALF = r"A-Za-z0-9,.:;!?()\[\]-"
# Every change autocorrect makes touches one of these; a body without any is left unparsed.
# (Checked against autocorrect on ~11,000 single-character edits of real and generated cases.)
# The stretches: Han then half-width, half-width (or %) then Han, a space before or after
# full-width punctuation, two or more spaces between Han and a letter or digit. Each
# alternative starts at its rarer, non-Han character, so a search skips the Han text fast
# (a Han-first alternative is tried at nearly every position of Chinese prose: 3x slower).
SUSPECT = re.compile(
    rf"[%{_HALF}](?:(?<=[{_H}][{_HALF}])|(?=[{_H}]))|[{_FULL}](?= )"
    rf"|[ ](?:(?=[{_FULL}])|(?<=[{_H}] )(?= +[A-Za-z0-9])|(?<=[A-Za-z0-9] )(?= +[{_H}]))"
)


# autocorrect's parser stops with "call limit reached" on long bodies (about 10,000 blocks):
# bodies are handed over in pieces of at most this many lines, cut at blank lines outside code.
CHUNK_LINES = 1000


def chunks(body: str, size: int = CHUNK_LINES) -> list[tuple[int, str]]:
    """(index of first line, text) pieces that concatenate back to body, each cut at a blank
    line outside fenced code once it holds `size` lines (a piece without such a line grows on)."""
    lines = body.split("\n")
    out: list[tuple[int, str]] = []
    start, fence = 0, ""
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif not line.strip() and i - start >= size:
            out.append((start, "\n".join(lines[start:i]) + "\n"))
            start = i
    out.append((start, "\n".join(lines[start:])))
    return out


def _halves(text: str) -> tuple[str, str] | None:
    lines = text.split("\n")
    if len(lines) < 2:
        return None
    mid = len(lines) // 2
    return "\n".join(lines[:mid]) + "\n", "\n".join(lines[mid:])


def _format(text: str) -> str:
    try:
        return str(autocorrect_py.format_for(text, "md"))
    except ValueError:  # still too long for autocorrect: halve it; a single line stays as it is
        halves = _halves(text)
        return text if halves is None else _format(halves[0]) + _format(halves[1])


def _lint(text: str, first: int) -> list[tuple[int, int, str, str]]:
    """(0-based line in the body, 1-based column, old, new) of each changed stretch."""
    try:
        result = autocorrect_py.lint_for(text, "md")
    except ValueError:
        halves = _halves(text)
        if halves is None:
            return []
        return _lint(halves[0], first) + _lint(halves[1], first + halves[0].count("\n"))
    return [(first + int(r.line) - 1, int(r.col), str(r.old), str(r.new)) for r in result.lines]


def format_body(body: str) -> str:
    """The body as autocorrect would write it (used by --fix)."""
    return "".join(_format(text) for _, text in chunks(body))


def _first_difference(old: str, new: str) -> int:
    for i, (a, b) in enumerate(zip(old, new, strict=False)):  # lengths differ where text was added
        if a != b:
            return i
    return min(len(old), len(new))


def check(source: Source, context: Context) -> Iterator[Finding]:
    if source.kind not in PROSE_KINDS or not SUSPECT.search(source.body):
        return
    for first, text in chunks(source.body):
        for line, col, old, new in _lint(text, first):
            only_spaces = old.replace(" ", "") == new.replace(" ", "")
            code = "typography/spacing" if only_spaces else "typography/punctuation"
            yield make(code, source.path, source.body_line + line, col + _first_difference(old, new))
