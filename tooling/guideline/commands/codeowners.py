"""guideline codeowners [--check]: write .github/CODEOWNERS from the registry, or check it is current."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true", help="只检查 .github/CODEOWNERS 是否最新，不写文件（过期时退出码为 1）")


def run(args: argparse.Namespace) -> int:
    from ..owners import FILE, render
    from ..snapshot import load_corpus

    root: Path = args.root
    wanted = render(load_corpus(root))
    target = root / FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if args.check:
        if current == wanted:
            sys.stdout.write(f"{FILE} 是最新的。\n")
            return 0
        sys.stdout.write(f"{FILE} 已过期：它与 organisations/ 和 guideline/guideline.yaml 不一致。\n"
                         "请运行 `guideline codeowners`，并把更新后的文件一起提交。需要的改动：\n")
        sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), FILE, FILE + "（应为）"))
        return 1
    if current == wanted:
        sys.stderr.write(f"{FILE} 已是最新，无需改动。\n")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    sys.stderr.write(f"已写入 {FILE}。请把它和 organisations/ 的改动一起提交。\n")
    return 0
