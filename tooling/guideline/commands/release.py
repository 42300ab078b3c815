"""guideline release VERSION [--edition TEXT] [--date YYYY-MM-DD]: stamp, commit and tag an edition."""

from __future__ import annotations

import argparse
import datetime
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("version", help="版本号，例如 1.0.0（标签为 v1.0.0）")
    p.add_argument("--edition", help="版次名称，例如「2027 年版」（默认：<年份> 年版）")
    p.add_argument("--date", help="发布日期 YYYY-MM-DD（默认：今天）")


def run(args: argparse.Namespace) -> int:
    from ..release import publish

    done = publish(args.root, args.version, args.edition, args.date or datetime.date.today().isoformat())
    since = f"自 {done.previous} 以来" if done.previous else "首次发布"
    sys.stdout.write(f"已发布 {done.tag}（{done.edition}，{done.date}）。{since}的修订记录：\n")
    sys.stdout.writelines(f"  - {line}\n" for line in done.changes)
    sys.stdout.write(f"推送到 GitHub：git push origin HEAD {done.tag}\n")
    return 0
