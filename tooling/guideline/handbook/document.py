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

from ..editions import reach_text
from ..model import Case, Corpus, Procedure, ident
from ..render import BuildInfo, RenderError, web_url, without_controls
from ..render.citations import citation_texts, verified_on
from ..render.words import WORDS
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
    """Source path -> heading id in the handbook, for links between contributors' files
    (a note is shown inside its procedure, so it leads there)."""
    found = {ch.source.path: ch.anchor for ch in corpus.chapters}
    found.update((p.source.path, p.anchor) for p in corpus.ordered_procedures())
    found.update((n.source.path, corpus.procedures[n.procedure].anchor) for n in corpus.notes
                 if n.procedure in corpus.procedures)
    found.update((c.source.path, c.anchor) for c in corpus.cases.values())
    found.update((r.source.path, r.anchor) for r in corpus.resources.values())
    found.update((f.source.path, f.anchor) for f in corpus.forms.values())
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
    themes, risks, statuses = s.themes, s.risk_levels, s.statuses
    procedures = corpus.ordered_procedures()
    cases = list(corpus.cases.values())
    case_no = {c.id: n for n, c in enumerate(cases, start=1)}
    proc_ref = {p.id: f"{p.number}　{p.title}" for p in procedures}
    targets, texts = anchors(corpus), citation_texts(corpus)

    def body(markdown: str, source_path: str, prefix: str) -> str:
        """The placeholder key of a body converted on its own; empty for an empty body."""
        if not markdown.strip():
            return ""
        key = f"body-{len(doc.bodies)}"
        markdown = without_controls(markdown)
        try:
            doc.bodies[key] = blocks(markdown, source_path, prefix, targets, texts)
        except Exception as exc:  # a converter bug must still name the file
            raise RenderError(f"{source_path} 的正文无法转换为手册内容：{exc}。请把此信息报告给维护者。") from exc
        doc.sources[key] = markdown
        return key

    def draft(status: str) -> str:
        return "" if not info.preview or status == "approved" else statuses.get(status, status)

    def procedure(p: Procedure) -> dict[str, Any]:
        return {
            "id": p.id, "anchor": p.anchor, "number": p.number, "title": p.title, "draft": draft(p.status),
            "body": body(p.body, p.source.path, p.anchor),
            "checklist": p.checklist, "risk": risks.get(p.risk_level, p.risk_level),
            "themes": [themes.get(t, t) for t in p.themes], "last_reviewed": p.last_reviewed,
            "contributors": [corpus.org_name(o) for o in p.contributors],
            "related": [proc_ref[r.id] for r in corpus.related(p) if r.id in proc_ref],
            "cases": [f"案例 {case_no[c.id]}　{c.title}" for c in corpus.cases_for(p.id)],
            "notes": [{"title": n.title, "org": corpus.org_name(n.org),
                       "draft": draft(n.status), "body": body(n.body, n.source.path, f"note-{n.org}-{n.procedure}")}
                      for n in corpus.notes_for(p.id)],
        }

    def case(c: Case) -> dict[str, Any]:
        return {
            "id": c.id, "anchor": c.anchor, "number": case_no[c.id], "title": c.title, "draft": draft(c.status),
            "body": body(c.body, c.source.path, c.anchor),
            "org": corpus.org_name(c.org), "period": c.period, "example": c.example,
            "themes": [themes.get(t, t) for t in c.themes],
            "procedures": [proc_ref[r] for r in c.procedures if r in proc_ref],
            "reach": reach_text(corpus, c) if info.preview else "",
        }

    chapters = [{"id": ch.id, "anchor": ch.anchor, "display_number": ch.display_number, "title": ch.title,
                 "intro": body(ch.body, ch.source.path, ch.anchor),
                 "procedures": [procedure(p) for p in ch.procedures]}
                for ch in corpus.chapters]
    credits = [c for c in info.credits.values() if c.get("procedures") or c.get("notes") or c.get("cases") or c.get("commits")]
    d = datetime.date.fromisoformat(info.date)
    return {
        "s": s,
        "info": info, "edition_label": EDITION_LABELS.get(info.edition, info.edition),
        "date_cn": chinese_date(info.date), "year": d.year, "month": d.month, "day": d.day,
        "licence": s.licence,
        "chapters": chapters, "procedures": procedures, "cases": [case(c) for c in cases],
        "terms": list(corpus.terms.values()),
        "term_names": {t.id: t.preferred for t in corpus.terms.values()},
        "credits": [dict(c, full_name=corpus.org_name(c["org"]) if c.get("org") else c.get("name", "")) for c in credits],
        "organisation_count": len(credits),
        "releases": s.releases,
        "appendix": APPENDIX_NUMBERS,
        **carried(corpus),
    }


def carried(corpus: Corpus) -> dict[str, Any]:
    """The appendices of what a worker carries: hotlines, forms, referral directory, pocket card."""
    resources = corpus.ordered_resources()
    on_card = [r for r in resources if r.pocket_card]
    card = corpus.pocket_card
    rules = [(f"{p.number}　{p.title}", list(rule.items)) for rule in (card.rules if card else [])
             if (p := corpus.procedures.get(rule.procedure)) is not None and p.chapter]
    return {
        "resources": resources, "resources_verified": verified_on(resources),
        "forms": sorted(corpus.forms.values(), key=lambda f: f.id),
        "referral_orgs": [{"name": o.name, "referral": o.referral,
                           "themes": [corpus.settings.themes.get(t, t) for t in o.specialties]}
                          for o in corpus.organisations.values() if o.referral is not None],
        "card": {"title": card.title if card else "随身卡", "resources": on_card, "rules": rules,
                 "verified": verified_on(on_card)} if on_card else None,
    }


def expected(corpus: Corpus) -> Expected:
    """Labels and titles of every procedure and case the handbook must contain."""
    return Expected([(p.anchor, p.title) for p in corpus.ordered_procedures()]
                    + [(c.anchor, c.title) for c in corpus.cases.values()])


def render(corpus: Corpus, info: BuildInfo) -> Document:
    """The handbook's frame and its bodies."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        comment_start_string="{##", comment_end_string="##}",  # {#id} is a pandoc heading attribute
    )
    env.filters["md"] = md
    env.filters["ident"] = ident
    env.filters["web_url"] = web_url
    env.globals["words"] = WORDS
    doc = Document("")
    doc.markdown = without_controls(env.get_template("handbook.md.j2").render(context(corpus, info, doc)))
    return doc
