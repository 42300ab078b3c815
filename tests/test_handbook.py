"""The printable handbook, built once per edition on the fixture corpus with the real
CLI, pandoc, typst and poppler, and read back as a reader (or a printer) would."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph

from conftest import FIXTURE, Result, approve_all, run_cli, write

APPROVED_PROCEDURES = ["入户前准备", "敲门与表明身份"]
DRAFT_PROCEDURE = "跌倒应对"
CASES = ["独居的王大爷", "夜间跌倒之后"]

# A practice note written as on GitHub: a 2-space nested list, a table, an alert.
NOTE = """---
procedure: door-knock
org: beta-demo
title: 敲门之前先观察
status: approved
---

- 观察门口
  - 有无积压的报纸
  - 有无异味

| 信号 | 做法 |
|---|---|
| 门口积压报纸 | 联系居委会确认近况 |

> [!TIP]
> 先轻敲三下，再说明身份。

出发前见[入户前准备](../../01-basics/visit-prep.md#操作步骤)，跌倒时见[另一程序](../../02-visits/fall-response.md)。
"""


def build(root: Path, out: Path, edition: str = "preview") -> Result:
    return run_cli(root, "build", "--handbook", "--out", str(out), "--edition", edition)


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """build/handbook of the preview edition (twice) and of the published edition."""
    tmp = tmp_path_factory.mktemp("handbook")
    root = tmp / "repo"
    shutil.copytree(FIXTURE, root)
    write(root, "guideline/notes/beta-demo/door-knock.md", NOTE)
    approve_all(root)
    found = {}
    for name, edition in (("preview", "preview"), ("again", "preview"), ("published", "published")):
        result = build(root, tmp / name, edition)
        assert result.code == 0, result.err
        assert "手册已生成" in result.err
        found[name] = tmp / name / "handbook"
    return found


def test_outputs_written(books: dict[str, Path]) -> None:
    assert sorted(p.name for p in books["preview"].iterdir()) == ["handbook.docx", "handbook.epub", "handbook.pdf"]


def test_every_font_embedded_and_simplified_chinese(books: dict[str, Path]) -> None:
    table = subprocess.run(["pdffonts", str(books["preview"] / "handbook.pdf")], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in table.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        assert row[-5] == "yes", f"not embedded: {row[0]}"  # the emb column
    names = [row[0] for row in rows]
    assert any("NotoSerifCJKsc-Regular" in n for n in names)
    assert any("NotoSansCJKsc-Bold" in n for n in names)
    assert not any(re.search(r"CJK(jp|kr|tc|hk)", n) for n in names)


def test_pdf_is_a5(books: dict[str, Path]) -> None:
    info = subprocess.run(["pdfinfo", str(books["preview"] / "handbook.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Page size:       419.528 x 595.276 pts" in info


def test_preview_pdf_contains_every_title_and_marks_drafts(books: dict[str, Path]) -> None:
    text = squash(pdftotext(books["preview"] / "handbook.pdf"))
    for title in APPROVED_PROCEDURES + [DRAFT_PROCEDURE] + CASES:
        assert title in text
    for part in ["第一章基本要求", "1.2敲门与表明身份", "附录一随身核对清单", "附录二案例集", "附录三术语表",
                 "附录四参与编写的机构", "修订记录", "编写说明", "版权与许可", "目录",
                 "征求意见稿：本节状态为“草稿”，尚未通过编辑组审定。", "本版：征求意见稿（含未审定的草稿）",
                 "不再使用：“老年痴呆”——带有污名。", "——贝塔示例为老服务社（虚构）"]:
        assert part in text, part


def test_published_pdf_only_approved_and_no_watermark(books: dict[str, Path]) -> None:
    text = squash(pdftotext(books["published"] / "handbook.pdf"))
    for title in APPROVED_PROCEDURES + CASES:
        assert title in text
    assert DRAFT_PROCEDURE not in text
    assert "征求意见稿" not in text
    assert "本版：正式版（只含已审定的内容）" in text


def test_two_builds_are_byte_identical(books: dict[str, Path]) -> None:
    for name in ("handbook.pdf", "handbook.docx", "handbook.epub"):
        assert (books["preview"] / name).read_bytes() == (books["again"] / name).read_bytes(), name


def test_github_markdown_structure_survives_in_pdf(books: dict[str, Path]) -> None:
    lines = pdftotext(books["preview"] / "handbook.pdf", "-layout").splitlines()
    parent = next(line for line in lines if "观察门口" in line)
    child = next(line for line in lines if "有无积压的报纸" in line)
    assert parent.lstrip().startswith("•") and child.lstrip().startswith("◦")
    assert child.index("◦") > parent.index("•")  # nested one level deeper
    assert any(re.search(r"门口积压报纸\s+联系居委会确认近况", line) for line in lines)  # one table row
    assert "提示" in pdftotext(books["preview"] / "handbook.pdf")


def list_level(paragraph: Paragraph) -> int:
    """The list nesting level of a paragraph (w:numPr/w:ilvl), which python-docx does not expose."""
    values = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    assert len(values) == 1, paragraph.text
    return int(values[0])


def test_docx_contains_titles_nested_list_table_and_callout(books: dict[str, Path]) -> None:
    document = docx.Document(str(books["preview"] / "handbook.docx"))
    paragraphs = {p.text: p for p in document.paragraphs}
    text = "\n".join(paragraphs)
    for title in APPROVED_PROCEDURES + [DRAFT_PROCEDURE] + CASES:
        assert title in text
    level = {t: list_level(paragraphs[t]) for t in ("观察门口", "有无积压的报纸")}
    assert level == {"观察门口": 0, "有无积压的报纸": 1}
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["门口积压报纸", "联系居委会确认近况"] in rows
    style = paragraphs["提示"].style
    assert style is not None and style.name == "Callout"
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert (round(width.mm), round(height.mm)) == (148, 210)


def test_epub_contains_titles_in_chinese(books: dict[str, Path]) -> None:
    with zipfile.ZipFile(books["preview"] / "handbook.epub") as z:
        names = z.namelist()
        text = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xhtml"))
        opf = z.read(next(n for n in names if n.endswith(".opf"))).decode("utf-8")
    for title in APPROVED_PROCEDURES + [DRAFT_PROCEDURE] + CASES:
        assert title in text
    assert "<dc:language>zh-CN</dc:language>" in opf


def test_links_between_sources_lead_to_their_headings(books: dict[str, Path]) -> None:
    for name, draft_linked in (("preview", True), ("published", False)):
        with zipfile.ZipFile(books[name] / "handbook.epub") as epub:
            pages = "".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
        assert re.search(r'href="[^"]*#procedure-visit-prep--操作步骤">入户前准备</a>', pages)  # the section the link names
        assert bool(re.search(r'href="[^"]*#procedure-fall-response">另一程序</a>', pages)) is draft_linked
        assert ".md" not in "".join(re.findall(r'href="([^"]*)"', pages))
