"""Contributions per organisation: from the content (who wrote what) and git history.

Commit authors and `Co-authored-by` trailers are mapped to organisations through the
`emails` and `domains` of the organisation files. Per edition counts use release tags.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .model import Corpus

UNRELEASED = "未发布"
"""The edition of commits after the last release tag."""
_TRAILER = re.compile(r"^Co-authored-by:.*<([^>]+)>\s*$", re.MULTILINE | re.IGNORECASE)


@dataclass
class OrgCredit:
    org: str
    name: str
    procedures: list[str] = field(default_factory=list)
    """Procedures listing this organisation among their contributors."""
    notes: list[str] = field(default_factory=list)
    """Procedures this organisation wrote a practice note on."""
    cases: list[str] = field(default_factory=list)
    commits: int = 0
    """Commits authored or co-authored by the organisation's people."""
    by_edition: dict[str, int] = field(default_factory=dict)
    """Commits per release tag (commits after the last tag are under 未发布)."""


def org_for_email(corpus: Corpus, email: str) -> str | None:
    email = email.strip().lower()
    domain = email.rpartition("@")[2]
    for org in corpus.organisations.values():
        emails = [e.lower() for e in org.emails]
        domains = [d.lower() for d in org.domains]
        if email in emails or domain in domains:
            return org.id
    return None


def commit_orgs(corpus: Corpus, author_email: str, message: str) -> set[str]:
    """Organisations credited for one commit: its author and co-authors."""
    found = {org_for_email(corpus, author_email)}
    found |= {org_for_email(corpus, m) for m in _TRAILER.findall(message)}
    return {o for o in found if o}


def contributions(root: Path, corpus: Corpus) -> dict[str, Any]:
    credits = {o.id: OrgCredit(o.id, o.short_name) for o in corpus.organisations.values()}
    for p in corpus.ordered_procedures():
        for org in p.contributors:
            if org in credits:
                credits[org].procedures.append(p.id)
    for n in corpus.notes:
        if n.org in credits:
            credits[n.org].notes.append(n.procedure)
    for c in corpus.cases.values():
        if c.org in credits:
            credits[c.org].cases.append(c.id)
    _add_history(root, corpus, credits)
    return {k: asdict(v) for k, v in credits.items()}


def _add_history(root: Path, corpus: Corpus, credits: dict[str, OrgCredit]) -> None:
    try:
        from .history import open_repo, release_tags

        repo = open_repo(root)
        if not repo.head.is_valid():
            return
        tags = release_tags(repo)
        edition_of: dict[str, str] = {}
        for tag in reversed(tags):  # older tags overwrite: a commit belongs to the first tag that contains it
            for commit in repo.iter_commits(tag.commit):
                edition_of[commit.hexsha] = tag.name
        for commit in repo.iter_commits("HEAD"):
            edition = edition_of.get(commit.hexsha, UNRELEASED)
            for org in commit_orgs(corpus, commit.author.email or "", str(commit.message)):
                credits[org].commits += 1
                credits[org].by_edition[edition] = credits[org].by_edition.get(edition, 0) + 1
    except Exception:  # no git history (e.g. a source tarball): content credits still stand
        return


def editions(root: Path) -> list[str]:
    """Release tags oldest first, then 未发布; none outside git."""
    try:
        from .history import open_repo, release_tags

        return [t.name for t in release_tags(open_repo(root))] + [UNRELEASED]
    except Exception:  # outside git there are no editions, only content credits
        return []


def as_markdown(root: Path, credits: dict[str, Any]) -> str:
    """The credits table for reviewers and the release notes."""
    from .review import template

    used = [e for e in editions(root) if any(e in c["by_edition"] for c in credits.values())]
    return str(template("credits.md.j2").render(credits=list(credits.values()), editions=used))
