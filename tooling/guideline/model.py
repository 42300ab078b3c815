"""The loaded corpus: settings, organisations, chapters, procedures, notes, cases, glossary.

Every item is a typed dataclass built from one parsed file (`Source`) by its
`from_source`; invalid values (the schema check reports them) become empty defaults,
so checks, templates and renderers never see raw YAML. Items keep their `Source` so
that every check can point at a file, line and column. Display numbers (第3章, 3.2)
are computed from order here, never stored in sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from .source import prose
from .source.markdown import Outline
from .source.yamlparse import Marks

PROCEDURE_SECTIONS = ["目的", "适用情形", "操作步骤", "注意事项"]
PROCEDURE_OPTIONAL = ["常见问题", "相关表单", "参考依据"]
CASE_SECTIONS = ["案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思"]

APPROVED = "approved"
PLACEHOLDER = "待填写"
"""What templates and importers write wherever a value is still missing (`placeholder/unfilled`)."""
CHINESE_NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class SourcePath:
    """A repository path parsed once by its kind's pattern (see `kinds.py`)."""

    path: str
    kind: str
    org: str = ""
    """The organisation folder (cases/<org>/, guideline/notes/<org>/)."""
    chapter: str = ""
    """The chapter folder (guideline/<chapter>/)."""
    stem: str = ""
    """The file name without its extension: the item's id where the kind says so."""


@dataclass
class Source:
    """One parsed file: its YAML data with positions, its Markdown body and outline.

    `data` is the file as YAML gave it: only the schema, placeholder and privacy checks,
    which judge what was written, read it; everything else reads the typed items."""

    where: SourcePath
    data: dict[str, Any]
    marks: Marks
    body: str = ""
    body_line: int = 1
    front: str = ""
    """The raw front matter text of a Markdown file (it starts at line 2), for exact positions."""
    outline: Outline = field(default_factory=Outline)
    """Headings, links and raw HTML of the body, with file lines."""
    sha256: str = ""
    """SHA-256 of the file's canonical text (see `approvals.canonical_hash`): what an approval record matches."""

    @property
    def path(self) -> str:
        return self.where.path

    @property
    def kind(self) -> str:
        return self.where.kind

    @cached_property
    def code_free(self) -> str:
        """The body with code blanked (`prose.without_code`): computed once for all the checks."""
        return prose.without_code(self.body)

    @cached_property
    def wording(self) -> str:
        """The body's prose only (`prose.wording`): computed once for all the checks."""
        return prose.wording_of(self.code_free)

    def __getstate__(self) -> dict[str, Any]:
        # The views are derived from the body: not worth their bytes in the validation cache.
        return {k: v for k, v in self.__dict__.items() if k not in _VIEWS}


_VIEWS = ("code_free", "wording")


# --- reading typed values out of YAML data (invalid values become defaults) --------------

def _str(d: dict[str, Any], key: str, default: str = "") -> str:
    v = d.get(key)
    return v if isinstance(v, str) else default


def _strs(d: dict[str, Any], key: str) -> list[str]:
    v = d.get(key)
    if isinstance(v, str):
        return [v]
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def _map(d: dict[str, Any], key: str) -> dict[str, Any]:
    v = d.get(key)
    return v if isinstance(v, dict) else {}


def _labels(d: dict[str, Any], key: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in _map(d, key).items()}


def _int(d: dict[str, Any], key: str) -> int | None:
    v = d.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


# --- settings (guideline/guideline.yaml) --------------------------------------------------

@dataclass(frozen=True)
class Licence:
    name: str = ""
    url: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Release:
    version: str = ""
    date: str = ""
    edition: str = ""
    changes: tuple[str, ...] = ()


