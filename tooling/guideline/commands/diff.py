"""guideline diff [BASE [HEAD]] [--format md|json]: what changed between two revisions, for reviewers."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", nargs="?", help="比较的起点（默认：与 origin/main 或 main 的分叉点）")
    p.add_argument("head", nargs="?", help="比较的终点（默认：当前工作区，包括未提交的改动）")
    p.add_argument("--format", choices=["md", "json"], default="md", help="md：Markdown（用于审阅摘要）；json：机器可读")


def run(args: argparse.Namespace) -> int:
    from ..review import WORKING_TREE, as_json, as_markdown, default_base, semantic_diff

    base = args.base or default_base(args.root)
    summary = semantic_diff(args.root, base, args.head)
    head = args.head or WORKING_TREE
    if args.format == "json":
        json.dump(as_json(summary, base, head), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_markdown(args.root, summary, base, head))
    return 0
