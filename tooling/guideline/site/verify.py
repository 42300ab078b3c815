"""Checks run after every site build: nothing accepted is missing, and Chinese search works.

The search self-test reads the built index the way Material's search worker does:
tokens split by the configured separator (jieba put U+200B between words at build
time), the query segmented greedily against the index and matched by prefix.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..model import Corpus
from ..render import RenderError
from . import layout as at

_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"([\u3400-\u9fff]+)")
SEARCH_PROBES = 12


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


def segment(query: str, vocab: set[str]) -> set[str]:
    """Material's query segmentation (search/query/segment), ported as it is."""
    segments: set[str] = set()
    cuts = [0] * (len(query) + 1)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in vocab:
                cuts[i] = j - i
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments.add(query[p:p + q])
                stack.append(p + q)
        q = p + cuts[p]
        if cuts[q] and q < len(query) - 1:
            stack.append(q)
        segments.add(query[p:q])
    return {query} if "" in segments else segments


def probes(corpus: Corpus) -> list[tuple[str, str]]:
    """Known terms and the page each must find: glossary terms, procedure and case titles,
    and a word from inside each title (found only if the index was segmented)."""
    import jieba

    found = [(t.preferred, at.GLOSSARY) for t in corpus.terms.values()]
    found += [(p.title, at.procedure_page(p, corpus)) for p in corpus.ordered_procedures()]
    found += [(c.title, at.case_page(c)) for c in sorted(corpus.cases.values(), key=lambda c: c.id)]
    result: list[tuple[str, str]] = []
    for title, page in found[:SEARCH_PROBES]:
        inner = [w for w in jieba.cut(title) if len(w) > 1 and _HAN.fullmatch(w) and not title.startswith(w)]
        result.append((title, page))
        if inner:
            result.append((max(inner, key=len), page))
    return result


def search(corpus: Corpus, site: Path) -> None:
    try:
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        separator = re.compile(index["config"]["separator"])
    except (OSError, ValueError, KeyError, re.error) as exc:
        raise RenderError(f"网站搜索索引无法读取（{exc}）。请检查 mkdocs.yml 的 search 设置。") from exc
    tokens: dict[str, set[str]] = {}
    for doc in index["docs"]:
        words = separator.split(_TAG.sub(" ", f"{doc['title']} {doc['text']}").lower())
        tokens.setdefault(doc["location"].split("#")[0], set()).update(w for w in words if w)
    vocab = set().union(*tokens.values()) if tokens else set()
    failed = []
    for query, page in probes(corpus):
        words = [w for w in separator.split(query.lower()) if w]
        segments = {s for w in words for run in _HAN.split(w) if run
                    for s in (segment(run, vocab) if _HAN.fullmatch(run) else {run})}
        mine = tokens.get(at.html(page), set())
        if not segments or not all(any(t.startswith(s) for t in mine) for s in segments):
            failed.append(f"「{query}」")
    if failed:
        raise RenderError(f"中文搜索自检失败：搜索{'、'.join(failed)}找不到对应页面。"
                          "请检查 mkdocs.yml 中 search 的 lang（zh）和 separator（须包含 \\u200b），以及是否安装了 jieba。")
