"""`guideline validate --fix` changing only what term/* and typography/* warnings name."""

from __future__ import annotations

import difflib
from pathlib import Path

from case_folders import CASES
from conftest import run_cli, write

NOTE = "guideline/notes/alpha-demo/visit-prep.md"
# The note of the term/deprecated fixture folder: its findings (terms and typography at exact
# places, quotations, titles, code and link targets left alone) are in expected.yaml beside it.
SAMPLE = CASES / "term" / "deprecated" / NOTE


def test_fix_changes_only_what_was_found(corpus: Path) -> None:
    before = SAMPLE.read_text(encoding="utf-8")
    path = write(corpus, NOTE, before)
    result = run_cli(corpus, "validate", "--fix", "--format", "json")
    after = path.read_text(encoding="utf-8")
    assert result.code == 0 and "已修正 1 个文件" in result.err
    diff = [line for line in difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == [
        "-title: 老年痴呆老人的探访",
        "+title: 认知障碍老人的探访",
        "-我们在出发前核对清单,减少了遗漏。",
        "-服务对象做了MMSE评估，得分18分。",
        "-老人有老年痴呆的表现。",
        "+我们在出发前核对清单，减少了遗漏。",
        "+服务对象做了 MMSE 评估，得分 18 分。",
        "+老人有认知障碍的表现。",
    ]
    # What remains needs a person: 案主 is not replaced automatically.
    assert [(f["code"], f["line"]) for f in result.json()["findings"]] == [("term/deprecated", 10)]
    again = run_cli(corpus, "validate", "--fix")
    assert again.err == "" and path.read_text(encoding="utf-8") == after  # nothing left to write


def test_fix_keeps_bom_crlf_and_front_matter_bytes(corpus: Path) -> None:
    front = "---\r\nprocedure: visit-prep\r\norg: alpha-demo\r\ntitle: 出发前核对,MMSE评估\r\nstatus: approved\r\n---\r\n"
    raw = b"\xef\xbb\xbf" + (front + "核对清单,减少遗漏。\r\n").encode("utf-8")
    path = write(corpus, NOTE, raw)
    assert run_cli(corpus, "validate", "--fix").code == 0
    fixed = path.read_bytes()
    assert fixed == b"\xef\xbb\xbf" + (front + "核对清单，减少遗漏。\r\n").encode("utf-8")


def test_fix_leaves_files_without_findings_alone(corpus: Path) -> None:
    before = {p: p.read_bytes() for p in corpus.rglob("*.md")}
    result = run_cli(corpus, "validate", "--fix")
    assert result.code == 0 and result.err == ""
    assert {p: p.read_bytes() for p in corpus.rglob("*.md")} == before
