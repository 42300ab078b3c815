"""typography/*: long bodies are checked in pieces, never an internal error (issue 15)."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from guideline import validate
from guideline.checks.typography import chunks, format_body

FRONT = """---
id: long-body
title: 很长的记录
org: alpha-demo
themes:
  - living-alone
procedures:
  - visit-prep
period: 2025-03
status: draft
example: true
---
"""
SENTENCES = ["老人今年八十二岁，独居在老旧小区。", "他说腿疼 ，晚上睡不好。"]


def _body(n: int) -> str:
    # One sentence per paragraph: autocorrect alone gives up ("call limit reached") near 10,000 blocks.
    return "".join(SENTENCES[i % 2] + "\n\n" for i in range(n)) + "```\n\n代码 ，不改\n\n```\n最后一句 ，有错。\n"


def test_pieces_rebuild_the_body_and_never_cut_code() -> None:
    body = _body(3000)
    pieces = chunks(body, size=500)
    assert len(pieces) > 5 and "".join(text for _, text in pieces) == body
    assert all(text.count("```") % 2 == 0 for _, text in pieces)
    lines = body.split("\n")
    assert all(text.split("\n")[0] == lines[first] for first, text in pieces)


def test_long_body_is_checked_to_its_last_line(corpus: Path) -> None:
    body = _body(12000)
    write(corpus, "cases/alpha-demo/long-body.md", FRONT + body)
    found = [f for f in validate.run(corpus, use_cache=False).findings if f.path == "cases/alpha-demo/long-body.md"]
    assert not [f for f in found if f.code == "internal/error"]
    typography = [(f.line, f.column) for f in found if f.code.startswith("typography/")]
    last = FRONT.count("\n") + body.count("\n")  # the line 最后一句 ，有错。
    assert len(typography) == 6001 and (last, 5) in typography
    assert format_body(body).count("腿疼，") == 6000
