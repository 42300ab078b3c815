"""guideline build [--site] [--handbook] [--out DIR] [--edition preview|published]"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from ..render import EDITIONS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", action="store_true", help="只生成网站（build/site/）")
    p.add_argument("--handbook", action="store_true", help="只生成手册（build/handbook/：PDF、DOCX、EPUB）")
    p.add_argument("--out", type=Path, default=None, help="输出目录（默认 build/）")
    p.add_argument("--edition", choices=EDITIONS, default="preview",
                   help="preview：征求意见稿，包含草稿并加标注；published：正式版，只含已通过的内容")


def run(args: argparse.Namespace) -> int:
    from ..credits import contributions
    from ..history import revision
    from ..render import BuildInfo, RenderError
    from . import validated_corpus

    root: Path = args.root
    if not (root / "guideline" / "guideline.yaml").is_file():
        sys.stderr.write(f"用法错误：{root} 不是指引仓库（找不到 guideline/guideline.yaml）。\n")
        return 2
    corpus = validated_corpus(root, "没有生成任何输出。请先修正上面的错误。")
    if corpus is None:
        return 1
    if args.edition == "published":
        corpus = corpus.restricted_to_approved()
    both = not (args.site or args.handbook)
    sha, date = revision(root)
    info = BuildInfo(edition=args.edition, revision=sha, date=date, credits=contributions(root, corpus),
                     with_handbook=both)
    out = (args.out or root / "build").resolve()
    # Render into a scratch folder and move into place only when everything succeeded,
    # so that a failed build never leaves half-written output behind.
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out.parent) as tmp:
        staging = Path(tmp)
        try:
            if args.site or both:
                from ..site import build_site

                build_site(corpus, info, staging)
                sys.stderr.write(f"网站已生成：{out / 'site' / 'index.html'}\n")
            if args.handbook or both:
                from ..handbook import build_handbook

                build_handbook(corpus, info, staging / "handbook")
                sys.stderr.write(f"手册已生成：{out / 'handbook'}\n")
            if args.site or both:
                from ..site.download import add_downloads

                add_downloads(staging / "site", info, staging / "handbook" if both else None)
        except RenderError as exc:
            sys.stderr.write(f"生成失败：{exc}\n")
            return 1
        out.mkdir(exist_ok=True)
        for part in staging.iterdir():
            target = out / part.name
            if target.exists():
                shutil.rmtree(target) if target.is_dir() else target.unlink()
            shutil.move(str(part), str(target))
    return 0
