"""Approval records: an approved item that changed after the editing group approved it
stays out of the published edition, and says so; a record whose item is gone is named too.

An item marked approved without any record is no finding: it is simply not yet reviewed
(the review summary and the publish summary name it), and an organisation may merge it."""

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
        record = corpus.reviews.get(item.source.path)
        if record is not None and approval(corpus, item) is Approval.OUTDATED:
            line, col = item.source.marks.at(("status",))
            yield make("review/outdated", item.source.path, line, col, title=item.title, approved_on=record.date or "?",
                       item_path=item.source.path)
    known = {item.source.path for item in items}
    for target, record in corpus.reviews.items():
        if target not in known:
            yield make("review/orphan", record.source.path, 1, 1, target=target)
