"""Where every item lands in the generated tree, and the links between pages.

Pages are grouped in folders (chapters/<chapter>/, cases/<org>/, checklists/, themes/)
so that Material's navigation.prune keeps each page small. Paths are relative to
docs/; the built site uses the same paths with .html (use_directory_urls is off).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from ..model import Case, Chapter, Corpus, Form, Procedure, ident
from ..model import note_anchor as note_anchor  # templates link to notes as at.note_anchor
from ..render.citations import citation_texts

HOME = "index.md"
CHECKLISTS = "checklists/index.md"
CASES = "cases/index.md"
THEMES = "themes/index.md"
GLOSSARY = "glossary/index.md"
PARTNERS = "partners/index.md"
CHANGELOG = "changelog/index.md"
RESOURCES = "resources/index.md"
POCKET_CARD = "resources/pocket-card.md"
FORMS = "forms/index.md"
REFERRALS = "referrals/index.md"
DOWNLOADS = "download"
"""Files the build adds beside the pages (handbook, offline ZIP, pocket card and form PDFs)."""


def chapter_page(chapter: Chapter) -> str:
    return f"chapters/{ident(chapter.folder)}/index.md"


def procedure_page(p: Procedure, corpus: Corpus) -> str:
    folder = next((c.folder for c in corpus.chapters if c.id == p.chapter), "other")
    return f"chapters/{ident(folder)}/{ident(p.id)}.md"


def checklist_page(p: Procedure) -> str:
    return f"checklists/{ident(p.id)}.md"


def case_page(c: Case) -> str:
    return f"cases/{ident(c.org)}/{ident(c.id)}.md"


def org_cases_page(org: str) -> str:
    return f"cases/{ident(org)}/index.md"


def theme_page(theme: str) -> str:
    return f"themes/{ident(theme)}.md"


def form_page(form: Form) -> str:
    return f"forms/{ident(form.id)}.md"


def download(page: str, name: str) -> str:
    """A link from a page to a file in download/ (raw HTML: MkDocs knows only pages)."""
    return posixpath.relpath(f"{DOWNLOADS}/{name}", posixpath.dirname(page) or ".")


def html(page: str) -> str:
    """The built file of a generated page."""
    return page[:-3] + ".html"


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one generated page to another, as MkDocs would write it (.md, relative)."""
    return _relpath(to_page, posixpath.dirname(from_page) or ".") + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    # Thousands of pages link to the same few (org, theme, procedure pages): relpath is most of a re-render.
    return posixpath.relpath(path, start)


@dataclass(frozen=True)
class Target:
    """Where a source file's content ended up: a page and, for notes, an anchor on it."""

    page: str
    anchor: str = ""
    text: str = ""
    """For a cited resource or form: the text that replaces the link text (render.citations)."""


def source_targets(corpus: Corpus) -> dict[str, Target]:
    """Repository path of each published source file -> its place in the site."""
    targets: dict[str, Target] = {}
    for chapter in corpus.chapters:
        targets[chapter.source.path] = Target(chapter_page(chapter))
    for p in corpus.ordered_procedures():
        targets[p.source.path] = Target(procedure_page(p, corpus))
    for n in corpus.notes:
        proc = corpus.procedures.get(n.procedure)
        if proc is not None and proc.chapter:
            targets[n.source.path] = Target(procedure_page(proc, corpus), n.anchor)
    for c in corpus.cases.values():
        targets[c.source.path] = Target(case_page(c))
    texts = citation_texts(corpus)
    for r in corpus.resources.values():
        targets[r.source.path] = Target(RESOURCES, r.anchor, texts[r.source.path])
    for f in corpus.forms.values():
        targets[f.source.path] = Target(form_page(f), "", texts[f.source.path])
    return targets
