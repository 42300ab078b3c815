"""Front matter a Word write-up allows us to fill: title, period, themes, procedures, id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Corpus
from . import period

_SLUG_PART = re.compile(r"[^a-z0-9]+")


def themes(text: str, corpus: Corpus) -> list[str]:
    return [key for key, label in corpus.settings.themes.items() if label in text]


def procedures(text: str, corpus: Corpus) -> list[str]:
    return [p.id for p in corpus.procedures.values() if p.title and p.title in text]


def case_id(root: Path, org: str, source: Path, when: str | None) -> str:
    """An ASCII id: from the file name when it has Latin letters, else <org>-<period>."""
    stem = _SLUG_PART.sub("-", source.stem.lower()).strip("-")
    base = stem if re.search(r"[a-z]", stem) else f"{org}-{when or 'case'}"
    candidate, n = base[:60].strip("-"), 2
    while (root / "cases" / org / f"{candidate}.md").exists():
        candidate, n = f"{base[:56]}-{n}", n + 1
    return candidate


def values(root: Path, corpus: Corpus, org: str, source: Path, title: str, text: str,
           given_id: str | None) -> dict[tuple[str, ...], Any]:
    when = period.find(text)
    out: dict[tuple[str, ...], Any] = {("org",): org, ("id",): given_id or case_id(root, org, source, when)}
    if title:
        out[("title",)] = title  # a title too long is a schema finding, never cut
    if when:
        out[("period",)] = when
    for key, found in ((("themes",), themes(text, corpus)), (("procedures",), procedures(text, corpus))):
        if found:
            out[key] = found
    return out
