"""Word files: pandoc's own docx test files and Chinese write-ups built with python-docx.

Every character of a document's text is either in the imported file or named in a finding.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli

DOCX = Path(__file__).parent / "data" / "docx"
_WORD = re.compile(r"\w+")


def pandoc_plain(source: Path) -> str:
    """The document's text as pandoc itself reads it (revisions accepted, as Word shows them)."""
    import pypandoc

    return subprocess.run([pypandoc.get_pandoc_path(), "-f", "docx", "-t", "plain", "--wrap=none", str(source)],
                          capture_output=True, text=True, check=True).stdout


def missing_text(plain: str, imported: str) -> list[str]:
    """Words of the plain text that are not in the imported text (both compared as letters and digits only)."""
    have = "".join(_WORD.findall(imported.casefold()))
    return [w for w in _WORD.findall(plain.casefold()) if w not in have]  # plain writes small caps in capitals


@pytest.mark.parametrize("source", sorted(DOCX.glob("*.docx")), ids=lambda p: p.stem)
def test_pandoc_docx_files_import_or_give_located_findings(corpus: Path, source: Path) -> None:
    result = run_cli(corpus, "import", "docx", str(source), "--org", "alpha-demo", "--id", "imported", "--format", "json")
    assert result.code in (0, 1), result.err  # never a traceback (exit 2 would be an internal failure)
    assert "Traceback" not in result.err
    findings = result.json()["findings"]
    for f in findings:
        assert f["line"] >= 1 and f["column"] >= 1 and re.search(r"[\u4e00-\u9fff]", f["message"]), f
    written = corpus / "cases/alpha-demo/imported.md"
    if not written.exists():  # refused: each unresolved revision or comment is named, with its paragraph
        assert findings and {f["code"] for f in findings} <= {"import/tracked-change", "import/comment"}
        return
    text = written.read_text(encoding="utf-8") + "\n".join(f["message"] for f in findings)
    assert missing_text(pandoc_plain(source), text) == []


# --- Chinese write-ups, built the way organisations write them ---------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text: str, tag: str = "w:r", bold: bool = False) -> Any:
    from docx.oxml import parse_xml

    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    t = "w:delText" if tag == "del" else "w:t"
    return parse_xml(f'<w:r xmlns:w="{W}">{props}<{t} xml:space="preserve">{text}</{t}></w:r>')


def chinese_case(path: Path, *, tracked: bool = False, comment: bool = False) -> None:
    """Headings as bold Normal paragraphs (「一、案例背景」), a footnote, a merged-cell table, properties."""
    from docx import Document
    from docx.oxml import parse_xml

    d: Any = Document()
    d.core_properties.title = "失能老人的居家照护支持"
    d.core_properties.author = "社工甲"
    d.add_paragraph("服务时间：2025年3月至2025年6月")
    for n, (heading, body) in enumerate([
        ("一、案例背景", "陈爷爷（化名），85 岁，与老伴同住。"), ("二、需求评估", "老伴照顾压力很大。"),
        ("三、服务目标与计划", "减轻照顾者的压力。"), ("四、介入过程", "社工每两周探访一次。"),
        ("五、服务成效", "老伴的睡眠有所改善。"), ("六、专业反思", "照顾者支持要尽早开始。"),
    ]):
        d.add_paragraph().add_run(heading).bold = True
        p = d.add_paragraph(body)
        if n == 0:
            p.add_run("喘息服务")
            # A real Word footnote: the reference in the text, the note in footnotes.xml (added below).
            p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))
        if n == 1 and tracked:
            ins = parse_xml(f'<w:ins xmlns:w="{W}" w:id="11" w:author="督导" w:date="2025-07-01T00:00:00Z"/>')
            ins.append(_run("（督导意见：再做一次照顾负担评估）"))
            p._p.append(ins)
            dele = parse_xml(f'<w:del xmlns:w="{W}" w:id="12" w:author="督导" w:date="2025-07-01T00:00:00Z"/>')
            dele.append(_run("压力很大", tag="del"))
            d.paragraphs[-1]._p.append(dele)
        if n == 3:
            table = d.add_table(rows=3, cols=3)
            table.style = "Table Grid"
            for i, row in enumerate([("阶段", "时间", "内容"), ("第一阶段", "3 月", "建立关系"), ("", "4 月", "评估照顾负担")]):
                for j, value in enumerate(row):
                    if value:
                        table.cell(i, j).text = value
            table.cell(1, 0).merge(table.cell(2, 0))  # 第一阶段 spans two rows
        if n == 4 and comment:
            d.add_comment(p.runs, text="这里的成效需要量表数据支撑", author="督导", initials="DD")
    d.save(str(path))
    _add_footnote(path, "喘息服务由街道购买，每月四天。")


