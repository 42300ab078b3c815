"""A Word case write-up to a case skeleton: pandoc's AST, cleaned, mapped onto the six sections.

Working on pandoc's JSON AST (not on Markdown text) makes Word's leftovers easy to
drop exactly: bookmark anchors and empty spans, underline, hard line breaks, images.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import CASE_SECTIONS, PLACEHOLDER

SYNONYMS: dict[str, list[str]] = {
    "案例背景": ["案例背景", "背景", "基本情况", "个案背景", "个案基本情况", "案主基本情况", "服务对象基本情况",
             "案例概况", "个案概况", "案例简介", "背景资料"],
    "需求评估": ["需求评估", "问题分析", "需求分析", "问题与需求", "问题界定", "需求与问题分析", "预估", "评估"],
    "服务目标与计划": ["服务目标与计划", "服务计划", "服务目标", "介入目标", "目标与计划", "介入计划", "服务方案"],
    "介入过程": ["介入过程", "服务过程", "实施过程", "介入实施", "服务实施", "干预过程", "服务开展过程", "介入"],
    "服务成效": ["服务成效", "成效评估", "服务效果", "效果评估", "结案评估", "服务评估", "成效", "评估与结案"],
    "专业反思": ["专业反思", "反思", "案例反思", "总结与反思", "经验与反思", "专业思考", "讨论与反思"],
}
_BY_LENGTH = sorted(((s, sec) for sec, words in SYNONYMS.items() for s in words), key=lambda x: -len(x[0]))
# Heading numbers Word write-ups use: 第一部分, 一、, （一）, 1. / 1.2
_NUMBERING = re.compile(r"^\s*(第[一二三四五六七八九十\d]+[部分章节]|[一二三四五六七八九十]+[、.．]"
                        r"|[（(][一二三四五六七八九十\d]+[)）]|\d+(\.\d+)*[、.．]?)\s*")
IMAGE_NOTE = f"（{PLACEHOLDER}：原文此处有一张图片，没有导入。请用文字描述图片要说明的内容，或删除本句。）"


@dataclass
class WordCase:
    title: str = ""
    markdown: str = ""
    """The body: the six ## sections in order, missing ones holding a 待填写 line."""
    text: str = ""
    """Plain text of the whole document, to look for period, themes and procedures."""
    images: int = 0
    unmapped: list[str] = field(default_factory=list)
    """Headings kept as ### inside a section because they match no case section."""


def section_for(heading: str) -> str | None:
    text = _NUMBERING.sub("", heading).strip(" ：:")
    for words_section in SYNONYMS.items():
        if text in words_section[1]:
            return words_section[0]
    return next((sec for word, sec in _BY_LENGTH if len(word) > 1 and word in text), None)


def stringify(node: Any) -> str:
    if isinstance(node, list):
        return "".join(stringify(n) for n in node)
    if isinstance(node, dict):
        t = node.get("t")
        if t == "Str":
            return str(node["c"])
        if t in ("Space", "SoftBreak", "LineBreak"):
            return " "
        return stringify(node.get("c", []))
    return ""


class _Cleaner:
    def __init__(self) -> None:
        self.images = 0

    def inlines(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in items:
            t = node.get("t")
            if t in ("Span", "Underline"):  # Word bookmarks, empty spans, {.underline}
                out += self.inlines(node["c"][1] if t == "Span" else node["c"])
            elif t == "Image":
                self.images += 1
                out.append({"t": "Str", "c": IMAGE_NOTE})
            elif t in ("RawInline",):
                continue
            elif t == "LineBreak":
                out.append({"t": "SoftBreak"})
            elif t in ("Strong", "Emph", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
                inner = self.inlines(node["c"])
                if stringify(inner).strip():
                    out.append({"t": t, "c": inner})
                else:
                    out += inner
            elif t in ("Link",):
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
            else:
                out.append(json.loads(json.dumps(node), object_hook=self._hook))
        return out

    def _hook(self, d: dict[str, Any]) -> dict[str, Any]:
        # Nested blocks (lists, tables, quotes): clean their paragraphs too.
        if d.get("t") in ("Para", "Plain") and isinstance(d.get("c"), list):
            return {"t": d["t"], "c": self.inlines(d["c"])}
        if d.get("t") in ("BulletList", "OrderedList"):
            # Word gives every list item a paragraph: one-line items make a tight list.
            items = d["c"] if d["t"] == "BulletList" else d["c"][1]
            for item in items:
                if len(item) == 1 and item[0].get("t") == "Para":
                    item[0] = {"t": "Plain", "c": item[0]["c"]}
        return d


def convert(path: Path) -> WordCase:
    import pypandoc

    doc = json.loads(pypandoc.convert_file(str(path), "json", format="docx"))
    cleaner = _Cleaner()
    blocks = cleaner.blocks(doc["blocks"])
    case = WordCase(title=stringify(doc.get("meta", {}).get("title", {}).get("c", [])).strip())
    sections: dict[str, list[Any]] = {name: [] for name in CASE_SECTIONS}
    current = ""
    for block in blocks:
        if block["t"] == "Header":
            heading = stringify(block["c"][2]).strip()
            target = section_for(heading)
            if target:
                current = target
                continue
            if not case.title and not current:
                case.title = heading
                continue
            case.unmapped.append(heading)
            block = {"t": "Header", "c": [3, block["c"][1], block["c"][2]]}
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
    return case
