"""Approval records: an item marked approved that the editing group has not approved (or
that changed after it did) stays out of the published edition, and says so; a record
whose item is gone is named too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..editions import Approval, approval
from ..findings import Finding
from ..model import Corpus, Item

if TYPE_CHECKING:
    from . import Context


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    items: list[Item] = [*corpus.procedures.values(), *corpus.notes, *corpus.cases.values()]
    for item in items:
        if not item.approved:
            continue
        state = approval(corpus, item)
        if state is Approval.CURRENT:
            continue
        line, col = item.source.marks.at(("status",))
        record = corpus.reviews.get(item.source.path)
        if state is Approval.OUTDATED and record is not None:
            yield make("review/outdated", item.source.path, line, col, title=item.title, date=record.date or "?",
                       file=item.source.path)
        else:
            yield make("review/missing", item.source.path, line, col, file=item.source.path)
    known = {item.source.path for item in items}
    for target, record in corpus.reviews.items():
        if target not in known:
            yield make("review/orphan", record.source.path, 1, 1, target=target)
