"""Which items each edition and each output shows: the one rule both renderers, their
completeness checks, the release changelog and the review summary use.

*Preview*: everything (drafts are marked by the renderers).
*Published*: a procedure, note or case only when its status is `approved` **and** the
editing group's approval record (reviews/<path>.yaml) matches its current content;
a case, further, only in the outputs its consent scope allows: the website with 网站,
the handbook (PDF, DOCX, EPUB) with 出版.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from .model import Case, Chapter, Corpus, Item, PracticeNote, Procedure

PREVIEW, PUBLISHED = "preview", "published"
SITE, HANDBOOK = "site", "handbook"
CONSENT_FOR = {SITE: "网站", HANDBOOK: "出版"}
"""The consent scope value each published output needs."""
OUTPUT_ZH = {SITE: "网站", HANDBOOK: "手册"}


class Approval(enum.StrEnum):
    CURRENT = "current"
    """A record matches the item's content."""
    OUTDATED = "outdated"
    """A record exists, but the item changed after it was approved."""
    MISSING = "missing"
    """No record."""


def approval(corpus: Corpus, item: Item) -> Approval:
    record = corpus.reviews.get(item.source.path)
    if record is None:
        return Approval.MISSING
    return Approval.CURRENT if record.sha256 == item.source.sha256 else Approval.OUTDATED


def is_published(corpus: Corpus, item: Item) -> bool:
    """Approved by its status and by a current record of the editing group."""
    return item.approved and approval(corpus, item) is Approval.CURRENT


def consented_outputs(case: Case) -> tuple[str, ...]:
    """The published outputs a case's consent scope allows (site, handbook)."""
    return tuple(output for output, scope in CONSENT_FOR.items() if scope in case.scope)


def reaches(corpus: Corpus, item: Item) -> tuple[str, ...]:
    """The published outputs an item is in."""
    if not is_published(corpus, item):
        return ()
    if isinstance(item, Case):
        return consented_outputs(item)
    if isinstance(item, PracticeNote):
        procedure = corpus.procedures.get(item.procedure)
        return reaches(corpus, procedure) if procedure else ()
    return (SITE, HANDBOOK)


def edition(corpus: Corpus, name: str, output: str | None = None) -> Corpus:
    """The corpus as edition NAME shows it in OUTPUT (site, handbook; None: in any published output)."""
    if name == PREVIEW:
        return corpus

    def shown(item: Item) -> bool:
        outputs = reaches(corpus, item)
        return bool(outputs) and (output is None or output in outputs)

    procedures = {k: p for k, p in corpus.procedures.items() if shown(p)}
    return dataclasses.replace(
        corpus,
        chapters=[_chapter_with(c, [p for p in c.procedures if p.id in procedures]) for c in corpus.chapters],
        procedures=procedures,
        notes=[n for n in corpus.notes if shown(n)],
        cases={k: c for k, c in corpus.cases.items() if shown(c)},
    )


def _chapter_with(chapter: Chapter, procedures: list[Procedure]) -> Chapter:
    copy = dataclasses.replace(chapter)
    copy.procedures = procedures
    return copy


@dataclass(frozen=True)
class Withheld:
    """An item the editing group has not (or no longer) approved although its status says approved."""

    path: str
    title: str
    state: Approval


WITHHELD_ZH = {Approval.OUTDATED: "编辑组审阅后又被修改，需要重新审阅", Approval.MISSING: "还没有编辑组的审阅记录"}


def withheld(corpus: Corpus) -> list[Withheld]:
    """Approved items left out of the published edition for want of a current record."""
    items: list[Item] = [*corpus.procedures.values(), *corpus.notes, *corpus.cases.values()]
    out = []
    for item in items:
        state = approval(corpus, item)
        if item.approved and state is not Approval.CURRENT:
            out.append(Withheld(item.source.path, item.title, state))
    return sorted(out, key=lambda w: w.path)


def reach_text(corpus: Corpus, case: Case) -> str:
    """What the preview says on a case: the published outputs its consent allows, and
    whether the editing group's approval still stands between it and them."""
    outputs = consented_outputs(case)
    if not outputs:
        return "不进入正式版网站和手册（知情同意范围不含「网站」或「出版」）"
    where = "、".join(OUTPUT_ZH[o] for o in outputs)
    missing = [f"不含「{CONSENT_FOR[o]}」，不进入{OUTPUT_ZH[o]}" for o in CONSENT_FOR if o not in outputs]
    text = f"可进入正式版{where}" + (f"（知情同意范围{missing[0]}）" if missing else "")
    if is_published(corpus, case):
        return text
    state = approval(corpus, case)
    waiting = "审阅后又有修改，需重新审阅" if case.approved and state is Approval.OUTDATED else "尚待编辑组审阅通过"
    return f"{text}；{waiting}"
