"""The model rendered into generated Markdown pages with Jinja2 templates.

Templates (templates/site/*.md.j2) hold presentation; this module decides which
pages exist and what each one is given. Contributors' plain strings go through the
`md` filter and their bodies through `body.body_markdown`, so nothing they wrote
reaches MkDocs unescaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..editions import reach_text
from ..model import Case, Corpus, Form, Procedure, ident
from ..render import COMPILED, BuildInfo, phone_href, web_url, without_controls
from ..render.citations import verified_on
from ..render.words import WORDS
from ..source.markdown import internal_target
from . import layout as at
from .body import body_markdown, md_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"
_NO_CARD = {"title": "随身卡", "rules": []}
"""A card with numbers only, when no guideline/pocket-card.yaml chooses rules."""

# Rendered bodies, kept between the renders of one `guideline serve` process: a saved file
# re-renders only the bodies that changed (most of a page's cost). A body's Markdown depends
# only on its text, its source path, the page, the heading shift and the targets of links
# (pages, anchors, cited records' texts), so the memo is emptied whenever those change.
_bodies: dict[tuple[str, str, str, int], str] = {}
_bodies_targets: dict[str, at.Target] = {}
# Rendered pages, kept the same way. A page shows bodies only as the rendered texts it is
# given (`body` below; templates never read a body), likewise what the editing group's
# approval records mean for a case (`reach`), and everything else from the corpus's shape:
# every file's front matter and outline, the items the edition shows, the build information.
# While the shape stays the same, a page given the same texts renders the same, so a body
# edit renders only the pages that show that body.
_pages: dict[tuple[str, str, str | None, tuple[str, ...]], str] = {}
_pages_shape: object = None


def _shape(corpus: Corpus, info: BuildInfo) -> object:
    """Everything a page may show besides the rendered bodies it is given."""
    shown = [item.source.path for item in (*corpus.procedures.values(), *corpus.notes, *corpus.cases.values())]
    return (info, corpus.root, corpus.files, [(s.path, s.data, s.outline) for s in corpus.sources.values()], shown)


def _texts(value: object) -> tuple[str, ...]:
    """The strings among a page's template arguments (its rendered bodies)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(t for v in value for t in _texts(v))
    if isinstance(value, dict):
        return _texts(list(value.values()))
    return ()


@dataclass(frozen=True)
class Page:
    path: str
    """Relative to docs/."""
    text: str


