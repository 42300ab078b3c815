"""CODEOWNERS: who must approve a change to which path, generated from the registry.

GitHub applies the *last* matching line, so the order is: the editing group for
everything, then each organisation's own folders (its maintainers *and* the editing
group on one line: either may approve, so an organisation can merge its drafts and
fixes, and a PR its only maintainer opened can still be approved), then reviews/
(the editing group alone: publication is theirs), then the maintainers' files.

The file is regenerated on main by a workflow after the registry changes (it opens a
pull request), never in each contribution, so organisations added in parallel do not
conflict in it; `codeowners --check --changed-since` fails only a PR that edits it.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from .model import Corpus

FILE = ".github/CODEOWNERS"
HEADER = [
    "# 由 `guideline codeowners` 根据 organisations/ 和 guideline/guideline.yaml 生成，请不要手工修改。",
    "# 机构登记合并到 main 后，「主干检查」工作流会重新生成本文件并开启合并请求；投稿的合并请求不需要改动它。",
    "# GitHub 按最后一条匹配的规则确定审批人，所以顺序很重要：编辑组 → 各机构的文件夹 → 审阅记录 → 维护者负责的文件。",
]
REVIEWS = "/reviews/"
MAINTAINER_PATHS = ["/.github/", "/.ci/", "/schemas/", "/tooling/", "/Makefile", "/pyproject.toml",
                    "/requirements.lock", "/.github/CODEOWNERS"]


@dataclass(frozen=True)
class OwnerRule:
    pattern: str
    owners: tuple[str, ...]


def _handles(names: list[str]) -> tuple[str, ...]:
    return tuple("@" + str(n).lstrip("@") for n in names)


def rules(corpus: Corpus) -> list[OwnerRule]:
    editors, maintainers = _handles(corpus.settings.editing_group), _handles(corpus.settings.maintainers)
    out = [OwnerRule("*", editors)] if editors else []
    for org in sorted(corpus.organisations.values(), key=lambda o: o.id):
        if org.maintainers:
            owners = _handles(org.maintainers) + tuple(e for e in editors if e not in _handles(org.maintainers))
            out.append(OwnerRule(f"/cases/{org.id}/", owners))
            out.append(OwnerRule(f"/guideline/notes/{org.id}/", owners))
    if editors:
        out.append(OwnerRule(REVIEWS, editors))
    if maintainers:
        out += [OwnerRule(p, maintainers) for p in MAINTAINER_PATHS]
    return out


def render(corpus: Corpus) -> str:
    lines = HEADER + [""]
    sections = {"*": "# 编辑组：默认审阅全部内容",
                "/cases/": "# 各机构的维护人或编辑组：审批本机构的案例和实务经验（草稿和修改；进入正式版要编辑组的审阅记录）",
                REVIEWS: "# 只有编辑组：审阅记录决定哪些内容进入正式版",
                "/.github/": "# 维护者：工作流、格式定义、工具和本文件"}
    for rule in rules(corpus):
        for start, title in sections.items():
            if rule.pattern.startswith(start) and title:
                lines += ([""] if len(lines) > len(HEADER) + 1 else []) + [title]
                sections[start] = ""
        lines.append(f"{rule.pattern} {' '.join(rule.owners)}")
    return "\n".join(lines) + "\n"


def parse(text: str) -> list[OwnerRule]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pattern, *owners = line.split()
            out.append(OwnerRule(pattern, tuple(owners)))
    return out


def matches(pattern: str, path: str) -> bool:
    """CODEOWNERS pattern matching for the forms we write (`*`, `/dir/`, `/file`, globs)."""
    if pattern in ("*", "/*", "**"):
        return True
    anchored = pattern.startswith("/")
    p = pattern.lstrip("/")
    if p.endswith("/"):
        return path.startswith(p) if anchored else (path.startswith(p) or f"/{p}" in f"/{path}")
    if anchored:
        return path == p or fnmatch.fnmatchcase(path, p) or path.startswith(p + "/")
    return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], p) or fnmatch.fnmatchcase(path, p) or path.startswith(p + "/")


def owners_for(owner_rules: list[OwnerRule], path: str) -> tuple[str, ...]:
    """The owners of the last matching rule (GitHub's order)."""
    found: tuple[str, ...] = ()
    for rule in owner_rules:
        if matches(rule.pattern, path):
            found = rule.owners
    return found
