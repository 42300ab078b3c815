"""text/markup: HTML in a field that is plain text (titles, checklist items, names, terms).

Every renderer escapes these strings for the context they land in, so markup there would
show as text anyway; refusing it keeps the reviewed file and every output saying the same
thing, and is the first of two layers (see docs/security.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..catalogue import make
from ..findings import Finding
from ..model import Source

if TYPE_CHECKING:
    from . import Context

# What an HTML parser would take as the start of a tag, comment, doctype or processing instruction.
_MARKUP = re.compile(r"<[A-Za-z!?/]")


def check(source: Source, context: Context) -> Iterator[Finding]:
    for path, value in strings(source.data, ()):
        m = _MARKUP.search(value)
        if m:
            line, col = source.marks.at(path)
            field = ".".join(str(p) for p in path if not isinstance(p, int))
            yield make("text/markup", source.path, line, col, field=field)


def strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in parsed YAML, with its path."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, (*path, i))
    elif isinstance(value, str):
        yield path, value
