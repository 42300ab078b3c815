"""Ids: equal to the file name and unique across the corpus."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import make
from ..findings import Finding
from ..model import Corpus


def check(corpus: Corpus) -> Iterator[Finding]:
    owners: dict[str, str] = {}
    for s in corpus.sources.values():
        if s.kind not in ("procedure", "case", "chapter"):
            continue
        ident = s.data.get("id")
        if not isinstance(ident, str):
            continue
        line, col = s.marks.at(("id",))
        parts = s.path.split("/")
        name = parts[1] if s.kind == "chapter" else parts[-1][:-3]
        if s.kind != "chapter" and ident != name:
            yield make("id/file-name-mismatch", s.path, line, col, id=ident, name=name)
        if ident in owners:
            yield make("id/duplicate", s.path, line, col, id=ident, other=owners[ident])
        else:
            owners[ident] = s.path
