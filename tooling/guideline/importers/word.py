"""A Word case write-up to a case skeleton: pandoc's AST, cleaned, mapped onto the six sections.

Working on pandoc's JSON AST (not on Markdown text) makes Word's leftovers easy to drop
exactly (bookmark anchors, empty spans, underline, hard line breaks, images) and makes sure
every piece of text ends up in the Markdown the dialect accepts: footnotes inline as
「（注：…）」, tables the GFM way (merged cells split, with a finding), definition lists and
figures as plain paragraphs. Title and author come from the document's properties.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import CASE_SECTIONS, PLACEHOLDER
from .review import Pending, pending

SYNONYMS: dict[str, list[str]] = {
    "案例背景": ["案例背景", "背景", "基本情况", "个案背景", "个案基本情况", "案主基本情况", "服务对象基本情况",
             "案例概况", "个案概况", "案例简介", "背景资料"],
    "需求评估": ["需求评估", "问题分析", "需求分析", "问题与需求", "问题界定", "需求与问题分析", "预估", "评估"],
    "服务目标与计划": ["服务目标与计划", "服务计划", "服务目标", "介入目标", "目标与计划", "介入计划", "服务方案"],
    "介入过程": ["介入过程", "服务过程", "实施过程", "介入实施", "服务实施", "干预过程", "服务开展过程", "介入"],
    "服务成效": ["服务成效", "成效评估", "服务效果", "效果评估", "结案评估", "服务评估", "成效", "评估与结案"],
    "专业反思": ["专业反思", "反思", "案例反思", "总结与反思", "经验与反思", "专业思考", "讨论与反思"],
}
_EXACT = {word: sec for sec, words in SYNONYMS.items() for word in words}
_BY_LENGTH = sorted(_EXACT.items(), key=lambda x: -len(x[0]))
# Heading numbers Word write-ups use: 第一部分, 一、, （一）, 1. / 1.2
_NUMBERING = re.compile(r"^\s*(第[一二三四五六七八九十\d]+[部分章节]|[一二三四五六七八九十]+[、.．]"
                        r"|[（(][一二三四五六七八九十\d]+[)）]|\d+(\.\d+)*[、.．]?)\s*")
_SHORT = 30
"""A paragraph typed as a heading is short and does not end a sentence."""
IMAGE_NOTE = f"（{PLACEHOLDER}：原文此处有一张图片{{alt}}，没有导入。请用文字描述图片要说明的内容，或删除本句。）"
_UNWRAP = ("Underline", "SmallCaps", "Superscript", "Subscript", "Cite")
"""Inline styles the dialect has no syntax for: the text stays, the style goes."""


@dataclass
class WordCase:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    markdown: str = ""
    """The body: the six ## sections in order, missing ones holding a 待填写 line."""
    text: str = ""
    """Plain text of the whole document, to look for period, themes and procedures."""
    images: int = 0
    tables: list[int] = field(default_factory=list)
    """Numbers (1-based, in document order) of tables whose merged or nested cells were split."""
    pending: list[Pending] = field(default_factory=list)
    """Unresolved tracked changes and comments: when any, nothing is converted."""
    unmapped: list[str] = field(default_factory=list)
    """Headings kept as ### inside a section because they match no case section."""
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """(heading as written, case section) where the two differ (numbering, a synonym)."""


def section_for(heading: str) -> str | None:
    """The case section a Word heading names (any synonym inside it)."""
    text = _NUMBERING.sub("", heading).strip(" ：:")
    if text in _EXACT:
        return _EXACT[text]
    return next((sec for word, sec in _BY_LENGTH if len(word) > 1 and word in text), None)


def _typed_heading(block: dict[str, Any]) -> tuple[str, str | None] | None:
    """(text, section) when a Normal paragraph is used as a heading: bold, or numbered (一、 （一） 1.)."""
    if block["t"] not in ("Para", "Plain"):
        return None
    inlines = [i for i in block["c"] if i.get("t") not in ("Space", "SoftBreak")]
    text = stringify(block["c"]).strip()
    if not text or len(text) > _SHORT or text.endswith(("。", "；", ";", "，")):
        return None
    bold = bool(inlines) and all(i.get("t") == "Strong" for i in inlines)
    numbered = (bool(_NUMBERING.match(text)) and not text[:1].isdigit()) or re.match(r"^\d+[、.．]\s*\S", text) is not None
    bare = _NUMBERING.sub("", text).strip(" ：:")
    section = _EXACT.get(bare)
    if section and (bold or numbered or bare == text.strip(" ：:")):
        return text, section
    if bold and numbered:
        return text, None
    return None


def stringify(node: Any) -> str:
    if isinstance(node, list):
        return "".join(stringify(n) for n in node)
    if isinstance(node, dict):
        t = node.get("t")
        if t == "Str":
            return str(node["c"])
        if t in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if t in ("Code", "Math"):
            return str(node["c"][-1])
        return stringify(node.get("c", []))
    return ""


def _plain(text: str) -> dict[str, Any]:
    return {"t": "Plain", "c": [{"t": "Str", "c": text}]}


