"""The loaded corpus: organisations, chapters, procedures, notes, cases, glossary.

Items keep their `Source` so that every check can point at a file, line and column.
Display numbers (第3章, 3.2) are computed from order here, never stored in sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .source.yamlparse import Marks

PROCEDURE_SECTIONS = ["目的", "适用情形", "操作步骤", "注意事项"]
PROCEDURE_OPTIONAL = ["常见问题", "相关表单", "参考依据"]
CASE_SECTIONS = ["案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思"]

APPROVED = "approved"
CHINESE_NUMERALS = "零一二三四五六七八九十"


@dataclass
class Source:
    """One parsed file: its YAML data with positions and its Markdown body."""

    path: str
    kind: str
    """guideline | glossary | organisations | chapter | procedure | note | case"""
    data: dict[str, Any]
    marks: Marks
    body: str = ""
    body_line: int = 1
    front: str = ""
    """The raw front matter text of a Markdown file (it starts at line 2), for exact positions."""


def _str(d: dict[str, Any], key: str, default: str = "") -> str:
    v = d.get(key)
    return v if isinstance(v, str) else default


def _strs(d: dict[str, Any], key: str) -> list[str]:
    v = d.get(key)
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


@dataclass
class Organisation:
    id: str
    data: dict[str, Any]
    source: Source

    @property
    def name(self) -> str:
        return _str(self.data, "name", self.id)

    @property
    def short_name(self) -> str:
        return _str(self.data, "short_name", self.name)

    @property
    def maintainers(self) -> list[str]:
        return _strs(self.data, "maintainers")

    @property
    def example(self) -> bool:
        return self.data.get("example") is True


@dataclass
class Item:
    """Common shape of chapters, procedures, notes and cases."""

    source: Source

    @property
    def data(self) -> dict[str, Any]:
        return self.source.data

    @property
    def title(self) -> str:
        return _str(self.data, "title")

    @property
    def status(self) -> str:
        return _str(self.data, "status", "approved" if self.source.kind == "chapter" else "draft")

    @property
    def body(self) -> str:
        return self.source.body

    @property
    def approved(self) -> bool:
        return self.status == APPROVED


@dataclass
class Chapter(Item):
    id: str = ""
    folder: str = ""
    number: int = 0

    @property
    def procedure_ids(self) -> list[str]:
        return _strs(self.data, "procedures")

    @property
    def display_number(self) -> str:
        return f"第{_chinese_number(self.number)}章"


@dataclass
class Procedure(Item):
    id: str = ""
    chapter: str = ""
    """Chapter id."""
    number: str = ""
    """Computed display number such as ``3.2`` (empty when not listed in a chapter)."""

    contributors = property(lambda self: _strs(self.data, "contributors"))
    themes = property(lambda self: _strs(self.data, "themes"))
    related = property(lambda self: _strs(self.data, "related"))
    checklist = property(lambda self: _strs(self.data, "checklist"))
    risk_level = property(lambda self: _str(self.data, "risk_level"))
    last_reviewed = property(lambda self: _str(self.data, "last_reviewed"))


@dataclass
class PracticeNote(Item):
    procedure: str = ""
    org: str = ""


@dataclass
class Case(Item):
    id: str = ""
    org: str = ""

    themes = property(lambda self: _strs(self.data, "themes"))
    procedures = property(lambda self: _strs(self.data, "procedures"))
    period = property(lambda self: str(self.data.get("period", "")))
    example = property(lambda self: self.data.get("example") is True)


@dataclass
class Term:
    id: str
    data: dict[str, Any]

    preferred = property(lambda self: _str(self.data, "preferred", self.id))
    definition = property(lambda self: _str(self.data, "definition"))

    @property
    def deprecated(self) -> list[dict[str, Any]]:
        v = self.data.get("deprecated")
        return [d for d in v if isinstance(d, dict) and isinstance(d.get("term"), str)] if isinstance(v, list) else []


@dataclass
class Corpus:
    root: str
    settings: dict[str, Any] = field(default_factory=dict)
    """guideline/guideline.yaml: title, edition, chapters, vocabularies."""
    organisations: dict[str, Organisation] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    notes: list[PracticeNote] = field(default_factory=list)
    cases: dict[str, Case] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    """Every file that parsed, by path."""

    def vocabulary(self, name: str) -> dict[str, str]:
        """A controlled vocabulary from guideline.yaml: id -> Chinese label."""
        v = self.settings.get(name)
        return {str(k): str(x) for k, x in v.items()} if isinstance(v, dict) else {}

    def ordered_procedures(self) -> list[Procedure]:
        return [self.procedures[p] for c in self.chapters for p in c.procedure_ids if p in self.procedures]

    def notes_for(self, procedure_id: str) -> list[PracticeNote]:
        return [n for n in self.notes if n.procedure == procedure_id]

    def cases_for(self, procedure_id: str) -> list[Case]:
        return [c for c in self.cases.values() if procedure_id in c.procedures]

    def restricted_to_approved(self) -> Corpus:
        """The published edition: only approved procedures, notes and cases."""
        keep = {p.id: p for p in self.procedures.values() if p.approved}
        return Corpus(
            root=self.root, settings=self.settings, organisations=self.organisations,
            chapters=self.chapters, procedures=keep,
            notes=[n for n in self.notes if n.approved and n.procedure in keep],
            cases={k: c for k, c in self.cases.items() if c.approved},
            terms=self.terms, sources=self.sources,
        )


def _chinese_number(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones] if ones else "")
