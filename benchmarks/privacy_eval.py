"""Recall and false alarms of the privacy detector on the labelled sentences.

Usage: .venv/bin/python benchmarks/privacy_eval.py [tests/data/privacy_eval.yaml]

Blocking identifiers are the error categories (an approved case cannot be published
with them); review items are the warnings an editor has to look at.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from guideline.catalogue import PRIVACY_CATEGORIES as CATEGORIES
from guideline.checks.privacy_patterns import detect
from guideline.findings import Severity

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy_eval.yaml"


def evaluate(path: Path = DATA) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    missed: list[str] = []
    start = time.perf_counter()
    for item in doc["identifiers"]:
        code = item["expect"]
        group = "blocking" if CATEGORIES[code][0] is Severity.ERROR else "review"
        total[group] += 1
        total[code] += 1
        if any(h.code == code for h in detect(item["text"], exact_dates=True)):
            hits[group] += 1
            hits[code] += 1
        else:
            missed.append(f"{code}: {item['text']}")
    alarms = [s for s in doc["clean"] if detect(s, exact_dates=True)]
    seconds = time.perf_counter() - start
    return {
        "blocking_recall": hits["blocking"] / total["blocking"],
        "review_recall": hits["review"] / total["review"],
        "false_alarm_rate": len(alarms) / len(doc["clean"]),
        "counts": {"blocking": total["blocking"], "review": total["review"], "clean": len(doc["clean"])},
        "per_code": {c: (hits[c], total[c]) for c in sorted(CATEGORIES) if total[c]},
        "missed": missed,
        "alarms": alarms,
        "seconds": seconds,
    }


def _body(f: Path) -> str:
    """The body only: dates in front matter (last_reviewed, deidentified.date) are meant to be exact."""
    text = f.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text


def shipped_content(root: Path = DATA.parents[2]) -> tuple[int, list[str]]:
    """Sentences of the repository's own guideline and cases: written by others, never tuned on."""
    sentences = [s.strip() for f in sorted(root.glob("guideline/**/*.md")) + sorted(root.glob("cases/**/*.md"))
                 for s in re.split(r"[。！？\n]", _body(f)) if s.strip()]
    return len(sentences), [s for s in sentences if detect(s, exact_dates=True)]


def main() -> int:
    r = evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    c = r["counts"]
    print(f"blocking identifiers: recall {r['blocking_recall']:.3f} ({c['blocking']} sentences, target >= 0.95)")
    print(f"review items:         recall {r['review_recall']:.3f} ({c['review']} sentences, target >= 0.80)")
    print(f"clean sentences:      false alarms {r['false_alarm_rate']:.3f} ({c['clean']} sentences, target <= 0.05)")
    for code, (h, t) in r["per_code"].items():
        print(f"  {code:28} {h}/{t}")
    for m in r["missed"]:
        print(f"  missed  {m}")
    for a in r["alarms"]:
        print(f"  alarm   {a}")
    n, flagged = shipped_content()
    print(f"shipped content:      {len(flagged)} of {n} sentences flagged (bodies)")
    for a in flagged:
        print(f"  flagged {a}")
    print(f"time: {r['seconds'] * 1000:.1f} ms for {c['blocking'] + c['review'] + c['clean']} sentences")
    ok = r["blocking_recall"] >= 0.95 and r["review_recall"] >= 0.8 and r["false_alarm_rate"] <= 0.05
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
