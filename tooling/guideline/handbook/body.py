"""A contributor's body as pandoc's syntax tree, built from the same markdown-it tokens the site renders.

Each body is converted on its own, so no link definition, footnote or anchor crosses
from one item to another, and nothing in a body is ever read by pandoc's Markdown
reader: raw-format fences (```` ```{=typst} ````), raw attributes and attribute blocks
are plain code or text here, whatever `validate` missed. The tree never holds raw
blocks, raw inlines or images (an image is its text, so no build fetches anything);
every link passes the one URL policy of `source.markdown.allowed_target`. Heading ids
are the site's, prefixed with the item's anchor (``procedure-x--操作步骤``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from markdown_it.common.utils import unescapeAll
from markdown_it.tree import SyntaxTreeNode

from ..render import CALLOUT_TITLES
from ..source.markdown import allowed_target, internal_target, parse, plain, unique_slugs

Json = dict[str, Any]
NO_ATTR: list[Any] = ["", [], []]
_RAW_TAG = re.compile(r"<(/?)(sub|sup|kbd|br)\s*/?>", re.I)
_TAGS = re.compile(r"<[^>]*>")
_ALIGN = {"left": "AlignLeft", "center": "AlignCenter", "right": "AlignRight"}
TASK_BOX = {False: "□ ", True: "☑ "}


def el(t: str, c: Any = None) -> Json:
    return {"t": t} if c is None else {"t": t, "c": c}


def text(value: str) -> list[Json]:
    """Str and Space elements, as pandoc's own readers write text."""
    out: list[Json] = []
    for i, part in enumerate(re.split(r"[ \t\n]+", value)):
        if i:
            out.append(el("Space"))
        if part:
            out.append(el("Str", part))
    return out


