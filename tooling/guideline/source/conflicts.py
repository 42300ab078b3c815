"""Leftover git conflict markers, found before any parsing.

Git writes `<<<<<<< ours`, optionally `||||||| base`, `=======` and `>>>>>>> theirs`
at the start of lines. `<<<<<<<` and `>>>>>>>` never start a line of valid Markdown or
YAML here, so each is a marker wherever it is. `=======` alone is also a Markdown
setext heading underline, and `|||||||` could start a table row, so these two count
only between an opening and a closing marker.
"""

from __future__ import annotations

import re

from ..catalogue import make
from ..findings import Finding

_OPEN = re.compile(r"<{7}(?:[ \t].*)?")
_CLOSE = re.compile(r">{7}(?:[ \t].*)?")
_BASE = re.compile(r"\|{7}(?:[ \t].*)?")
_SEPARATOR = re.compile(r"={7}[ \t]*")


def markers(text: str) -> list[tuple[int, str]]:
    """(1-based line, marker) of every conflict marker line."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []  # separators and base markers count only after an opening marker: none here
    found: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _OPEN.fullmatch(line):
            found.append((number, "<<<<<<<"))
            inside = True
        elif _CLOSE.fullmatch(line):
            found.append((number, ">>>>>>>"))
            inside = False
        elif inside and _SEPARATOR.fullmatch(line):
            found.append((number, "======="))
        elif inside and _BASE.fullmatch(line):
            found.append((number, "|||||||"))
    return found


def check(text: str, path: str) -> list[Finding]:
    return [make("file/conflict-marker", path, line, 1, marker=marker) for line, marker in markers(text)]
