"""Internal links in bodies must point at content that will be published."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..load import FileResult, classify
from ..source.markdown import internal_target


def check(results: list[FileResult], existing: set[str]) -> Iterator[Finding]:
    for r in results:
        if r.outline is None:
            continue
        for target, line, col in r.outline.links:
            resolved = internal_target(r.path, target)
            if resolved is None:
                continue  # anchors and external links; unsafe schemes are html/* checks
            if resolved not in existing:
                yield make("link/broken", r.path, line, col, target=unquote(target))
            elif classify(resolved) not in ("procedure", "chapter", "case", "note"):
                yield make("link/not-content", r.path, line, col, target=unquote(target))
