"""Validation time of one file with very many findings, and of one very long body.

Usage: .venv/bin/python benchmarks/many_findings.py [--repeat N]

Each scenario adds one case to a copy of the test fixture corpus and times
`guideline validate --no-cache --format json` as a separate process (median of N runs),
next to the same corpus without the extra case.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "corpus"
FRONT = """---
id: {id}
title: 压力测试
org: alpha-demo
themes:
  - living-alone
procedures:
  - visit-prep
period: 2025-03
status: draft
example: true
---

## 案例背景

"""
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑"
GIVEN = "芳伟娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def roster(rng: random.Random, rows: int = 4000) -> str:
    """A pasted roster: one table row per person with a name, a mobile and an ID-like number."""
    lines = ["| 姓名 | 电话 | 证件 |", "|---|---|---|"]
    for i in range(rows):
        lines.append(f"| 老人{_name(rng)} | 13{rng.randrange(10**9):09d} | 证件号码 A{i:07d} |")
    return "\n".join(lines)


def names_paragraph(rng: random.Random, count: int = 20000) -> str:
    """20,000 names next to role words in one paragraph (one long line)."""
    return "".join(f"{_name(rng)}阿姨、" for _ in range(count)) + "都来过。"


def long_body(rng: random.Random, sentences: int = 10000) -> str:
    """10,000 sentences of ordinary case prose, some with typography slips, one paragraph each
    (autocorrect alone stops at about 10,000 blocks with "call limit reached")."""
    parts = ["老人今年82岁，独居在老旧小区。", "社工每周入户一次，核对用药。", "女儿（化名）周末来看望。",
             "他说腿疼 ，晚上睡不好。", "我们联系了社区卫生服务中心。"]
    out = []
    for _ in range(sentences):
        out.append(rng.choice(parts) + "\n\n")
    return "".join(out)


SCENARIOS: dict[str, Callable[[random.Random], str]] = {
    "roster-4000-rows": roster,
    "names-20000-one-paragraph": names_paragraph,
    "typography-10000-sentences": long_body,
}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _time(root: Path, repeat: int) -> tuple[float, float, dict[str, int]]:
    """Median wall and CPU seconds of the whole process (interpreter start and imports included);
    CPU time is the steadier figure on a machine shared with other jobs."""
    walls, cpus, counts = [], [], {}
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        proc = subprocess.run([sys.executable, "-m", "guideline.cli", "--root", str(root), "validate", "--no-cache",
                               "--format", "json"], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        doc = json.loads(proc.stdout)
        counts = {"findings": len(doc["findings"]),
                  "internal": sum(1 for f in doc["findings"] if f["code"] == "internal/error")}
    return statistics.median(walls), statistics.median(cpus), counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        shutil.copytree(FIXTURE, base)
        wall, cpu, _ = _time(base, args.repeat)
        print(f"{'fixture corpus alone':30} wall {wall:5.2f} s  cpu {cpu:5.2f} s")
        for name, make in SCENARIOS.items():
            root = Path(tmp) / name
            shutil.copytree(FIXTURE, root)
            body = make(random.Random(15))
            (root / "cases" / "alpha-demo" / "stress.md").write_text(FRONT.format(id="stress") + body + "\n",
                                                                     encoding="utf-8")
            wall, cpu, counts = _time(root, args.repeat)
            print(f"{name:30} wall {wall:5.2f} s  cpu {cpu:5.2f} s  {counts['findings']:6} findings  {counts['internal']} internal errors"
                  f"  ({len(body):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
