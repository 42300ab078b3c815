"""What a worker carries: hotlines verified within a year, forms that ask only for what the
records procedure allows, and a pocket card whose rules are still in their procedures."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..model import Corpus

if TYPE_CHECKING:
    from . import Context

STALE_AFTER_MONTHS = 12


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None  # the schema check reports it


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):  # 29 February, 31st of a short month
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def verification(corpus: Corpus, context: Context) -> Iterator[Finding]:
    """A number not checked against its source for 12 months is a warning (the clock is `context.today`)."""
    today = datetime.date.fromisoformat(context.today)
    limit = _months_before(today, STALE_AFTER_MONTHS)
    for r in corpus.resources.values():
        verified = _date(r.verified)
        if verified is None:
            continue
        if verified > today:
            yield make("resource/verified-in-future", r.source.path, *r.source.marks.at(("verified",)), verified=r.verified, today=context.today)
        elif verified < limit:
            yield make("resource/stale", r.source.path, *r.source.marks.at(("verified",)), name=r.name, verified=r.verified)


def _plain(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def forms(corpus: Corpus, context: Context) -> Iterator[Finding]:
    """Each form's labels and options against the fields the records procedure forbids."""
    forbidden = corpus.forbidden_fields
    rules = [(rule, [_plain(w) for w in rule.words]) for rule in (forbidden.fields if forbidden else [])]
    for form in corpus.forms.values():
        src = form.source
        for i, section in enumerate(form.sections):
            for j, f in enumerate(section.fields):
                at = ("sections", i, "fields", j)
                texts = [_plain(t) for t in (f.label, *f.options)]
                hit = next((rule for rule, words in rules for t in texts if any(w in t for w in words)), None)
                if hit is not None and forbidden is not None:
                    line, col = src.marks.at(at + ("label",))
                    yield make("form/forbidden-field", src.path, line, col, label=f.label, name=hit.name,
                               reason=hit.reason, procedure=forbidden.procedure)
                if f.type == "checkboxes" and not f.options:
                    line, col = src.marks.at(at + ("type",))
                    yield make("form/field-type", src.path, line, col, label=f.label, problem="是勾选框，却没有列出选项（options）。")
                elif f.type != "checkboxes" and f.options:
                    line, col = src.marks.at(at + ("options",))
                    yield make("form/field-type", src.path, line, col, label=f.label, problem="列出了选项（options），类型却不是 checkboxes。")
                if f.type != "text" and f.lines:
                    line, col = src.marks.at(at + ("lines",))
                    yield make("form/field-type", src.path, line, col, label=f.label, problem="写了行数（lines），类型却不是 text。")


def pocket_card(corpus: Corpus, context: Context) -> Iterator[Finding]:
    """The card quotes checklist items word for word, so a changed procedure cannot leave it behind."""
    card = corpus.pocket_card
    if card is not None:
        for i, rule in enumerate(card.rules):
            proc = corpus.procedures.get(rule.procedure)
            if proc is None:
                line, col = card.source.marks.at(("rules", i, "procedure"))
                yield make("ref/unknown-procedure", card.source.path, line, col, id=rule.procedure)
                continue
            for j, item in enumerate(rule.items):
                if item not in proc.checklist:
                    line, col = card.source.marks.at(("rules", i, "items", j))
                    yield make("ref/unknown-checklist-item", card.source.path, line, col, procedure=rule.procedure, item=item)
    forbidden = corpus.forbidden_fields
    if forbidden is not None and forbidden.procedure and forbidden.procedure not in corpus.procedures:
        line, col = forbidden.source.marks.at(("procedure",))
        yield make("ref/unknown-procedure", forbidden.source.path, line, col, id=forbidden.procedure)
