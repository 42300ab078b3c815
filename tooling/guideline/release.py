"""Releasing an edition, in two steps, so that main only changes through a pull request.

1. `guideline release VERSION` (a maintainer): the changes of the *published* edition
   since the last release tag, stamped into guideline.yaml and committed on a new branch
   `release/vVERSION`, which is pushed and opened as a pull request (`gh`), never
   pushed to main.
2. `guideline release --tag` (the main workflow, after that PR is merged): tags the
   merge vVERSION when guideline.yaml names a version that has no tag yet; the tag's
   message and the GitHub Release text (`guideline release --notes`) are that release's
   修订记录. The published site is then built from that tag.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .changes import CHANGE_ZH, KIND_ZH, Change, compare, describe
from .editions import PUBLISHED, edition
from .errors import Failure, FindingsError, UsageError
from .model import Corpus
from .model import Release as Entry
from .scaffold import round_trip

SETTINGS = "guideline/guideline.yaml"
BRANCH = "release/v{version}"
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Release:
    tag: str
    edition: str
    date: str
    previous: str | None
    """The release tag this one follows, None for the first release."""
    changes: list[str]
    """The 修订记录 lines written into guideline.yaml and the tag message."""
    branch: str = ""
    """The branch the release was prepared on."""


def prepare(root: Path, version: str, edition_name: str | None, date: str) -> Release:
    """Stamp guideline.yaml and commit it on a new branch release/vVERSION (which stays checked
    out); on any failure the repository is left as it was."""
    import git

    from . import validate
    from .history import open_repo

    if not _VERSION.fullmatch(version) or not _DATE.fullmatch(date):
        raise UsageError("版本号写成 1.0.0 这样的三段数字，日期写成 2026-10-15。")
    tag = f"v{version}"
    branch = BRANCH.format(version=version)
    repo = open_repo(root)
    if tag in [t.name for t in repo.tags]:
        raise UsageError(f"标签 {tag} 已经存在，请换一个版本号。")
    if branch in [h.name for h in repo.heads]:
        raise UsageError(f"分支 {branch} 已经存在：这个版次已经在准备中。请合并或删除它的合并请求和分支。")
    if repo.is_dirty(untracked_files=False):
        raise UsageError("有尚未提交的改动。请先提交或撤销它们，再发布。")
    corpus = validate.validated_corpus(root, "不能发布。请先修正上面的错误。")
    previous = previous_tag(repo)
    lines = changelog(changes_since(root, previous), previous is None, corpus)
    edition_name = edition_name or f"{date[:4]} 年版"
    start = repo.head.commit.hexsha
    original = None if repo.head.is_detached else repo.active_branch.name
    repo.git.switch("-c", branch)
    try:
        old = stamp(root, version, edition_name, date, lines)
        stamped = validate.run(root, {SETTINGS})
        if not stamped.ok:
            raise FindingsError("写入版次后 guideline.yaml 没有通过检查，已恢复原文件，没有发布。", stamped.findings, stamped.files)
        settings = (root / SETTINGS).resolve().relative_to(Path(str(repo.working_tree_dir)).resolve()).as_posix()
        repo.git.add("--", settings)
        repo.git.commit("-m", message(tag, edition_name, lines), "--", settings)
    except (git.GitCommandError, FindingsError) as exc:
        (root / SETTINGS).write_text(old, encoding="utf-8")
        repo.git.switch(original or "--detach", *([] if original else [start]))
        repo.git.branch("-D", branch)
        if isinstance(exc, FindingsError):
            raise
        raise Failure(f"git 提交失败，已恢复 guideline.yaml：{exc.stderr.strip()}") from exc
    return Release(tag, edition_name, date, previous, lines, branch)


def message(tag: str, edition_name: str, lines: list[str]) -> str:
    return f"发布 {tag}（{edition_name}）\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"


def current_entry(root: Path, version: str | None = None) -> Entry:
    """The releases entry of VERSION (None: guideline.yaml's own `version`) in the working tree."""
    from .snapshot import load_corpus

    settings = load_corpus(root).settings
    wanted = version or settings.version
    entry = next((r for r in settings.releases if r.version == wanted), None)
    if not wanted or entry is None:
        raise UsageError(f"guideline.yaml 的修订记录（releases）中没有版本 {wanted or '（未写 version）'}。")
    return entry


def notes(root: Path, version: str | None = None) -> str:
    """The GitHub Release text of a release: its 修订记录, as Markdown."""
    entry = current_entry(root, version)
    head = f"**{entry.edition}**（{entry.date}）\n\n" if entry.edition else ""
    return head + "".join(f"- {line}\n" for line in entry.changes)


def tag_on_merge(root: Path) -> str | None:
    """Tag HEAD vVERSION when guideline.yaml's version has a releases entry and no tag yet
    (the release PR was just merged); None when there is nothing to tag."""
    from .history import open_repo

    repo = open_repo(root)
    try:
        entry = current_entry(root)
    except UsageError:
        return None
    tag = f"v{entry.version}"
    if tag in [t.name for t in repo.tags]:
        return None
    repo.git.tag("-a", tag, "-m", message(tag, entry.edition, list(entry.changes)))
    return tag


def previous_tag(repo: Any) -> str | None:
    """The newest release tag (v*) reachable from HEAD."""
    import git

    try:
        return str(repo.git.describe("--tags", "--abbrev=0", "--match", "v*", "HEAD"))
    except git.GitCommandError:
        return None


def changes_since(root: Path, tag: str | None) -> list[Change]:
    from .snapshot import checkout, load_corpus

    new = edition(load_corpus(root), PUBLISHED)
    if tag is None:
        old = Corpus(root=str(root))
    else:
        with checkout(root, tag) as old_root:
            old = edition(load_corpus(old_root), PUBLISHED)
    return [c for c in compare(old, new, []) if c.kind != "guideline"]


def changelog(changes: list[Change], first: bool, corpus: Corpus) -> list[str]:
    """One Chinese line per change, or a summary for the first release."""
    if first:
        published = edition(corpus, PUBLISHED)
        return [f"首次发布：{len(published.procedures)} 个程序、{len(published.notes)} 条实务经验、"
                f"{len(published.cases)} 个案例，{len(corpus.organisations)} 家共建机构。"]
    lines = []
    for c in changes:
        line = f"{CHANGE_ZH[c.change]}{KIND_ZH[c.kind]}「{c.title}」（{c.id}）"
        detail = describe(c, corpus.settings.statuses) if c.change == "changed" else ""
        lines.append(f"{line}：{detail}" if detail else line)
    return lines or ["内容无变化，仅更新版次。"]


def stamp(root: Path, version: str, edition: str, date: str, lines: list[str]) -> str:
    """Write version, edition and a new releases entry (newest first); returns the old text."""
    path = root / SETTINGS
    old = path.read_text(encoding="utf-8")
    yaml = round_trip()
    data = yaml.load(old)
    data["version"] = version
    data["edition"] = edition
    entry = {"version": version, "date": date, "edition": edition, "changes": lines}
    releases = data.get("releases")
    if releases is None:
        data["releases"] = [entry]
    else:
        releases.insert(0, entry)
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return old
