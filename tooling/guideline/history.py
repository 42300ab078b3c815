"""Git history through GitPython: changed files, file contents at a revision."""

from __future__ import annotations

from pathlib import Path


class HistoryError(Exception):
    """A git problem explained in Chinese."""


def open_repo(root: Path):  # type: ignore[no-untyped-def]
    import git

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise HistoryError(f"{root} 不是 git 仓库。") from exc


def changed_files(root: Path, rev: str) -> set[str]:
    """Files changed since the merge base of REV and HEAD, including uncommitted and untracked ones."""
    import git

    repo = open_repo(root)
    try:
        bases = repo.merge_base(rev, "HEAD")
    except git.GitCommandError as exc:
        raise SystemExit(f"用法错误：找不到 git 版本「{rev}」。") from exc
    base = bases[0].hexsha if bases else rev
    names = repo.git.diff("--name-only", "--no-renames", base, "--").splitlines()
    names += repo.untracked_files
    prefix = root_prefix(repo, root)
    return {n[len(prefix):] for n in names if n.startswith(prefix)}


def root_prefix(repo, root: Path) -> str:  # type: ignore[no-untyped-def]
    """Where the corpus root sits inside the git work tree: "" or "sub/folder/"."""
    prefix = Path(root).resolve().relative_to(Path(str(repo.working_tree_dir)).resolve()).as_posix()
    return "" if prefix == "." else prefix + "/"


def revision(root: Path) -> tuple[str, str]:
    """(short commit, ISO commit date) of HEAD; outside git: (未提交, SOURCE_DATE_EPOCH or 1970-01-01)."""
    import datetime
    import os

    try:
        repo = open_repo(root)
        head = repo.head.commit
        dirty = "+" if repo.is_dirty(untracked_files=False) else ""
        return head.hexsha[:10] + dirty, head.committed_datetime.astimezone(datetime.timezone.utc).date().isoformat()
    except Exception:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        return "未提交", datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat()
