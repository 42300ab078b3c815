"""The handbook as one pandoc document, assembled from the model by Jinja2.

The frame (cover, headings, meta lines, checklists, appendices) is pandoc Markdown with
fenced divs (``commonmark_x``), written by the template from escaped plain strings.
Contributors' bodies never go through pandoc's Markdown reader: each is converted on
its own from markdown-it's tokens to pandoc's syntax tree (`.body`), and
`typeset.assemble` puts the trees into the frame's placeholder divs.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..model import Case, Corpus, Procedure
from ..render import BuildInfo, RenderError
from .body import Json, blocks

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "handbook"
INPUT_FORMAT = (
    "commonmark_x-smart-subscript-superscript-fancy_lists-definition_lists-tex_math_dollars"
    "-emoji-alerts-implicit_header_references+autolink_bare_uris+east_asian_line_breaks"
)
EDITION_LABELS = {"preview": "征求意见稿（含未审定的草稿）", "published": "正式版（只含已审定的内容）"}
APPENDIX_NUMBERS = "一二三四五六七八九"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~^$@:&\"'])")


def md(text: Any) -> str:
    """Inline text from YAML as literal Markdown (every ASCII punctuation escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def anchors(corpus: Corpus) -> dict[str, str]:
    """Source path -> heading id in the handbook, for links between contributors' files."""
    found = {ch.source.path: f"chapter-{ch.id}" for ch in corpus.chapters}
    found.update((p.source.path, f"procedure-{p.id}") for p in corpus.ordered_procedures())
    found.update((n.source.path, f"procedure-{n.procedure}") for n in corpus.notes if n.procedure in corpus.procedures)
    found.update((c.source.path, f"case-{c.id}") for c in corpus.cases.values())
    return found


@dataclass
class Document:
    """The handbook's frame as pandoc Markdown, with a placeholder div for each contributor's body,
    and each body converted on its own to pandoc's syntax tree (`body.blocks`)."""

    markdown: str
    bodies: dict[str, list[Json]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Placeholder key -> the body's Markdown (for the font check and error messages)."""

    def text(self) -> str:
        """Every character the handbook prints (frame and bodies)."""
        return self.markdown + "\n".join(self.sources.values())


def chinese_date(iso: str) -> str:
    d = datetime.date.fromisoformat(iso)
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


@dataclass
class Expected:
    """What must appear in every output: (label, title) of each procedure and case."""

    items: list[tuple[str, str]] = field(default_factory=list)


def context(corpus: Corpus, info: BuildInfo, doc: Document) -> dict[str, Any]:
    """Everything the template shows, in reading order."""
    s = corpus.settings
    themes, risks, statuses = corpus.vocabulary("themes"), corpus.vocabulary("risk_levels"), corpus.vocabulary("statuses")
    orgs = corpus.organisations
    procedures = corpus.ordered_procedures()
    cases = list(corpus.cases.values())
    case_no = {c.id: n for n, c in enumerate(cases, start=1)}
    proc_ref = {p.id: f"{p.number}　{p.title}" for p in procedures}
    targets = anchors(corpus)

    def body(markdown: str, source_path: str, prefix: str) -> str:
        """The placeholder key of a body converted on its own; empty for an empty body."""
        if not markdown.strip():
            return ""
        key = f"body-{len(doc.bodies)}"
        try:
            doc.bodies[key] = blocks(markdown, source_path, prefix, targets)
        except Exception as exc:  # a converter bug must still name the file
            raise RenderError(f"{source_path} 的正文无法转换为手册内容：{exc}。请把此信息报告给维护者。") from exc
        doc.sources[key] = markdown
        return key

    def draft(status: str) -> str:
        return "" if not info.preview or status == "approved" else statuses.get(status, status)

    def procedure(p: Procedure) -> dict[str, Any]:
        return {
            "id": p.id, "number": p.number, "title": p.title, "draft": draft(p.status), "body": body(p.body, p.source.path, f"procedure-{p.id}"),
            "checklist": p.checklist, "risk": risks.get(p.risk_level, p.risk_level),
            "themes": [themes.get(t, t) for t in p.themes], "last_reviewed": p.last_reviewed,
            "contributors": [orgs[o].name if o in orgs else o for o in p.contributors],
            "related": [proc_ref[r] for r in p.related if r in proc_ref],
            "cases": [f"案例 {case_no[c.id]}　{c.title}" for c in corpus.cases_for(p.id)],
            "notes": [{"title": n.title, "org": orgs[n.org].name if n.org in orgs else n.org,
                       "draft": draft(n.status), "body": body(n.body, n.source.path, f"note-{n.org}-{n.procedure}")} for n in corpus.notes_for(p.id)],
        }

    def case(c: Case) -> dict[str, Any]:
        return {
            "id": c.id, "number": case_no[c.id], "title": c.title, "draft": draft(c.status), "body": body(c.body, c.source.path, f"case-{c.id}"),
            "org": orgs[c.org].name if c.org in orgs else c.org, "period": c.period, "example": c.example,
            "themes": [themes.get(t, t) for t in c.themes],
            "procedures": [proc_ref[r] for r in c.procedures if r in proc_ref],
        }

    chapters = [{"id": ch.id, "display_number": ch.display_number, "title": ch.title, "intro": body(ch.body, ch.source.path, f"chapter-{ch.id}"),
                 "procedures": [procedure(corpus.procedures[pid]) for pid in ch.procedure_ids if pid in corpus.procedures]}
                for ch in corpus.chapters]
    credits = [c for c in info.credits.values() if c.get("procedures") or c.get("notes") or c.get("cases") or c.get("commits")]
    d = datetime.date.fromisoformat(info.date)
    return {
        "s": {k: str(s.get(k) or "") for k in ("title", "subtitle", "edition", "version", "publisher")},
        "info": info, "edition_label": EDITION_LABELS.get(info.edition, info.edition),
        "date_cn": chinese_date(info.date), "year": d.year, "month": d.month, "day": d.day,
        "licence": s.get("licence") if isinstance(s.get("licence"), dict) else {},
        "chapters": chapters, "procedures": procedures, "cases": [case(c) for c in cases],
        "terms": list(corpus.terms.values()),
        "credits": [dict(c, full_name=orgs[c["org"]].name if c.get("org") in orgs else c.get("name", "")) for c in credits],
        "organisation_count": len(credits),
        "releases": [r for r in s.get("releases") or [] if isinstance(r, dict)],
        "appendix": APPENDIX_NUMBERS,
    }


def expected(corpus: Corpus) -> Expected:
    """Labels and titles of every procedure and case the handbook must contain."""
    return Expected([(f"procedure-{p.id}", p.title) for p in corpus.ordered_procedures()]
                    + [(f"case-{c.id}", c.title) for c in corpus.cases.values()])


def render(corpus: Corpus, info: BuildInfo) -> Document:
    """The handbook's frame and its bodies."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        comment_start_string="{##", comment_end_string="##}",  # {#id} is a pandoc heading attribute
    )
    env.filters["md"] = md
    doc = Document("")
    doc.markdown = env.get_template("handbook.md.j2").render(context(corpus, info, doc))
    return doc
