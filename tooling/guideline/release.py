"""Releasing an edition: the changes since the last release tag, stamped into guideline.yaml.

The 修订记录 (releases) in guideline.yaml describe the *published* edition, so both
sides are compared as published: approved content only.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .changes import CHANGE_ZH, KIND_ZH, Change, compare, describe
from .model import Corpus
from .scaffold import round_trip

SETTINGS = "guideline/guideline.yaml"


def previous_tag(repo: Any) -> str | None:
    """The newest release tag (v*) reachable from HEAD."""
    import git

    try:
        return str(repo.git.describe("--tags", "--abbrev=0", "--match", "v*", "HEAD"))
    except git.GitCommandError:
        return None


def changes_since(root: Path, tag: str | None) -> list[Change]:
    from .snapshot import checkout, load_corpus

    new = load_corpus(root).restricted_to_approved()
    if tag is None:
        old = Corpus(root=str(root))
    else:
        with checkout(root, tag) as old_root:
            old = load_corpus(old_root).restricted_to_approved()
    return [c for c in compare(old, new, []) if c.kind != "guideline"]


def changelog(changes: list[Change], first: bool, corpus: Corpus) -> list[str]:
    """One Chinese line per change, or a summary for the first release."""
    if first:
        published = corpus.restricted_to_approved()
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
