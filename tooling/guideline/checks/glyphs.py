"""font/missing-glyph: a character of a body that the handbook's fonts cannot print.

The build would stop on it (`fonts.check_coverage`); here it is a located
finding instead. Fonts are read only when a body has a character outside the ranges
every CJK font covers, and the check stays silent when the fonts are not installed
(the build then says how to install them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..model import Source
from ..source.prose import position

if TYPE_CHECKING:
    from . import Context

# ASCII, CJK punctuation, CJK Unified Ideographs, full-width forms: always in Noto CJK.
_COMMON = re.compile(r"[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")


def check(source: Source, context: Context) -> Iterator[Finding]:
    if not source.body or not _COMMON.search(source.body):
        return
    from .. import fonts
    from ..render import RenderError

    try:
        have = fonts.covered()
    except RenderError:
        return
    for ch in dict.fromkeys(_COMMON.findall(source.body)):  # each character once, at its first place
        if ord(ch) in have or not fonts.needs_glyph(ch):
            continue
        yield make("font/missing-glyph", source.path, *position(source.body, source.body_line, source.body.find(ch)),
                   char=ch, codepoint=f"{ord(ch):04X}")
