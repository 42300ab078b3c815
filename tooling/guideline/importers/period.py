"""Service periods as contributors write them, for every importer: 2025年3月, 2025-03, 2025.3, 2025/03, 2025 年.

A case keeps only a year or a year-month (DESIGN: never a full date), so a period
is normalised to YYYY or YYYY-MM, and a written-out day is refused, not dropped.
"""

from __future__ import annotations

import re

# A year, then optionally a month as 「3月」「年3月」「-03」「.3」「/3」.
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(?:(\d{1,2})\s*月份?)?|[-./](\d{1,2})(?![\d]))?")
# What may follow a period in a field: nothing, or the end of a range (「至2025年6月」「—6月」).
_RANGE = re.compile(r"\s*(?:(?:至|到|—|–|~|～|－)|-\s*(?:19|20)\d{2}).*", re.S)
_WHERE = re.compile(r"服务(?:时间|期间|时段)[：:\s]*(.{0,30})")


def _format(m: re.Match[str]) -> str | None:
    month = m.group(2) or m.group(3)
    if month is None:
        return m.group(1)
    return f"{m.group(1)}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def normalise(value: str) -> str | None:
    """YYYY or YYYY-MM for a field holding one period (a range keeps its start), None when it is not one."""
    text = value.strip()
    m = _PERIOD.match(text)
    if not m or (text[m.end():] and not _RANGE.fullmatch(text[m.end():])):
        return None
    return _format(m)


def find(text: str) -> str | None:
    """The first period in running text, the 服务时间 line first (a day after it is left out)."""
    found = _WHERE.search(text)
    for scope in ([found.group(1)] if found else []) + [text]:
        for m in _PERIOD.finditer(scope):
            if (when := _format(m)) is not None:
                return when
    return None
