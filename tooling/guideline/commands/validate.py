"""guideline validate [PATH...] [--format text|json|github] [--changed-since REV] [--no-cache] [--fix]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..reporters import REPORTER_BY_NAME


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="只报告这些文件或文件夹中的问题（引用仍按全部内容检查）")
    p.add_argument("--format", choices=sorted(REPORTER_BY_NAME), default="text", help="输出格式")
    p.add_argument("--changed-since", metavar="REV", help="只报告自该 git 版本以来改动过的文件中的问题，以及这些改动在其他文件中造成的问题")
    p.add_argument("--no-cache", action="store_true", help="不使用 .cache/ 中的缓存")
    p.add_argument("--fix", action="store_true", help="自动修正术语和排版问题（只做安全、可审阅的改动）")


def selected_paths(root: Path, paths: list[str]) -> set[str] | None:
    only: set[str] | None = None
    if paths:
        only = set()
        for p in paths:
            full = Path(p).resolve()
            try:
                only.add(full.relative_to(root).as_posix())
            except ValueError:
                raise UsageError(f"{p} 不在仓库 {root} 之内。") from None
    return only


def run(args: argparse.Namespace) -> int:
    from .. import validate

    root: Path = args.root
    only = selected_paths(root, args.paths)

    def check() -> validate.Report:
        if args.changed_since:
            return validate.run_changed(root, args.changed_since, only, use_cache=not args.no_cache)
        return validate.run(root, only, use_cache=not args.no_cache)

    report = check()
    if args.fix:
        from ..fixes import apply_fixes

        changed = apply_fixes(root, report)
        if changed:
            sys.stderr.write(f"已修正 {len(changed)} 个文件：{'、'.join(changed)}。请检查改动后再提交。\n")
            report = check()
    REPORTER_BY_NAME[args.format](report.findings, report.files, sys.stdout, report.elsewhere)
    return 0 if report.ok else 1
