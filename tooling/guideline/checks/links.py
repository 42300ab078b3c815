"""Internal links in bodies must point at content that will be published."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..catalogue import make
from ..findings import Finding
from ..kinds import kind_of, parse_path
from ..model import Corpus
from ..source.markdown import internal_target

if TYPE_CHECKING:
    from . import Context


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for s in corpus.sources.values():
        for target, line, col in s.outline.links:
            resolved = internal_target(s.path, target)
            if resolved is None:
                continue  # anchors and external links; unsafe schemes are html/* checks
            where = parse_path(resolved)
            if resolved not in corpus.files:
                yield make("link/broken", s.path, line, col, target=unquote(target))
            elif where is None or not kind_of(where.kind).markdown:
                yield make("link/not-content", s.path, line, col, target=unquote(target))
