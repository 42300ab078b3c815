"""The privacy detector meets its measured targets on the labelled sentences."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "privacy_eval.py"


def _evaluate() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("privacy_eval", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: dict[str, Any] = module.evaluate()
    return result


def test_targets() -> None:
    r = _evaluate()
    assert r["counts"]["blocking"] + r["counts"]["review"] >= 100
    assert r["counts"]["clean"] >= 100
    assert r["blocking_recall"] >= 0.95, r["missed"]
    assert r["review_recall"] >= 0.8, r["missed"]
    assert r["false_alarm_rate"] <= 0.05, r["alarms"]
    assert len(r["per_code"]) == 14  # every category is measured
