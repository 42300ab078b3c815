"""guideline build [--site] [--handbook] [--out DIR] [--edition preview|published]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..render import EDITIONS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", action="store_true", help="只生成网站（build/site/）")
    p.add_argument("--handbook", action="store_true", help="只生成手册（build/handbook/：PDF、DOCX、EPUB）")
    p.add_argument("--out", type=Path, default=None, help="输出目录（默认 build/）")
    p.add_argument("--edition", choices=EDITIONS, default="preview",
                   help="preview：征求意见稿，包含草稿并加标注；published：正式版，只含已通过的内容")


def run(args: argparse.Namespace) -> int:
    from ..build import build

    both = not (args.site or args.handbook)
    built = build(args.root, args.edition, (args.out or args.root / "build").resolve(),
                  site=args.site or both, handbook=args.handbook or both)
    if built.site:
        sys.stderr.write(f"网站已生成：{built.site}\n")
    if built.handbook:
        sys.stderr.write(f"手册已生成：{built.handbook}\n")
    return 0
