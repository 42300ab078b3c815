"""What reviewers read about a change: the semantic diff between two revisions.

`guideline diff` prints it as Markdown (the pull-request summary) or JSON; the
Markdown comes from templates/review/, which the credits table shares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .changes import Change, compare
from .errors import UNKNOWN_REVISION, HistoryError
from .kinds import ALLOWLIST_FILE

WORKING_TREE = "工作区"
"""How the uncommitted working tree is named when it is the head of a comparison."""
MAINTAINERS_ONLY = (".github/", "schemas/", ALLOWLIST_FILE)
"""Files whose change needs the maintainers: review rules (CODEOWNERS), workflows, the
formats every file is checked against, and the reviewed privacy exceptions."""
FILE_CHANGE_ZH = {"A": "新增", "M": "修改", "D": "删除", "T": "修改"}


@dataclass(frozen=True)
class FileChange:
    path: str
    change: str
    """新增 | 修改 | 删除"""
    owners: list[str] = field(default_factory=list)


@dataclass
class Summary:
    changes: list[Change]
    maintainers: list[FileChange] = field(default_factory=list)
    """Changes to CODEOWNERS, .github/, schemas/ and the privacy allowlist."""


def template(name: str, **filters: Callable[[Any], str]) -> Any:
    """A Jinja template of templates/review/, whose `cell` filter makes a value safe in a Markdown table cell."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates" / "review"),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["cell"] = lambda s: str(s).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
    env.filters.update(filters)
    return env.get_template(name)


def default_base(root: Path) -> str:
    """The merge base of HEAD with origin/main (or main): what a pull request would change."""
    import git

    from .history import open_repo

    repo = open_repo(root)
    for candidate in ("origin/main", "main"):
        try:
            return str(repo.merge_base(candidate, "HEAD")[0].hexsha)
        except (git.GitCommandError, IndexError):
            continue
    raise HistoryError("找不到 origin/main 或 main 分支，请写明比较的起点，例如 `guideline diff v1.0.0`。")


def semantic_diff(root: Path, base: str, head: str | None) -> Summary:
    """The changes from BASE to HEAD (None: the working tree), with the owners who review each."""
    from .owners import FILE, owners_for, parse, rules
    from .snapshot import checkout, load_corpus

    for rev in (base, head):
        _require_revision(root, rev)
    with checkout(root, base) as old_root:
        old = load_corpus(old_root)
        # GitHub asks the owners named in the base branch's CODEOWNERS.
        codeowners = old_root / FILE
        owner_rules = parse(codeowners.read_text(encoding="utf-8")) if codeowners.is_file() else rules(old)
    with checkout(root, head) as new_root:
        new = load_corpus(new_root)
    files = [FileChange(path, FILE_CHANGE_ZH.get(status, "修改"), list(owners_for(owner_rules, path)))
             for path, status in _changed_files(root, base, head) if path.startswith(MAINTAINERS_ONLY)]
    return Summary(compare(old, new, owner_rules), files)


def _changed_files(root: Path, base: str, head: str | None) -> list[tuple[str, str]]:
    """(path, git status letter) of every file changed from BASE to HEAD (None: the working tree, untracked too)."""
    from .history import open_repo, root_prefix

    repo = open_repo(root)
    prefix = root_prefix(repo, root)
    lines = repo.git.diff("--name-status", "--no-renames", base, *([head] if head else []), "--").splitlines()
    found = [(line.split("\t", 1)[1], line[0]) for line in lines if "\t" in line]
    if head is None:
        found += [(name, "A") for name in repo.untracked_files]
    return sorted((p[len(prefix):], s) for p, s in found if p.startswith(prefix))


def _require_revision(root: Path, rev: str | None) -> None:
    import git

    from .history import open_repo

    if rev is None:
        return
    try:
        open_repo(root).commit(rev)
    except (git.BadName, git.GitCommandError, ValueError) as exc:
        raise HistoryError(UNKNOWN_REVISION.format(rev=rev)) from exc


def counts(changes: list[Change]) -> dict[str, int]:
    return {k: sum(1 for c in changes if c.change == k) for k in ("added", "changed", "removed", "broken")}


def as_json(summary: Summary, base: str, head: str) -> dict[str, Any]:
    return {"base": base, "head": head, "counts": counts(summary.changes),
            "changes": [asdict(c) for c in summary.changes], "maintainers": [asdict(f) for f in summary.maintainers]}


def as_markdown(root: Path, summary: Summary, base: str, head: str) -> str:
    from .changes import CHANGE_ZH, KIND_ZH, describe
    from .snapshot import load_corpus

    corpus = load_corpus(root)
    names = {o.id: o.short_name for o in corpus.organisations.values()}
    statuses = corpus.settings.statuses
    changes = summary.changes
    return str(template("diff.md.j2", org_name=lambda o: names.get(o, o), what=lambda c: describe(c, statuses)).render(
        changes=changes, base=base[:12], head=head, counts=counts(changes), change_zh=CHANGE_ZH, kind_zh=KIND_ZH,
        maintainers=summary.maintainers))
