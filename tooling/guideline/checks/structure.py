"""Body structure: the required sections of procedures and cases, in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..model import CASE_SECTIONS, PROCEDURE_OPTIONAL, PROCEDURE_SECTIONS, Source

if TYPE_CHECKING:
    from . import Context

_EXPECTED = {
    "procedure": (PROCEDURE_SECTIONS, PROCEDURE_SECTIONS + PROCEDURE_OPTIONAL),
    "case": (CASE_SECTIONS, CASE_SECTIONS),
}


def check(source: Source, context: Context) -> Iterator[Finding]:
    outline = source.outline
    for level, _text, line in outline.headings:
        if level == 1:
            yield make("structure/h1-in-body", source.path, line, 1)
    if source.kind not in _EXPECTED:
        return
    required, allowed = _EXPECTED[source.kind]
    expected = "、".join(f"## {s}" for s in allowed)
    seen: dict[str, int] = {}
    last_index, last_name = -1, ""
    for level, text, line in outline.headings:
        if level != 2:
            continue
        if text not in allowed:
            yield make("structure/unknown-section", source.path, line, 1, section=text, expected=expected)
            continue
        if text in seen:
            yield make("structure/duplicate-section", source.path, line, 1, section=text, first=seen[text])
            continue
        seen[text] = line
        index = allowed.index(text)
        if index < last_index:
            yield make("structure/section-order", source.path, line, 1, section=text, after=last_name, expected=expected)
        else:
            last_index, last_name = index, text
    for name in required:
        if name not in seen:
            yield make("structure/missing-section", source.path, source.body_line, 1, section=name,
                       expected="、".join(f"## {s}" for s in required))
