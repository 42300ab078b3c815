"""The semantic change between two snapshots of the corpus, for reviewers.

Items are compared by identity (procedure id, case id, note org+procedure, ...):
which front matter fields and which ## sections changed, and status moves.
Each change names its organisations and the owners whose approval it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .kinds import KINDS
from .model import Corpus
from .owners import OwnerRule, owners_for
from .source.markdown import outline

KIND_ZH = {k.name: k.label for k in KINDS}
CHANGE_ZH = {"added": "新增", "removed": "删除", "changed": "修改"}


@dataclass
class Item:
    kind: str
    id: str
    title: str
    path: str
    orgs: list[str]
    data: dict[str, Any]
    sections: dict[str, str]
    status: str = ""


@dataclass
class Change:
    change: str
    """added | removed | changed"""
    kind: str
    id: str
    title: str
    path: str
    orgs: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    """{"from": ..., "to": ...} when the status moved (or the status of an added/removed item)."""


def sections(body: str) -> dict[str, str]:
    """Body text by ## heading (the same headings the structure check sees, never one inside
    code); text before the first heading is under 引言 (正文 when there is none)."""
    lines = body.split("\n")
    starts = [(line - 1, text) for level, text, line in outline(body, 1).headings if level == 2]
    bounds = [(0, "引言")] + [(i + 1, text) for i, text in starts]
    ends = [i for i, _ in starts] + [len(lines)]
    texts: dict[str, str] = {}
    for (start, name), end in zip(bounds, ends, strict=True):
        text = "\n".join(lines[start:end]).strip()
        texts[name] = (texts[name] + "\n" + text).strip() if name in texts else text
    if not texts["引言"] and starts:
        del texts["引言"]
    return {"正文": texts["引言"]} if list(texts) == ["引言"] else texts


def items(corpus: Corpus) -> dict[tuple[str, str], Item]:
    found: dict[tuple[str, str], Item] = {}

    def add(item: Item) -> None:
        found.setdefault((item.kind, item.id), item)

    s = corpus.settings.source
    if s is not None:
        add(Item("guideline", "guideline.yaml", corpus.settings.title, s.path, [], s.data, {}))
    for org in corpus.organisations.values():
        add(Item("organisation", org.id, org.short_name, org.source.path, [org.id], org.source.data, {}))
    for term in corpus.terms.values():
        add(Item("term", term.id, term.preferred, term.source.path, [], term.source.data, {}))
    for ch in corpus.chapter_files.values():
        add(Item("chapter", ch.id, ch.title, ch.source.path, [], ch.source.data, sections(ch.body)))
    for p in corpus.procedures.values():
        add(Item("procedure", p.id, p.title, p.source.path, p.contributors, p.source.data, sections(p.body), p.status))
    for n in corpus.notes:
        add(Item("note", n.id, n.title, n.source.path, [n.org], n.source.data, sections(n.body), n.status))
    for c in corpus.cases.values():
        add(Item("case", c.id, c.title, c.source.path, [c.org], c.source.data, sections(c.body), c.status))
    return found


def compare(old: Corpus, new: Corpus, owner_rules: list[OwnerRule]) -> list[Change]:
    """Every added, removed and changed item, in reading order of kinds."""
    before, after = items(old), items(new)
    out: list[Change] = []
    for key in list(after) + [k for k in before if k not in after]:
        a, b = before.get(key), after.get(key)
        item = b or a
        assert item is not None
        change = Change("changed", item.kind, item.id, item.title, item.path, sorted(set(item.orgs)))
        if a is None or b is None:
            change.change = "added" if a is None else "removed"
            if item.status:
                change.status = {"from": a.status if a else "", "to": b.status if b else ""}
        else:
            keys = list(b.data) + [k for k in a.data if k not in b.data]
            change.fields = [k for k in keys if a.data.get(k) != b.data.get(k)]
            names = list(b.sections) + [s for s in a.sections if s not in b.sections]
            change.sections = [s for s in names if a.sections.get(s) != b.sections.get(s)]
            if a.path != b.path:
                change.fields.insert(0, "文件位置")
            if a.status != b.status:
                change.status = {"from": a.status, "to": b.status}
            if not (change.fields or change.sections):
                continue
            change.orgs = sorted(set(a.orgs) | set(b.orgs))
        paths = {item.path} | ({a.path} if a else set())
        change.owners = sorted({o for p in paths for o in owners_for(owner_rules, p)})
        out.append(change)
    order = list(KIND_ZH)
    return sorted(out, key=lambda c: (order.index(c.kind), list(CHANGE_ZH).index(c.change), c.id))


def describe(change: Change, statuses: dict[str, str]) -> str:
    """What changed, in a short Chinese phrase: 字段：title；小节：操作步骤；状态：草稿 → 已通过."""
    parts = []
    if change.fields:
        parts.append("字段：" + "、".join(change.fields))
    if change.sections:
        parts.append("小节：" + "、".join(change.sections))
    if change.status and change.change == "changed":
        parts.append(f"状态：{statuses.get(change.status['from'], change.status['from'] or '无')} → "
                     f"{statuses.get(change.status['to'], change.status['to'] or '无')}")
    elif change.status:
        status = change.status["to"] or change.status["from"]
        parts.append(f"状态：{statuses.get(status, status)}")
    return "；".join(parts)
