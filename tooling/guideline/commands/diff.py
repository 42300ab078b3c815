"""guideline diff [BASE [HEAD]] [--format md|json]: what changed between two revisions, for reviewers."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", nargs="?", help="比较的起点（默认：与 origin/main 或 main 的分叉点）")
    p.add_argument("head", nargs="?", help="比较的终点（默认：当前工作区，包括未提交的改动）")
    p.add_argument("--format", choices=["md", "json"], default="md", help="md：Markdown（用于审阅摘要）；json：机器可读")


def default_base(root: Path) -> str:
    """The merge base of HEAD with origin/main (or main): what a pull request would change."""
    import git

    from ..history import open_repo

    repo = open_repo(root)
    for candidate in ("origin/main", "main"):
        try:
            return str(repo.merge_base(candidate, "HEAD")[0].hexsha)
        except (git.GitCommandError, IndexError):
            continue
    raise ValueError("找不到 origin/main 或 main 分支，请写明比较的起点，例如 `guideline diff v1.0.0`。")


def semantic_diff(root: Path, base: str, head: str | None) -> list[Any]:
    from ..changes import compare
    from ..owners import FILE, parse, rules
    from ..snapshot import checkout, load_corpus

    with checkout(root, base) as old_root:
        old = load_corpus(old_root)
        # GitHub asks the owners named in the base branch's CODEOWNERS.
        codeowners = old_root / FILE
        owner_rules = parse(codeowners.read_text(encoding="utf-8")) if codeowners.is_file() else rules(old)
    with checkout(root, head) as new_root:
        new = load_corpus(new_root)
    return compare(old, new, owner_rules)


def run(args: argparse.Namespace) -> int:
    import git

    from ..history import HistoryError

    root: Path = args.root
    try:
        base = args.base or default_base(root)
        changes = semantic_diff(root, base, args.head)
    except (git.BadName, git.GitCommandError) as exc:
        sys.stderr.write(f"用法错误：找不到 git 版本「{args.head or args.base}」（{type(exc).__name__}）。\n")
        return 2
    except (ValueError, HistoryError) as exc:
        sys.stderr.write(f"用法错误：{exc}\n")
        return 2
    head = args.head or "工作区"
    counts = {k: sum(1 for c in changes if c.change == k) for k in ("added", "changed", "removed")}
    if args.format == "json":
        doc = {"base": base, "head": head, "counts": counts, "changes": [asdict(c) for c in changes]}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_markdown(root, changes, base[:12], head, counts))
    return 0


def render_markdown(root: Path, changes: list[Any], base: str, head: str, counts: dict[str, int]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..changes import CHANGE_ZH, KIND_ZH, describe
    from ..snapshot import load_corpus

    corpus = load_corpus(root)
    names = {o.id: o.short_name for o in corpus.organisations.values()}
    env = Environment(loader=FileSystemLoader(Path(__file__).parents[1] / "templates" / "review"),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["cell"] = lambda s: str(s).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
    env.filters["org_name"] = lambda o: names.get(o, o)
    env.filters["what"] = lambda c: describe(c, corpus.settings.statuses)
    return env.get_template("diff.md.j2").render(changes=changes, base=base, head=head, counts=counts,
                                                 change_zh=CHANGE_ZH, kind_zh=KIND_ZH)
