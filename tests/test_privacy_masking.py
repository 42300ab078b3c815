"""One masking step: no output of any format shows a personal value, whatever check quoted it."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from conftest import run_cli, write
from guideline import validate
from guideline.checks import FILE_CHECKS, Check, Context
from guideline.findings import Finding
from guideline.model import Source
from guideline.reporters import REPORTER_BY_NAME, markdown_summary

PHONE, ID, NAME = "13912345678", "110105194503121236", "王芳"
URL_PHONE = "".join(f"%{ord(c):02X}" for c in PHONE)  # a link target that decodes to the phone number

# Every string field of a case, slug-shaped fields included, plus unknown keys and an anchor name.
CASE = f"""---
id: "{PHONE}"
title: 女儿{NAME}的电话 {PHONE}，身份证 {ID}
org: "{ID}"
themes:
  - "{PHONE}"
  - {NAME}
procedures:
  - "139-1234-5678"
  - "{ID}"
period: "{PHONE}"
consent:
  given_by: {NAME} {PHONE}
  method: &m{PHONE} "{ID}"
  scope:
    - "{PHONE}"
    - {NAME}
  recorded_in: 139-1234-5678
deidentified:
  reviewer: {NAME} {ID}
  date: "{PHONE}"
status: "{PHONE}"
example: true
authors:
  - "{PHONE}"
"{PHONE}": {NAME}
{NAME}: "{ID}"
---

## 案例背景

女儿{NAME}说明了情况。

## 电话 {PHONE} 的来历

## {NAME} {ID}

见[档案]({PHONE}.md)、[记录]({NAME}-{ID}.md)、[照片]({URL_PHONE}.md)。

电话{PHONE}要核对，{NAME}老师also来了。

<span title="{PHONE}">{NAME}</span>
"""

PROCEDURE = f"""---
id: "{PHONE}"
title: 联系{NAME}老师 {PHONE}
status: "{ID}"
contributors:
  - "{PHONE}"
  - {NAME}
themes:
  - "{ID}"
risk_level: "{PHONE}"
related:
  - "{PHONE}"
  - {NAME}
checklist:
  - 电话 {PHONE}
last_reviewed: "{ID}"
---

## 目的

女儿{NAME}来过。

## {NAME}的电话 {PHONE}
"""

NOTE = f"""---
procedure: "{PHONE}"
org: "{ID}"
title: 女儿{NAME}的建议
status: "{PHONE}"
---

见[{NAME}]({ID}.md)。
"""

DUPLICATE = f"""---
id: dup
title: 女儿{NAME}
"{PHONE}": 1
"{PHONE}": 2
---
"""

BROKEN = f"""---
title: {PHONE}: {ID}
---
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import FIXTURE

    root = tmp_path_factory.mktemp("masking") / "repo"
    shutil.copytree(FIXTURE, root)
    write(root, "cases/alpha-demo/mask-case.md", CASE)
    write(root, "guideline/01-basics/mask-procedure.md", PROCEDURE)
    write(root, "guideline/notes/alpha-demo/mask-note.md", NOTE)
    write(root, "cases/beta-demo/dup.md", DUPLICATE)
    write(root, "cases/beta-demo/broken.md", BROKEN)
    return root


def _leaks(output: str) -> list[str]:
    forms = {PHONE, ID, NAME, "139-1234-5678", URL_PHONE}
    digits = re.sub(r"[^0-9]", "", output)  # no value even with its separators stripped
    return [f for f in forms if f in output] + [v for v in (PHONE, ID) if v in digits]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_no_output_holds_a_value(repo: Path, fmt: str, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_cli(repo, "validate", "--no-cache", "--format", fmt,
                     env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    output = result.out + result.err + (summary.read_text(encoding="utf-8") if summary.exists() else "")
    assert result.code == 1
    if fmt == "json":  # the quoting checks did run: the values were there to leak
        codes = {f["code"] for f in result.json()["findings"]}
        assert {"structure/unknown-section", "link/broken", "ref/unknown-org", "ref/unknown-theme",
                "schema/additional-property", "yaml/duplicate-key", "yaml/anchor",
                "id/file-name-mismatch", "privacy/name"} <= codes, codes
    assert _leaks(output) == []


def test_internal_error_names_the_type_only(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crashes(source: Source, context: Context) -> list[Finding]:
        raise ValueError(f"cannot read line: 电话 {PHONE} 身份证 {ID} {NAME}")

    monkeypatch.setattr("guideline.validate.FILE_CHECKS",
                        (*FILE_CHECKS, Check("crashes", frozenset({"internal/error"}), file=crashes)))
    report = validate.run(repo, use_cache=False)
    errors = [f for f in report.findings if f.code == "internal/error"]
    assert errors and all("ValueError" in f.message for f in errors)
    for name, reporter in REPORTER_BY_NAME.items():
        out = io.StringIO()
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        reporter(report.findings, report.files, out)
        assert _leaks(out.getvalue() + markdown_summary(report.findings, report.files)) == [], name
