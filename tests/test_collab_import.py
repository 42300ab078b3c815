"""Contributing without git: `new` scaffolds, `import issue` and `import docx`."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import yaml

from conftest import REPO, run_cli

FORMS = REPO / ".github" / "ISSUE_TEMPLATE"


def render_issue(form: str, answers: dict[str, str]) -> str:
    """The issue body GitHub renders from a form: `### label`, a blank line, the value."""
    spec = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
    parts = []
    for item in spec["body"]:
        if item["type"] == "markdown":
            continue
        label = item["attributes"]["label"]
        if item["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in item["attributes"]["options"])
        else:
            value = answers.get(label) or "_No response_"
        parts.append(f"### {label}\n\n{value}")
    return "\n\n".join(parts) + "\n"


CASE_ANSWERS = {
    "案例编号": "alpha-phone-visits", "案例标题": "电话回访的刘奶奶", "机构编号": "alpha-demo",
    "主题": "独居与空巢、emergency", "相关程序": "入户前准备, door-knock", "服务时间": "2025-04",
    "同意人": "本人", "同意方式": "书面同意", "同意范围": "出版, 网站", "同意记录保存位置": "机构个案档案（不公开）",
    "案例背景": "刘奶奶（化名），79 岁，独居。", "需求评估": "需要定期联系。", "服务目标与计划": "每周电话回访。",
    "介入过程": "| 阶段 | 内容 |\n|---|---|\n| 第一阶段 | 建立关系 |", "服务成效": "按时复诊。", "专业反思": "电话回访不能代替入户。",
}


def test_issue_forms_match_the_importer() -> None:
    from guideline.importers.issue import CASE_FIELDS, CONFIRMATION, NOTE_BODY, NOTE_FIELDS
    from guideline.model import CASE_SECTIONS

    def labels(form: str) -> list[str]:
        spec = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
        return [i["attributes"]["label"] for i in spec["body"] if i["type"] != "markdown"]

    assert labels("case.yml") == [*CASE_FIELDS, *CASE_SECTIONS, CONFIRMATION]
    assert labels("note.yml") == [*NOTE_FIELDS, NOTE_BODY, CONFIRMATION]
    assert {yaml.safe_load((FORMS / f).read_text(encoding="utf-8"))["name"] for f in ("case.yml", "note.yml", "bug.yml")} == {
        "提交案例", "提交实务经验", "报告问题"}


def test_import_issue_case_validates(corpus: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(render_issue("case.yml", CASE_ANSWERS), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    assert result.code == 0, result.out
    assert result.json()["findings"] == []
    text = (corpus / "cases/alpha-demo/alpha-phone-visits.md").read_text(encoding="utf-8")
    assert "themes:\n  - living-alone\n  - emergency\n" in text
    assert "procedures:\n  - visit-prep\n  - door-knock\n" in text
    assert "# 知情同意：" in text  # the template's explanations survive
    assert "## 介入过程\n\n| 阶段 | 内容 |" in text
    assert run_cli(corpus, "validate").code == 0
    again = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    assert again.code == 1 and again.findings() == [("import/exists", str(body), 1)]


def test_import_issue_missing_fields_are_findings(corpus: Path, tmp_path: Path) -> None:
    answers = dict(CASE_ANSWERS, 服务时间="", 专业反思="")
    body = tmp_path / "issue.md"
    body.write_text(render_issue("case.yml", answers), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body))
    assert result.code == 1
    assert "表单中「服务时间」没有填写。" in result.out and "表单中「专业反思」没有填写。" in result.out
    assert not (corpus / "cases/alpha-demo/alpha-phone-visits.md").exists()
    bad = tmp_path / "bad.md"
    bad.write_text(render_issue("case.yml", dict(CASE_ANSWERS, 案例编号="刘奶奶")), encoding="utf-8")
    codes = run_cli(corpus, "import", "issue", str(bad), "--format", "json").findings()
    assert codes == [("import/invalid-field", str(bad), 1)]


def test_import_issue_note(corpus: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(render_issue("note.yml", {"程序编号": "fall-response", "机构编号": "beta-demo", "标题": "夜间电话的分工",
                                              "实务经验": "### 分工\n\n值班社工接电话，督导决定是否上门。"}), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body))
    assert result.code == 0, result.out
    text = (corpus / "guideline/notes/beta-demo/fall-response.md").read_text(encoding="utf-8")
    assert "procedure: fall-response\n" in text and "### 分工\n\n值班社工接电话" in text


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def write_docx(path: Path) -> None:
    """A case write-up as organisations write them: Title style, numbered headings, lists, a table, a photo."""
    from docx import Document

    d: Any = Document()
    d.add_heading("独居老人的居家安全探访", 0)
    d.add_paragraph("服务时间：2025年3月至2025年6月")
    d.add_heading("一、基本情况", 1)
    p = d.add_paragraph("张奶奶（化名），82 岁，独居。")
    p.add_run("子女在外地。").underline = True
    p.add_run().add_break()
    p.add_run("平时由邻居照看。")
    d.add_heading("二、问题分析", 1)
    for item in ("卫生间没有扶手", "夜间照明不足"):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("三、服务计划", 1)
    for item in ("入户评估", "链接资源改造"):
        d.add_paragraph(item, style="List Number")
    d.add_heading("四、服务过程", 1)
    table = d.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for i, row in enumerate([("阶段", "内容"), ("第一阶段", "建立关系"), ("第二阶段", "安装扶手")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph("探访照片如下：")
    d.add_picture(io.BytesIO(_png()))
    d.add_heading("（一）家属的配合", 2)
    d.add_paragraph("女儿每周打一次电话。")
    d.add_heading("五、成效评估", 1)
    d.add_paragraph("三个月内没有再跌倒。")
    d.add_heading("六、总结与反思", 1)
    d.add_paragraph("独居与空巢老人的居家安全需要持续跟进，入户前准备很重要。")
    d.save(str(path))


def test_import_docx_gives_a_skeleton_with_clear_findings(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "zhang-home-safety.docx"
    write_docx(source)
    result = run_cli(corpus, "import", "docx", str(source), "--org", "alpha-demo", "--format", "json")
    assert result.code == 1
    rel = "cases/alpha-demo/zhang-home-safety.md"
    codes = sorted({(c, p) for c, p, _ in result.findings()})
    assert codes == [("import/headings-mapped", str(source)), ("import/image-removed", str(source)),
                     ("placeholder/unfilled", rel), ("schema/enum", rel), ("typography/spacing", rel)]
    unfilled = [f["message"] for f in result.json()["findings"] if f["code"] == "placeholder/unfilled"]
    assert unfilled == ["字段「consent.given_by」还是模板占位文字「待填写」。", "字段「consent.method」还是模板占位文字「待填写」。",
                        "字段「consent.scope」还是模板占位文字「待填写」。", "字段「consent.recorded_in」还是模板占位文字「待填写」。",
                        "「## 介入过程」小节还是模板占位文字「待填写」。"]
    text = (corpus / rel).read_text(encoding="utf-8")
    assert "title: 独居老人的居家安全探访\n" in text and "period: 2025-03\n" in text
    assert "themes:\n  - living-alone\n" in text and "procedures:\n  - visit-prep\n" in text
    assert [h for h in re.findall(r"^## (.+)$", text, re.M)] == ["案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思"]
    assert "张奶奶（化名），82 岁，独居。子女在外地。\n\n平时由邻居照看。" in text  # underline and hard break gone
    assert "- 卫生间没有扶手\n- 夜间照明不足\n" in text
    assert re.search(r"^1\. +入户评估\n2\. +链接资源改造$", text, re.M)
    assert re.search(r"^\| 第一阶段 +\| 建立关系 +\|$", text, re.M)
    assert "### （一）家属的配合" in text
    for leftover in ("<span", "{.underline}", "{#", "\\\n", "![", "<u>"):
        assert leftover not in text

    # What a contributor does next: fill in consent, describe the photo in words; then it validates.
    filled = (text.replace("given_by: 待填写", "given_by: 本人").replace("method: 待填写", "method: 书面同意")
              .replace("- 待填写", "- 出版").replace("recorded_in: 待填写", "recorded_in: 机构个案档案（不公开）")
              .replace("2025年3月至2025年6月", "2025 年 3 月至 2025 年 6 月"))
    filled = re.sub(r"（待填写：原文此处有一张图片[^）]*）", "照片显示卫生间已装好扶手。", filled)
    (corpus / rel).write_text(filled, encoding="utf-8")
    assert run_cli(corpus, "validate", rel, "--format", "json").json()["findings"] == []


def test_import_docx_needs_a_registered_org(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "x.docx"
    write_docx(source)
    result = run_cli(corpus, "import", "docx", str(source), "--org", "nobody")
    assert result.code == 2 and "机构「nobody」没有在 organisations/ 中登记" in result.err


def test_new_case_keeps_comments_and_reports_placeholders(corpus: Path) -> None:
    result = run_cli(corpus, "new", "case", "--org", "beta-demo", "--id", "beta-new", "--title", "新案例", "--theme", "emergency",
                     "--procedure", "fall-response", "--period", "2025-02", "--consent-by", "近亲属", "--consent-method", "书面同意",
                     "--consent-scope", "出版、培训", "--consent-record", "机构个案档案（不公开）")
    assert result.code == 0, result.err
    text = (corpus / "cases/beta-demo/beta-new.md").read_text(encoding="utf-8")
    assert "# 同意范围：可多选：出版、网站、培训、照片。\n  scope:\n    - 出版\n    - 培训\n  # 记录位置" in text
    findings = run_cli(corpus, "validate", "cases/beta-demo/beta-new.md", "--format", "json").findings()
    assert findings == [("placeholder/unfilled", "cases/beta-demo/beta-new.md", n) for n in (35, 39, 43, 47, 51, 55)]


def test_new_org_and_procedure_update_registry_and_chapter(corpus: Path) -> None:
    result = run_cli(corpus, "new", "org", "--id", "gamma-demo", "--name", "伽马示例社工站（虚构）", "--short-name", "伽马（示例）",
                     "--district", "海淀区", "--specialty", "emergency", "--maintainer", "gamma-lead", "--domain", "gamma.example.org")
    assert result.code == 0, result.err
    registry = (corpus / "organisations/gamma-demo.yaml").read_text(encoding="utf-8")
    assert "# 机构全称：在民政部门登记的全称；示例机构须标明「虚构」。\nname: 伽马示例社工站（虚构）\n" in registry
    assert "description: 待填写" in registry
    result = run_cli(corpus, "new", "procedure", "--chapter", "02-visits", "--id", "night-call", "--title", "夜间来电", "--org", "gamma-demo")
    assert result.code == 0, result.err
    assert "\norder: 20\n" in (corpus / "guideline/02-visits/night-call.md").read_text(encoding="utf-8")
    codes = {c for c, _, _ in run_cli(corpus, "validate", "--format", "json").findings()}
    # Only what is still 「待填写」 is reported (vocabulary checks also name the unknown value).
    assert codes == {"placeholder/unfilled", "ref/unknown-theme", "ref/unknown-risk-level", "schema/pattern"}
    missing = run_cli(corpus, "new", "case", "--org", "alpha-demo")
    assert missing.code == 2 and "缺少「案例编号」，请加上 --id 选项" in missing.err
