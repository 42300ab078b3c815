"""Cross-references: procedures, organisations, chapters, glossary terms, vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..catalogue import make
from ..findings import Finding
from ..model import Corpus, Source


def _each(source: Source, key: str) -> Iterator[tuple[int, str, tuple[int, int]]]:
    values = source.data.get(key)
    if isinstance(values, str):
        yield 0, values, source.marks.at((key,))
    elif isinstance(values, list):
        for i, v in enumerate(values):
            if isinstance(v, str):
                yield i, v, source.marks.at((key, i))


def _vocab(corpus: Corpus, source: Source, key: str, vocab: str, code: str) -> Iterator[Finding]:
    allowed = corpus.vocabulary(vocab)
    if not allowed:
        return
    for _, value, (line, col) in _each(source, key):
        if value not in allowed:
            yield make(code, source.path, line, col, value=value, allowed="、".join(f"{k}（{v}）" for k, v in allowed.items()))


def vocabularies(corpus: Corpus) -> Iterator[Finding]:
    for s in corpus.sources.values():
        if s.kind in ("procedure", "case"):
            yield from _vocab(corpus, s, "themes", "themes", "ref/unknown-theme")
        if s.kind == "procedure":
            yield from _vocab(corpus, s, "risk_level", "risk_levels", "ref/unknown-risk-level")
        if s.kind in ("procedure", "case", "note"):
            yield from _vocab(corpus, s, "status", "statuses", "ref/unknown-status")
    for org in corpus.organisations.values():
        for i, theme in enumerate(org.data.get("specialties") or []):
            if isinstance(theme, str) and corpus.vocabulary("themes") and theme not in corpus.vocabulary("themes"):
                line, col = org.source.marks.at((org.id, "specialties", i))
                yield make("ref/unknown-theme", org.source.path, line, col, value=theme,
                           allowed="、".join(corpus.vocabulary("themes")))


def _procedures(corpus: Corpus, source: Source, key: str) -> Iterator[Finding]:
    for _, pid, (line, col) in _each(source, key):
        if pid not in corpus.procedures:
            yield make("ref/unknown-procedure", source.path, line, col, id=pid)


def _orgs(corpus: Corpus, source: Source, key: str) -> Iterator[Finding]:
    for _, org, (line, col) in _each(source, key):
        if org not in corpus.organisations:
            yield make("ref/unknown-org", source.path, line, col, id=org)


def items(corpus: Corpus) -> Iterator[Finding]:
    notes_seen: dict[tuple[str, str], str] = {}
    for s in corpus.sources.values():
        folder = s.path.split("/")[-2] if "/" in s.path else ""
        if s.kind == "procedure":
            yield from _procedures(corpus, s, "related")
            yield from _orgs(corpus, s, "contributors")
            for _, pid, (line, col) in _each(s, "related"):
                if pid == s.data.get("id"):
                    yield make("ref/self-reference", s.path, line, col, id=pid)
        elif s.kind == "case":
            yield from _procedures(corpus, s, "procedures")
            yield from _orgs(corpus, s, "org")
            yield from _folder(s, "org", folder)
        elif s.kind == "note":
            yield from _procedures(corpus, s, "procedure")
            yield from _orgs(corpus, s, "org")
            yield from _note_path(s)
            key = (str(s.data.get("org")), str(s.data.get("procedure")))
            if key in notes_seen:
                line, col = s.marks.at(("procedure",))
                yield make("ref/duplicate-note", s.path, line, col, org=key[0], procedure=key[1], other=notes_seen[key])
            notes_seen.setdefault(key, s.path)
    for term in corpus.terms.values():
        src = corpus.sources.get("guideline/glossary.yaml")
        for i, other in enumerate(term.data.get("see_also") or []):
            if src and isinstance(other, str) and other not in corpus.terms:
                line, col = src.marks.at((term.id, "see_also", i))
                yield make("ref/unknown-term", src.path, line, col, id=other)


def _folder(source: Source, key: str, folder: str) -> Iterator[Finding]:
    value = source.data.get(key)
    if isinstance(value, str) and value != folder:
        line, col = source.marks.at((key,))
        yield make("ref/org-folder-mismatch", source.path, line, col, org=value, folder=folder)


def _note_path(source: Source) -> Iterator[Finding]:
    parts = source.path.split("/")
    org, proc = source.data.get("org"), source.data.get("procedure")
    if isinstance(org, str) and org != parts[2]:
        line, col = source.marks.at(("org",))
        yield make("ref/note-path-mismatch", source.path, line, col, expected=f"{parts[2]}/", actual=org)
    if isinstance(proc, str) and proc != parts[3][:-3]:
        line, col = source.marks.at(("procedure",))
        yield make("ref/note-path-mismatch", source.path, line, col, expected=parts[3], actual=proc)


def chapters(corpus: Corpus) -> Iterator[Finding]:
    settings = corpus.sources.get("guideline/guideline.yaml")
    order: Any = corpus.settings.get("chapters")
    listed = [str(c) for c in order] if isinstance(order, list) else []
    folders = {s.path.split("/")[1]: s for s in corpus.sources.values() if s.kind == "chapter"}
    if settings:
        for i, folder in enumerate(listed):
            if folder not in folders:
                line, col = settings.marks.at(("chapters", i))
                yield make("ref/unknown-chapter", settings.path, line, col, id=folder)
    for folder, s in folders.items():
        if settings and folder not in listed:
            yield make("ref/unlisted-chapter", s.path, 1, 1, folder=folder)
        for _, pid, (line, col) in _each(s, "procedures"):
            proc = corpus.procedures.get(pid)
            if proc is None or proc.source.path.split("/")[1] != folder:
                yield make("ref/unknown-procedure", s.path, line, col, id=pid)
    for proc in corpus.procedures.values():
        folder = proc.source.path.split("/")[1]
        chapter = folders.get(folder)
        if chapter is None or proc.id not in (chapter.data.get("procedures") or []):
            line, col = proc.source.marks.at(("id",))
            yield make("ref/unlisted-procedure", proc.source.path, line, col, id=proc.id,
                       index=f"guideline/{folder}/index.md")
