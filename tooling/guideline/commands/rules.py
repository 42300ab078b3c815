"""guideline rules [--markdown]: every finding code with its severity and title, or the rule reference page."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--markdown", action="store_true", help="输出 Markdown 格式的规则说明（即 docs/rules.md）")


def run(args: argparse.Namespace) -> int:
    from ..catalogue import markdown_reference, plain_list

    sys.stdout.write(markdown_reference() if args.markdown else plain_list())
    return 0
