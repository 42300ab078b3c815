"""Citations of hotlines, resources and forms: what the outputs print instead of the link text.

Contributors cite a registry record by linking to its file, e.g.
``[12356](../resources/mental-health-hotline.yaml)``: GitHub's preview shows a working
link, and the site and the handbook replace the link text with the record's *current*
name and number, so a number changed in the registry changes everywhere at once. Both
renderers take the text from here.
"""

from __future__ import annotations

from ..model import Corpus, Form, Resource
from . import without_controls


def resource_text(r: Resource) -> str:
    """``全国统一心理援助热线 12356``; a name that already holds its number is not repeated."""
    if r.number:
        return r.name if r.number in r.name else f"{r.name} {r.number}"
    return f"{r.name}（{r.address}）" if r.address else r.name


def form_text(f: Form) -> str:
    return f.title


def citation_texts(corpus: Corpus) -> dict[str, str]:
    """Repository path of each citable record -> the text a citation of it shows (text the
    renderers put where the contributor's link text was, past their own control-character guard)."""
    texts = {r.source.path: resource_text(r) for r in corpus.resources.values()}
    texts.update((f.source.path, form_text(f)) for f in corpus.forms.values())
    return {path: without_controls(text) for path, text in texts.items()}


def verified_on(resources: list[Resource]) -> str:
    """The oldest verification date among these resources: the date the whole list was last checked by."""
    dates = sorted(r.verified for r in resources if r.verified)
    return dates[0] if dates else ""
