"""The one gate between contributors' text and the site: an nh3 allowlist.

Only the tags that CommonMark, GFM tables and converted callouts produce survive,
with the few Material classes that callouts need. Scripts, event handlers,
comments, images and any scheme but http, https and mailto are removed.
"""

from __future__ import annotations

import nh3

ADMONITION_KINDS = {"note", "tip", "info", "warning", "danger"}

TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "kbd", "sup", "sub",
    "ul", "ol", "li", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
    "h2", "h3", "h4", "h5", "h6", "div",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
# Classes are allowed per tag and per value (ammonia refuses "class" in ATTRIBUTES too).
CLASSES = {"div": {"admonition", "gl-prose", *ADMONITION_KINDS}, "p": {"admonition-title"}}
SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    """Clean HTML rendered from a contributor's Markdown."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
