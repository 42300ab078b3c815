"""Contributions per organisation: from the content (who wrote what) and git history.

Who a commit counts for (docs/architecture.md, "Credits"):
- its author and each `Co-authored-by` trailer, matched by e-mail (`emails`, then `domains`)
  or, for GitHub's noreply addresses (`12345+handle@users.noreply.github.com`, written by the
  web editor and squash merges), by the handle in the organisations' `maintainers`;
- trailers as git reads them (`git log %(trailers)`: the message's last paragraph only), so a
  `Co-authored-by:` quoted in a pull request description counts for nobody;
- merge commits count for nobody (the work is in the commits they merge);
- bots count for nobody, except the import bot's (github-actions[bot]) commits, which carry a `Guideline-Org: <id>`
  trailer naming the organisation of the imported file (.github/scripts/import-pr.sh).
Per edition counts use release tags.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .model import Corpus

UNRELEASED = "未发布"
"""The edition of commits after the last release tag."""
IMPORT_BOT = "github-actions[bot]"
"""The author of the import workflow's commits (.github/workflows/import.yml)."""
ORG_TRAILER = "Guideline-Org"
"""The trailer the import bot writes: the organisation a bot's commit is credited to."""
_ADDRESS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")
_NOREPLY = re.compile(r"^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$")
# One record per commit: hash, author e-mail, author name, parents, co-authors, organisations (git's trailer parser).
_LOG_FORMAT = ("%H%x00%ae%x00%an%x00%P%x00%(trailers:key=Co-authored-by,valueonly,separator=%x01)"
               f"%x00%(trailers:key={ORG_TRAILER},valueonly,separator=%x01)%x1e")


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


@dataclass(frozen=True)
class Commit:
    """What credits need of one commit, as git reports it."""

    sha: str
    email: str
    name: str
    parents: int
    co_authors: tuple[str, ...] = ()
    """Values of the `Co-authored-by` trailers (`Name <address>`)."""
    orgs_named: tuple[str, ...] = ()
    """Values of the `Guideline-Org` trailers."""

    @property
    def is_bot(self) -> bool:
        return "[bot]" in self.name.lower() or "[bot]" in self.email.lower()


def org_for_email(corpus: Corpus, email: str) -> str | None:
    """The organisation of an address: listed e-mail, GitHub handle (noreply form), then domain."""
    email = email.strip().lower()
    noreply = _NOREPLY.match(email)
    for org in corpus.organisations.values():
        if email in (e.lower() for e in org.emails):
            return org.id
        if noreply and noreply.group(1) in (m.lower() for m in org.maintainers):
            return org.id
    domain = email.rpartition("@")[2]
    return next((o.id for o in corpus.organisations.values() if domain in (d.lower() for d in o.domains)), None)


def commit_orgs(corpus: Corpus, commit: Commit) -> set[str]:
    """Organisations credited for one commit (see the module docstring)."""
    if commit.parents > 1:
        return set()
    if commit.is_bot:
        if commit.name != IMPORT_BOT:
            return set()
        return {o for o in commit.orgs_named if o in corpus.organisations}
    found = {org_for_email(corpus, commit.email)}
    found |= {org_for_email(corpus, m.group(1)) for value in commit.co_authors if (m := _ADDRESS.search(value))}
    return {o for o in found if o}


def read_log(repo: Any, rev: str = "HEAD") -> list[Commit]:
    """Every commit reachable from REV, with trailers parsed by git itself."""
    out: list[Commit] = []
    for record in repo.git.log(rev, f"--format={_LOG_FORMAT}").split("\x1e"):
        parts = record.strip("\n").split("\x00")
        if len(parts) != 6:
            continue
        sha, email, name, parents, co, named = parts
        out.append(Commit(sha, email, name, len(parents.split()), tuple(v.strip() for v in co.split("\x01") if v.strip()),
                          tuple(v.strip() for v in named.split("\x01") if v.strip())))
    return out


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
            for sha in repo.git.rev_list(tag.commit.hexsha).split():
                edition_of[sha] = tag.name
        for commit in read_log(repo):
            edition = edition_of.get(commit.sha, UNRELEASED)
            for org in commit_orgs(corpus, commit):
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
