"""The generated navigation: chapters with numbered procedures, checklists, cases by
organisation, themes, glossary and partners. Titles are HTML-escaped because MkDocs
themes print nav titles without escaping."""

from __future__ import annotations

from html import escape
from typing import Any

from ..model import Corpus
from ..render import BuildInfo
from . import layout as at

NavItem = dict[str, Any]
NAV_CASES_LIMIT = 30
"""An organisation with more cases lists only its case index in the navigation: every page
carries its section's nav, and 500 siblings made each case page 200 KB."""


def site_name(corpus: Corpus, info: BuildInfo) -> str:
    title = corpus.settings.title
    return escape(title + ("（征求意见稿）" if info.preview else ""))


def build_nav(corpus: Corpus) -> list[NavItem]:
    procedures = corpus.ordered_procedures()
    chapters: list[NavItem] = []
    for chapter in corpus.chapters:
        children: list[Any] = [at.chapter_page(chapter)]
        children += [{escape(f"{p.number} {p.title}"): at.procedure_page(p, corpus)} for p in procedures if p.chapter == chapter.id]
        chapters.append({escape(f"{chapter.display_number} {chapter.title}"): children})
    checklists: list[Any] = [at.CHECKLISTS]
    checklists += [{escape(f"{p.number} {p.title}"): at.checklist_page(p)} for p in procedures]
    by_org: dict[str, list[Any]] = {}
    for case in sorted(corpus.cases.values(), key=lambda c: c.id):
        by_org.setdefault(case.org, [at.org_cases_page(case.org)]).append({escape(case.title): at.case_page(case)})
    cases: list[Any] = [at.CASES]
    for org_id, org in corpus.organisations.items():
        if org_id in by_org:
            items = by_org.pop(org_id)
            cases.append({escape(org.short_name): items if len(items) <= NAV_CASES_LIMIT + 1 else items[0]})
    themes: list[Any] = [at.THEMES] + [{escape(label): at.theme_page(t)} for t, label in corpus.settings.themes.items()]
    return [
        {"首页": at.HOME},
        {"指引": chapters},
        {"核对清单": checklists},
        *carried(corpus),
        {"案例集": cases},
        {"主题索引": themes},
        {"术语表": at.GLOSSARY},
        {"共建伙伴": at.PARTNERS},
        {"修订记录": at.CHANGELOG},
    ]


def carried(corpus: Corpus) -> list[NavItem]:
    """Hotlines and the pocket card, forms, the referral directory: only when there are any."""
    items: list[NavItem] = []
    if corpus.resources:
        card = corpus.pocket_card is not None or any(r.pocket_card for r in corpus.resources.values())
        items.append({"热线与资源": [at.RESOURCES] + ([{"随身卡": at.POCKET_CARD}] if card else [])})
    if corpus.forms:
        forms = sorted(corpus.forms.values(), key=lambda f: f.id)
        items.append({"表单": [at.FORMS] + [{escape(f.title): at.form_page(f)} for f in forms]})
    if any(o.referral for o in corpus.organisations.values()):
        items.append({"转介名录": at.REFERRALS})
    return items
