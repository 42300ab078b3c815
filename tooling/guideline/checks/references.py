"""Cross-references: procedures, organisations, chapters, glossary terms, vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..catalogue import make
from ..findings import Finding
from ..model import Corpus, Source

if TYPE_CHECKING:
    from . import Context


def _each(source: Source, key: str) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Every string value of a key (a single string or a list), with its path for `marks.at`
    (positions are looked up for findings only: a run from the cache loads them on demand)."""
    values = source.data.get(key)
    if isinstance(values, str):
        yield values, (key,)
    elif isinstance(values, list):
        for i, v in enumerate(values):
            if isinstance(v, str):
                yield v, (key, i)


def _vocab(source: Source, key: str, allowed: dict[str, str], code: str) -> Iterator[Finding]:
    if not allowed:
        return
    for value, at in _each(source, key):
        if value not in allowed:
            yield make(code, source.path, *source.marks.at(at), value=value, allowed="、".join(f"{k}（{v}）" for k, v in allowed.items()))


def vocabularies(corpus: Corpus, context: Context) -> Iterator[Finding]:
    s = corpus.settings
    for src in corpus.of_kind("procedure", "case", "organisation"):
        yield from _vocab(src, "specialties" if src.kind == "organisation" else "themes", s.themes, "ref/unknown-theme")
    for src in corpus.of_kind("procedure"):
        yield from _vocab(src, "risk_level", s.risk_levels, "ref/unknown-risk-level")
    for src in corpus.of_kind("procedure", "case", "note"):
        yield from _vocab(src, "status", s.statuses, "ref/unknown-status")


def _known(source: Source, key: str, known: dict[str, object] | set[str], code: str) -> Iterator[Finding]:
    for value, at in _each(source, key):
        if value not in known:
            yield make(code, source.path, *source.marks.at(at), id=value)


def items(corpus: Corpus, context: Context) -> Iterator[Finding]:
    procs, orgs = set(corpus.procedures), set(corpus.organisations)
    for p in corpus.procedures.values():
        yield from _known(p.source, "related", procs, "ref/unknown-procedure")
        yield from _known(p.source, "contributors", orgs, "ref/unknown-org")
        for pid, at in _each(p.source, "related"):
            if pid == p.id:
                yield make("ref/self-reference", p.source.path, *p.source.marks.at(at), id=pid)
    for c in corpus.cases.values():
        yield from _known(c.source, "procedures", procs, "ref/unknown-procedure")
        yield from _known(c.source, "org", orgs, "ref/unknown-org")
        if c.org != c.source.where.org:
            line, col = c.source.marks.at(("org",))
            yield make("ref/org-folder-mismatch", c.source.path, line, col, org=c.org, folder=c.source.where.org)
    notes_seen: dict[tuple[str, str], str] = {}
    for n in corpus.notes:
        src, where = n.source, n.source.where
        yield from _known(src, "procedure", procs, "ref/unknown-procedure")
        yield from _known(src, "org", orgs, "ref/unknown-org")
        if n.org and n.org != where.org:
            line, col = src.marks.at(("org",))
            yield make("ref/note-path-mismatch", src.path, line, col, expected=f"{where.org}/", actual=n.org)
        if n.procedure and n.procedure != where.stem:
            line, col = src.marks.at(("procedure",))
            yield make("ref/note-path-mismatch", src.path, line, col, expected=f"{where.stem}.md", actual=n.procedure)
        key = (n.org, n.procedure)
        if key in notes_seen:
            line, col = src.marks.at(("procedure",))
            yield make("ref/duplicate-note", src.path, line, col, org=n.org, procedure=n.procedure, other=notes_seen[key])
        notes_seen.setdefault(key, src.path)
    for term in corpus.terms.values():
        yield from _known(term.source, "see_also", set(corpus.terms), "ref/unknown-term")


def chapters(corpus: Corpus, context: Context) -> Iterator[Finding]:
    settings = corpus.settings.source
    listed = corpus.settings.chapters
    if settings:
        for i, folder in enumerate(listed):
            if folder not in corpus.chapter_files:
                line, col = settings.marks.at(("chapters", i))
                yield make("ref/unknown-chapter", settings.path, line, col, id=folder)
        for folder, chapter in corpus.chapter_files.items():
            if folder not in listed:
                yield make("ref/unlisted-chapter", chapter.source.path, 1, 1, folder=folder)
    for proc in corpus.procedures.values():
        if not proc.chapter:
            line, col = proc.source.marks.at(("id",))
            yield make("ref/no-chapter", proc.source.path, line, col, id=proc.id, folder=proc.folder)
    for chapter in corpus.chapters:
        seen: dict[int, str] = {}
        for proc in chapter.procedures:
            if proc.order is None:
                continue
            if proc.order in seen:
                line, col = proc.source.marks.at(("order",))
                yield make("ref/duplicate-order", proc.source.path, line, col, other=seen[proc.order], order=proc.order)
            seen.setdefault(proc.order, proc.id)
