"""The shipped guideline and case collection meet the editorial contract (issue 3)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    from guideline import validate

    return validate.run(REPO, use_cache=False)


def han(text: str) -> int:
    return len(HAN.findall(text))


def test_validates_without_errors_or_privacy_and_term_findings(report):  # type: ignore[no-untyped-def]
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert errors == []
    sensitive = [f for f in report.findings if f.code.split("/")[0] in ("privacy", "term", "html")]
    assert sensitive == []


def test_ten_chapters_each_with_at_least_two_procedures(report):  # type: ignore[no-untyped-def]
    corpus = report.corpus
    assert len(corpus.chapters) == 10
    assert all(len(c.procedures) >= 2 for c in corpus.chapters)
    assert all(han(c.body) >= 100 for c in corpus.chapters), "every chapter has an introduction"


DIGITS = "零一二三四五六七八九"


def ordinal(n: int) -> str:
    """Chinese numeral for 1–99 as written in section ordinals: 三, 十, 十二, 二十一."""
    tens, units = divmod(n, 10)
    return (DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (DIGITS[units] if units else "")


def test_every_chapter_introduction_presents_each_of_its_procedures(report):  # type: ignore[no-untyped-def]
    # Issue 17: an introduction says what each of its sections is for. A procedure counts as
    # presented when the introduction names it by its ordinal (第三节) or by its full title, so
    # adding a procedure to a chapter without extending the introduction fails here.
    corpus = report.corpus
    missing = [
        (chapter.id, p.id)
        for chapter in corpus.chapters
        for n, p in enumerate(chapter.procedures)
        if f"第{ordinal(n + 1)}节" not in chapter.body and p.title not in chapter.body
    ]
    assert missing == []


def test_procedures(report):  # type: ignore[no-untyped-def]
    procedures = report.corpus.ordered_procedures()
    assert len(procedures) >= 49
    short = [(p.id, han(p.body)) for p in procedures if han(p.body) < 600]
    assert short == []
    assert all(4 <= len(p.checklist) <= 10 and p.risk_level and p.related for p in procedures)


def test_glossary_and_organisations(report):  # type: ignore[no-untyped-def]
    corpus = report.corpus
    assert len(corpus.terms) >= 20
    assert sum(1 for t in corpus.terms.values() if t.deprecated) >= 8
    orgs = list(corpus.organisations.values())
    assert len(orgs) >= 6 and all(o.example and ("虚构" in o.name) for o in orgs)


def test_cases(report):  # type: ignore[no-untyped-def]
    corpus = report.corpus
    cases = list(corpus.cases.values())
    assert len(cases) >= 18  # issue 17: new cases on the situations that had no procedure
    assert len({c.org for c in cases}) >= 6
    short = [(c.id, han(c.body)) for c in cases if han(c.body) < 1200]
    assert short == []
    assert all(c.example and len(c.procedures) >= 2 for c in cases)
    assert all("综合" in c.body[:400] and "化名" in c.body for c in cases), "each case says it is a composite teaching case"
    themes = set(corpus.settings.themes)
    covered = {t for c in cases for t in c.themes}
    assert themes - covered == set()


def test_practice_notes(report):  # type: ignore[no-untyped-def]
    notes = report.corpus.notes
    assert len(notes) >= 8
    assert len({n.org for n in notes}) >= 6
    assert len({n.procedure for n in notes}) >= 8
