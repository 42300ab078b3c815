"""The table of checks. Each check yields findings and never prints.

File checks see one parsed file and are cached with it; corpus checks see the whole
model and always run. Codes, severities and messages live in `..catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..findings import Finding
from ..model import Corpus, Source, Term
from ..source.markdown import Outline
from . import emphasis, glyphs, html, ids, placeholder, privacy, references, schema, structure, terms, typography


@dataclass
class Context:
    """What file checks may depend on besides the file itself (part of the cache key)."""

    terms: dict[str, Term] = field(default_factory=dict)
    allowlist: set[str] = field(default_factory=set)
    digest: str = ""


FileCheck = Callable[[Source, Outline, Context], Iterable[Finding]]
CorpusCheck = Callable[[Corpus], Iterable[Finding]]

FILE_CHECKS: list[tuple[str, FileCheck]] = [
    ("schema", lambda s, o, c: schema.check(s)),
    ("structure", lambda s, o, c: structure.check(s, o)),
    ("privacy", privacy.check),
    ("html", html.check),
    ("terms", terms.check),
    ("typography", typography.check),
    ("emphasis", emphasis.check),
    ("glyphs", glyphs.check),
    ("placeholder", placeholder.check),
]

CORPUS_CHECKS: list[tuple[str, CorpusCheck]] = [
    ("ids", ids.check),
    ("vocabularies", references.vocabularies),
    ("references", references.items),
    ("chapters", references.chapters),
]

