"""Search on the shipped content, typed into the real search box in Chromium: the query set in
tests/data/search_queries.yaml must find its procedures (benchmarks/search.py prints the figures)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from guideline import validate
from guideline.render import BuildInfo
from guideline.site import build_site

REPO = Path(__file__).resolve().parents[1]


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("search_benchmark", REPO / "benchmarks" / "search.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = validate.run(REPO, use_cache=False)
    assert report.ok and report.corpus is not None
    out = tmp_path_factory.mktemp("shipped")
    build_site(report.corpus, BuildInfo("preview", "test", "2026-01-01"), out)
    return out / "site"


def test_the_query_set_finds_the_right_procedures(shipped_site: Path) -> None:
    queries = benchmark().QUERIES.read_text(encoding="utf-8")
    assert queries.count("- {query:") >= 40
    figures = benchmark().run(shipped_site)
    assert figures["success@3"] >= 0.9, figures