@dataclass
class Settings:
    """guideline/guideline.yaml: title, edition, chapter order, controlled vocabularies, releases."""

    source: Source | None = None
    title: str = "指引"
    subtitle: str = ""
    edition: str = ""
    version: str = ""
    publisher: str = ""
    repository: str = ""
    """https://github.com/<owner>/<name>: where readers' comments open an issue form."""
    contact_email: str = ""
    """For readers without a GitHub account."""
    search_synonyms: dict[str, str] = field(default_factory=dict)
    """A reader's word -> the word the guideline uses (site search)."""
    licence: Licence = field(default_factory=Licence)
    editing_group: list[str] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    """Chapter folders in reading order."""
    themes: dict[str, str] = field(default_factory=dict)
    risk_levels: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    releases: list[Release] = field(default_factory=list)
    """Newest first."""

    @classmethod
    def from_source(cls, source: Source) -> Settings:
        d = source.data
        lic = _map(d, "licence")
        releases = [
            Release(_str(r, "version"), _str(r, "date"), _str(r, "edition"), tuple(_strs(r, "changes")))
            for r in d.get("releases") or [] if isinstance(r, dict)
        ] if isinstance(d.get("releases"), list) else []
        return cls(
            source=source, title=_str(d, "title", "指引"), subtitle=_str(d, "subtitle"), edition=_str(d, "edition"),
            version=_str(d, "version"), publisher=_str(d, "publisher"),
            repository=_str(d, "repository").rstrip("/"), contact_email=_str(d, "contact_email"),
            search_synonyms=_labels(d, "search_synonyms"),
            licence=Licence(_str(lic, "name"), _str(lic, "url"), _str(lic, "reason")),
            editing_group=_strs(d, "editing_group"), maintainers=_strs(d, "maintainers"),
            chapters=[str(c) for c in d.get("chapters") or []] if isinstance(d.get("chapters"), list) else [],
            themes=_labels(d, "themes"), risk_levels=_labels(d, "risk_levels"), statuses=_labels(d, "statuses"),
            releases=releases,
        )

    def register(self, corpus: Corpus) -> None:
        corpus.settings = self


# --- items ---------------------------------------------------------------------------

@dataclass
class Organisation:
    """One partner organisation (organisations/<id>.yaml)."""

    source: Source
    id: str
    name: str
    short_name: str
    district: str = ""
    specialties: list[str] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    website: str = ""
    description: str = ""
    example: bool = False
    referral: Referral | None = None
    """How partners refer people to it (the referral directory); None when it takes no referrals."""

    @classmethod
    def from_source(cls, source: Source) -> Organisation:
        d, oid = source.data, source.where.stem
        name = _str(d, "name", oid)
        return cls(source, oid, name, _str(d, "short_name", name), _str(d, "district"), _strs(d, "specialties"),
                   _strs(d, "maintainers"), _strs(d, "emails"), _strs(d, "domains"), _str(d, "website"),
                   _str(d, "description"), d.get("example") is True, Referral.from_data(d.get("referral"), _str(d, "district")))

    def register(self, corpus: Corpus) -> None:
        corpus.organisations.setdefault(self.id, self)


@dataclass(frozen=True)
class Deprecated:
    term: str
    reason: str = ""
    replace: bool = False


@dataclass
class Term:
    """One glossary term (guideline/glossary/<id>.yaml)."""

    source: Source
    id: str
    preferred: str
    definition: str = ""
    note: str = ""
    deprecated: list[Deprecated] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    reference: str = ""
    """The term's `source` field: where the definition comes from."""

    @classmethod
    def from_source(cls, source: Source) -> Term:
        d, tid = source.data, source.where.stem
        deprecated = [Deprecated(x["term"], _str(x, "reason"), x.get("replace") is True)
                      for x in d.get("deprecated") or [] if isinstance(x, dict) and isinstance(x.get("term"), str)
                      ] if isinstance(d.get("deprecated"), list) else []
        return cls(source, tid, _str(d, "preferred", tid), _str(d, "definition"), _str(d, "note"), deprecated,
                   _strs(d, "see_also"), _str(d, "source"))

    def register(self, corpus: Corpus) -> None:
        corpus.terms.setdefault(self.id, self)


@dataclass
class Item:
    """Common shape of chapters, procedures, notes and cases (Markdown files)."""

    source: Source
    id: str
    title: str
    status: str

    DEFAULT_STATUS: ClassVar[str] = "draft"

    @property
    def body(self) -> str:
        return self.source.body

    @property
    def approved(self) -> bool:
        return self.status == APPROVED

    @classmethod
    def _common(cls, source: Source, default_id: str) -> tuple[Source, str, str, str]:
        d = source.data
        return source, _str(d, "id", default_id), _str(d, "title"), _str(d, "status", cls.DEFAULT_STATUS)