class Pages:
    """Renders every page of one edition."""

    def __init__(self, corpus: Corpus, info: BuildInfo) -> None:
        self.corpus = corpus
        self.info = info
        self.targets = at.source_targets(corpus)
        global _bodies_targets, _pages_shape
        if self.targets != _bodies_targets:
            _bodies.clear()
            _bodies_targets = self.targets
        shape = _shape(corpus, info)
        if shape != _pages_shape:
            _pages.clear()
            _pages_shape = shape
        self.procedures = corpus.ordered_procedures()
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, bytecode_cache=COMPILED)
        self.env.filters["md"] = lambda value: md_text(without_controls(str(value)))
        self.env.filters["ident"] = ident
        self.env.filters["web_url"] = web_url
        self.env.filters["phone_href"] = phone_href
        self.env.globals.update(
            corpus=corpus, info=info, at=at, words=WORDS, themes=corpus.settings.themes,
            statuses=corpus.settings.statuses, risk_levels=corpus.settings.risk_levels,
            procedures=self.procedures, org_name=self.org_name, procedure_page=self.procedure_page,
            cases_by_org=self.cases_by_org(), emergency=self.emergency(),
            theme_case_counts={t: sum(t in x.themes for x in corpus.cases.values()) for t in corpus.settings.themes},
            **self.carried(),
        )

    # --- helpers the templates use -------------------------------------------
    def org_name(self, org_id: str) -> str:
        org = self.corpus.organisations.get(org_id)
        return org.name if org else org_id

    def procedure_page(self, p: Procedure) -> str:
        return at.procedure_page(p, self.corpus)

    def cases_by_org(self) -> dict[str, list[Case]]:
        groups: dict[str, list[Case]] = {o: [] for o in self.corpus.organisations}
        for c in sorted(self.corpus.cases.values(), key=lambda c: c.id):
            groups.setdefault(c.org, []).append(c)
        return {o: cs for o, cs in groups.items() if cs}

    def emergency(self) -> dict[str, Any]:
        """The emergency chapter(s) and procedures, for the home page's quick links."""
        chapters = [c for c in self.corpus.chapters if "emergency" in c.folder or "emergency" in c.id]
        procs = [p for p in self.procedures if "emergency" in p.themes or p.chapter in {c.id for c in chapters}]
        return {"chapters": chapters, "procedures": procs}

    def carried(self) -> dict[str, Any]:
        """What a worker carries: resources by scope, the pocket card, forms, the referral directory."""
        c = self.corpus
        resources = c.ordered_resources()
        groups: dict[str, list[Any]] = {}
        for r in sorted(resources, key=lambda r: {"全国": 0, "北京市": 1}.get(r.scope, 2)):
            groups.setdefault(r.scope or "其他", []).append(r)
        on_card = [r for r in resources if r.pocket_card]
        card = c.pocket_card
        rules = [(c.procedures[rule.procedure], list(rule.items)) for rule in card.rules
                 if rule.procedure in c.procedures and c.procedures[rule.procedure].chapter] if card else []
        orgs = [o for o in c.organisations.values() if o.referral is not None]
        themes = dict.fromkeys(t for o in orgs for t in o.specialties)
        return {
            "resource_groups": list(groups.items()), "verified": verified_on(resources),
            "card": card or (_NO_CARD if on_card else None), "card_resources": on_card, "card_verified": verified_on(on_card), "card_rules": rules,
            "forms": sorted(c.forms.values(), key=lambda f: f.id),
            "referral_orgs": orgs,
            "referral_themes": [(t, c.settings.themes.get(t, t)) for t in c.settings.themes if t in themes]
            + [(t, t) for t in themes if t not in c.settings.themes],
            "referral_districts": sorted({d for o in orgs for d in (o.referral.districts if o.referral else ())}),
        }

    def citing(self, form: Form) -> list[Procedure]:
        """Procedures whose bodies link to a form (their 「## 相关表单」), in reading order."""
        def cites(p: Procedure) -> bool:
            return any(internal_target(p.source.path, target) == form.source.path for target, _, _ in p.source.outline.links)
        return [p for p in self.procedures if cites(p)]

    def body(self, markdown: str, source_path: str, page: str, shift: int = 0) -> str:
        key = (markdown, source_path, page, shift)
        if key not in _bodies:
            _bodies[key] = body_markdown(without_controls(markdown), source_path, page, self.targets, shift)
        return _bodies[key]

    # --- pages ----------------------------------------------------------------
    def render(self, template: str, path: str, title: str | None = None, **context: Any) -> Page:
        """A page; with a title, in front matter, which the theme prints unescaped in <title>.

        Without it the theme would print `page.title | striptags`, and striptags turns the
        escaped `&lt;/title&gt;&lt;script&gt;` of a contributor's title back into markup.
        JSON is YAML, so the escaped string reaches MkDocs exactly."""
        key = (template, path, title, _texts(context))
        if key not in _pages:
            text = self.env.get_template(template).render(page=path, **context)
            if title is not None:
                text = f"---\ntitle: {json.dumps(escape(without_controls(title)))}\n---\n\n{text}"
            _pages[key] = text
        return Page(path, _pages[key])

    def all(self) -> list[Page]:
        c = self.corpus
        pages = [self.render("home.md.j2", at.HOME)]  # the theme titles the home page with site_name
        for chapter in c.chapters:
            path = at.chapter_page(chapter)
            procs = [p for p in self.procedures if p.chapter == chapter.id]
            pages.append(self.render("chapter.md.j2", path, f"{chapter.display_number} {chapter.title}", chapter=chapter, chapter_procedures=procs,
                                     intro=self.body(chapter.body, chapter.source.path, path, 1)))
        for p in self.procedures:
            path = self.procedure_page(p)
            notes = [(n, self.body(n.body, n.source.path, path, 3)) for n in c.notes_for(p.id)]
            pages.append(self.render("procedure.md.j2", path, f"{p.number} {p.title}", p=p, notes=notes, related=c.related(p),
                                     cases=sorted(c.cases_for(p.id), key=lambda x: x.id),
                                     text=self.body(p.body, p.source.path, path)))
            pages.append(self.render("checklist.md.j2", at.checklist_page(p), f"核对清单：{p.number} {p.title}", p=p))
        pages.append(self.render("checklists.md.j2", at.CHECKLISTS, "全部核对清单"))
        for case in c.cases.values():
            path = at.case_page(case)
            procs = [c.procedures[x] for x in case.procedures if x in c.procedures and c.procedures[x].chapter]
            pages.append(self.render("case.md.j2", path, case.title, case=case, case_procedures=procs,
                                     text=self.body(case.body, case.source.path, path), reach=reach_text(c, case)))
        for org, cases in self.cases_by_org().items():
            pages.append(self.render("org_cases.md.j2", at.org_cases_page(org), f"{self.org_name(org)}的案例",
                                     org=org, cases=cases))
        pages.append(self.render("cases.md.j2", at.CASES, "案例集"))
        for theme in c.settings.themes:
            pages.append(self.render("theme.md.j2", at.theme_page(theme), c.settings.themes[theme], theme=theme,
                                     theme_procedures=[p for p in self.procedures if theme in p.themes],
                                     theme_cases=sorted((x for x in c.cases.values() if theme in x.themes), key=lambda x: x.id)))
        pages.append(self.render("themes.md.j2", at.THEMES, "主题索引"))
        pages.append(self.render("glossary.md.j2", at.GLOSSARY, "术语表"))
        pages.append(self.render("partners.md.j2", at.PARTNERS, "共建伙伴"))
        if c.resources:
            pages.append(self.render("resources.md.j2", at.RESOURCES))
        if self.env.globals["card"]:
            pages.append(self.render("pocket_card.md.j2", at.POCKET_CARD))
        if c.forms:
            pages.append(self.render("forms.md.j2", at.FORMS))
            for f in c.forms.values():
                pages.append(self.render("form.md.j2", at.form_page(f), f.title, f=f, citing=self.citing(f)))
        if any(o.referral for o in c.organisations.values()):
            pages.append(self.render("referrals.md.j2", at.REFERRALS))
        pages.append(self.render("changelog.md.j2", at.CHANGELOG))
        return pages
