"""Building the outputs: the validated corpus rendered into the site and the handbook.

Everything is rendered into a scratch folder beside the output and moved into place
only when all of it succeeded, so a failed build never leaves half-written output.

The published edition is built from the content of the latest release tag (`v*`)
reachable from HEAD: what was merged after a release reaches the preview only. Without
any release tag (before the first release, or outside git) it is built from the working
tree. Each output gets its own edition of the corpus (`editions.edition`): a case is
on the website only with 网站 in its consent scope, in the handbook only with 出版.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .editions import HANDBOOK, PUBLISHED, SITE, Withheld


@dataclass(frozen=True)
class Built:
    site: Path | None
    """The site's home page, when the site was built."""
    handbook: Path | None
    """The handbook folder (PDF, DOCX, EPUB), when the handbook was built."""
    source: str = ""
    """What the content came from: a release tag, or "" for the working tree."""
    withheld: list[Withheld] = field(default_factory=list)
    """Published edition: items marked approved that lack a current approval record."""


@contextmanager
def content_of(root: Path, edition: str) -> Iterator[tuple[Path, str]]:
    """(folder with the content, release tag or "") for an edition."""
    from .history import latest_release

    tag = latest_release(root) if edition == PUBLISHED else None
    if tag is None:
        yield root, ""
        return
    from .snapshot import checkout

    with checkout(root, tag) as folder:
        yield folder, tag


def build(root: Path, edition: str, out: Path, site: bool = True, handbook: bool = True) -> Built:
    """Validate, render and move into OUT; FindingsError or RenderError (nothing written) when that fails."""
    from .credits import contributions
    from .editions import edition as edition_of
    from .editions import withheld
    from .history import revision
    from .render import BuildInfo
    from .validate import run, validated_corpus

    with content_of(root, edition) as (content, tag):
        if tag:
            from .errors import CONTENT_FAILED, FindingsError

            report = run(content, use_cache=False)
            if not report.ok or report.corpus is None:
                raise FindingsError(CONTENT_FAILED.format(consequence=f"发布标签 {tag} 的内容没有通过检查，没有生成任何输出。"),
                                    report.findings, report.files)
            corpus = report.corpus
        else:
            corpus = validated_corpus(root, "没有生成任何输出。请先修正上面的错误。")
        sha, date = revision(root, tag or None)
        published = edition_of(corpus, edition)
        info = BuildInfo(edition=edition, revision=sha, date=date, credits=contributions(root, published),
                         with_handbook=site and handbook)
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".build-", dir=out.parent) as tmp:
            staging = Path(tmp)
            if site:
                from .site import build_site

                build_site(edition_of(corpus, edition, SITE), info, staging)
            if handbook:
                from .handbook import build_handbook

                build_handbook(edition_of(corpus, edition, HANDBOOK), info, staging / "handbook")
            if site:
                from .printables import build_printables
                from .site.download import FOLDER, add_downloads

                # The pocket card and the forms are downloads of the site (and inside its offline ZIP).
                build_printables(edition_of(corpus, edition, SITE), info, staging / "site" / FOLDER)
                add_downloads(staging / "site", info, staging / "handbook" if handbook else None)
            out.mkdir(exist_ok=True)
            for part in staging.iterdir():
                target = out / part.name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
                shutil.move(str(part), str(target))
    return Built(site=out / "site" / "index.html" if site else None, handbook=out / "handbook" if handbook else None,
                 source=tag, withheld=withheld(corpus) if edition == PUBLISHED else [])
