"""guideline build [--site] [--handbook] [--out DIR] [--edition preview|published]"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..render import EDITIONS

if TYPE_CHECKING:
    from ..editions import Withheld


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", action="store_true", help="只生成网站（build/site/）")
    p.add_argument("--handbook", action="store_true", help="只生成手册（build/handbook/：PDF、DOCX、EPUB）")
    p.add_argument("--out", type=Path, default=None, help="输出目录（默认 build/）")
    p.add_argument("--edition", choices=EDITIONS, default="preview",
                   help="preview：征求意见稿，包含草稿并加标注；published：正式版，最近一个发布标签的内容，只含编辑组审阅通过的条目")


def run(args: argparse.Namespace) -> int:
    from ..build import build

    both = not (args.site or args.handbook)
    built = build(args.root, args.edition, (args.out or args.root / "build").resolve(),
                  site=args.site or both, handbook=args.handbook or both)
    if args.edition == "published":
        sys.stderr.write(f"正式版内容来自发布标签 {built.source}。\n" if built.source else
                         "还没有发布标签（v*），正式版内容来自当前工作区。\n")
        report_withheld(built.withheld)
    if built.site:
        sys.stderr.write(f"网站已生成：{built.site}\n")
    if built.handbook:
        sys.stderr.write(f"手册已生成：{built.handbook}\n")
    return 0


def report_withheld(withheld: list[Withheld]) -> None:
    """The publish summary: every approved item left out for want of a current approval record."""
    from ..editions import WITHHELD_ZH

    if not withheld:
        return
    lines = [f"- `{w.path}`「{w.title}」：{WITHHELD_ZH[w.state]}" for w in withheld]
    text = f"正式版没有收录以下 {len(withheld)} 个状态为「已通过」的条目：\n" + "\n".join(lines) + "\n"
    sys.stderr.write(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write("## 正式版未收录的条目\n\n" + text + "\n")
