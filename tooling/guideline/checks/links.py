"""Internal links in bodies must point at content that will be published, or cite a
hotline, resource or form by its record file (the outputs show the record's current text)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..kinds import CITABLE_KINDS, kind_of, parse_path
from ..model import Corpus
from ..source.markdown import internal_target

if TYPE_CHECKING:
    from . import Context

_UNKNOWN = {"resource": "ref/unknown-resource", "form": "ref/unknown-form"}


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for s in corpus.sources.values():
        for target, line, col in s.outline.links:
            resolved = internal_target(s.path, target)
            if resolved is None:
                continue  # anchors and external links; unsafe schemes are html/* checks
            where = parse_path(resolved)
            if resolved not in corpus.files:
                if where is not None and where.kind in _UNKNOWN:
                    yield make(_UNKNOWN[where.kind], s.path, line, col, target=unquote(target), id=where.stem)
                else:
                    yield make("link/broken", s.path, line, col, target=unquote(target))
            elif where is None or not (kind_of(where.kind).markdown or where.kind in CITABLE_KINDS):
                yield make("link/not-content", s.path, line, col, target=unquote(target))
