"""Contributors' Markdown bodies to sanitised HTML inside generated Markdown.

A body is parsed once by `source.markdown` (the dialect of GitHub's preview) and
rendered by markdown-it-py, never by Python-Markdown. Its top-level headings come out
as generated Markdown headings whose text is the sanitised inline HTML, escaped so
that Python-Markdown passes it through unchanged (MkDocs then builds the table of
contents and the search sections from them); everything between them is HTML that
went through `sanitise`, with the whitespace of code blocks written as character
references so that Python-Markdown's whitespace normalisation cannot touch it.
GitHub alerts become Material admonitions; links between source files point at the
generated pages; links outside the URL policy keep their text only.
"""

from __future__ import annotations

import html
import re

from markdown_it.token import Token

from ..render import CALLOUT_TITLES
from ..source.markdown import allowed_target, internal_target, parse, parser, plain, walk
from .layout import Target, relative
from .layout import html as html_page
from .sanitise import sanitise

ADMONITION = {"NOTE": "note", "TIP": "tip", "IMPORTANT": "info", "WARNING": "warning", "CAUTION": "danger"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~^])")  # Python-Markdown's escapable characters
_PRE = re.compile(r"<pre>.*?</pre>", re.S)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")


def md_text(value: object) -> str:
    """Plain text (a title, a checklist item) made inert for Python-Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


class Links:
    """Rewrites links of one source file for the page it is rendered on."""

    def __init__(self, source_path: str, page: str, targets: dict[str, Target]) -> None:
        self.source_path = source_path
        self.page = page
        self.targets = targets

    def target(self, href: str) -> Target | None:
        resolved = internal_target(self.source_path, href)
        return None if resolved is None else self.targets.get(resolved)

    def rewrite(self, href: str) -> str | None:
        """The href on the generated page; None when the target is not published or not allowed."""
        if not allowed_target(href):
            return None
        resolved = internal_target(self.source_path, href)
        if resolved is None:
            return href
        target = self.target(href)
        if target is None:
            return None
        fragment = href.partition("#")[2]
        return html_page(relative(self.page, target.page)) + "#" * bool(fragment or target.anchor) + (fragment or target.anchor)

    def cite(self, children: list[Token]) -> None:
        """A cited hotline, resource or form shows the registry's current name and number."""
        for i, tok in enumerate(children):
            if tok.type != "link_open":
                continue
            cited = self.target(str(tok.attrs.get("href", "")))
            if cited is not None and cited.text:
                end = next(j for j in range(i + 1, len(children)) if children[j].type == "link_close")
                children[i + 1:end] = [Token("text", "", 0, content=cited.text)]


def _prepare(tokens: list[Token], links: Links, shift: int) -> None:
    """Links resolved, images as their text, alerts as admonitions titled in Chinese, nested headings shifted."""
    title = ""
    for tok in tokens:
        if tok.type == "inline" and tok.children:
            links.cite(tok.children)
    for tok in walk(tokens):
        if tok.type == "link_open":
            href = links.rewrite(str(tok.attrs.get("href", "")))
            if href is None:
                tok.attrs.pop("href", None)
            else:
                tok.attrs["href"] = href
        elif tok.type in ("s_open", "s_close"):
            tok.tag = "del"  # as GitHub writes strikethrough
        elif tok.type == "image":  # refused by validate; never fetched, its text stays
            tok.type, tok.content, tok.children = "text", plain(tok.children), None
        elif tok.type == "alert_open":
            kind = str(tok.meta.get("kind", "NOTE")).upper()
            tok.attrs = {"class": f"admonition {ADMONITION.get(kind, 'note')}"}
            title = CALLOUT_TITLES.get(kind, CALLOUT_TITLES["NOTE"])
        elif tok.type == "alert_title_open":
            tok.attrs = {"class": "admonition-title"}
        elif tok.type == "inline" and title:  # the alert's title line
            tok.children, title = [Token("text", "", 0, content=title)], ""
        elif tok.type in ("heading_open", "heading_close") and tok.level > 0:
            tok.tag = f"h{min(6, int(tok.tag[1]) + shift)}"


def _render(tokens: list[Token], env: dict[str, object]) -> str:
    md = parser()
    return str(md.renderer.render(tokens, md.options, env))


def _keep_whitespace(fragment: str) -> str:
    """Tabs and line ends of code blocks as references: Python-Markdown expands tabs and
    empties whitespace-only lines of its whole input, raw HTML included."""
    return _PRE.sub(lambda m: m.group().replace("\t", "&#9;").replace("\n", "&#10;"), fragment)


def heading_markdown(inline: Token, env: dict[str, object]) -> str:
    """A heading's inline markup as sanitised HTML that Python-Markdown passes through: tags are
    stashed as raw HTML, and every character it could read as Markdown is backslash-escaped."""
    md = parser()
    rendered = str(md.renderer.render(inline.children or [], md.options, env)).replace("\n", " ")
    clean = sanitise(rendered)
    return "".join(m.group(1) or _MD_SPECIAL.sub(r"\\\1", m.group(2)) for m in _TAG_OR_TEXT.finditer(clean)).strip()


def body_markdown(markdown: str, source_path: str, page: str, targets: dict[str, Target], shift: int = 0) -> str:
    """A body as generated Markdown: Markdown headings (levels shifted), sanitised HTML between them."""
    env: dict[str, object] = {"docId": re.sub(r"[^\w-]", "-", source_path.rsplit(".", 1)[0])}
    tokens = parse(markdown, env)
    _prepare(tokens, Links(source_path, page, targets), shift)
    parts: list[str] = []
    chunk: list[Token] = []

    def flush() -> None:
        if chunk:
            parts.append(f'<div class="gl-prose">\n{_keep_whitespace(sanitise(_render(chunk, env)))}\n</div>')
            chunk.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.level == 0:
            flush()
            level = min(6, int(tok.tag[1]) + shift)
            parts.append("#" * level + " " + (heading_markdown(tokens[i + 1], env) or md_text(plain(tokens[i + 1].children))))
            i += 3
            continue
        chunk.append(tok)
        i += 1
    flush()
    return "\n\n".join(parts) + "\n"
