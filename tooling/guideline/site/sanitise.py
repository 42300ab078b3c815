"""The one gate between contributors' text and the site: an nh3 allowlist.

Only the tags that the dialect (CommonMark + GFM, see docs/markdown.md) produces
survive, with the few classes that callouts, footnotes, task lists and code need.
Scripts, event handlers, comments, images and any scheme but http, https and mailto
are removed; a task-list box is always a disabled checkbox.
"""

from __future__ import annotations

import re

import nh3

ADMONITION_KINDS = {"note", "tip", "info", "warning", "danger"}

TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "kbd", "sup", "sub",
    "ul", "ol", "li", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
    "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "input",
}
ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "ol": {"start", "class"},
    "ul": {"class"},
    "li": {"id", "class"},
    "th": {"style"},
    "td": {"style"},
    "div": {"class"},
    "p": {"class"},
    "sup": {"class"},
    "hr": {"class"},
    "section": {"class"},
    "code": {"class"},
    "input": {"class", "checked"},
}
CLASSES = {
    "div": {"admonition", "gl-prose", *ADMONITION_KINDS}, "p": {"admonition-title"},
    "ul": {"contains-task-list"}, "ol": {"footnotes-list"}, "li": {"task-list-item", "footnote-item"},
    "input": {"task-list-item-checkbox"}, "sup": {"footnote-ref"}, "a": {"footnote-backref"},
    "hr": {"footnotes-sep"}, "section": {"footnotes"},
}
SCHEMES = {"http", "https", "mailto"}
_LANGUAGE = re.compile(r"language-\S{1,60}")
_FOOTNOTE_ID = re.compile(r"fn(ref)?-[\w-]+-\d+(:\d+)?")


def _attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        if tag == "code":
            return value if _LANGUAGE.fullmatch(value) else None
        kept = [c for c in value.split() if c in CLASSES.get(tag, ())]
        return " ".join(kept) or None
    if attr == "id":  # only the ids the footnotes of one body get (prefixed per item)
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    return value


# Built once: nh3.clean would build the same allowlist again for each of the ~20 fragments a
# body is rendered in (half the sanitising time of a site build).
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    set_tag_attribute_values={"input": {"type": "checkbox", "disabled": ""}},
    url_schemes=SCHEMES,
    strip_comments=True,
    link_rel="noopener noreferrer",
    filter_style_properties={"text-align"},
)


def sanitise(html: str) -> str:
    """Clean HTML rendered from a contributor's Markdown."""
    return _CLEANER.clean(html)
