"""guideline rules: every finding code with its severity and title."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--markdown", action="store_true", help="输出 Markdown 表格（用于文档）")


def run(args: argparse.Namespace) -> int:
    from ..catalogue import RULES

    if args.markdown:
        sys.stdout.write("| 代码 | 级别 | 含义 | 如何修改 |\n|---|---|---|---|\n")
    for code, rule in sorted(RULES.items()):
        level = "错误" if rule.severity.value == "error" else "警告"
        if args.markdown:
            hint = rule.hint.replace("|", "\\|").replace("{", "").replace("}", "")
            sys.stdout.write(f"| `{code}` | {level} | {rule.title} | {hint} |\n")
        else:
            sys.stdout.write(f"{code:32} {level}  {rule.title}\n")
    return 0
