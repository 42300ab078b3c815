"""Links in bodies: between sources they must point at content that will be published, or cite a
hotline, resource or form by its record file (the outputs show the record's current text); every
other link must have a target the one URL policy keeps (`source.markdown.allowed_target`), and an
in-page link must name a heading of the same body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..kinds import CITABLE_KINDS, kind_of, parse_path
from ..model import Corpus
from ..source.markdown import allowed_target, internal_target
from .html import unsafe_scheme

if TYPE_CHECKING:
    from . import Context

_UNKNOWN = {"resource": "ref/unknown-resource", "form": "ref/unknown-form"}


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for s in corpus.sources.values():
        anchors: set[str] | None = None  # slugging every heading only for bodies with in-page links
        texts = s.outline.link_texts + [""] * (len(s.outline.links) - len(s.outline.link_texts))
        for (target, line, col), text in zip(s.outline.links, texts, strict=False):
            if not target:
                yield make("link/empty", s.path, line, col, text=text)
                continue
            if target.startswith("#"):
                if anchors is None:
                    anchors = s.outline.anchors
                if unquote(target[1:]) not in anchors:
                    yield make("link/anchor", s.path, line, col, anchor=unquote(target[1:]))
                continue
            if not allowed_target(target):
                if not unsafe_scheme(target):  # those are html/unsafe-link
                    yield make("link/scheme", s.path, line, col, target=unquote(target))
                continue
            resolved = internal_target(s.path, target)
            if resolved is None:
                continue  # external links
            where = parse_path(resolved)
            if resolved not in corpus.files:
                if where is not None and where.kind in _UNKNOWN:
                    yield make(_UNKNOWN[where.kind], s.path, line, col, target=unquote(target), id=where.stem)
                else:
                    yield make("link/broken", s.path, line, col, target=unquote(target))
            elif where is None or not (kind_of(where.kind).markdown or where.kind in CITABLE_KINDS):
                yield make("link/not-content", s.path, line, col, target=unquote(target))
