"""The website: model -> generated Markdown (build/docs/) -> mkdocs-material (build/site/).

`generate` writes the sanitised Markdown tree and the derived mkdocs.yml (also used
by `guideline serve`); `build_site` runs MkDocs on it and then verifies the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..model import Corpus
from ..render import BuildInfo
from ..render.order import in_reading_order
from . import offline, search_index, verify
from .mkdocs_run import base_config, feedback, run_mkdocs, write_config
from .nav import build_nav, site_name
from .pages import TEMPLATES, Pages

__all__ = ["build_site", "generate"]


def sync(docs: Path, files: dict[str, str], known: dict[str, str] | None = None) -> None:
    """Make docs/ hold exactly these files, rewriting only what changed (MkDocs' dirty build then
    renders just those). `known`: what docs/ holds as this process last wrote it, kept by
    `guideline serve` between renders so that nothing is read back; updated in place."""
    if known:
        for rel, text in files.items():
            if known.get(rel) != text:
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                (docs / rel).write_text(text, encoding="utf-8")
        for rel in [r for r in known if r not in files]:
            (docs / rel).unlink(missing_ok=True)
            for parent in (docs / rel).parents:
                if parent == docs or any(parent.iterdir()):
                    break
                parent.rmdir()
    else:
        for rel, text in files.items():
            target = docs / rel
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        for f in sorted(docs.rglob("*"), reverse=True):
            rel = f.relative_to(docs).as_posix()
            if f.is_file() and rel not in files:
                f.unlink()
            elif f.is_dir() and not any(f.iterdir()):
                f.rmdir()
    if known is not None:
        known.clear()
        known.update(files)


def generate(corpus: Corpus, info: BuildInfo, out: Path, known: dict[str, str] | None = None) -> Path:
    """Write out/docs/ and out/mkdocs.yml; returns the config file. `known`: see `sync`."""
    corpus = in_reading_order(corpus)
    files = {page.path: page.text for page in Pages(corpus, info).all()}
    assets = TEMPLATES / "assets"
    for f in assets.rglob("*"):
        if f.is_file():
            files["assets/" + f.relative_to(assets).as_posix()] = f.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    sync(out / "docs", files, known)
    return write_config(out, base_config(corpus), site_name(corpus, info), build_nav(corpus),
                        {"feedback": feedback(corpus)})


def build_site(corpus: Corpus, info: BuildInfo, out: Path) -> None:
    """Render, build with MkDocs, then fail loudly if anything is missing or search is broken."""
    config = generate(corpus, info, out)
    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    run_mkdocs(config)
    vocab = search_index.rewrite(corpus, site)
    verify.completeness(corpus, site)
    verify.search(corpus, site, vocab)
    offline.relative_404(site)
    offline.write_worker(site)
