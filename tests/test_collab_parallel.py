"""Parallel additions: three organisations each add a glossary term, themselves and a procedure in the same chapter.

One record per file (organisations/<id>.yaml, guideline/glossary/<id>.yaml, `order:` on each
procedure) means the three branches touch different files, so they merge in every order.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

from collab_helpers import commit_all, git, init_repo
from conftest import run_cli, write

ORG = """# 字段说明见 schemas/organisation.schema.json。
name: {name}示例社工站（虚构）
short_name: {name}（示例）
district: 海淀区
specialties:
  - emergency
maintainers:
  - {id}-lead
domains:
  - {id}.example.org
example: true
"""
TERM = """# 字段说明见 schemas/term.schema.json。
preferred: {term}
definition: {name}站提出的术语：{term}的含义。
"""
PROCEDURE = """---
id: {id}-night-call
title: {name}的夜间来电
status: draft
contributors:
  - {id}-demo
themes:
  - emergency
risk_level: medium
related:
  - fall-response
checklist:
  - 记录来电时间
  - 记录来电内容
  - 告知督导
  - 次日回访
last_reviewed: 2026-10-01
order: 20
---

## 目的

说明{name}站夜间来电的做法。

## 适用情形

夜间接到老年人或家属的电话。

## 操作步骤

1. 记录来电时间和内容。
2. 告知督导。

## 注意事项

- 不要独自夜间入户。
"""
BRANCHES = {"gamma": ("伽马", "夜间值守"), "delta": ("德尔塔", "电话随访"), "epsilon": ("艾普西隆", "邻里守望")}


def test_three_parallel_additions_merge_in_every_order_and_reach_every_output(corpus: Path, tmp_path: Path) -> None:
    init_repo(corpus)
    for org, (name, term) in BRANCHES.items():
        git(corpus, "switch", "-q", "-c", f"add-{org}", "main")
        write(corpus, f"organisations/{org}-demo.yaml", ORG.format(id=org, name=name))
        write(corpus, f"guideline/glossary/{org}-term.yaml", TERM.format(term=term, name=name))
        # Every branch picks the same next order in the chapter: a warning after the merge, never a conflict.
        write(corpus, f"guideline/02-visits/{org}-night-call.md", PROCEDURE.format(id=org, name=name))
        commit_all(corpus, f"{name}：新增机构、术语和程序", f"worker@{org}.example.org")

    trees = set()
    for order in itertools.permutations(BRANCHES):
        git(corpus, "switch", "-q", "-c", "merged-" + "-".join(order), "main")
        for org in order:
            merged = git(corpus, "merge", "--no-ff", "-q", "-m", f"合并 {org}", f"add-{org}", check=False)
            assert merged.returncode == 0, (order, merged.stdout + merged.stderr)
        trees.add(git(corpus, "rev-parse", "HEAD^{tree}").stdout.strip())
    assert len(trees) == 1  # every order gives the same corpus

    result = run_cli(corpus, "validate", "--format", "json", "--no-cache")
    assert result.json()["counts"]["error"] == 0, result.out
    warnings = {f["code"] for f in result.json()["findings"]}
    assert warnings <= {"ref/duplicate-order"}, warnings

    out = tmp_path / "out"
    built = run_cli(corpus, "build", "--out", str(out))
    assert built.code == 0, built.err + built.out
    site = "\n".join(p.read_text(encoding="utf-8") for p in (out / "site").rglob("*.html"))
    with zipfile.ZipFile(out / "handbook" / "handbook.epub") as epub:
        book = "".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    for name, term in BRANCHES.values():
        for text in (f"{name}的夜间来电", term, f"{name}示例社工站（虚构）"):
            assert text in site, (text, "site")
            assert text in book, (text, "handbook")
