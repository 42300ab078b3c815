"""guideline approve PATH... [--reviewer HANDLE] [--date YYYY-MM-DD]: the editing group's approval records."""

from __future__ import annotations

import argparse
import datetime
import sys

from ..errors import UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="审阅通过的程序、实务经验或案例文件")
    p.add_argument("--reviewer", help="审阅人的 GitHub 账号（默认：git 的 user.name）")
    p.add_argument("--date", help="审阅日期 YYYY-MM-DD（默认：今天）")


def run(args: argparse.Namespace) -> int:
    from ..approvals import approve

    reviewer = args.reviewer or _git_user(args.root)
    done = approve(args.root, args.paths, reviewer, args.date or datetime.date.today().isoformat())
    for a in done:
        note = "（状态已改为 approved）" if a.status_set else ""
        sys.stderr.write(f"已审阅通过 {a.item}{note}：记录写在 {a.record}\n")
    sys.stderr.write("请把这些文件一起提交；合并后，这些条目进入下一次发布的正式版。\n")
    return 0


def _git_user(root: object) -> str:
    import subprocess

    proc = subprocess.run(["git", "config", "user.name"], cwd=str(root), capture_output=True, text=True)
    name = proc.stdout.strip()
    if proc.returncode != 0 or not name:
        raise UsageError("请用 --reviewer 写明审阅人的 GitHub 账号。")
    return name
