"""Splitting a Markdown file into front matter and body."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import make
from ..findings import Finding

MAX_FRONT_MATTER = 64 * 1024


@dataclass(frozen=True)
class Split:
    front: str
    """The YAML text between the two ``---`` lines."""
    front_line: int
    """1-based line where the YAML text starts."""
    body: str
    body_line: int
    """1-based line where the body starts."""


def split(text: str, path: str) -> tuple[Split | None, list[Finding]]:
    if not (text.startswith("---\n") or text == "---"):
        return None, [make("frontmatter/missing", path, 1, 1)]
    end = -1
    pos = 4
    while True:
        nl = text.find("\n", pos)
        line = text[pos:] if nl < 0 else text[pos:nl]
        if line.rstrip() in ("---", "..."):
            end = pos
            break
        if nl < 0:
            break
        pos = nl + 1
    if end < 0:
        return None, [make("frontmatter/unterminated", path, 1, 1)]
    front = text[4:end]
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER:
        return None, [make("frontmatter/too-large", path, 1, 1, size=len(front.encode()), limit=MAX_FRONT_MATTER)]
    nl = text.find("\n", end)
    body = "" if nl < 0 else text[nl + 1:]
    body_line = front.count("\n") + 3
    return Split(front, 2, body, body_line), []
