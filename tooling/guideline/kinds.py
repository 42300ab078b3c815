"""The registry of source file kinds: the one place that knows where each kind of file
lives, what its path says, its schema, its model class, and which checks and outputs
it takes part in.

Adding a kind means one `Kind` row here, one model class in `model.py` (with
`from_source` and `register`) and one schema in `schemas/`; `docs/architecture.md`
lists the places that may need a line more (templates, renderers).
Nothing else splits paths: `parse_path` does it once, and the `SourcePath` it returns
travels with the `Source`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import (
    Case,
    Chapter,
    ForbiddenFields,
    Form,
    Organisation,
    PocketCard,
    PracticeNote,
    Procedure,
    Resource,
    Review,
    Settings,
    Source,
    SourcePath,
    Term,
)

_SLUG = r"[^/]+"


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    """What a contributor calls it (review summaries, messages)."""
    pattern: re.Pattern[str]
    """Full match on the repository path; named groups give org, chapter and stem."""
    schema: str
    """`schemas/<schema>.schema.json`."""
    build: Callable[[Source], Any]
    """The model class's `from_source`."""
    markdown: bool = False
    """Front matter and a Markdown body (else a YAML file)."""
    prose: bool = False
    """Privacy, terms, typography and html checks read its text."""
    id_is_stem: bool = False
    """Its `id` must equal its file name."""
    outputs: tuple[str, ...] = ()
    """The renderers that show it: site, handbook."""


def _p(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("{slug}", _SLUG))


KINDS: tuple[Kind, ...] = (
    Kind("guideline", "总体设置", _p(r"guideline/guideline\.yaml"), "guideline", Settings.from_source,
         outputs=("site", "handbook")),
    Kind("organisation", "机构登记", _p(r"organisations/(?P<stem>{slug})\.yaml"), "organisation",
         Organisation.from_source, outputs=("site", "handbook")),
    Kind("term", "术语", _p(r"guideline/glossary/(?P<stem>{slug})\.yaml"), "term", Term.from_source,
         outputs=("site", "handbook")),
    Kind("chapter", "章", _p(r"guideline/(?P<chapter>(?!notes/|glossary/|resources/|forms/){slug})/index\.md"), "chapter",
         Chapter.from_source, markdown=True, prose=True, outputs=("site", "handbook")),
    Kind("procedure", "程序", _p(r"guideline/(?P<chapter>(?!notes/|glossary/|resources/|forms/){slug})/(?P<stem>{slug})\.md"),
         "procedure", Procedure.from_source, markdown=True, prose=True, id_is_stem=True, outputs=("site", "handbook")),
    Kind("note", "实务经验", _p(r"guideline/notes/(?P<org>{slug})/(?P<stem>{slug})\.md"), "note",
         PracticeNote.from_source, markdown=True, prose=True, outputs=("site", "handbook")),
    Kind("case", "案例", _p(r"cases/(?P<org>{slug})/(?P<stem>{slug})\.md"), "case", Case.from_source,
         markdown=True, prose=True, id_is_stem=True, outputs=("site", "handbook")),
    # The editing group's approval of one procedure, note or case; mirrors the item's path.
    Kind("review", "审阅记录", _p(r"reviews/(?:guideline|cases)/.+\.md\.yaml"), "review", Review.from_source),
    # What a worker carries (issue 16): hotlines, printable forms, the pocket card, and the
    # fields no form may ask for. Procedures cite resources and forms by linking to their files.
    Kind("resource", "热线与资源", _p(r"guideline/resources/(?P<stem>{slug})\.yaml"), "resource", Resource.from_source,
         outputs=("site", "handbook")),
    Kind("form", "表单", _p(r"guideline/forms/(?P<stem>{slug})\.yaml"), "form", Form.from_source,
         outputs=("site", "handbook")),
    Kind("pocket-card", "随身卡", _p(r"guideline/pocket-card\.yaml"), "pocket-card", PocketCard.from_source,
         outputs=("site", "handbook")),
    Kind("forbidden-fields", "表单禁填项", _p(r"guideline/forbidden-fields\.yaml"), "forbidden-fields",
         ForbiddenFields.from_source),
)
CITABLE_KINDS = frozenset({"resource", "form"})
"""Kinds a body may link to by file: the outputs show the record's current name (and number)."""
BY_NAME = {k.name: k for k in KINDS}
MARKDOWN_KINDS = frozenset(k.name for k in KINDS if k.markdown)
PROSE_KINDS = frozenset(k.name for k in KINDS if k.prose)
ROOTS = ("guideline", "cases", "organisations", "reviews")
ALLOWLIST_FILE = "privacy-allowlist.yaml"
"""The editing group's reviewed exceptions to the privacy check (hashes, never values)."""
"""Folders whose every file must belong to a kind (a stray file is a finding)."""


def parse_path(path: str) -> SourcePath | None:
    """The kind and parts of a repository-relative path, or None if it has no place in the corpus."""
    for kind in KINDS:
        m = kind.pattern.fullmatch(path)
        if m:
            parts = m.groupdict()
            return SourcePath(path, kind.name, parts.get("org") or "", parts.get("chapter") or "", parts.get("stem") or "")
    return None


def kind_of(name: str) -> Kind:
    return BY_NAME[name]
