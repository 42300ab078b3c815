"""Links in bodies: between sources they must point at content that will be published; every
other link must have a target the one URL policy keeps (`source.markdown.allowed_target`), and an
in-page link must name a heading of the same body."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..load import FileResult, classify
from ..source.markdown import allowed_target, internal_target
from .html import unsafe_scheme


def check(results: list[FileResult], existing: set[str]) -> Iterator[Finding]:
    for r in results:
        if r.outline is None:
            continue
        anchors = r.outline.anchors
        texts = r.outline.link_texts + [""] * (len(r.outline.links) - len(r.outline.link_texts))
        for (target, line, col), text in zip(r.outline.links, texts):
            if not target:
                yield make("link/empty", r.path, line, col, text=text)
                continue
            if target.startswith("#"):
                if unquote(target[1:]) not in anchors:
                    yield make("link/anchor", r.path, line, col, anchor=unquote(target[1:]))
                continue
            if not allowed_target(target):
                if not unsafe_scheme(target):  # those are html/unsafe-link
                    yield make("link/scheme", r.path, line, col, target=unquote(target))
                continue
            resolved = internal_target(r.path, target)
            if resolved is None:
                continue  # external links
            if resolved not in existing:
                yield make("link/broken", r.path, line, col, target=unquote(target))
            elif classify(resolved) not in ("procedure", "chapter", "case", "note"):
                yield make("link/not-content", r.path, line, col, target=unquote(target))
