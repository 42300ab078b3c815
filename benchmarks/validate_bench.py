"""Validation benchmark: `guideline validate` on the shipped content plus 1,000 generated
cases, as a ratio to a bare process reading the same files and parsing their front matter
with PyYAML's C loader (benchmarks/bare_parse.py), all measured in the same run.

    python benchmarks/validate_bench.py [--cases 1000] [--repeat 5]

Targets (issue 2): cold (--no-cache) at most 5x, warm cache at most 2x.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    corpus = tmp / "corpus"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), "--cases", str(args.cases)], check=True)
    guideline = [str(BIN / "guideline"), "--root", str(corpus), "validate", "--format", "json"]
    bare = [sys.executable, str(HERE / "bare_parse.py"), str(corpus)]
    timed(bare)  # warm the OS file cache
    timed(guideline)  # fill .cache/
    rows = {"bare": [], "cold": [], "warm": []}
    for _ in range(args.repeat):
        rows["bare"].append(timed(bare))
        rows["cold"].append(timed(guideline + ["--no-cache"]))
        rows["warm"].append(timed(guideline))
    med = {k: statistics.median(v) for k, v in rows.items()}
    files = sum(1 for _ in corpus.rglob("*.md")) + 3
    print(f"files: {files}  (median of {args.repeat} runs, wall time)")
    print(f"bare C-loader parse : {med['bare']:.3f} s")
    print(f"validate --no-cache : {med['cold']:.3f} s  ratio {med['cold'] / med['bare']:.2f}x  (target <= 5x)")
    print(f"validate warm cache : {med['warm']:.3f} s  ratio {med['warm'] / med['bare']:.2f}x  (target <= 2x)")
    shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
