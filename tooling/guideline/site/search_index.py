"""The site's search index, rewritten after MkDocs for the toolkit's own search worker.

Material's index is segmented by jieba at build time while its browser code cut queries
its own way, ranked pages that lack a query word first, and stored every character as a
\\u escape. This step keeps Material's documents (one per page and per section) but:

- stores plain text (no markup, no U+200B, real UTF-8), about a third of the size;
- ships the vocabulary jieba found in the site plus the glossary's terms, with which the
  worker (`assets/javascripts/search.js`) cuts a query into words; a page matches a word
  when its text contains it, so index and query can never disagree about segmentation;
- maps every deprecated glossary term and every `search_synonyms` entry to the word the
  guideline uses, so 「老年痴呆」 finds the pages about 认知障碍;
- gives each page a boost by kind (procedures first, lists last) and leaves out pages
  that repeat another page's text (the checklists).

`query_words` is the worker's segmentation in Python, for the build's self-check.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Corpus

INDEX = Path("search") / "search_index.json"
SCRIPT = Path("search") / "search_index.js"
_SEPARATOR_CHAR = r'[\s\u200b\-_,:!=\[\]()"`/，。、；：！？（）《》「」“”…·]'
SEPARATOR = _SEPARATOR_CHAR + "+"
_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"[\u3400-\u9fff]+")
# A word of the vocabulary: a whole token (between separators) of two or more Han characters.
_WORD = re.compile(rf"(?:(?<={_SEPARATOR_CHAR})|^)[\u3400-\u9fff]{{2,}}(?={_SEPARATOR_CHAR}|$)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}
_ENTITY = re.compile("|".join(_ENTITIES))

# Relative weight of a page in the ranking, by where it lives (first match wins).
BOOSTS = (
    (re.compile(r"^chapters/[^/]+/index\.html$"), 0.8),
    (re.compile(r"^chapters/"), 1.5),
    (re.compile(r"^glossary/"), 1.0),
    (re.compile(r"^cases/[^/]+/index\.html$"), 0.4),
    (re.compile(r"^cases/index\.html$"), 0.4),
    (re.compile(r"^cases/"), 0.8),
    (re.compile(r"^index\.html$"), 0.3),
)
LEFT_OUT = re.compile(r"^checklists/")
"""Checklists repeat their procedure's list; the procedure is the page to find."""


def plain(html: str) -> str:
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], _TAG.sub(" ", html).replace("\u200b", ""))
    return " ".join(text.split())


def boost(location: str) -> float:
    page = location.split("#")[0]
    return next((b for pattern, b in BOOSTS if pattern.search(page)), 0.5)


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    synonyms: dict[str, list[str]]
    longest: int


def synonyms(corpus: Corpus) -> dict[str, list[str]]:
    """A reader's word -> the words the guideline uses for it."""
    found: dict[str, list[str]] = {}
    for term in corpus.terms.values():
        for d in term.deprecated:
            found.setdefault(d.term, []).append(term.preferred)
    for word, target in corpus.settings.search_synonyms.items():
        found.setdefault(word, []).append(target)
    return found


def query_words(query: str, vocab: Vocabulary) -> list[str]:
    """A query cut into words, as search.js does: runs of Chinese by the fewest vocabulary words
    (single characters where none fits), everything else at the separator."""
    words: list[str] = []
    for part in re.split(SEPARATOR, query.lower()):
        pos = 0
        for m in _HAN.finditer(part):
            words += [w for w in re.split(r"\s+", part[pos:m.start()]) if w]
            words += cut(m.group(0), vocab)
            pos = m.end()
        words += [w for w in part[pos:].split() if w]
    return list(dict.fromkeys(words))


def cut(run: str, vocab: Vocabulary) -> list[str]:
    """Fewest pieces; among equals, fewest single characters (dynamic programming, as search.js)."""
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(1 << 30, 0, 0)] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - vocab.longest), end):
            piece = run[start:end]
            if end - start > 1 and piece not in vocab.words:
                continue
            cost = (best[start][0] + 1, best[start][1] + (end - start == 1), start)
            if cost[:2] < best[end][:2]:
                best[end] = cost
    pieces, end = [], len(run)
    while end > 0:
        start = best[end][2]
        pieces.append(run[start:end])
        end = start
    return pieces[::-1]


@dataclass(frozen=True)
class Part:
    """The index's share of some pages (`guideline serve` keeps one per page and replaces only
    those of the pages it rebuilt): their documents and the words jieba cut from them."""

    docs: list[dict[str, str | float]]
    words: frozenset[str]


def part(material_docs: list[dict[str, Any]]) -> Part:
    """Material's documents (one per page and per section) as ours: plain text, a boost per page."""
    docs: list[dict[str, str | float]] = []
    words: set[str] = set()
    for doc in material_docs:
        title, text = doc.get("title", ""), doc.get("text", "")
        words.update(_WORD.findall(_TAG.sub(" ", f"{title} {text}")))
        location = doc["location"]
        if LEFT_OUT.search(location):
            continue
        entry: dict[str, str | float] = {"location": location, "title": plain(title), "text": plain(text)}
        if "#" not in location:
            entry["boost"] = boost(location)
        docs.append(entry)
    return Part(docs, frozenset(words))


def vocabulary(corpus: Corpus, parts: list[Part]) -> Vocabulary:
    """Multi-character Chinese words jieba cut from the site, the glossary's terms, and the synonyms."""
    words = set().union(*(p.words for p in parts))
    syn = synonyms(corpus)
    for term in corpus.terms.values():
        words.add(term.preferred)
    words.update(syn)
    words = {w for w in words if len(w) > 1}
    return Vocabulary(frozenset(words), syn, max((len(w) for w in words), default=1))


def rewrite(corpus: Corpus, site: Path) -> Vocabulary:
    """Replace Material's index (JSON, and the script the offline plugin makes of it) with ours."""
    return write(corpus, site, [part(json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"])])


def write(corpus: Corpus, site: Path, parts: list[Part]) -> Vocabulary:
    """Our index made of these parts, in order, written to the site."""
    vocab = vocabulary(corpus, parts)
    index = {
        # Material's own code reads lang and separator (highlighting on the page it opens).
        # Material passes only config and docs on to the worker, so ours rides in config too.
        "config": {"lang": ["zh"], "separator": SEPARATOR, "pipeline": [], "fields": {},
                   "words": sorted(vocab.words), "synonyms": vocab.synonyms},
        "docs": [doc for p in parts for doc in p.docs],
    }
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site / INDEX).write_text(text, encoding="utf-8")
    (site / SCRIPT).write_text(f"var __index = {text}", encoding="utf-8")
    return vocab
