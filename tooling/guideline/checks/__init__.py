"""The table of checks. Each check yields findings and never prints.

File checks see one parsed file and are cached with it; corpus checks see the whole
model and always run. Each row declares the codes its check may emit (a test holds
every check to its row and every code to the catalogue). Codes, severities and
messages live in `..catalogue`.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..catalogue import PRIVACY_CATEGORIES, RULES
from ..findings import Finding
from ..model import Corpus, Source, Term
from . import approvals, ids, links, references, resources

if TYPE_CHECKING:
    from .terms import Glossary


@dataclass
class Context:
    """What file checks may depend on besides the file itself (part of the cache key)."""

    terms: dict[str, Term] = field(default_factory=dict)
    allowlist: set[str] = field(default_factory=set)
    """Terms and allowlist are for file checks: a run that takes every file from the cache leaves
    them empty (corpus checks read the corpus's own glossary)."""
    digest: str = ""
    today: str = field(default_factory=lambda: datetime.date.today().isoformat())
    """The checks' clock (ISO date): corpus checks that age, such as resource verification, read it."""

    @cached_property
    def glossary(self) -> Glossary:
        """The glossary's deprecated terms as patterns, built once per run, not once per file."""
        from .terms import glossary

        return glossary(self.terms)


FileCheck = Callable[[Source, Context], Iterable[Finding]]
CorpusCheck = Callable[[Corpus, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    codes: frozenset[str]
    """Every code this check may emit."""
    file: FileCheck | None = None
    """Runs on one parsed file (cached with it)."""
    corpus: CorpusCheck | None = None
    """Runs on the whole model, every time."""

    @property
    def scope(self) -> str:
        return "file" if self.file else "corpus"


def _file(module: str) -> FileCheck:
    """A file check whose module is imported when it first runs: a run that takes every file from
    the cache runs none, and importing them all (pattern tables, word lists) was a third of it."""
    loaded: list[FileCheck] = []

    def check(source: Source, context: Context) -> Iterable[Finding]:
        if not loaded:
            loaded.append(importlib.import_module(f"{__name__}.{module}").check)
        return loaded[0](source, context)
    check.__qualname__ = check.__name__ = f"{module}.check"
    return check


def _codes(*prefixes: str, exact: tuple[str, ...] = ()) -> frozenset[str]:
    return frozenset(c for c in RULES if c.startswith(prefixes)) | frozenset(exact)


CHECKS: tuple[Check, ...] = (
    Check("schema", _codes("schema/"), file=_file("schema")),
    Check("structure", _codes("structure/"), file=_file("structure")),
    Check("privacy", frozenset(PRIVACY_CATEGORIES) | _codes("privacy/missing-"), file=_file("privacy")),
    Check("html", _codes("html/"), file=_file("html")),
    Check("terms", _codes("term/"), file=_file("terms")),
    Check("typography", _codes("typography/") - {"typography/emphasis-hazard"}, file=_file("typography")),
    Check("emphasis", frozenset({"typography/emphasis-hazard"}), file=_file("emphasis")),
    Check("glyphs", _codes("font/"), file=_file("glyphs")),
    Check("placeholder", _codes("placeholder/"), file=_file("placeholder")),
    Check("text", _codes("text/"), file=_file("text")),
    Check("ids", _codes("id/"), corpus=ids.check),
    Check("vocabularies", frozenset({"ref/unknown-theme", "ref/unknown-risk-level", "ref/unknown-status"}),
          corpus=references.vocabularies),
    Check("references", frozenset({"ref/unknown-procedure", "ref/unknown-org", "ref/self-reference",
                                   "ref/org-folder-mismatch", "ref/note-path-mismatch", "ref/duplicate-note",
                                   "ref/unknown-term"}), corpus=references.items),
    Check("chapters", frozenset({"ref/unknown-chapter", "ref/unlisted-chapter", "ref/no-chapter",
                                 "ref/duplicate-order"}), corpus=references.chapters),
    Check("links", _codes("link/", exact=("ref/unknown-resource", "ref/unknown-form")), corpus=links.check),
    Check("resource-verification", _codes("resource/"), corpus=resources.verification),
    Check("forms", _codes("form/"), corpus=resources.forms),
    Check("pocket-card", frozenset({"ref/unknown-procedure", "ref/unknown-checklist-item"}), corpus=resources.pocket_card),
    Check("approvals", _codes("review/"), corpus=approvals.check),
)
FILE_CHECKS = tuple(c for c in CHECKS if c.file)
CORPUS_CHECKS = tuple(c for c in CHECKS if c.corpus)
