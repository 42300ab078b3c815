"""Real git repositories for the collaboration tests: init, commit as someone, branch, merge."""

from __future__ import annotations

import subprocess
from pathlib import Path

CASE = """---
id: {id}
title: {title}
org: {org}
themes:
  - living-alone
procedures:
  - visit-prep
period: 2025-05
consent:
  given_by: 本人
  method: 书面同意
  scope:
    - 出版
  recorded_in: 机构个案档案（不公开）
deidentified:
  reviewer: 编辑组
  date: 2026-10-01
status: approved
example: true
---

## 案例背景

李奶奶（化名），80 岁，独居。

## 需求评估

需要每周探访。

## 服务目标与计划

每周探访一次。

## 介入过程

社工按计划探访。

## 服务成效

情绪稳定。

## 专业反思

探访要持续。
"""

NOTE = """---
procedure: {procedure}
org: {org}
title: {title}
status: approved
---

我们的做法是提前一天电话确认。
"""


def git(root: Path, *args: str, email: str = "lead@net.example.org", check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=测试者", "-c", f"user.email={email}", "-c", "commit.gpgsign=false",
         "-c", "tag.gpgsign=false", *args],
        cwd=root, capture_output=True, text=True, check=check,
    )


def init_repo(root: Path) -> Path:
    ignore = root / ".gitignore"
    if not ignore.exists():  # as in the real repository: caches and outputs are never committed
        ignore.write_text(".cache/\nbuild/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "初始内容")
    return root


def commit_all(root: Path, message: str, email: str = "lead@net.example.org") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, email=email)