class _Cleaner:
    def __init__(self) -> None:
        self.images = 0
        self.tables = 0
        self.split_tables: list[int] = []

    def inlines(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in items:
            t = node.get("t")
            if t == "Span":  # Word bookmarks, empty spans
                out += self.inlines(node["c"][1])
            elif t in _UNWRAP:
                out += self.inlines(node["c"] if t != "Cite" else node["c"][1])
            elif t == "Image":
                self.images += 1
                alt = stringify(node["c"][1]).strip()  # the picture's description is text too
                out.append({"t": "Str", "c": IMAGE_NOTE.format(alt=f"，说明文字「{alt}」" if alt else "")})
            elif t == "RawInline":
                continue
            elif t == "Note":  # the dialect's footnotes are not settled: keep the note where it was
                out += [{"t": "Str", "c": "（注："}, *self.inlines(_flatten(node["c"])), {"t": "Str", "c": "）"}]
            elif t == "Math":
                out.append({"t": "Code", "c": [["", [], []], node["c"][1]]})
            elif t == "LineBreak":
                out.append({"t": "SoftBreak"})
            elif t in ("Strong", "Emph", "Strikeout"):
                inner = self.inlines(node["c"])
                if stringify(inner).strip():
                    out.append({"t": t, "c": inner})
                else:
                    out += inner
            elif t == "Quoted":
                mark = ("“", "”") if node["c"][0]["t"] == "DoubleQuote" else ("‘", "’")
                out += [{"t": "Str", "c": mark[0]}, *self.inlines(node["c"][1]), {"t": "Str", "c": mark[1]}]
            elif t == "Link":
                out.append({"t": t, "c": [node["c"][0], self.inlines(node["c"][1]), node["c"][2]]})
            else:
                out.append(node)
        return out

    def blocks(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in items:
            t = node.get("t")
            if t in ("Para", "Plain"):
                # A Word hard line break inside a paragraph becomes a paragraph break.
                parts: list[list[Any]] = [[]]
                for inline in self.inlines(node["c"]):
                    parts.append([]) if inline.get("t") == "SoftBreak" and t == "Para" else parts[-1].append(inline)
                out += [{"t": t, "c": p} for p in parts if stringify(p).strip()]
            elif t == "Div":
                out += self.blocks(node["c"][1])
            elif t == "RawBlock":
                continue
            elif t == "Header":
                out.append({"t": t, "c": [node["c"][0], ["", [], []], self.inlines(node["c"][2])]})
            elif t == "LineBlock":
                out += [{"t": "Para", "c": self.inlines(line)} for line in node["c"] if stringify(line).strip()]
            elif t == "DefinitionList":
                for term, definitions in node["c"]:
                    out.append({"t": "Para", "c": [{"t": "Strong", "c": self.inlines(term)}]})
                    for d in definitions:
                        out += self.blocks(d)
            elif t == "Figure":
                out += self.blocks(node["c"][2]) + self.blocks(node["c"][1][1] or [])
            elif t == "Table":
                out += self.table(node)
            elif t in ("BulletList", "OrderedList"):
                items_ = node["c"] if t == "BulletList" else node["c"][1]
                # Word gives every list item a paragraph: one-line items make a tight list.
                cleaned = [self.blocks(item) for item in items_]
                cleaned = [[{"t": "Plain", "c": i[0]["c"]}] if len(i) == 1 and i[0]["t"] == "Para" else i for i in cleaned]
                out.append({"t": t, "c": cleaned if t == "BulletList" else [node["c"][0], cleaned]})
            elif t == "BlockQuote":
                out.append({"t": t, "c": self.blocks(node["c"])})
            else:  # CodeBlock, HorizontalRule
                out.append(node)
        return out

    def table(self, node: dict[str, Any]) -> list[Any]:
        """A GFM pipe table: one header row, one line per cell; merged or nested cells are split (and reported)."""
        self.tables += 1
        _attr, caption, colspecs, head, bodies, foot = node["c"]
        rows = [r for r in head[1]] + [r for b in bodies for r in b[2] + b[3]] + [r for r in foot[1]]
        width = len(colspecs)
        grid: list[list[Any]] = []
        carried: dict[int, int] = {}  # column -> rows still covered by a cell above
        split = len(head[1]) > 1 or bool(foot[1])
        for row in rows:
            line: list[Any] = []
            cells = list(row[1])
            col = 0
            while col < width:
                if carried.get(col, 0) > 0:
                    carried[col] -= 1
                    line.append([])
                    col += 1
                    continue
                if not cells:
                    line.append([])
                    col += 1
                    continue
                _a, _align, rowspan, colspan, content = cells.pop(0)
                blocks = self.blocks(content)
                if rowspan > 1 or colspan > 1 or len(blocks) > 1 or any(b["t"] not in ("Plain", "Para") for b in blocks):
                    split = True
                line.append(self.inlines(_flatten(blocks)))
                for extra in range(colspan):
                    if rowspan > 1:
                        carried[col + extra] = rowspan - 1
                line += [[] for _ in range(colspan - 1)]
                col += colspan
            grid.append(line[:width])
        if split:
            self.split_tables.append(self.tables)
        if not grid:
            return []

        def cell(inlines: list[Any]) -> list[Any]:
            return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines}] if inlines else []]

        def tr(line: list[Any]) -> list[Any]:
            return [["", [], []], [cell(i) for i in line]]

        table = {"t": "Table", "c": [["", [], []], [None, []], [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * width,
                                     [["", [], []], [tr(grid[0])]], [[["", [], []], 0, [], [tr(r) for r in grid[1:]]]],
                                     [["", [], []], []]]}
        return [table] + self.blocks(caption[1])


def _flatten(blocks: list[Any]) -> list[Any]:
    """The inlines of some blocks on one line (lists and paragraphs joined by spaces)."""
    out: list[Any] = []
    for b in blocks:
        t = b.get("t")
        if t in ("Para", "Plain"):
            inl = b["c"]
        elif t in ("BulletList", "OrderedList"):
            inl = _flatten([x for item in (b["c"] if t == "BulletList" else b["c"][1]) for x in item])
        elif t == "Header":
            inl = b["c"][2]
        elif t == "CodeBlock":
            inl = [{"t": "Code", "c": [["", [], []], " ".join(b["c"][1].split())]}]
        else:
            inl = [{"t": "Str", "c": stringify(b)}]
        if inl:
            out += ([{"t": "Space"}] if out else []) + [i if i.get("t") != "LineBreak" else {"t": "Space"} for i in inl]
    return out


def _meta_text(meta: dict[str, Any], key: str) -> list[str]:
    value = meta.get(key)
    if not value:
        return []
    if value["t"] == "MetaList":
        return [stringify(v["c"]).strip() for v in value["c"] if stringify(v["c"]).strip()]
    if value["t"] == "MetaBlocks":
        return [stringify(_flatten(value["c"])).strip()]
    return [stringify(value["c"]).strip()]


def properties(path: Path) -> dict[str, str]:
    """Title and author from the file's properties (docProps/core.xml), which pandoc leaves out."""
    import zipfile
    from xml.etree import ElementTree

    names = {"{http://purl.org/dc/elements/1.1/}title": "title", "{http://purl.org/dc/elements/1.1/}creator": "author"}
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    return {names[e.tag]: " ".join((e.text or "").split()) for e in root if e.tag in names and (e.text or "").strip()}


def read(path: Path) -> dict[str, Any]:
    """Pandoc's AST of a .docx, tracked changes and comments kept as spans."""
    import pypandoc

    doc: dict[str, Any] = json.loads(pypandoc.convert_file(str(path), "json", format="docx",
                                                            extra_args=["--track-changes=all"]))
    return doc


def convert(path: Path) -> WordCase:
    import pypandoc

    doc = read(path)
    meta = doc.get("meta", {})
    props = properties(path)
    case = WordCase(title=" ".join(_meta_text(meta, "title")) or props.get("title", ""),
                    authors=_meta_text(meta, "author") or ([props["author"]] if "author" in props else []))
    case.pending = pending(doc["blocks"])
    if case.pending:
        return case
    cleaner = _Cleaner()
    lead = [{"t": "Para", "c": [{"t": "Str", "c": text}]} for key in ("subtitle", "abstract") for text in _meta_text(meta, key)]
    blocks = cleaner.blocks(lead + doc["blocks"])
    sections: dict[str, list[Any]] = {name: [] for name in CASE_SECTIONS}
    current = ""
    for block in blocks:
        typed = _typed_heading(block)
        if block["t"] == "OrderedList" and len(block["c"][1]) == 1 and len(block["c"][1][0]) == 1:
            typed = _typed_heading(block["c"][1][0][0])  # an auto-numbered paragraph used as a heading
            typed = typed if typed and typed[1] else None
        if block["t"] == "Header" or typed:
            heading = stringify(block["c"][2]).strip() if block["t"] == "Header" else typed[0]  # type: ignore[index]
            target = section_for(heading) if block["t"] == "Header" else typed[1]  # type: ignore[index]
            if target:
                current = target
                if heading != target:
                    case.renamed.append((heading, target))
                continue
            if not case.title and not current:
                case.title = heading
                continue
            case.unmapped.append(heading)
            inlines = block["c"][2] if block["t"] == "Header" else [{"t": "Str", "c": heading}]
            block = {"t": "Header", "c": [3, ["", [], []], inlines]}
        sections[current or CASE_SECTIONS[0]].append(block)
    out: list[Any] = []
    for name in CASE_SECTIONS:
        out.append({"t": "Header", "c": [2, ["", [], []], [{"t": "Str", "c": name}]]})
        out += sections[name] or [{"t": "Para", "c": [{"t": "Str", "c": f"（{PLACEHOLDER}：Word 文件中没有找到这一部分。）"}]}]
    doc["blocks"] = out
    doc["meta"] = {}
    case.markdown = pypandoc.convert_text(json.dumps(doc), "gfm", format="json", extra_args=["--wrap=none"])
    case.text = stringify(blocks)
    case.images = cleaner.images
    case.tables = cleaner.split_tables
    return case
