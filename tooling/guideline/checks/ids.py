"""Ids: equal to the file name where the kind says so, and unique across the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..kinds import kind_of
from ..model import Corpus

if TYPE_CHECKING:
    from . import Context


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    owners: dict[str, str] = {}
    for s in corpus.of_kind("procedure", "case", "chapter"):
        ident = s.data.get("id")
        if not isinstance(ident, str):
            continue
        if kind_of(s.kind).id_is_stem and ident != s.where.stem:
            yield make("id/file-name-mismatch", s.path, *s.marks.at(("id",)), id=ident, name=s.where.stem)
        if ident in owners:
            yield make("id/duplicate", s.path, *s.marks.at(("id",)), id=ident, other=owners[ident])
        else:
            owners[ident] = s.path
