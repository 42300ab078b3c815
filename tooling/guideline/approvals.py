"""`guideline approve`: the editing group's approval of items, one record per item.

A record lives at reviews/<item path>.yaml (reviews/cases/ginkgo-demo/x.md.yaml for
cases/ginkgo-demo/x.md), a folder only the editing group owns in CODEOWNERS, so an
organisation can merge its own drafts but never publish them. One file per item:
parallel approvals never touch the same file. The record holds the SHA-256 of the
item's canonical text (`load.canonical_hash`), so any later edit voids it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import FindingsError, UsageError
from .model import APPROVED, REVIEWS, Case, Corpus, Item

APPROVABLE = ("procedure", "note", "case")
HEADER = ("# 编辑组的审阅记录，由 `guideline approve` 生成，请不要手工修改。\n"
          "# 审阅后条目再有任何改动，sha256 就对不上，条目暂时离开正式版，直到重新审阅。\n")
_STATUS = re.compile(r"^status:[^\n]*$", re.MULTILINE)


def record_path(item_path: str) -> str:
    """Where the approval record of an item lives."""
    return f"{REVIEWS}{item_path}.yaml"


@dataclass(frozen=True)
class Approved:
    item: str
    record: str
    status_set: bool
    """The item's status was not `approved` and was set."""


def approve(root: Path, paths: list[str], reviewer: str, date: str) -> list[Approved]:
    """Set each item's status to approved (if needed) and write its record; nothing is written
    unless every item exists, is a procedure, note or case, and has no errors."""
    from . import validate

    if not paths:
        raise UsageError("请写出要审阅通过的文件，例如 `guideline approve cases/ginkgo-demo/x.md`。")
    wanted = [_relative(root, p) for p in paths]
    report = validate.run(root, set(wanted))
    corpus = report.corpus
    assert corpus is not None
    for rel in wanted:
        if rel not in corpus.sources and not any(f.path == rel for f in report.findings):
            raise UsageError(f"{rel} 不是程序、实务经验或案例文件，不能审阅通过。")
        source = corpus.sources.get(rel)
        if source is not None and source.kind not in APPROVABLE:
            raise UsageError(f"{rel} 不是程序、实务经验或案例文件，不能审阅通过。")
    if not report.ok:
        raise FindingsError("这些文件还有错误，没有写入审阅记录。请先修正。", report.findings, report.files)
    done = []
    for rel in wanted:
        item = _item(corpus, rel)
        status_set = item.status != APPROVED
        if status_set:
            _set_status(root / rel)
        done.append(Approved(rel, write_record(root, rel, item, reviewer, date), status_set))
    return done


def write_record(root: Path, rel: str, item: Item, reviewer: str, date: str) -> str:
    from .load import canonical_hash
    from .source.decode import decode

    text, _ = decode((root / rel).read_bytes(), rel)
    assert text is not None
    record: dict[str, object] = {"reviewer": reviewer.lstrip("@"), "date": date, "sha256": canonical_hash(text)}
    if isinstance(item, Case):
        record["consent_scope"] = list(item.scope)
        if item.deidentified is not None:
            record["deidentified"] = {"reviewer": item.deidentified.reviewer, "date": item.deidentified.date}
    target = root / record_path(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(HEADER + _dump(record), encoding="utf-8")
    return record_path(rel)


def _dump(record: dict[str, object]) -> str:
    from .scaffold import round_trip

    out = io.StringIO()
    round_trip().dump(record, out)
    return out.getvalue()


def _item(corpus: Corpus, rel: str) -> Item:
    items: list[Item] = [*corpus.procedures.values(), *corpus.notes, *corpus.cases.values()]
    found = next((i for i in items if i.source.path == rel), None)
    if found is None:  # e.g. a second file with a duplicate id: never registered
        raise UsageError(f"{rel} 没有进入内容模型（编号是否与其他文件重复？），不能审阅通过。")
    return found


def _set_status(path: Path) -> None:
    """`status: approved` in the front matter, leaving every other byte as it was."""
    data = path.read_bytes()
    newline = "\r\n" if b"\r\n" in data else "\n"
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    end = text.index("\n---", 3)
    front = text[:end]
    front = _STATUS.sub("status: approved", front, count=1) if _STATUS.search(front) else front + "\nstatus: approved"
    out = (front + text[end:]).replace("\n", newline)
    path.write_bytes((b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b"") + out.encode("utf-8"))


def _relative(root: Path, p: str) -> str:
    full = Path(p) if Path(p).is_absolute() else Path.cwd() / p
    try:
        return full.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{p} 不在仓库 {root} 之内。") from None
