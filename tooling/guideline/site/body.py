"""Contributors' Markdown bodies to sanitised HTML inside generated Markdown.

Bodies are parsed by markdown-it-py as CommonMark + GFM tables, the dialect of
GitHub's preview (2-space nested lists), never by Python-Markdown. Headings come
out as generated Markdown headings (so MkDocs builds the table of contents and the
search sections); everything between them is HTML that went through `sanitise`.
GitHub alerts become Material admonitions; links between source files point at
the generated pages.
"""

from __future__ import annotations

import html
import re
import secrets

from markdown_it.token import Token

from ..render import convert_callouts
from ..source.markdown import internal_target, parser
from .layout import Target, relative
from .layout import html as html_page
from .sanitise import sanitise

ADMONITION = {"NOTE": "note", "TIP": "tip", "IMPORTANT": "info", "WARNING": "warning", "CAUTION": "danger"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")  # Python-Markdown's escapable characters


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
        """The href on the generated page; None when the target is not published."""
        if internal_target(self.source_path, href) is None:
            return href
        target = self.target(href)
        if target is None:
            return None
        fragment = href.partition("#")[2]
        return html_page(relative(self.page, target.page)) + "#" * bool(fragment or target.anchor) + (fragment or target.anchor)

    def apply(self, tokens: list[Token]) -> None:
        for i, tok in enumerate(tokens):
            if tok.type == "link_open":
                original = str(tok.attrs.get("href", ""))
                cited = self.target(original)
                if cited is not None and cited.text:
                    # A cited hotline or form shows the registry's current name and number.
                    end = next(j for j in range(i + 1, len(tokens)) if tokens[j].type == "link_close")
                    tokens[i + 1:end] = [Token("text", "", 0, content=cited.text)]
                href = self.rewrite(original)
                if href is None:
                    tok.attrs.pop("href", None)
                else:
                    tok.attrs["href"] = href
            if tok.children:
                self.apply(tok.children)


def _render(tokens: list[Token], links: Links) -> str:
    links.apply(tokens)
    md = parser()
    return str(md.renderer.render(tokens, md.options, {}))


def _heading_text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline")).strip()


def body_markdown(markdown: str, source_path: str, page: str, targets: dict[str, Target], shift: int = 0) -> str:
    """A body as generated Markdown: Markdown headings (levels shifted), sanitised HTML between them."""
    links = Links(source_path, page, targets)
    callouts: dict[str, str] = {}
    nonce = secrets.token_hex(8)  # contributors cannot forge a placeholder

    def keep(kind: str, title: str, inner: str) -> str:
        key = f"<!--gl-callout-{nonce}-{len(callouts)}-->"
        inner_html = _render(parser().parse(inner), links)
        callouts[key] = (f'<div class="admonition {ADMONITION[kind]}"><p class="admonition-title">'
                         f"{html.escape(title)}</p>\n{inner_html}</div>")
        return f"\n{key}\n"

    tokens = parser().parse(convert_callouts(markdown, keep))
    parts: list[str] = []
    chunk: list[Token] = []

    def flush() -> None:
        if chunk:
            rendered = _render(chunk, links)
            for key, value in callouts.items():
                rendered = rendered.replace(key, value)
            parts.append(f'<div class="gl-prose">\n{sanitise(rendered)}\n</div>')
            chunk.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.level == 0:
            flush()
            level = min(6, int(tok.tag[1]) + shift)
            parts.append("#" * level + " " + md_text(_heading_text(tokens[i + 1])))
            i += 3
            continue
        chunk.append(tok)
        i += 1
    flush()
    return "\n\n".join(parts) + "\n"