class Converter:
    """Converts the bodies of one item; `prefix` is the item's anchor in the handbook."""

    def __init__(self, source_path: str, prefix: str, targets: dict[str, str],
                 texts: dict[str, str] | None = None) -> None:
        self.source_path = source_path
        self.prefix = prefix
        self.targets = targets
        self.texts = texts or {}
        """Record path -> the current name and number of a cited hotline, resource or form."""
        self.ids: dict[int, str] = {}
        """Heading node -> its id in the body (the site's slug)."""
        self.notes: dict[int, list[Json]] = {}

    # --- links -------------------------------------------------------------
    def href(self, href: str) -> str | None:
        """The target in the handbook; None keeps the link's text only."""
        if not allowed_target(href):
            return None
        if href.startswith("#"):
            return f"#{self.prefix}--{unquote(href[1:])}"
        resolved = internal_target(self.source_path, href)
        if resolved is None:
            return href
        anchor = self.targets.get(resolved)
        if anchor is None:
            return None
        fragment = href.partition("#")[2]
        if fragment:
            return f"#{anchor}--{unquote(fragment)}"
        return f"#{anchor}"

    # --- inlines -------------------------------------------------------------
    def inlines(self, nodes: list[SyntaxTreeNode]) -> list[Json]:
        # Raw <sub>, <sup>, <kbd> (the only tags validate allows) wrap what lies between them.
        stack: list[tuple[str, list[Json]]] = [("", [])]
        for node in nodes:
            if node.type == "html_inline":
                m = _RAW_TAG.fullmatch(node.content.strip())
                if not m:
                    continue  # any other tag: its text around it stays, the tag goes
                closing, tag = m.group(1), m.group(2).lower()
                if tag == "br":
                    stack[-1][1].append(el("LineBreak"))
                elif not closing:
                    stack.append((tag, []))
                elif any(t == tag for t, _ in stack[1:]):
                    while True:
                        open_tag, content = stack.pop()
                        stack[-1][1].append(self.wrap(open_tag, content))
                        if open_tag == tag:
                            break
                continue
            stack[-1][1].extend(self.inline(node))
        while len(stack) > 1:  # unclosed tags keep their text
            _, content = stack.pop()
            stack[-1][1].extend(content)
        return stack[0][1]

    @staticmethod
    def wrap(tag: str, content: list[Json]) -> Json:
        if tag == "sub":
            return el("Subscript", content)
        if tag == "sup":
            return el("Superscript", content)
        return el("Span", [["", ["kbd"], []], content])  # pandoc writes <kbd>; plain text elsewhere

    def inline(self, node: SyntaxTreeNode) -> list[Json]:
        t = node.type
        if t == "text":
            return text(node.content)
        if t == "softbreak":
            return [el("SoftBreak")]
        if t == "hardbreak":
            return [el("LineBreak")]
        if t == "code_inline":
            return [el("Code", [NO_ATTR, node.content])]
        if t == "em":
            return [el("Emph", self.inlines(node.children))]
        if t == "strong":
            return [el("Strong", self.inlines(node.children))]
        if t == "s":
            return [el("Strikeout", self.inlines(node.children))]
        if t == "link":
            resolved = internal_target(self.source_path, str(node.attrs.get("href", "")))
            cited = self.texts.get(resolved) if resolved else None
            content = text(cited) if cited else self.inlines(node.children)
            href = self.href(str(node.attrs.get("href", "")))
            if href is None:
                return content
            return [el("Link", [NO_ATTR, content, [href, str(node.attrs.get("title", "") or "")]])]
        if t == "image":  # refused by validate; its text stays, nothing is fetched
            return text(plain(node.token.children if node.token else []))
        if t == "footnote_ref":
            return [el("Note", self.notes.get(int(node.meta["id"]), []))]
        return []  # html_inline outside the allowed tags, footnote_anchor

    # --- blocks ------------------------------------------------------------
    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[Json]:
        out: list[Json] = []
        for node in nodes:
            out.extend(self.block(node))
        return out

    def inline_of(self, node: SyntaxTreeNode) -> list[Json]:
        return self.inlines(node.children[0].children) if node.children else []

    def block(self, node: SyntaxTreeNode) -> list[Json]:
        t = node.type
        if t == "paragraph":
            content = self.inline_of(node)
            if not content:
                return []
            return [el("Plain" if node.hidden else "Para", content)]
        if t == "heading":
            ident = f"{self.prefix}--{self.ids[id(node)]}" if id(node) in self.ids else ""
            return [el("Header", [int(node.tag[1]), [ident, [], []], self.inline_of(node)])]
        if t == "blockquote":
            return [el("BlockQuote", self.blocks(node.children))]
        if t == "alert":
            kind = str(node.meta.get("kind", "NOTE")).upper()
            attrs = [["kind", kind.lower()], ["title", CALLOUT_TITLES.get(kind, CALLOUT_TITLES["NOTE"])]]
            return [el("Div", [["", ["callout"], attrs], self.blocks([c for c in node.children if c.type != "alert_title"])])]
        if t == "bullet_list":
            return [el("BulletList", [self.item(i) for i in node.children])]
        if t == "ordered_list":
            start = int(node.attrs.get("start", 1))
            delim = "OneParen" if node.children and node.children[0].markup == ")" else "Period"
            return [el("OrderedList", [[start, el("Decimal"), el(delim)], [self.item(i) for i in node.children]])]
        if t in ("fence", "code_block"):
            language = unescapeAll(node.info).strip().split(" ")[0] if t == "fence" else ""
            classes = [language] if language else []  # the Typst writer gets plain names only (filter.lua)
            return [el("CodeBlock", [["", classes, []], node.content.removesuffix("\n")])]
        if t == "hr":
            return [el("HorizontalRule")]
        if t == "table":
            return [self.table(node)]
        if t == "html_block":
            if node.content.lstrip().startswith("<!--"):
                return []  # a comment, invisible on GitHub too
            words = text(_TAGS.sub("", node.content).strip())
            return [el("Para", words)] if words else []
        return []  # footnote_block: the notes are at their references

    def item(self, node: SyntaxTreeNode) -> list[Json]:
        blocks = self.blocks(node.children)
        if "checked" in node.meta:  # a task list item: a box as GitHub shows, printable
            box = el("Str", TASK_BOX[bool(node.meta["checked"])].strip())
            if blocks and blocks[0]["t"] in ("Plain", "Para"):
                blocks[0]["c"][:0] = [box, el("Space")]
            else:
                blocks.insert(0, el("Plain", [box]))
        return blocks

    def table(self, node: SyntaxTreeNode) -> Json:
        head = [r for part in node.children if part.type == "thead" for r in part.children]
        body = [r for part in node.children if part.type == "tbody" for r in part.children]
        columns = head[0].children if head else []

        def align(cell: SyntaxTreeNode) -> str:
            style = str(cell.attrs.get("style", ""))
            return _ALIGN.get(style.partition("text-align:")[2].strip(), "AlignDefault")

        def row(r: SyntaxTreeNode) -> list[Any]:
            return [NO_ATTR, [[NO_ATTR, el("AlignDefault"), 1, 1, [el("Plain", self.inline_of(c))] if c.children else []]
                              for c in r.children]]

        colspecs = [[el(align(c)), el("ColWidthDefault")] for c in columns]
        return el("Table", [NO_ATTR, [None, []], colspecs, [NO_ATTR, [row(r) for r in head]],
                            [[NO_ATTR, 0, [], [row(r) for r in body]]], [NO_ATTR, []]])


def blocks(markdown: str, source_path: str, prefix: str, targets: dict[str, str],
           texts: dict[str, str] | None = None) -> list[Json]:
    """A body as pandoc blocks (pandoc-types 1.23 JSON); `texts` are the current texts of cited records."""
    tokens = parse(markdown.replace("\r\n", "\n"))
    tree = SyntaxTreeNode(tokens)
    converter = Converter(source_path, prefix, targets, texts)
    headings = [n for n in tree.walk() if n.type == "heading"]
    ids = unique_slugs([plain(_inline_tokens(h)).strip() for h in headings])
    converter.ids = {id(h): i for h, i in zip(headings, ids, strict=True)}
    for block in tree.children:
        if block.type == "footnote_block":
            for note in block.children:
                converter.notes[int(note.meta["id"])] = converter.blocks(note.children)
    return converter.blocks(tree.children)


def _inline_tokens(node: SyntaxTreeNode) -> list[Any]:
    """The inline tokens of a heading (via its inline child)."""
    token = node.children[0].token if node.children else node.token
    return list(token.children or []) if token else []
