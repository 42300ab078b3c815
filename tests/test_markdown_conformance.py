"""The dialect against the CommonMark 0.31.2 spec and cmark-gfm's extension examples, on the
site and in the handbook (see tests/markdown_conformance.py and docs/markdown.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import markdown_conformance as mc

# Each remaining difference, with its reason in docs/markdown.md.
KNOWN_SITE = {"commonmark 608", "commonmark 611", "commonmark 612"}
KNOWN_HANDBOOK = KNOWN_SITE | {"gfm 23"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[mc.Example], dict[str, str]]:
    return mc.run(Path(tmp_path_factory.mktemp("conformance")))


def test_no_accepted_example_stops_a_build(results: tuple[list[mc.Example], dict[str, str]]) -> None:
    items, failures = results
    assert failures == {}
    assert all(e.handbook for e in items if e.accepted)


@pytest.mark.parametrize("renderer, known", [("site", KNOWN_SITE), ("handbook", KNOWN_HANDBOOK)])
def test_accepted_examples_render_as_the_spec_expects(results: tuple[list[mc.Example], dict[str, str]],
                                                      renderer: str, known: set[str]) -> None:
    items, _ = results
    accepted = [e for e in items if e.accepted]
    assert len(accepted) > 450
    differ, lost = set(), set()
    for e in accepted:
        same, kept = mc.compare(e, getattr(e, renderer), renderer == "handbook")
        if not same:
            differ.add(e.name)
        if not kept:
            lost.add(e.name)
    assert lost == set()
    assert differ == known
    assert 1 - len(differ) / len(accepted) >= 0.99