def _add_footnote(path: Path, note: str) -> None:
    """python-docx cannot write footnotes: add footnotes.xml and its relationship to the package."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode().replace("</Types>", '<Override PartName="/word/footnotes.xml" '
                                                           'ContentType="application/vnd.openxmlformats-officedocument.'
                                                           'wordprocessingml.footnotes+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_chinese_write_up_keeps_sections_footnote_table_title_and_author(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "chen-caregiver.docx"
    chinese_case(source)
    result = run_cli(corpus, "import", "docx", str(source), "--org", "alpha-demo", "--format", "json")
    rel = "cases/alpha-demo/chen-caregiver.md"
    codes = [(f["code"], f["line"]) for f in result.json()["findings"] if f["path"] == str(source)]
    assert codes == [("import/headings-mapped", 1), ("import/table-split", 1)]
    messages = [f["message"] for f in result.json()["findings"]]
    assert messages[0].startswith("Word 文件中的标题已换成案例的小节名：「一、案例背景」→「案例背景」、「二、需求评估」→「需求评估」")
    assert "第 1 个表格有合并的单元格" in messages[1]
    text = (corpus / rel).read_text(encoding="utf-8")
    assert "title: 失能老人的居家照护支持\n" in text and "authors:\n  - 社工甲\n" in text and "period: 2025-03\n" in text
    body = text.split("\n---\n", 1)[1]
    sections = re.findall(r"^## (.+)\n\n(.+)$", body, re.M)
    assert sections[1:] == [("需求评估", "老伴照顾压力很大。"), ("服务目标与计划", "减轻照顾者的压力。"),
                            ("介入过程", "社工每两周探访一次。"), ("服务成效", "老伴的睡眠有所改善。"), ("专业反思", "照顾者支持要尽早开始。")]
    assert "陈爷爷（化名），85 岁，与老伴同住。喘息服务（注：喘息服务由街道购买，每月四天。）" in body
    assert re.search(r"^\| 第一阶段 +\| 3 月 +\| 建立关系 +\|\n\| +\| 4 月 +\| 评估照顾负担 +\|$", body, re.M)
    assert "[^" not in body and "<t" not in body
    assert missing_text(pandoc_plain(source), text + result.out) == []
    assert not [f for f in result.json()["findings"] if f["code"].startswith(("html/", "markdown/"))]


def test_tracked_changes_and_comments_are_refused_with_their_place(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "chen-caregiver.docx"
    chinese_case(source, tracked=True, comment=True)
    result = run_cli(corpus, "import", "docx", str(source), "--org", "alpha-demo", "--format", "json")
    assert result.code == 1 and not (corpus / "cases/alpha-demo/chen-caregiver.md").exists()
    got = [(f["code"], f["line"], f["message"]) for f in result.json()["findings"]]
    assert got == [
        ("import/tracked-change", 5, "Word 文件第 5 段有一处未处理的修订（删除）：「压力很大」。"),
        ("import/tracked-change", 5, "Word 文件第 5 段有一处未处理的修订（插入）：「（督导意见：再做一次照顾负担评估）」。"),
        ("import/comment", 12, "Word 文件第 12 段有一条批注：「这里的成效需要量表数据支撑」。"),
    ]


def test_numbered_normal_paragraphs_are_headings_too(corpus: Path, tmp_path: Path) -> None:
    from docx import Document

    d: Any = Document()
    d.add_heading("独居老人的用药安全", 0)
    for heading, body in [("1. 基本情况", "刘奶奶（化名）独居。"), ("2.需求分析", "经常忘记吃药。"), ("（一）服务计划", "设置药盒。"),
                          ("四、服务过程", "每周核对药盒。"), ("五、成效评估", "漏服减少。"), ("六、总结与反思", "要与家属配合。")]:
        d.add_paragraph(heading)
        d.add_paragraph(body)
    d.add_paragraph("1. 评估后发现需要一个分格药盒，社工帮助购买。")  # a numbered sentence stays text
    source = tmp_path / "liu-medication.docx"
    d.save(str(source))
    run_cli(corpus, "import", "docx", str(source), "--org", "alpha-demo")
    body = (corpus / "cases/alpha-demo/liu-medication.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert re.findall(r"^## (.+)\n\n(.+)$", body, re.M) == [
        ("案例背景", "刘奶奶（化名）独居。"), ("需求评估", "经常忘记吃药。"), ("服务目标与计划", "设置药盒。"),
        ("介入过程", "每周核对药盒。"), ("服务成效", "漏服减少。"), ("专业反思", "要与家属配合。")]
    assert "1\\. 评估后发现需要一个分格药盒" in body or "1. 评估后发现需要一个分格药盒" in body


