"""guideline codeowners [--check [--changed-since REV]]: write .github/CODEOWNERS from the registry, or check it.

With --changed-since (pull requests), --check judges only a hand edit: a PR that leaves
CODEOWNERS alone passes even when it adds an organisation, because the file is
regenerated on main afterwards (so parallel additions never conflict in it).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..errors import UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true", help="只检查 .github/CODEOWNERS 是否最新，不写文件（过期时退出码为 1）")
    p.add_argument("--changed-since", metavar="REV",
                   help="与 --check 一起用于合并请求：只有本次修改改动了 CODEOWNERS 时才检查（它由 main 上的工作流更新）")


def run(args: argparse.Namespace) -> int:
    from ..owners import FILE, render
    from ..snapshot import load_corpus

    root: Path = args.root
    wanted = render(load_corpus(root))
    target = root / FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if args.changed_since:
        from ..history import changed_files

        if not args.check:
            raise UsageError("--changed-since 只能与 --check 一起使用。")
        if FILE not in changed_files(root, args.changed_since):
            sys.stdout.write(f"本次修改没有改动 {FILE}；合并后由 main 上的「主干检查」工作流按机构登记更新它。\n")
            return 0
    if args.check:
        if current == wanted:
            sys.stdout.write(f"{FILE} 是最新的。\n")
            return 0
        sys.stdout.write(f"{FILE} 已过期：它与 organisations/ 和 guideline/guideline.yaml 不一致。\n"
                         f"请不要手工修改它：撤销本次对 {FILE} 的改动（合并后由工作流更新），"
                         "或运行 `guideline codeowners` 生成。需要的改动：\n")
        sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), FILE, FILE + "（应为）"))
        return 1
    if current == wanted:
        sys.stderr.write(f"{FILE} 已是最新，无需改动。\n")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    sys.stderr.write(f"已写入 {FILE}。请把它和 organisations/ 的改动一起提交。\n")
    return 0
