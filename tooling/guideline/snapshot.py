"""A corpus as it is on disk or at a git revision, loaded without running the checks.

`diff` and `release` compare two snapshots; `codeowners` needs only the registry.
Files at a revision are read from git blobs into a temporary folder, so the same
loader reads both sides.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .kinds import ALLOWLIST_FILE, ROOTS
from .load import assemble, discover, read
from .model import Corpus

CONTENT = tuple(f"{r}/" for r in ROOTS) + (".github/CODEOWNERS", ALLOWLIST_FILE)


def load_corpus(root: Path) -> Corpus:
    """The model of the files under root (files that do not parse are left out)."""
    files, _ = discover(root)
    sources = []
    for where in files:
        try:
            source = read(where, (root / where.path).read_bytes()).source
        except OSError:
            continue
        if source is not None:
            sources.append(source)
    return assemble(root, sources, {w.path for w in files})


@contextmanager
def checkout(root: Path, rev: str | None, changed: set[str] | None = None) -> Iterator[Path]:
    """The content files at REV in a temporary folder (None: the working tree itself).
    `changed`: the files that differ between REV and the working tree (history.changed_files);
    the others are linked from the working tree instead of read out of git, which is most of
    the cost at a thousand files."""
    if rev is None:
        yield root
        return
    from .history import open_repo, root_prefix

    repo = open_repo(root)
    prefix = root_prefix(repo, root)
    tree = repo.commit(rev).tree
    tmp = Path(tempfile.mkdtemp(prefix="guideline-rev-"))
    try:
        for blob in tree.traverse():
            if blob.type != "blob" or not blob.path.startswith(prefix):
                continue
            rel = blob.path[len(prefix):]
            if not rel.startswith(CONTENT):
                continue
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if changed is not None and rel not in changed:
                try:
                    os.link(root / rel, target)
                    continue
                except OSError:
                    pass  # another file system, or links not allowed: read it from git
            target.write_bytes(blob.data_stream.read())
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
