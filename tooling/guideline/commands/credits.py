"""guideline credits [--format md|json]: contributions per organisation, overall and per edition."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

UNRELEASED = "未发布"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["md", "json"], default="md", help="md：Markdown 表格；json：与网站和手册使用的数据相同")


def editions(root: Path) -> list[str]:
    """Release tags oldest first, then 未发布."""
    try:
        from ..history import open_repo

        repo = open_repo(root)
        tags = sorted((t for t in repo.tags if t.name.startswith("v")), key=lambda t: t.commit.committed_date)
        return [t.name for t in tags] + [UNRELEASED]
    except Exception:  # outside git there are no editions, only content credits
        return []


def run(args: argparse.Namespace) -> int:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..credits import contributions
    from ..snapshot import load_corpus

    root: Path = args.root
    if not (root / "guideline" / "guideline.yaml").is_file():
        sys.stderr.write(f"用法错误：{root} 不是指引仓库（找不到 guideline/guideline.yaml）。\n")
        return 2
    credits = contributions(root, load_corpus(root))
    if args.format == "json":
        json.dump(credits, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    env = Environment(loader=FileSystemLoader(Path(__file__).parents[1] / "templates" / "review"),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["cell"] = lambda s: str(s).replace("|", "\\|").replace("\n", " ")
    used = [e for e in editions(root) if any(e in c["by_edition"] for c in credits.values())]
    sys.stdout.write(env.get_template("credits.md.j2").render(credits=list(credits.values()), editions=used))
    return 0
