"""Git history through GitPython: changed files, release tags, the revision of a build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import UNKNOWN_REVISION, HistoryError


def open_repo(root: Path):  # type: ignore[no-untyped-def]
    import git

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise HistoryError(f"{root} 不是 git 仓库。") from exc


def merge_base(root: Path, rev: str) -> str:
    """The merge base of REV and HEAD (what a pull request from HEAD into REV changes)."""
    import git

    repo = open_repo(root)
    try:
        bases = repo.merge_base(rev, "HEAD")
    except git.GitCommandError as exc:
        raise HistoryError(UNKNOWN_REVISION.format(rev=rev)) from exc
    return str(bases[0].hexsha) if bases else rev


def changed_files(root: Path, rev: str) -> set[str]:
    """Files changed since the merge base of REV and HEAD, including uncommitted and untracked ones."""
    repo = open_repo(root)
    base = merge_base(root, rev)
    names = repo.git.diff("--name-only", "--no-renames", base, "--").splitlines()
    names += repo.untracked_files
    prefix = root_prefix(repo, root)
    return {n[len(prefix):] for n in names if n.startswith(prefix)}


def release_tags(repo: Any) -> list[Any]:
    """The release tags (v*) of the repository, oldest first."""
    return sorted((t for t in repo.tags if t.name.startswith("v")), key=lambda t: t.commit.committed_date)


def latest_release(root: Path) -> str | None:
    """The newest release tag (v*) reachable from HEAD, or None (no tag yet, or not a git repository)."""
    import git

    try:
        repo = open_repo(root)
        return str(repo.git.describe("--tags", "--abbrev=0", "--match", "v*", "HEAD"))
    except (HistoryError, git.GitCommandError, ValueError):
        return None


def root_prefix(repo, root: Path) -> str:  # type: ignore[no-untyped-def]
    """Where the corpus root sits inside the git work tree: "" or "sub/folder/"."""
    prefix = Path(root).resolve().relative_to(Path(str(repo.working_tree_dir)).resolve()).as_posix()
    return "" if prefix == "." else prefix + "/"


def revision(root: Path, rev: str | None = None) -> tuple[str, str]:
    """(short commit, ISO commit date) of REV (None: HEAD, "+" when the work tree has changes);
    outside git: (未提交, SOURCE_DATE_EPOCH or 1970-01-01)."""
    import datetime
    import os

    try:
        repo = open_repo(root)
        head = repo.commit(rev) if rev else repo.head.commit
        dirty = "+" if rev is None and repo.is_dirty(untracked_files=False) else ""
        return head.hexsha[:10] + dirty, head.committed_datetime.astimezone(datetime.UTC).date().isoformat()
    except Exception:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        return "未提交", datetime.datetime.fromtimestamp(epoch, datetime.UTC).date().isoformat()
