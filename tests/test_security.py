"""Security, first layer and automation (issue 19): what `validate` refuses in plain fields,
how plain strings are escaped for each sink, and untrusted text in the import workflow.

The outputs themselves (every vector in every field, opened in Chromium, EPUB/DOCX/PDF
scanned, hermetic builds) are in test_security_outputs.py. See docs/security.md.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import REPO, run_cli, write
from guideline.findings import Finding, Severity
from guideline.handbook.document import md as handbook_md
from guideline.model import ident
from guideline.render import phone_href, web_url
from guideline.reporters import fenced, markdown
from guideline.site.body import md_text

BREAKOUT = "正常的内容\n```\n# 已审核通过\n\n`````\n@someone 请直接合并"


def _findings(root: Path, code: str) -> list[tuple[str, int]]:
    result = run_cli(root, "validate", "--no-cache", "--format", "json")
    return [(f["path"], f["line"]) for f in result.json()["findings"] if f["code"] == code]


# --- control characters written as YAML escapes ---------------------------------------

@pytest.mark.parametrize("escape", ["\\u0001", "\\x01", "\\x85", "\\u202e", "\\r", "\\e", "\\0", "\\u2028"])
def test_control_character_from_a_yaml_escape_is_located(corpus: Path, escape: str) -> None:
    path = corpus / "cases/alpha-demo/alpha-living-alone.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 独居的王大爷", f'title: "独居{escape}的王大爷"'),
                    encoding="utf-8")
    assert _findings(corpus, "encoding/control-char") == [("cases/alpha-demo/alpha-living-alone.md", 3)]


def test_control_character_in_registry_files_and_lists(corpus: Path) -> None:
    org = corpus / "organisations/alpha-demo.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: 阿尔法示例社工中心（虚构）", 'name: "阿尔法\\x03中心"'),
                   encoding="utf-8")
    proc = corpus / "guideline/01-basics/visit-prep.md"
    proc.write_text(proc.read_text(encoding="utf-8").replace("  - 告知督导出发时间", '  - "告知\\u0007督导"'), encoding="utf-8")
    assert sorted(_findings(corpus, "encoding/control-char")) == [
        ("guideline/01-basics/visit-prep.md", 15), ("organisations/alpha-demo.yaml", 2)]


def test_a_raw_control_character_is_reported_once(corpus: Path) -> None:
    path = corpus / "guideline/glossary/service-user.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("接受社会", "接受\u200b社会"), encoding="utf-8")
    assert _findings(corpus, "encoding/control-char") == [("guideline/glossary/service-user.yaml", 3)]


# --- markup and limits in plain fields ---------------------------------------------------

def test_markup_in_plain_fields_is_refused_where_it_is(corpus: Path) -> None:
    case = corpus / "cases/alpha-demo/alpha-living-alone.md"
    case.write_text(case.read_text(encoding="utf-8").replace("title: 独居的王大爷", "title: </title><script>alert(1)</script>"),
                    encoding="utf-8")
    org = corpus / "organisations/beta-demo.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace(text.split("name: ")[1].split("\n")[0], "<img src=x onerror=alert(1)>"), encoding="utf-8")
    term = corpus / "guideline/glossary/service-user.yaml"
    term.write_text(term.read_text(encoding="utf-8").replace("学术用语", "<!-- 隐藏 -->学术用语"), encoding="utf-8")
    found = sorted(_findings(corpus, "text/markup"))
    assert found == [("cases/alpha-demo/alpha-living-alone.md", 3), ("guideline/glossary/service-user.yaml", 6),
                     ("organisations/beta-demo.yaml", 2)]


def test_comparisons_are_not_markup(corpus: Path) -> None:
    term = corpus / "guideline/glossary/service-user.yaml"
    term.write_text(term.read_text(encoding="utf-8").replace("接受社会工作服务的人。", "年龄 <60 岁或 a < b 的人。"), encoding="utf-8")
    assert _findings(corpus, "text/markup") == []


def test_organisation_names_have_limits_and_websites_a_scheme(corpus: Path) -> None:
    org = corpus / "organisations/alpha-demo.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: 阿尔法示例社工中心（虚构）", "name: " + "很长" * 30)
                   + "website: javascript:alert(1)\n", encoding="utf-8")
    result = run_cli(corpus, "validate", "--no-cache", "--format", "json")
    codes = {(f["code"], f["line"]) for f in result.json()["findings"] if f["path"] == "organisations/alpha-demo.yaml"}
    assert {line for _, line in codes} >= {2, 12} and all(code.startswith("schema/") for code, _ in codes)


# --- escaping once per sink ----------------------------------------------------------------

def test_site_text_is_escaped_once_and_stays_on_one_line() -> None:
    assert md_text("</title><script>") == "&lt;/title&gt;&lt;script&gt;"
    assert md_text("a\n    - b\u2028# c") == "a \\- b \\# c"
    assert md_text("[x](javascript:alert(1)){: onclick=x}") == "\\[x\\]\\(javascript:alert\\(1\\)\\)\\{: onclick=x\\}"


def test_handbook_text_escapes_every_ascii_punctuation() -> None:
    assert handbook_md('#show "120": "999"') == '\\#show \\"120\\"\\: \\"999\\"'
    assert handbook_md("`{=typst}`\n#let") == "\\`\\{=typst\\}\\` \\#let"
    assert web_url("https://creativecommons.org/licenses/by-sa/4.0/") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert web_url("javascript:alert(1)") == web_url("https://x> {=typst}") == ""


def test_only_numbers_become_phone_links() -> None:
    assert phone_href("12356") == "tel:12356"
    assert phone_href("010-12345678") == "tel:010-12345678"
    assert phone_href('1"><script>') == phone_href("javascript:alert(1)") == phone_href("") == ""


@pytest.mark.parametrize("value", ["../../etc/passwd", "a b", "x\"onload=1", "#show", "案例", ""])
def test_ids_outside_the_slug_form_are_hex_encoded(value: str) -> None:
    out = ident(value)
    assert out.startswith("x-") and all(c.isalnum() or c == "-" for c in out)
    assert ident("visit-prep") == "visit-prep"


# --- untrusted text quoted into issue comments and pull requests ----------------------------

def _blocks(text: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(text) if t.level == 0 and not t.type.endswith("_close")]


def test_quoted_text_cannot_end_its_fence() -> None:
    quoted = fenced(BREAKOUT)
    tokens = MarkdownIt("commonmark").parse("前言\n\n" + quoted + "\n结尾")
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1 and fences[0].content == BREAKOUT + "\n"
    assert not any(t.type == "heading_open" for t in tokens)
    assert _blocks("前言\n\n" + quoted + "\n结尾") == ["paragraph_open", "fence", "paragraph_open"]


def test_the_import_report_is_one_fenced_block() -> None:
    finding = Finding(code="import/missing-field", severity=Severity.ERROR, path="cases/x/```.md", line=1, column=1,
                      message=BREAKOUT, hint="「# 已审核通过」")
    out = io.StringIO()
    markdown([finding], 1, out)
    assert _blocks(out.getvalue()) == ["fence"]
    assert "# 已审核通过" in out.getvalue()


def test_the_import_command_writes_a_fenced_report(corpus: Path, tmp_path: Path) -> None:
    issue = write(tmp_path, "issue.md", "### 案例标题\n\n```\n# 已审核通过\n")
    result = run_cli(corpus, "import", "issue", str(issue), "--format", "markdown")
    assert result.code == 1
    assert _blocks(result.out) == ["fence"]


def test_the_write_token_never_meets_untrusted_text() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/import.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        text = yaml.safe_dump(job, allow_unicode=True)
        writes = any(v == "write" for v in job.get("permissions", {}).values())
        parses = "issue.body" in text or "guideline import" in text or "pip install" in text
        assert not (writes and parses), f"job {name} holds a write token and handles untrusted text"
        if parses:
            assert "github.token" not in text and "secrets." not in text
            checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
            assert checkout["with"]["persist-credentials"] is False
    publish = workflow["jobs"]["publish"]["steps"]
    assert any("--include='cases/*'" in str(s.get("run", "")) for s in publish)
    assert all("report.txt" not in str(s.get("run", "")) for s in publish)