@dataclass
class Chapter(Item):
    folder: str = ""
    number: int = 0
    procedures: list[Procedure] = field(default_factory=list)
    """Its procedures in order (filled when the corpus is assembled)."""

    DEFAULT_STATUS: ClassVar[str] = APPROVED

    @classmethod
    def from_source(cls, source: Source) -> Chapter:
        return cls(*cls._common(source, source.where.chapter), folder=source.where.chapter)

    def register(self, corpus: Corpus) -> None:
        corpus.chapter_files.setdefault(self.folder, self)

    @property
    def display_number(self) -> str:
        return f"第{chinese_number(self.number)}章"

    @property
    def anchor(self) -> str:
        return f"chapter-{ident(self.id)}"


@dataclass
class Procedure(Item):
    folder: str = ""
    """The chapter folder the file is in."""
    order: int | None = None
    """Position within its chapter (front matter `order`)."""
    contributors: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    risk_level: str = ""
    related: list[str] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    last_reviewed: str = ""
    chapter: str = ""
    """Chapter id (set when the corpus is assembled; empty when its folder is not a listed chapter)."""
    number: str = ""
    """Computed display number such as ``3.2``."""

    @classmethod
    def from_source(cls, source: Source) -> Procedure:
        d = source.data
        return cls(*cls._common(source, source.where.stem), folder=source.where.chapter, order=_int(d, "order"),
                   contributors=_strs(d, "contributors"), themes=_strs(d, "themes"), risk_level=_str(d, "risk_level"),
                   related=_strs(d, "related"), checklist=_strs(d, "checklist"), last_reviewed=_str(d, "last_reviewed"))

    def register(self, corpus: Corpus) -> None:
        corpus.procedures.setdefault(self.id, self)

    @property
    def anchor(self) -> str:
        return f"procedure-{ident(self.id)}"


@dataclass
class PracticeNote(Item):
    procedure: str = ""
    org: str = ""

    @classmethod
    def from_source(cls, source: Source) -> PracticeNote:
        d = source.data
        org, procedure = _str(d, "org"), _str(d, "procedure")
        # A note has no id field: it is the organisation's note on one procedure.
        return cls(source, f"{org}/{procedure}", _str(d, "title"), _str(d, "status", cls.DEFAULT_STATUS),
                   procedure=procedure, org=org)

    def register(self, corpus: Corpus) -> None:
        corpus.notes.append(self)

    @property
    def anchor(self) -> str:
        return note_anchor(self.org, self.procedure)


@dataclass(frozen=True)
class Consent:
    given_by: str = ""
    method: str = ""
    scope: tuple[str, ...] = ()
    recorded_in: str = ""
    date: str = ""


@dataclass(frozen=True)
class Deidentification:
    reviewer: str = ""
    date: str = ""


@dataclass
class Case(Item):
    org: str = ""
    themes: list[str] = field(default_factory=list)
    procedures: list[str] = field(default_factory=list)
    period: str = ""
    consent: Consent | None = None
    deidentified: Deidentification | None = None
    example: bool = False
    authors: list[str] = field(default_factory=list)

    @classmethod
    def from_source(cls, source: Source) -> Case:
        d, w = source.data, source.where
        c, di = d.get("consent"), d.get("deidentified")
        consent = Consent(_str(c, "given_by"), _str(c, "method"), tuple(_strs(c, "scope")), _str(c, "recorded_in"),
                          _str(c, "date")) if isinstance(c, dict) else None
        deid = Deidentification(_str(di, "reviewer"), _str(di, "date")) if isinstance(di, dict) else None
        period = d.get("period")
        return cls(*cls._common(source, w.stem), org=_str(d, "org", w.org), themes=_strs(d, "themes"),
                   procedures=_strs(d, "procedures"), period="" if period is None else str(period),
                   consent=consent, deidentified=deid, example=d.get("example") is True, authors=_strs(d, "authors"))

    def register(self, corpus: Corpus) -> None:
        corpus.cases.setdefault(self.id, self)

    @property
    def anchor(self) -> str:
        return f"case-{ident(self.id)}"

    @property
    def scope(self) -> tuple[str, ...]:
        return self.consent.scope if self.consent else ()


# --- the corpus ------------------------------------------------------------------------

