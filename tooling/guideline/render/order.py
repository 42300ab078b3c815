"""The order readers expect in lists the registry keeps one file per entry: glossary terms and
partner organisations by the pinyin of their Chinese name, as Chinese dictionaries and
directories are ordered (file names are ids, which mean nothing to a reader)."""

from __future__ import annotations

import dataclasses

from ..model import Corpus


def pinyin_key(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin  # only renderers need it; validation stays lean

    return " ".join(lazy_pinyin(text, style=Style.TONE3)), text


def in_reading_order(corpus: Corpus) -> Corpus:
    """The same corpus with its glossary and organisations in reading order."""
    terms = dict(sorted(corpus.terms.items(), key=lambda kv: pinyin_key(kv[1].preferred)))
    orgs = dict(sorted(corpus.organisations.items(), key=lambda kv: pinyin_key(kv[1].name)))
    return dataclasses.replace(corpus, terms=terms, organisations=orgs)
