"""typography/emphasis-hazard: ** or * that will show literally because of full-width punctuation.

CommonMark opens emphasis only on a left-flanking run and closes it only on a
right-flanking one: `**注意：**先敲门` has a closing `**` after 「：」 and before 「先」,
which is not right-flanking, so GitHub, the site and the handbook all print the
asterisks. Moving the punctuation outside the markers (`**注意**：先敲门`) renders.
`fix` does that rewrite for `validate --fix`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..model import Source
from ..source.prose import position, without_code

if TYPE_CHECKING:
    from . import Context

# A pair of markers on one line, not escaped, with something inside.
_PAIR = re.compile(r"(?<![\\*])(\*\*|\*)(?![\s*])([^*\n]*?[^\s*\\])\1(?!\*)")


def _punct(ch: str) -> bool:
    return bool(ch) and (unicodedata.category(ch).startswith("P") or ch in "～·")


def _word(ch: str) -> bool:
    """Neither whitespace nor punctuation (nor the line's start or end)."""
    return bool(ch) and not ch.isspace() and not _punct(ch)


def hazards(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each pair whose opening or closing marker fails CommonMark's flanking rule, with the punctuation."""
    for m in _PAIR.finditer(text):
        inner = m.group(2)
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _punct(inner[0]) and _word(before):
            yield m, inner[0]
        elif _punct(inner[-1]) and _word(after):
            yield m, inner[-1]


def fix(body: str) -> str:
    """Move full-width punctuation at the edges of a hazardous pair outside its markers."""
    text = without_code(body)
    out, last = [], 0
    for m, _ in hazards(text):
        marker, inner = m.group(1), body[m.start(2):m.end(2)]
        lead = len(inner) - len(inner.lstrip("".join(c for c in inner[:3] if _punct(c))))
        trail = len(inner) - len(inner.rstrip("".join(c for c in inner[-3:] if _punct(c))))
        core = inner[lead:len(inner) - trail]
        if not core:
            continue
        out += [body[last:m.start()], inner[:lead], marker, core, marker, inner[len(inner) - trail:]]
        last = m.end()
    return "".join(out) + body[last:]


def check(source: Source, context: Context) -> Iterator[Finding]:
    if "*" not in source.body:
        return
    text = source.code_free
    for m, punct in hazards(text):
        yield make("typography/emphasis-hazard", source.path, *position(text, source.body_line, m.start()),
                   marker=m.group(1), punct=punct)
