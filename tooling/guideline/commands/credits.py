"""guideline credits [--format md|json]: contributions per organisation, overall and per edition."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["md", "json"], default="md", help="md：Markdown 表格；json：与网站和手册使用的数据相同")


def run(args: argparse.Namespace) -> int:
    from ..credits import as_markdown, contributions
    from ..snapshot import load_corpus

    credits = contributions(args.root, load_corpus(args.root))
    if args.format == "json":
        json.dump(credits, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_markdown(args.root, credits))
    return 0