@dataclass
class Corpus:
    root: str
    settings: Settings = field(default_factory=Settings)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    """Listed chapters in reading order."""
    chapter_files: dict[str, Chapter] = field(default_factory=dict)
    """Every chapter file by folder, listed or not."""
    procedures: dict[str, Procedure] = field(default_factory=dict)
    notes: list[PracticeNote] = field(default_factory=list)
    cases: dict[str, Case] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    """The editing group's approval records, by the path of the item they approve."""
    resources: dict[str, Resource] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    pocket_card: PocketCard | None = None
    forbidden_fields: ForbiddenFields | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    """Every file that parsed, by path."""
    files: set[str] = field(default_factory=set)
    """Every corpus file found, whether it parsed or not (links to a broken file are not broken links)."""

    def of_kind(self, *kinds: str) -> Iterable[Source]:
        return (s for s in self.sources.values() if s.kind in kinds)

    def ordered_procedures(self) -> list[Procedure]:
        return [p for c in self.chapters for p in c.procedures]

    def notes_for(self, procedure_id: str) -> list[PracticeNote]:
        return [n for n in self.notes if n.procedure == procedure_id]

    def cases_for(self, procedure_id: str) -> list[Case]:
        return [c for c in self.cases.values() if procedure_id in c.procedures]

    def related(self, p: Procedure) -> list[Procedure]:
        """Related procedures both ways (those it names and those naming it), in reading order:
        the same list on the site and in the handbook."""
        ids = set(p.related) | {q.id for q in self.procedures.values() if p.id in q.related}
        return [q for q in self.ordered_procedures() if q.id in ids and q.id != p.id]

    def org_name(self, org_id: str) -> str:
        org = self.organisations.get(org_id)
        return org.name if org else org_id

    def ordered_resources(self) -> list[Resource]:
        """Resources by `order`, then national before Beijing before districts, then name."""
        scope_rank = {"全国": 0, "北京市": 1}
        return sorted(self.resources.values(),
                      key=lambda r: (r.order if r.order is not None else 10**9, scope_rank.get(r.scope, 2), r.id))


def note_anchor(org: str, procedure: str) -> str:
    """Where an organisation's note on a procedure sits on the procedure's page."""
    return f"note-{ident(org)}-{ident(procedure)}"


_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def ident(value: str) -> str:
    """An id as it may appear in a file path, URL or anchor of any output.

    The schema already refuses ids that are not kebab-case slugs; this is the renderers'
    own guard (defence in depth): anything else is hex-encoded, so it can never climb out
    of a folder, end an attribute or reach Typst as code."""
    return value if _IDENT.fullmatch(value) else "x-" + value.encode("utf-8").hex()


def chinese_number(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones] if ones else "")


# --- approval records (reviews/<item path>.yaml) -------------------------------------------

REVIEWS = "reviews/"


@dataclass
class Review:
    """The editing group's approval of one item: who, when, and the SHA-256 of the item's
    canonical text at that moment; for a case also the consent scope and de-identification
    they checked. The file mirrors the item's path: reviews/cases/<org>/<id>.md.yaml."""

    source: Source
    target: str
    """The approved item's path (the record's path without reviews/ and .yaml)."""
    reviewer: str = ""
    date: str = ""
    sha256: str = ""
    consent_scope: tuple[str, ...] = ()
    deidentified: Deidentification | None = None

    @classmethod
    def from_source(cls, source: Source) -> Review:
        d = source.data
        di = d.get("deidentified")
        return cls(source, source.path.removeprefix(REVIEWS).removesuffix(".yaml"), _str(d, "reviewer"),
                   _str(d, "date"), _str(d, "sha256"), tuple(_strs(d, "consent_scope")),
                   Deidentification(_str(di, "reviewer"), _str(di, "date")) if isinstance(di, dict) else None)

    def register(self, corpus: Corpus) -> None:
        corpus.reviews.setdefault(self.target, self)
# --- what a worker carries: resources, forms, the pocket card, referrals (issue 16) --------

@dataclass(frozen=True)
class Referral:
    """An organisation's public referral entry (organisations/<id>.yaml `referral`)."""

    services: str
    how: str
    districts: tuple[str, ...] = ()
    """Districts it takes referrals from; its own district when not given."""
    phone: str = ""
    email: str = ""
    url: str = ""

    @classmethod
    def from_data(cls, d: object, district: str) -> Referral | None:
        if not isinstance(d, dict):
            return None
        districts = tuple(_strs(d, "districts")) or ((district,) if district else ())
        return cls(_str(d, "services"), _str(d, "how"), districts, _str(d, "phone"), _str(d, "email"), _str(d, "url"))


@dataclass(frozen=True)
class ResourceSource:
    title: str = ""
    publisher: str = ""
    url: str = ""
    document: str = ""
    date: str = ""


