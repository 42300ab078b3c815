"""Every check of the foundation: schema, references, ids, sections, links."""

from __future__ import annotations

import pytest

from conftest import write
from test_loader import findings, replace

CASE = "cases/alpha-demo/alpha-living-alone.md"
PROC = "guideline/01-basics/visit-prep.md"
NOTE = "guideline/notes/alpha-demo/visit-prep.md"


def only(got, path):  # type: ignore[no-untyped-def]
    return [(c, ln) for c, p, ln in got if p == path]


@pytest.mark.parametrize("old,new,expected", [
    # missing key: reported at its mapping, naming the key
    ("title: 独居的王大爷\n", "", [("schema/required", 2)]),
    ("  reviewer: 编辑组\n", "", [("schema/required", 19)]),
    # wrong type, at the value
    ("  - living-alone\n", "  - 1\n", [("schema/type", 6)]),
    ("example: true", "example: yes", [("schema/type", 22)]),
    # enum, pattern, format, unknown key
    ("given_by: 本人", "given_by: 邻居", [("schema/enum", 12)]),
    ("period: 2025-03", "period: 2025-03-15", [("schema/invalid", 10)]),
    ("date: 2026-09-20", "date: 2026-02-30", [("schema/format", 20)]),
    ("status: approved\n", "status: approved\nauthor: 某人\n", [("schema/additional-property", 22)]),
])
def test_schema_findings_are_located(cli, corpus, old, new, expected):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, old, new)
    assert only(findings(cli, corpus), CASE) == expected


def test_required_message_names_the_key(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, "title: 独居的王大爷\n", "")
    f = cli(corpus, "validate", "--format", "json").json()["findings"][0]
    assert f["message"] == "缺少必填字段「title」（案例标题）。"


def test_checklist_length_is_enforced(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, PROC, "  - 告知督导出发时间\n  - 返回后 24 小时内写记录\n", "")
    assert only(findings(cli, corpus), PROC) == [("schema/length", 13)]


@pytest.mark.parametrize("rel,old,new,expected", [
    (CASE, "  - door-knock\n", "  - door-knok\n", [("ref/unknown-procedure", 9)]),
    (CASE, "org: alpha-demo", "org: beta-demo", [("ref/org-folder-mismatch", 4)]),
    (CASE, "org: alpha-demo", "org: gamma-demo", [("ref/org-folder-mismatch", 4), ("ref/unknown-org", 4)]),
    (CASE, "  - living-alone\n", "  - loneliness\n", [("ref/unknown-theme", 6)]),
    (PROC, "risk_level: medium", "risk_level: extreme", [("ref/unknown-risk-level", 9)]),
    (PROC, "status: approved", "status: final", [("ref/unknown-status", 4)]),
    (PROC, "  - door-knock\n", "  - visit-prep\n", [("ref/self-reference", 11)]),
    (PROC, "  - alpha-demo\n", "  - nobody-demo\n", [("ref/unknown-org", 6)]),
    (NOTE, "procedure: visit-prep", "procedure: door-knock", [("ref/note-path-mismatch", 2)]),
    (NOTE, "org: alpha-demo", "org: beta-demo", [("ref/note-path-mismatch", 3)]),
    (NOTE, "procedure: visit-prep", "procedure: nothing-here", [("ref/note-path-mismatch", 2), ("ref/unknown-procedure", 2)]),
])
def test_reference_findings(cli, corpus, rel, old, new, expected):  # type: ignore[no-untyped-def]
    replace(corpus, rel, old, new)
    assert sorted(only(findings(cli, corpus), rel)) == sorted(expected)


def test_id_must_equal_file_name_and_be_unique(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, "id: alpha-living-alone", "id: beta-fall-at-night")
    got = findings(cli, corpus)
    assert ("id/file-name-mismatch", CASE, 2) in got
    assert any(c == "id/duplicate" for c, _, _ in got)


def test_procedure_order_and_unknown_chapter(cli, corpus):  # type: ignore[no-untyped-def]
    """Two procedures with one order number are a warning (ties go by id); a procedure in a
    folder that is no chapter would appear nowhere, so it is an error."""
    text = (corpus / PROC).read_text(encoding="utf-8").replace("id: visit-prep", "id: extra-step")
    write(corpus, "guideline/01-basics/extra-step.md", text)
    write(corpus, "guideline/03-missing/lost-step.md", text.replace("id: extra-step", "id: lost-step"))
    replace(corpus, "guideline/guideline.yaml", "  - 02-visits\n", "  - 02-visits\n  - 03-missing\n")
    got = findings(cli, corpus)
    assert ("ref/duplicate-order", PROC, 18) in got
    assert ("ref/no-chapter", "guideline/03-missing/lost-step.md", 2) in got
    assert ("ref/unknown-chapter", "guideline/guideline.yaml", 16) in got


def test_unlisted_chapter(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, "guideline/guideline.yaml", "  - 02-visits\n", "")
    assert ("ref/unlisted-chapter", "guideline/02-visits/index.md", 1) in findings(cli, corpus)


@pytest.mark.parametrize("old,new,expected", [
    ("## 注意事项\n", "## 注意\n", [("structure/missing-section", 20), ("structure/unknown-section", 37)]),
    ("## 目的\n\n说明入户前准备的做法，保障老年人和社工的安全。\n\n", "", [("structure/missing-section", 20)]),
    ("## 参考依据\n", "## 目的\n", [("structure/duplicate-section", 44)]),
    ("## 适用情形\n\n所有入户探访。\n\n", "", [("structure/missing-section", 20)]),
])
def test_required_sections_in_order(cli, corpus, old, new, expected):  # type: ignore[no-untyped-def]
    replace(corpus, PROC, old, new)
    assert only(findings(cli, corpus), PROC) == expected


def test_section_order(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, "## 需求评估\n\n需要定期探访。\n\n", "")
    replace(corpus, CASE, "## 专业反思\n", "## 需求评估\n\n需要定期探访。\n\n## 专业反思\n")
    assert only(findings(cli, corpus), CASE) == [("structure/section-order", 47)]


def test_heading_inside_code_block_is_not_a_section(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, PROC, "所有入户探访。\n", "所有入户探访。\n\n```\n## 注意事项\n```\n")
    assert only(findings(cli, corpus), PROC) == []


def test_links(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, PROC, "所有入户探访。\n", "所有入户探访，见[敲门](door-knock.md)、[跌倒](../02-visits/fall-response.md#步骤)"
            "和[外部](https://example.org)。\n\n另见[不存在](../02-visits/nothing.md)与[配置](../guideline.yaml)。\n")
    got = only(findings(cli, corpus), PROC)
    assert got == [("link/broken", 29), ("link/not-content", 29)]


def test_organisation_needs_emails_or_domains(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, "organisations/alpha-demo.yaml", "domains:\n  - alpha.example.org\n", "")
    r = cli(corpus, "validate", "--format", "json")
    f = r.json()["findings"]
    assert [(x["code"], x["path"], x["line"]) for x in f] == [("schema/invalid", "organisations/alpha-demo.yaml", 2)]
    assert "emails" in f[0]["message"] and "domains" in f[0]["message"]
