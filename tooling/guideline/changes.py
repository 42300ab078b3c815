"""The semantic change between two snapshots of the corpus, for reviewers.

Items are compared by identity (procedure id, case id, note org+procedure, ...):
which front matter fields and which ## sections changed, and status moves; and what
reviewers must see by value: consent scope added or removed, de-identification review
changed, the editing group's approval added or invalidated, the published outputs an
item enters or leaves. A file that exists but cannot be read (a leftover conflict, a
YAML error) is "broken", never "removed". Each change names its organisations and the
owners whose approval it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .editions import CONSENT_FOR, OUTPUT_ZH, Approval, approval, reaches
from .kinds import KINDS, parse_path
from .model import Case, Corpus
from .owners import OwnerRule, owners_for
from .source.markdown import outline

KIND_ZH = {k.name: k.label for k in KINDS}
CHANGE_ZH = {"added": "新增", "removed": "删除", "changed": "修改", "broken": "无法读取"}
APPROVAL_ZH = {Approval.CURRENT: "审阅通过", Approval.OUTDATED: "审阅后有修改", Approval.MISSING: "未审阅"}


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
    scope: tuple[str, ...] = ()
    """A case's consent scope."""
    deidentified: tuple[str, str] | None = None
    """A case's de-identification review (reviewer, date)."""
    approval: str = ""
    """The editing group's approval (editions.Approval) of a procedure, note or case."""
    reaches: tuple[str, ...] = ()
    """The published outputs it is in."""


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
    details: list[str] = field(default_factory=list)
    """What reviewers must see by value: consent, de-identification, approval, published outputs."""


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
        add(Item("procedure", p.id, p.title, p.source.path, p.contributors, p.source.data, sections(p.body), p.status,
                 approval=approval(corpus, p), reaches=reaches(corpus, p)))
    for n in corpus.notes:
        add(Item("note", n.id, n.title, n.source.path, [n.org], n.source.data, sections(n.body), n.status,
                 approval=approval(corpus, n), reaches=reaches(corpus, n)))
    for c in corpus.cases.values():
        add(_case(corpus, c))
    return found


def _case(corpus: Corpus, c: Case) -> Item:
    d = c.deidentified
    return Item("case", c.id, c.title, c.source.path, [c.org], c.source.data, sections(c.body), c.status,
                scope=c.scope, deidentified=(d.reviewer, d.date) if d else None,
                approval=approval(corpus, c), reaches=reaches(corpus, c))


def details(a: Item | None, b: Item | None) -> list[str]:
    """What reviewers must see by value, between two states of one item (None: absent)."""
    out = []
    old_scope, new_scope = (a.scope if a else ()), (b.scope if b else ())
    if a and b and old_scope != new_scope:
        added = [v for v in new_scope if v not in old_scope]
        removed = [v for v in old_scope if v not in new_scope]
        if removed:
            out.append("知情同意范围删除：" + "、".join(f"「{v}」" for v in removed))
        if added:
            out.append("知情同意范围新增：" + "、".join(f"「{v}」" for v in added))
    elif b and b.kind == "case" and a is None:
        out.append("知情同意范围：" + ("、".join(f"「{v}」" for v in new_scope) or "无"))
    if a and b and a.deidentified != b.deidentified:
        out.append("去标识化审核：" + ("删除" if b.deidentified is None else "新增" if a.deidentified is None
                                  else "审核人或日期改变"))
    old_approval, new_approval = (a.approval if a else ""), (b.approval if b else "")
    if b and b.approval and old_approval != new_approval:
        if new_approval == Approval.CURRENT:
            out.append("编辑组审阅：通过" if old_approval != Approval.OUTDATED else "编辑组审阅：重新通过")
        elif new_approval == Approval.OUTDATED:
            out.append("编辑组审阅：失效（审阅后有修改）")
        elif old_approval:
            out.append("编辑组审阅：记录被删除")
    old_reach, new_reach = set(a.reaches if a else ()), set(b.reaches if b else ())
    entering = [OUTPUT_ZH[o] for o in CONSENT_FOR if o in new_reach - old_reach]
    leaving = [OUTPUT_ZH[o] for o in CONSENT_FOR if o in old_reach - new_reach]
    if entering:
        out.append("进入正式版：" + "、".join(entering))
    if leaving:
        out.append("离开正式版：" + "、".join(leaving))
    return out


def compare(old: Corpus, new: Corpus, owner_rules: list[OwnerRule]) -> list[Change]:
    """Every added, removed, changed and broken item, in reading order of kinds."""
    before, after = items(old), items(new)
    out: list[Change] = []
    for key in list(after) + [k for k in before if k not in after]:
        a, b = before.get(key), after.get(key)
        item = b or a
        assert item is not None
        change = Change("changed", item.kind, item.id, item.title, item.path, sorted(set(item.orgs)))
        change.details = details(a, b)
        if a is None or b is None:
            change.change = "added" if a is None else "removed"
            if b is None and item.path in new.files:
                change.change = "broken"  # still there, but it no longer parses
            if item.status and change.change != "broken":
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
            if not (change.fields or change.sections or change.details):
                continue
            change.orgs = sorted(set(a.orgs) | set(b.orgs))
        paths = {item.path} | ({a.path} if a else set())
        if _record_changed(a, b):
            paths.add(f"reviews/{item.path}.yaml")  # the record's owners approve it too
        change.owners = sorted({o for p in paths for o in owners_for(owner_rules, p)})
        out.append(change)
    reported = {c.path for c in out}
    for path in sorted(new.files - set(new.sources) - reported):
        where = parse_path(path)
        if where is not None and where.kind != "review":
            out.append(Change("broken", where.kind, where.stem or path, "", path, [where.org] if where.org else [],
                              sorted(owners_for(owner_rules, path))))
    order = list(KIND_ZH)
    return sorted(out, key=lambda c: (order.index(c.kind), list(CHANGE_ZH).index(c.change), c.id))


def _record_changed(a: Item | None, b: Item | None) -> bool:
    """An approval record was written or removed (not merely voided by an edit)."""
    before, after = (a.approval if a else ""), (b.approval if b else "")
    return before != after and (after == Approval.CURRENT or (before == Approval.CURRENT and after != Approval.OUTDATED))


def describe(change: Change, statuses: dict[str, str]) -> str:
    """What changed, in a short Chinese phrase: 字段：title；小节：操作步骤；状态：草稿 → 已通过."""
    parts = []
    if change.fields:
        parts.append("字段：" + "、".join(change.fields))
    if change.sections:
        parts.append("小节：" + "、".join(change.sections))
    if change.change == "broken":
        parts.append("文件无法读取（例如留有合并冲突标记），请看检查结果")
    parts += change.details
    if change.status and change.change == "changed":
        parts.append(f"状态：{statuses.get(change.status['from'], change.status['from'] or '无')} → "
                     f"{statuses.get(change.status['to'], change.status['to'] or '无')}")
    elif change.status:
        status = change.status["to"] or change.status["from"]
        parts.append(f"状态：{statuses.get(status, status)}")
    return "；".join(parts)
