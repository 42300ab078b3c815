"""After typesetting: is every procedure and case really in each output?

The PDF is read back with PDFium (pypdfium2), so a dropped glyph or a lost page shows
up as a missing title; Typst's own heading labels show that each item is a heading of
its own (not, say, swallowed by an unclosed code block).
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..render import RenderError

if TYPE_CHECKING:
    import pypdfium2

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    # Lines wrap anywhere in Chinese, and text read back from a PDF breaks where the lines broke.
    return _SPACE.sub("", text)


def zipped_text(path: Path, members: re.Pattern[str]) -> str:
    """The text of the XML files of a DOCX or EPUB whose names match."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode("utf-8") for n in sorted(z.namelist()) if members.fullmatch(n)]
    return html.unescape(_TAG.sub("", "".join(parts)))


def docx_text(path: Path) -> str:
    return zipped_text(path, re.compile(r"word/document\.xml"))


def epub_text(path: Path) -> str:
    return zipped_text(path, re.compile(r".*\.xhtml"))


def missing_titles(text: str, titles: list[str]) -> list[str]:
    flat = _squash(text)
    return [t for t in titles if _squash(t) not in flat]


def require(output: str, missing: list[str]) -> None:
    if missing:
        shown = "、".join(f"“{t}”" for t in missing[:10]) + (f" 等 {len(missing)} 项" if len(missing) > 10 else "")
        raise RenderError(f"生成的{output}缺少 {shown}。内容已通过检查却没有出现在输出里，"
                          "请检查这些条目正文里是否有未闭合的代码块（```）或 ::: 分隔行，并把此信息报告给维护者。")


def require_headings(labels: list[str], expected: list[tuple[str, str]]) -> None:
    have = {label.strip("<>") for label in labels}
    require("PDF 标题", [title for label, title in expected if label not in have])


def pdf_missing_titles(pdf: Path, titles: list[str]) -> list[str]:
    """The titles that no page of the PDF shows, read back with PDFium.

    Reading every page of a few thousand costs half a minute, so the pages that the PDF's
    top two bookmark levels lead to (chapters; procedures, cases and appendix entries) are
    read first; only when a title is not on them is every page read, so a title is reported
    missing exactly when no page of the PDF has it.
    """
    import pypdfium2

    visible = {_INVISIBLE.sub("", t) for t in titles}
    document = pypdfium2.PdfDocument(pdf)
    try:
        marked = sorted({index for mark in document.get_toc() if mark.level <= 1
                         if (dest := mark.get_dest()) is not None and (index := dest.get_index()) is not None})
        # Apart: no title may seem present by joining the end of one page to the start of another.
        missing = set(missing_titles(_pages_text(document, marked, "\0"), sorted(visible)))
        if missing:  # as pdftotext would: every page, in order, a title may run on to the next
            missing = set(missing_titles(_pages_text(document, range(len(document)), "\n"), sorted(missing)))
    finally:
        document.close()
    return [t for t in titles if _INVISIBLE.sub("", t) in missing]


# Invisible format characters: PDFium's text leaves them out (Typst writes U+2060 word joiners).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _pages_text(document: pypdfium2.PdfDocument, pages: Iterable[int], between: str) -> str:
    parts = []
    for index in pages:
        page = document[index]
        text = page.get_textpage()
        parts.append(text.get_text_range())
        text.close()
        page.close()
    return _INVISIBLE.sub("", between.join(parts))
