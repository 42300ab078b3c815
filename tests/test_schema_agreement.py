"""The fast validity check (jsonschema-rs) and jsonschema, which explains errors, agree.

If they did not, an invalid file could pass unexplained. Every shipped file and many
mutations of each are checked with both.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from conftest import REPO
from guideline import validate
from guideline.checks.schema import fast_validator, validator
from guideline.model import Source

BAD_VALUES: list[Any] = [None, 1, 1.5, True, "", "x", "2026-02-30", "2025-13", "Bad Id", [], ["x", "x"], {}, {"a": 1}]


def mutations(data: dict[str, Any], rng: random.Random) -> list[Any]:
    out: list[Any] = []
    paths: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(data, ())
    for path in paths[1:]:
        for bad in rng.sample(BAD_VALUES, 4):
            doc = copy.deepcopy(data)
            target = doc
            for p in path[:-1]:
                target = target[p]
            target[path[-1]] = bad
            out.append(doc)
        doc = copy.deepcopy(data)
        target = doc
        for p in path[:-1]:
            target = target[p]
        if isinstance(target, dict):
            del target[path[-1]]
            out.append(doc)
    out.append({**data, "unexpected_key": "x"})
    return out


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    corpus = validate.run(REPO, use_cache=False).corpus
    assert corpus is not None
    return list(corpus.sources.values())


def test_fast_check_agrees_with_jsonschema(sources: list[Source]) -> None:
    rng = random.Random(7)
    checked = 0
    for source in sources:
        fast, full = fast_validator(source.kind), validator(source.kind)
        for doc in [source.data, *mutations(source.data, rng)[:60]]:
            expected = not any(True for _ in full.iter_errors(doc))
            assert fast.is_valid(doc) is expected, (source.path, doc)
            checked += 1
    assert checked > 2000
