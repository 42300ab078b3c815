"""The loader beyond single findings (those are fixture folders in tests/cases/): limits, YAML meaning, positions, crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Cli, write
from guideline import validate
from guideline.checks import FILE_CHECKS, Check, Context
from guideline.findings import Finding
from guideline.model import Source
from guideline.source.yamlparse import parse


def located(root: Path, path: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in validate.run(root, use_cache=False).findings if f.path == path]


def test_fixture_corpus_is_valid(cli: Cli, corpus: Path) -> None:
    r = cli(corpus, "validate", "--format", "json", "--no-cache")
    assert r.code == 0, r.out
    assert r.json()["counts"] == {"error": 0, "warning": 0}
    assert r.json()["files"] == 13


def test_oversized_front_matter(corpus: Path) -> None:
    write(corpus, "cases/alpha-demo/big.md", "---\nid: big\nnote: " + "长" * 30000 + "\n---\n")
    assert located(corpus, "cases/alpha-demo/big.md") == [("frontmatter/too-large", 1)]


def test_runaway_nesting_is_refused_without_crashing(corpus: Path) -> None:
    write(corpus, "cases/alpha-demo/deep.md", "---\nid: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert ("yaml/too-deep", 3) in located(corpus, "cases/alpha-demo/deep.md")


def test_a_file_that_cannot_be_read_is_a_finding(corpus: Path) -> None:
    (corpus / "cases/alpha-demo/gone.md").symlink_to("nowhere.md")  # listed, but reading it fails
    assert located(corpus, "cases/alpha-demo/gone.md") == [("file/unreadable", 1)]


def test_yaml_12_scalars_stay_as_written() -> None:
    data, _, problems = parse("a: no\nb: on\nc: 010010\nd: 10:30\ne: 2026-10-15\nf: true\ng: 12\nh: ~\ni: 1.5\n", "x.yaml")
    assert problems == []
    assert data == {"a": "no", "b": "on", "c": "010010", "d": "10:30", "e": "2026-10-15", "f": True, "g": 12, "h": None, "i": 1.5}


def test_positions_of_values_and_keys() -> None:
    _, marks, _ = parse("id: x\nthemes:\n  - a\n  - b\nconsent:\n  given_by: 本人\n", "x.md", line_offset=2)
    assert marks.at(("themes", 1)) == (5, 5)
    assert marks.key(("consent", "given_by")) == (7, 3)
    assert marks.at(("consent", "given_by")) == (7, 13)


def test_a_crash_inside_one_file_is_a_finding_and_the_run_goes_on(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(source: Source, context: Context) -> list[Finding]:
        if source.path.endswith("door-knock.md"):
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr("guideline.validate.FILE_CHECKS", (*FILE_CHECKS, Check("explode", frozenset(), file=explode)))
    report = validate.run(corpus, use_cache=False)
    assert [(f.code, f.path) for f in report.findings] == [("internal/error", "guideline/01-basics/door-knock.md")]
    assert report.files == 13


def test_a_run_from_the_cache_gives_the_positions_of_a_run_without(corpus: Path) -> None:
    """Corpus checks read YAML positions from the cache's StoredMarks only for their findings."""
    from conftest import replace

    replace(corpus, "cases/alpha-demo/alpha-living-alone.md", "  - door-knock", "  - no-such-procedure")
    replace(corpus, "guideline/01-basics/visit-prep.md", "title:", "related: [visit-prep, nowhere]\ntitle:")
    cold = validate.run(corpus, use_cache=False).findings
    validate.run(corpus)  # writes .cache/
    cache = validate.Cache(corpus, enabled=True)
    assert cache.entries and all(isinstance(r.source.marks, validate.StoredMarks)
                                 for _, r in cache.entries.values() if r.source is not None)
    warm = validate.run(corpus).findings
    assert {f.code for f in cold} >= {"ref/unknown-procedure", "ref/self-reference"}
    assert warm == cold

