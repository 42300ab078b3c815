"""privacy/*: personal identifiers in front matter and body, consent and de-identification.

Messages name the category and a masked form only; the detected value never leaves
this module. Reviewed exceptions are sha256 hashes in `privacy-allowlist.yaml`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import make
from ..findings import Finding
from ..kinds import ALLOWLIST_FILE, CITABLE_KINDS, PROSE_KINDS, parse_path
from ..model import APPROVED, Source
from ..source.markdown import internal_target
from .privacy_patterns import detect, masked, maybe_personal, value_hash

_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?[^)\n]*\)")

if TYPE_CHECKING:
    from . import Context

def load_allowlist(root: Path) -> set[str]:
    """Hashes of reviewed values; entries without a reason and a reviewer do not count."""
    from ..source.yamlparse import parse

    f = root / ALLOWLIST_FILE
    if not f.is_file():
        return set()
    data, _marks, problems = parse(f.read_text(encoding="utf-8"), ALLOWLIST_FILE)
    if problems or not isinstance(data, dict):
        return set()
    return {k.lower() for k, v in data.items()
            if re.fullmatch(r"[0-9a-fA-F]{64}", k) and isinstance(v, dict)
            and isinstance(v.get("reason"), str) and isinstance(v.get("reviewer"), str)}


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], bool, str]]:
    """Every string in the front matter, keys included (flagged True), with its path."""
    if isinstance(value, str):
        yield path, False, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield path + (k,), True, str(k)
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


class LineIndex:
    """Offset to (line, column) by bisection over line starts: linear in findings, not quadratic."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(self, line: int, column: int) -> int:
        row = min(max(line - self.first_line, 0), len(self.starts) - 1)
        return self.starts[row] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + row, offset - self.starts[row] + 1


def _cited(path: str, body: str) -> list[tuple[int, int]]:
    """Spans of link texts that cite a registry record: the outputs replace them with the
    record's current name and number, which are public (guideline/resources/)."""
    spans = []
    for m in _LINK.finditer(body):
        resolved = internal_target(path, m.group(2))
        where = parse_path(resolved) if resolved else None
        if where is not None and where.kind in CITABLE_KINDS:
            spans.append(m.span(1))
    return spans


def check(source: Source, context: Context) -> Iterator[Finding]:
    # Registry records (resources, forms) are not prose: their numbers are public by definition.
    if source.kind not in PROSE_KINDS:
        return
    is_case = source.kind == "case"
    # Every string is looked at, slug-shaped ones too: 139-1234-5678 and 110105194503121236 fit a slug.
    front: LineIndex | None = None  # line starts, positions: only once there is a hit
    title_mark = source.marks.at(("title",)) if "title" in source.data else None
    strings = list(_strings(source.data, ()))
    # Most keys and values hold nothing any detector needs: no position to look up, no detector to run.
    for i in maybe_personal([text for _, _, text in strings]):
        path, is_key, text = strings[i]
        line, col = source.marks.key(path) if is_key else source.marks.at(path)
        for hit in detect(text, exact_dates=is_case and (line, col) == title_mark):
            if not (context.allowlist and value_hash(hit.value) in context.allowlist):
                front = front or LineIndex(source.front, 2)  # the raw front matter starts on line 2
                found = source.front.find(hit.value, front.offset(line, col))
                at = front.position(found) if found >= 0 else (line, col)
                yield make(hit.code, source.path, *at, masked=masked(hit))
    hits = detect(source.body, exact_dates=is_case)
    if hits:
        body = LineIndex(source.body, source.body_line)
        cited = _cited(source.path, source.body) if "](" in source.body else []
        for hit in hits:
            if any(a <= hit.start < b for a, b in cited):
                continue  # the text of a citation of a registry record (render.citations)
            if not (context.allowlist and value_hash(hit.value) in context.allowlist):
                yield make(hit.code, source.path, *body.position(hit.start), masked=masked(hit))
    if is_case and source.data.get("status") == APPROVED:
        line, col = source.marks.at(("status",))
        if not isinstance(source.data.get("consent"), dict):
            yield make("privacy/missing-consent", source.path, line, col)
        if not isinstance(source.data.get("deidentified"), dict):
            yield make("privacy/missing-deidentified", source.path, line, col)
