"""guideline release VERSION [--edition TEXT] [--date YYYY-MM-DD] | --tag | --notes [VERSION]

VERSION prepares the release on a branch release/vVERSION and opens its pull request
(when `gh` and a remote `origin` are there; otherwise it prints the two commands);
--tag, run by the main workflow after that PR is merged, tags the merge; --notes prints
a release's 修订记录 as the GitHub Release text.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("version", nargs="?", help="版本号，例如 1.0.0（标签为 v1.0.0）")
    p.add_argument("--edition", help="版次名称，例如「2027 年版」（默认：<年份> 年版）")
    p.add_argument("--date", help="发布日期 YYYY-MM-DD（默认：今天）")
    step = p.add_mutually_exclusive_group()
    step.add_argument("--tag", action="store_true",
                      help="发布合并请求合并后（由 main 上的工作流运行）：给 guideline.yaml 中尚无标签的版本打标签，并输出标签名")
    step.add_argument("--notes", action="store_true", help="输出该版本（默认：guideline.yaml 中的 version）的修订记录，用作 GitHub Release 的说明")
    p.add_argument("--no-pr", action="store_true", help="只在本地准备发布分支，不推送、不开启合并请求")


def run(args: argparse.Namespace) -> int:
    from .. import release

    root: Path = args.root
    if args.notes:
        sys.stdout.write(release.notes(root, args.version))
        return 0
    if args.tag:
        tag = release.tag_on_merge(root)
        if tag:
            sys.stdout.write(f"{tag}\n")
        else:
            sys.stderr.write("guideline.yaml 的版本已有标签（或没有修订记录），无需打标签。\n")
        return 0
    if not args.version:
        raise UsageError("请写出版本号，例如 `guideline release 1.0.0`。")
    done = release.prepare(root, args.version, args.edition, args.date or datetime.date.today().isoformat())
    since = f"自 {done.previous} 以来" if done.previous else "首次发布"
    sys.stdout.write(f"已在分支 {done.branch} 上准备好 {done.tag}（{done.edition}，{done.date}）。{since}的修订记录：\n")
    sys.stdout.writelines(f"  - {line}\n" for line in done.changes)
    title = f"发布 {done.tag}（{done.edition}）"
    if not args.no_pr and shutil.which("gh") and _has_origin(root):
        subprocess.run(["git", "push", "-u", "origin", done.branch], cwd=root, check=True)
        subprocess.run(["gh", "pr", "create", "--base", "main", "--head", done.branch, "--title", title,
                        "--body", release.notes(root, args.version)], cwd=root, check=True)
        sys.stdout.write("已开启发布合并请求。合并后，「主干检查与发布」工作流会打标签、发布 GitHub Release 并更新正式版网站。\n")
    else:
        sys.stdout.write("请推送分支并开启合并请求（合并后由工作流打标签并发布）：\n"
                         f"  git push -u origin {done.branch}\n"
                         f"  gh pr create --base main --head {done.branch} --title \"{title}\" --fill\n")
    return 0


def _has_origin(root: Path) -> bool:
    proc = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True)
    return proc.returncode == 0
