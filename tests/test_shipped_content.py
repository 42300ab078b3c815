"""The shipped guideline and case collection meet the editorial contract (issue 3)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from guideline import validate
from guideline.model import Corpus
from guideline.validate import Report

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def report() -> Report:
    return validate.run(REPO, use_cache=False)


@pytest.fixture(scope="module")
def shipped(report: Report) -> Corpus:
    assert report.corpus is not None
    return report.corpus


def han(text: str) -> int:
    return len(HAN.findall(text))


def test_validates_without_errors_or_privacy_and_term_findings(report: Report) -> None:
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert errors == []
    sensitive = [f for f in report.findings if f.code.split("/")[0] in ("privacy", "term", "html")]
    assert sensitive == []


def test_ten_chapters_each_with_at_least_two_procedures(shipped: Corpus) -> None:
    assert len(shipped.chapters) == 10
    assert all(len(c.procedures) >= 2 for c in shipped.chapters)
    assert all(han(c.body) >= 100 for c in shipped.chapters), "every chapter has an introduction"


DIGITS = "零一二三四五六七八九"


def ordinal(n: int) -> str:
    """Chinese numeral for 1–99 as written in section ordinals: 三, 十, 十二, 二十一."""
    tens, units = divmod(n, 10)
    return (DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (DIGITS[units] if units else "")


def test_every_chapter_introduction_presents_each_of_its_procedures(shipped: Corpus) -> None:
    # Issue 17: an introduction says what each of its sections is for. A procedure counts as
    # presented when the introduction names it by its ordinal (第三节) or by its full title, so
    # adding a procedure to a chapter without extending the introduction fails here.
    missing = [
        (chapter.id, p.id)
        for chapter in shipped.chapters
        for n, p in enumerate(chapter.procedures)
        if f"第{ordinal(n + 1)}节" not in chapter.body and p.title not in chapter.body
    ]
    assert missing == []


def test_procedures(shipped: Corpus) -> None:
    procedures = shipped.ordered_procedures()
    assert len(procedures) >= 49
    short = [(p.id, han(p.body)) for p in procedures if han(p.body) < 600]
    assert short == []
    assert all(4 <= len(p.checklist) <= 10 and p.risk_level and p.related for p in procedures)


def test_glossary_and_organisations(shipped: Corpus) -> None:
    assert len(shipped.terms) >= 20
    assert len([t for t in shipped.terms.values() if t.deprecated]) >= 8
    orgs = list(shipped.organisations.values())
    assert len(orgs) >= 6 and all(o.example and ("虚构" in o.name) for o in orgs)


def test_cases(shipped: Corpus) -> None:
    cases = list(shipped.cases.values())
    assert len(cases) >= 18  # issue 17: new cases on the situations that had no procedure
    assert len({c.org for c in cases}) >= 6
    short = [(c.id, han(c.body)) for c in cases if han(c.body) < 1200]
    assert short == []
    assert all(c.example and len(c.procedures) >= 2 for c in cases)
    assert all("综合" in c.body[:400] and "化名" in c.body for c in cases), "each case says it is a composite teaching case"
    themes = set(shipped.settings.themes)
    covered = {t for c in cases for t in c.themes}
    assert themes - covered == set()


def test_practice_notes(shipped: Corpus) -> None:
    notes = shipped.notes
    assert len(notes) >= 8
    assert len({n.org for n in notes}) >= 6
    assert len({n.procedure for n in notes}) >= 8