@dataclass
class Resource:
    """A hotline or local resource (guideline/resources/<id>.yaml): public by definition, with its source."""

    source: Source
    id: str
    name: str
    number: str = ""
    address: str = ""
    hours: str = ""
    purpose: str = ""
    note: str = ""
    scope: str = ""
    reference: ResourceSource = field(default_factory=ResourceSource)
    """The public document or page the number was checked against (the file's `source`)."""
    verified: str = ""
    pocket_card: bool = False
    order: int | None = None

    @classmethod
    def from_source(cls, source: Source) -> Resource:
        d = source.data
        ref = _map(d, "source")
        return cls(source, source.where.stem, _str(d, "name", source.where.stem), _str(d, "number"), _str(d, "address"),
                   _str(d, "hours"), _str(d, "purpose"), _str(d, "note"), _str(d, "scope"),
                   ResourceSource(_str(ref, "title"), _str(ref, "publisher"), _str(ref, "url"), _str(ref, "document"),
                                  _str(ref, "date")),
                   _str(d, "verified"), d.get("pocket_card") is True, _int(d, "order"))

    def register(self, corpus: Corpus) -> None:
        corpus.resources.setdefault(self.id, self)

    @property
    def anchor(self) -> str:
        return f"resource-{ident(self.id)}"

    @property
    def contact(self) -> str:
        """What to dial or where to go."""
        return self.number or self.address


FIELD_TYPES = ("text", "checkboxes", "signature", "date")


@dataclass(frozen=True)
class FormField:
    label: str
    type: str = "text"
    lines: int = 0
    """Lines to write on (text fields); 0 when not given, which prints one."""
    options: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class FormSection:
    title: str
    fields: tuple[FormField, ...] = ()


@dataclass
class Form:
    """A printable form (guideline/forms/<id>.yaml), filled in on paper."""

    source: Source
    id: str
    title: str
    purpose: str = ""
    privacy: str = ""
    sections: list[FormSection] = field(default_factory=list)

    @classmethod
    def from_source(cls, source: Source) -> Form:
        d = source.data
        sections = []
        for s in d.get("sections") or [] if isinstance(d.get("sections"), list) else []:
            if not isinstance(s, dict):
                continue
            fields = tuple(
                FormField(_str(f, "label"), t if (t := _str(f, "type", "text")) in FIELD_TYPES else "text",
                          _int(f, "lines") or 0, tuple(_strs(f, "options")), _str(f, "hint"))
                for f in s.get("fields") or [] if isinstance(f, dict)) if isinstance(s.get("fields"), list) else ()
            sections.append(FormSection(_str(s, "title"), fields))
        return cls(source, source.where.stem, _str(d, "title", source.where.stem), _str(d, "purpose"),
                   _str(d, "privacy"), sections)

    def register(self, corpus: Corpus) -> None:
        corpus.forms.setdefault(self.id, self)

    @property
    def anchor(self) -> str:
        return f"form-{ident(self.id)}"


@dataclass(frozen=True)
class CardRule:
    procedure: str
    items: tuple[str, ...] = ()


@dataclass
class PocketCard:
    """guideline/pocket-card.yaml: which checklist items feed the back of the pocket card."""

    source: Source
    title: str
    rules: list[CardRule] = field(default_factory=list)

    @classmethod
    def from_source(cls, source: Source) -> PocketCard:
        d = source.data
        rules = [CardRule(_str(r, "procedure"), tuple(_strs(r, "items")))
                 for r in d.get("rules") or [] if isinstance(r, dict)] if isinstance(d.get("rules"), list) else []
        return cls(source, _str(d, "title", "随身卡"), rules)

    def register(self, corpus: Corpus) -> None:
        corpus.pocket_card = self


@dataclass(frozen=True)
class ForbiddenField:
    name: str
    words: tuple[str, ...] = ()
    reason: str = ""


@dataclass
class ForbiddenFields:
    """guideline/forbidden-fields.yaml: what no form may ask for (from the data-minimisation procedure)."""

    source: Source
    procedure: str
    fields: list[ForbiddenField] = field(default_factory=list)

    @classmethod
    def from_source(cls, source: Source) -> ForbiddenFields:
        d = source.data
        fields = [ForbiddenField(_str(f, "name"), tuple(_strs(f, "words")), _str(f, "reason"))
                  for f in d.get("fields") or [] if isinstance(f, dict)] if isinstance(d.get("fields"), list) else []
        return cls(source, _str(d, "procedure"), fields)

    def register(self, corpus: Corpus) -> None:
        corpus.forbidden_fields = self
