"""guideline release VERSION [--edition TEXT] [--date YYYY-MM-DD]: stamp, commit and tag an edition."""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

_VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("version", help="版本号，例如 1.0.0（标签为 v1.0.0）")
    p.add_argument("--edition", help="版次名称，例如「2027 年版」（默认：<年份> 年版）")
    p.add_argument("--date", help="发布日期 YYYY-MM-DD（默认：今天）")


def run(args: argparse.Namespace) -> int:
    import git

    from .. import validate
    from ..history import HistoryError, open_repo
    from ..release import SETTINGS, changelog, changes_since, previous_tag, stamp
    from ..reporters import text
    from . import validated_corpus

    root: Path = args.root
    date = args.date or datetime.date.today().isoformat()
    if not _VERSION.match(args.version) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        sys.stderr.write("用法错误：版本号写成 1.0.0 这样的三段数字，日期写成 2026-10-15。\n")
        return 2
    tag = f"v{args.version}"
    try:
        repo = open_repo(root)
    except HistoryError as exc:
        sys.stderr.write(f"用法错误：{exc}\n")
        return 2
    if tag in [t.name for t in repo.tags]:
        sys.stderr.write(f"用法错误：标签 {tag} 已经存在，请换一个版本号。\n")
        return 2
    if repo.is_dirty(untracked_files=False):
        sys.stderr.write("用法错误：有尚未提交的改动。请先提交或撤销它们，再发布。\n")
        return 2
    corpus = validated_corpus(root, "不能发布。请先修正上面的错误。")
    if corpus is None:
        return 1
    previous = previous_tag(repo)
    lines = changelog(changes_since(root, previous), previous is None, corpus)
    edition = args.edition or f"{date[:4]} 年版"
    old = stamp(root, args.version, edition, date, lines)
    stamped = validate.run(root, {SETTINGS})
    if not stamped.ok:
        (root / SETTINGS).write_text(old, encoding="utf-8")
        text(stamped.findings, stamped.files, sys.stderr)
        sys.stderr.write("写入版次后 guideline.yaml 没有通过检查，已恢复原文件，没有发布。\n")
        return 1
    settings = (root / SETTINGS).resolve().relative_to(Path(str(repo.working_tree_dir)).resolve()).as_posix()
    message = f"发布 {tag}（{edition}）\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    try:
        repo.git.add("--", settings)
        repo.git.commit("-m", message, "--", settings)
        repo.git.tag("-a", tag, "-m", message)
    except git.GitCommandError as exc:
        (root / SETTINGS).write_text(old, encoding="utf-8")
        sys.stderr.write(f"git 提交或打标签失败，已恢复 guideline.yaml：{exc.stderr.strip()}\n")
        return 1
    since = f"自 {previous} 以来" if previous else "首次发布"
    sys.stdout.write(f"已发布 {tag}（{edition}，{date}）。{since}的修订记录：\n")
    sys.stdout.writelines(f"  - {line}\n" for line in lines)
    sys.stdout.write(f"推送到 GitHub：git push origin HEAD {tag}\n")
    return 0
