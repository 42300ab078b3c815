"""privacy/*: personal identifiers in front matter and body, consent and de-identification.

Messages name the category and a masked form only; the detected value never leaves
this module. Reviewed exceptions are sha256 hashes in `privacy-allowlist.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import make
from ..findings import Finding
from ..kinds import CITABLE_KINDS, PROSE_KINDS, parse_path
from ..model import APPROVED, Source
from ..source.markdown import internal_target
from .privacy_patterns import Hit, detect, mask, value_hash

ALLOWLIST_FILE = "privacy-allowlist.yaml"
_SLUG = re.compile(r"[a-z0-9-]*")
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?[^)\n]*\)")

if TYPE_CHECKING:
    from . import Context

def _masked(hit: Hit) -> str:
    if hit.code == "privacy/name":
        return hit.value[0] + "*" * (len(hit.value) - 1)
    return mask(hit.value)


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


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def _front_position(source: Source, path: tuple[Any, ...], hit: Hit) -> tuple[int, int]:
    """Line and column of the hit inside the raw front matter (which starts at line 2)."""
    line, col = source.marks.at(path)
    lines = source.front.split("\n")
    row = line - 2
    if 0 <= row < len(lines):
        offset = sum(len(x) + 1 for x in lines[:row]) + col - 1
        found = source.front.find(hit.value, offset)
        if found >= 0:
            before = source.front[:found]
            return before.count("\n") + 2, found - (before.rfind("\n") + 1) + 1
    return line, col


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
    for path, text in _strings(source.data, ()):
        if _SLUG.fullmatch(text):
            continue  # ids, themes, statuses: nothing personal fits in a slug
        for hit in detect(text, exact_dates=is_case and path == ("title",)):
            if value_hash(hit.value) not in context.allowlist:
                line, col = _front_position(source, path, hit)
                yield make(hit.code, source.path, line, col, masked=_masked(hit))
    body = source.body
    cited = _cited(source.path, body) if "](" in body else []
    for hit in detect(body, exact_dates=is_case):
        if any(a <= hit.start < b for a, b in cited):
            continue
        if value_hash(hit.value) not in context.allowlist:
            before = body[:hit.start]
            line = source.body_line + before.count("\n")
            yield make(hit.code, source.path, line, hit.start - before.rfind("\n"), masked=_masked(hit))
    if is_case and source.data.get("status") == APPROVED:
        line, col = source.marks.at(("status",))
        if not isinstance(source.data.get("consent"), dict):
            yield make("privacy/missing-consent", source.path, line, col)
        if not isinstance(source.data.get("deidentified"), dict):
            yield make("privacy/missing-deidentified", source.path, line, col)
