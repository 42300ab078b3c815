"""placeholder/unfilled: template text 「待填写」 left in a file.

`guideline new` and `guideline import` write 待填写 wherever a value is still
missing; each one left behind is a finding, so a half-filled file cannot be merged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..catalogue import make
from ..findings import Finding
from ..model import Source

if TYPE_CHECKING:
    from . import Context

PLACEHOLDER = "待填写"



def check(source: Source, context: Context) -> Iterator[Finding]:
    yield from _in_data(source, source.data, ())
    if not source.body or PLACEHOLDER not in source.body:
        return
    section = ""
    for i, line in enumerate(source.body.split("\n")):
        if line.startswith("## "):
            section = line[3:].strip()
        col = line.find(PLACEHOLDER)
        if col >= 0:
            where = f"「## {section}」小节" if section else "正文"
            yield make("placeholder/unfilled", source.path, source.body_line + i, col + 1, where=where)


def _in_data(source: Source, value: Any, path: tuple[Any, ...]) -> Iterator[Finding]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _in_data(source, v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _in_data(source, v, (*path, i))
    elif isinstance(value, str) and PLACEHOLDER in value:
        line, col = source.marks.at(path)
        field = ".".join(str(p) for p in path if not isinstance(p, int))
        yield make("placeholder/unfilled", source.path, line, col, where=f"字段「{field}」")
