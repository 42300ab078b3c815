"""term/*: deprecated and stigmatising terms from the glossary, in bodies and titles.

Code, link targets, quotations (“…”, 「…」) and titles of documents (《…》) are left
alone: a quotation records someone's own words, a document title is a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..kinds import PROSE_KINDS
from ..model import Source, Term
from ..source.prose import position, wording

if TYPE_CHECKING:
    from . import Context



@dataclass(frozen=True)
class Usage:
    term: str
    preferred: str
    reason: str
    replace: bool


@dataclass(frozen=True)
class Glossary:
    usages: dict[str, Usage]
    pattern: re.Pattern[str] | None
    preferred: re.Pattern[str] | None
    spaced: bool = False
    """A deprecated term holds a space, so blanking code or links could form one."""


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    words = sorted(set(w for w in words if w), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


@lru_cache(maxsize=8)
def _compile(key: tuple[tuple[str, str, str, bool], ...]) -> Glossary:
    usages = {t: Usage(t, p, r, rep) for t, p, r, rep in key}
    return Glossary(usages, _alternation(list(usages)), _alternation([p for _, p, _, _ in key]),
                    any(" " in t for t in usages))


def glossary(terms: dict[str, Term]) -> Glossary:
    """Deprecated terms of the glossary as one precompiled pattern (cached per glossary)."""
    key = tuple(sorted(
        (d.term, t.preferred, d.reason, d.replace)
        for t in terms.values() for d in t.deprecated
    ))
    return _compile(key)


def occurrences(text: str, g: Glossary) -> Iterator[tuple[int, Usage]]:
    """Deprecated terms in text, except inside an occurrence of a preferred term."""
    if g.pattern is None:
        return
    keep = [m.span() for m in g.preferred.finditer(text)] if g.preferred else []
    for m in g.pattern.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e in keep):
            yield m.start(), g.usages[m.group()]


def _finding(source: Source, line: int, col: int, u: Usage) -> Finding:
    fix = "运行 `guideline validate --fix` 可以自动替换。" if u.replace else "请按上下文改写（这里不能自动替换）。"
    return make("term/deprecated", source.path, line, col, term=u.term, reason=u.reason.rstrip("。"),
                preferred=u.preferred, fix=fix)


def check(source: Source, context: Context) -> Iterator[Finding]:
    if source.kind not in PROSE_KINDS:
        return
    g = context.glossary
    title = source.data.get("title")
    if isinstance(title, str) and g.pattern is not None and (g.spaced or g.pattern.search(title)):
        line, col = source.marks.at(("title",))
        raw = source.front.split("\n")[line - 2] if source.front else ""
        start = raw.find(title, col - 1)
        for offset, u in occurrences(wording(title), g):
            yield _finding(source, line, (start + 1 if start >= 0 else col) + offset, u)
    # The prose view only blanks characters: a term it holds is in the body too (unless the term
    # holds a space), so a body without any skips the view and the scans.
    if source.body and g.pattern is not None and (g.spaced or g.pattern.search(source.body)):
        text = source.wording
        for offset, u in occurrences(text, g):
            yield _finding(source, *position(text, source.body_line, offset), u)
