"""After typesetting: is every procedure and case really in each output?

The PDF is read back with poppler's pdftotext, so a dropped glyph or a lost page shows
up as a missing title; Typst's own heading labels show that each item is a heading of
its own (not, say, swallowed by an unclosed code block).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from ..render import RenderError

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    # Lines wrap anywhere in Chinese, and pdftotext puts breaks where the lines broke.
    return _SPACE.sub("", text)


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        raise RenderError("找不到 pdftotext，无法核对手册是否完整。"
                          "请安装 poppler-utils（以 root 运行 `apt-get install poppler-utils`，或运行 `make setup`）。")
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    if proc.returncode != 0:
        raise RenderError(f"pdftotext 无法读取生成的 PDF：{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


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
