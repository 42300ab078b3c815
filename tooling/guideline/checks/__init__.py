"""The table of checks. Each check yields findings and never prints.

File checks see one parsed file and are cached with it; corpus checks see the whole
model and always run. Each row declares the codes its check may emit (a test holds
every check to its row and every code to the catalogue). Codes, severities and
messages live in `..catalogue`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..catalogue import PRIVACY_CATEGORIES, RULES
from ..findings import Finding
from ..model import Corpus, Source, Term
from . import (
    approvals,
    emphasis,
    glyphs,
    html,
    ids,
    links,
    placeholder,
    privacy,
    references,
    resources,
    schema,
    structure,
    terms,
    text,
    typography,
)
from .terms import Glossary


@dataclass
class Context:
    """What file checks may depend on besides the file itself (part of the cache key)."""

    terms: dict[str, Term] = field(default_factory=dict)
    allowlist: set[str] = field(default_factory=set)
    digest: str = ""
    today: str = field(default_factory=lambda: datetime.date.today().isoformat())
    """The checks' clock (ISO date): corpus checks that age, such as resource verification, read it."""

    @cached_property
    def glossary(self) -> Glossary:
        """The glossary's deprecated terms as patterns, built once per run, not once per file."""
        return terms.glossary(self.terms)


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


def _codes(*prefixes: str, exact: tuple[str, ...] = ()) -> frozenset[str]:
    return frozenset(c for c in RULES if c.startswith(prefixes)) | frozenset(exact)


CHECKS: tuple[Check, ...] = (
    Check("schema", _codes("schema/"), file=schema.check),
    Check("structure", _codes("structure/"), file=structure.check),
    Check("privacy", frozenset(PRIVACY_CATEGORIES) | _codes("privacy/missing-"), file=privacy.check),
    Check("html", _codes("html/"), file=html.check),
    Check("terms", _codes("term/"), file=terms.check),
    Check("typography", _codes("typography/") - {"typography/emphasis-hazard"}, file=typography.check),
    Check("emphasis", frozenset({"typography/emphasis-hazard"}), file=emphasis.check),
    Check("glyphs", _codes("font/"), file=glyphs.check),
    Check("placeholder", _codes("placeholder/"), file=placeholder.check),
    Check("text", _codes("text/"), file=text.check),
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
