"""term/* and typography/* warnings, and `guideline validate --fix` changing only what they name."""

from __future__ import annotations

import difflib
from pathlib import Path

from conftest import run_cli, write
from guideline import validate

NOTE = "guideline/notes/alpha-demo/visit-prep.md"
HEAD = "---\nprocedure: visit-prep\norg: alpha-demo\ntitle: 老年痴呆老人的探访\nstatus: approved\n---\n"
BODY = [
    "我们在出发前核对清单,减少了遗漏。",                     # 7: punctuation at column 11
    "服务对象做了MMSE评估，得分18分。",                      # 8: spacing at column 7
    "老人有老年痴呆的表现。",                                 # 9: term (replace: true) at column 4
    "案主不愿意开门。",                                       # 10: term (replace: false) at column 1
    "她说：“我又不是老年痴呆。”",                             # 11: a quotation is left alone
    "见《老年痴呆防治指南》和 `老年痴呆abc` 代码。",          # 12: document titles and code are left alone
    "链接[指南](https://example.org/a,b中文x)不改。",         # 13: link target untouched
    "",
    "```",
    "代码块里的 abc中文,不改",
    "```",
]
EXPECTED = [
    ("term/deprecated", 4, 8), ("typography/punctuation", 7, 11), ("typography/spacing", 8, 7),
    ("term/deprecated", 9, 4), ("term/deprecated", 10, 1),
]


def _findings(root: Path) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in validate.run(root, use_cache=False).findings
            if f.path == NOTE and f.code.startswith(("term/", "typography/"))]


def test_warnings_at_exact_places(corpus: Path) -> None:
    write(corpus, NOTE, HEAD + "\n".join(BODY) + "\n")
    assert _findings(corpus) == EXPECTED
    messages = {f.message for f in validate.run(corpus, use_cache=False).findings if f.code == "term/deprecated"}
    assert "「老年痴呆」不推荐使用（带有污名），请改用「认知障碍」。" in messages


def test_fix_changes_only_what_was_found(corpus: Path) -> None:
    before = HEAD + "\n".join(BODY) + "\n"
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
