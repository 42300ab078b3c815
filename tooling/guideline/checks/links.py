"""Internal links in bodies must point at content that will be published."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote
from collections.abc import Iterator

from ..catalogue import make
from ..findings import Finding
from ..load import FileResult, classify

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check(results: list[FileResult], existing: set[str]) -> Iterator[Finding]:
    for r in results:
        if r.outline is None:
            continue
        base = posixpath.dirname(r.path)
        for target, line, col in r.outline.links:
            if not target or target.startswith("#") or _SCHEME.match(target) or target.startswith("//"):
                continue  # anchors and external links; unsafe schemes are html/* checks
            path_part = target.split("#")[0].split("?")[0]
            resolved = posixpath.normpath(posixpath.join(base, path_part)) if not path_part.startswith("/") else path_part.lstrip("/")
            if resolved not in existing:
                yield make("link/broken", r.path, line, col, target=unquote(target))
            elif classify(resolved) not in ("procedure", "chapter", "case", "note"):
                yield make("link/not-content", r.path, line, col, target=target)
