"""Checks run after every site build: nothing accepted is missing, and Chinese search works.

The search self-test reads the built index the way the site's search worker does
(`search_index.query_words`, then a page matches a word its text contains), so it tests
what the reader needs, not how jieba happened to cut a sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Corpus
from ..render import RenderError
from . import layout as at
from .search_index import INDEX, Vocabulary, query_words


def expected(corpus: Corpus) -> list[tuple[str, str, str]]:
    """(what, page, anchor id) for every item that must appear in the site."""
    items = [(f"章节 {c.id}", at.chapter_page(c), c.anchor) for c in corpus.chapters]
    for p in corpus.procedures.values():
        items.append((f"程序 {p.id}", at.procedure_page(p, corpus), p.anchor))
        items.append((f"核对清单 {p.id}", at.checklist_page(p), f"checklist-{p.id}"))
        items.append((f"核对清单 {p.id}（汇总页）", at.CHECKLISTS, f"checklist-{p.id}"))
    for n in corpus.notes:
        proc = corpus.procedures.get(n.procedure)
        page = at.procedure_page(proc, corpus) if proc else "?"
        items.append((f"实务经验 {n.source.path}", page, n.anchor))
    items += [(f"案例 {c.id}", at.case_page(c), c.anchor) for c in corpus.cases.values()]
    items += [(f"术语 {t}", at.GLOSSARY, f"term-{t}") for t in corpus.terms]
    items += [(f"机构 {o}", at.PARTNERS, f"org-{o}") for o in corpus.organisations]
    items += [(f"热线与资源 {r.id}", at.RESOURCES, r.anchor) for r in corpus.resources.values()]
    items += [(f"表单 {f.id}", at.form_page(f), f.anchor) for f in corpus.forms.values()]
    items += [(f"转介名录 {o.id}", at.REFERRALS, f"referral-{o.id}") for o in corpus.organisations.values() if o.referral]
    return items


def completeness(corpus: Corpus, site: Path) -> None:
    pages: dict[str, str] = {}
    missing = []
    for what, page, anchor in expected(corpus):
        if page not in pages:
            f = site / at.html(page)
            pages[page] = f.read_text(encoding="utf-8") if f.is_file() else ""
        if f'id="{anchor}"' not in pages[page]:
            missing.append(what)
    if missing:
        raise RenderError(f"网站不完整：{len(missing)} 项通过检查的内容没有出现在网站中（{'、'.join(missing[:10])}）。"
                          "这是工具的缺陷，请报告维护者。")


def probes(corpus: Corpus) -> list[tuple[str, str]]:
    """What a reader types and the page it must find: every glossary term and each of its
    deprecated forms (the glossary), every procedure and case title (its own page)."""
    found = [(t.preferred, at.GLOSSARY) for t in corpus.terms.values()]
    found += [(d.term, at.GLOSSARY) for t in corpus.terms.values() for d in t.deprecated]
    found += [(p.title, at.procedure_page(p, corpus)) for p in corpus.ordered_procedures()]
    found += [(c.title, at.case_page(c)) for c in sorted(corpus.cases.values(), key=lambda c: c.id)]
    return found


def search(corpus: Corpus, site: Path, vocab: Vocabulary | None = None) -> None:
    """Each probe, cut into words as the search worker cuts it, must find its page: the page's
    indexed text holds every word or one of the word's synonyms (the worker's match rule)."""
    try:
        index = json.loads((site / INDEX).read_text(encoding="utf-8"))
        config = index["config"]
        if vocab is None:
            known = frozenset(config["words"])
            vocab = Vocabulary(known, config["synonyms"], max((len(w) for w in known), default=1))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RenderError(f"网站搜索索引无法读取（{exc}）。这是工具的缺陷，请报告维护者。") from exc
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        texts[page] = texts.get(page, "") + f" {doc['title']} {doc['text']}".lower()
    failed = []
    for query, page in probes(corpus):
        text = texts.get(at.html(page), "")
        words = query_words(query, vocab)
        if not words or not all(any(f.lower() in text for f in (w, *vocab.synonyms.get(w, []))) for w in words):
            failed.append(f"「{query}」")
    if failed:
        raise RenderError(f"中文搜索自检失败：搜索{'、'.join(failed[:10])}找不到对应页面。这是工具的缺陷，请报告维护者。")
