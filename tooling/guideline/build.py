"""Building the outputs: the validated corpus rendered into the site and the handbook.

Everything is rendered into a scratch folder beside the output and moved into place
only when all of it succeeded, so a failed build never leaves half-written output.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Built:
    site: Path | None
    """The site's home page, when the site was built."""
    handbook: Path | None
    """The handbook folder (PDF, DOCX, EPUB), when the handbook was built."""


def build(root: Path, edition: str, out: Path, site: bool = True, handbook: bool = True) -> Built:
    """Validate, render and move into OUT; FindingsError or RenderError (nothing written) when that fails."""
    from .credits import contributions
    from .history import revision
    from .render import BuildInfo
    from .validate import validated_corpus

    corpus = validated_corpus(root, "没有生成任何输出。请先修正上面的错误。")
    if edition == "published":
        corpus = corpus.restricted_to_approved()
    sha, date = revision(root)
    info = BuildInfo(edition=edition, revision=sha, date=date, credits=contributions(root, corpus),
                     with_handbook=site and handbook)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out.parent) as tmp:
        staging = Path(tmp)
        if site:
            from .site import build_site

            build_site(corpus, info, staging)
        if handbook:
            from .handbook import build_handbook

            build_handbook(corpus, info, staging / "handbook")
        if site:
            from .printables import build_printables
            from .site.download import FOLDER, add_downloads

            # The pocket card and the forms are downloads of the site (and inside its offline ZIP).
            build_printables(corpus, info, staging / "site" / FOLDER)
            add_downloads(staging / "site", info, staging / "handbook" if handbook else None)
        out.mkdir(exist_ok=True)
        for part in staging.iterdir():
            target = out / part.name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            shutil.move(str(part), str(target))
    return Built(site=out / "site" / "index.html" if site else None, handbook=out / "handbook" if handbook else None)
