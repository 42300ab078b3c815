"""Every fixture folder under tests/cases/: validate it in-process and compare with its expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_folders import Case, all_cases
from guideline import validate


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.name)
def test_case(case: Case, tmp_path: Path) -> None:
    root = case.build(tmp_path / "repo")
    findings = validate.run(root, use_cache=False).findings
    got = sorted((f.code, f.path, f.line, f.column) for f in findings)
    assert got == sorted(case.expected())
    messages = {(f.code, f.path, f.line, f.column): f.message for f in findings}
    for where, message in case.messages().items():
        assert messages[where] == message
