"""Validation benchmark: `guideline validate` on the shipped content grown to scale, as a ratio
to a bare process reading the same files and parsing their front matter with PyYAML's C
loader (benchmarks/bare_parse.py), all measured in the same run.

    python benchmarks/validate_bench.py [--cases 1000] [--mode real|synthetic] [--repeat 5] [--scale 5000] [--against REV]

Whole-process figures per run: wall time, CPU time (user+sys of the process and the workers
it forked and waited for) and peak resident memory, from os.wait4. `--scale N` adds a run at
+N cases and prints how time grows (the exponent b in t ~ files^b between the two sizes).
`--against REV` also runs REV's code (its tooling/ and schemas/ exported by git) cold, and warm
on a copy of the corpus with its own .cache/, in the same alternation, for a before/after in one run.

Targets (issue 18): +1,000 real-length cases, cold (--no-cache) <= 3x the floor, warm <= 1.2x;
+5,000: peak memory <= 500 MB and time growing no faster than linearly.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(cmd: list[str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = 0
    # ru_maxrss is the largest of the process and its waited-for children, in KiB on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def corpus_of(tmp: Path, cases: int, mode: str) -> Path:
    corpus = tmp / f"corpus-{mode}-{cases}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), "--cases", str(cases), "--mode", mode],
                   check=True, stderr=subprocess.DEVNULL)
    return corpus


def export(rev: str, dest: Path) -> Path:
    """REV's toolkit code, importable from the returned folder."""
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, "tooling/guideline", "schemas"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "tooling"


def bench(corpus: Path, repeat: int, against: Path | None = None) -> dict[str, list[Run]]:
    args = ["--root", str(corpus), "validate", "--format", "json"]
    guideline = [str(BIN / "guideline"), *args]
    bare = [sys.executable, str(HERE / "bare_parse.py"), str(corpus)]
    measure(bare)  # warm the OS file cache
    measure(guideline)  # fill .cache/
    rows: dict[str, list[Run]] = {"bare": [], "cold": [], "warm": []}
    if against is not None:
        rows["cold before"], rows["warm before"] = [], []
        run = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(against)!r}); "
               "from guideline.cli import main; sys.exit(main())"]
        before = [*run, *args, "--no-cache"]
        # REV's warm runs on a copy of the corpus: each version reads only the cache it wrote.
        copy = corpus.with_name(corpus.name + "-before")
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".cache"))
        warm_before = [*run, "--root", str(copy), *args[2:]]
        measure(warm_before)  # fill its .cache/
    for _ in range(repeat):  # alternating, so that load from elsewhere hits all of them alike
        rows["bare"].append(measure(bare))
        rows["cold"].append(measure([*guideline, "--no-cache"]))
        rows["warm"].append(measure(guideline))
        if against is not None:
            rows["cold before"].append(measure(before))
            rows["warm before"].append(measure(warm_before))
    return rows


def med(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def report(label: str, rows: dict[str, list[Run]]) -> None:
    bare_wall, bare_cpu = med(rows["bare"], "wall"), med(rows["bare"], "cpu")
    print(f"\n{label} (median of {len(rows['bare'])} alternating runs)")
    print(f"{'run':<22}{'wall s':>9}{'x floor':>9}{'CPU s':>9}{'x floor':>9}{'peak MB':>9}")
    for name in rows:
        wall, cpu, peak = med(rows[name], "wall"), med(rows[name], "cpu"), max(r.peak_mb for r in rows[name])
        print(f"{name:<22}{wall:>9.3f}{wall / bare_wall:>8.2f}x{cpu:>9.3f}{cpu / bare_cpu:>8.2f}x{peak:>9.0f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--mode", choices=["real", "synthetic"], default="real")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scale", type=int, default=0, help="also measure at +N cases and print the growth exponent")
    ap.add_argument("--against", help="a git revision whose code also runs cold, for a before/after")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        against = None
        if args.against:
            (tmp / "before").mkdir()
            against = export(args.against, tmp / "before")
        small = corpus_of(tmp, args.cases, args.mode)
        rows = bench(small, args.repeat, against)
        report(f"+{args.cases} {args.mode} cases ({sum(1 for _ in small.rglob('*.md'))} Markdown files)", rows)
        if args.scale:
            big = corpus_of(tmp, args.scale, args.mode)
            big_rows = bench(big, max(1, args.repeat // 2))
            report(f"+{args.scale} {args.mode} cases ({sum(1 for _ in big.rglob('*.md'))} Markdown files)", big_rows)
            n1, n2 = sum(1 for _ in small.rglob("*.md")), sum(1 for _ in big.rglob("*.md"))
            for name in ("cold", "warm"):
                t1, t2 = med(rows[name], "cpu"), med(big_rows[name], "cpu")
                print(f"growth of {name} CPU time: exponent {math.log(t2 / t1) / math.log(n2 / n1):.2f} (1.00 = linear)")
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
