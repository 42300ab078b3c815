"""Website build cost: `guideline build --site` against plain `mkdocs build` of the same build/docs.

    .venv/bin/python benchmarks/site.py [--cases 1000] [--rounds 3] [--write]

Generates the shipped content plus N real-length cases (benchmarks/generate.py --mode real),
builds the site once to warm caches, then alternates runs of both commands in the same run
and reports, for each, the median wall time and the median CPU time (user + system of the
process and its children, from wait4), with the load average around the runs.
--write replaces the "Website build" section of benchmarks/README.md.
If the shipped content does not validate yet, the fixture corpus is used instead (and said so).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SECTION = "## Website build (`benchmarks/site.py`)"


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command's process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed: {err.decode('utf-8', 'replace')}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def corpus(dest: Path, cases: int) -> str:
    for source, label in ((REPO, "shipped content"), (REPO / "tests/fixtures/corpus", "fixture corpus (shipped content did not validate)")):
        subprocess.run([sys.executable, str(REPO / "benchmarks/generate.py"), str(dest), "--cases", str(cases),
                        "--source", str(source), "--mode", "real"], check=True, capture_output=True)
        if subprocess.run([str(BIN / "guideline"), "--root", str(dest), "validate"], capture_output=True).returncode == 0:
            return label
    raise SystemExit("neither the shipped content nor the fixture corpus validates")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "repo"
        label = corpus(dest, args.cases)
        build = [str(BIN / "guideline"), "--root", str(dest), "build", "--site"]
        plain = [str(BIN / "mkdocs"), "build", "-q", "-f", str(dest / "build/mkdocs.yml"), "-d", str(Path(tmp) / "plain")]
        timed(build, dest)  # warm-up: validation cache, jieba dictionary cache
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        before = load()
        for _ in range(args.rounds):
            ours.append(timed(build, dest))
            theirs.append(timed(plain, dest))
        after = load()
        pages = sum(1 for _ in (dest / "build/docs").rglob("*.md"))
        size = sum(f.stat().st_size for f in (dest / "build/site").rglob("*") if f.is_file()) / 2**20
    gw, gc = (statistics.median(x[i] for x in ours) for i in (0, 1))
    mw, mc = (statistics.median(x[i] for x in theirs) for i in (0, 1))
    runs = "; ".join(f"{a[0]:.1f}/{a[1]:.1f} vs {b[0]:.1f}/{b[1]:.1f}" for a, b in zip(ours, theirs, strict=True))
    report = (f"{SECTION}\n\n`.venv/bin/python benchmarks/site.py --cases {args.cases} --rounds {args.rounds} --write`: {label} plus "
              f"{args.cases} real-length cases (`generate.py --mode real`), {pages} generated pages, site {size:.0f} MiB. "
              f"Medians of {args.rounds} alternating runs, measured {datetime.date.today().isoformat()} on the shared 2-core "
              f"machine, load average {before} before, {after} after (wall/CPU s per pair: {runs}).\n\n"
              "| command | wall (s) | CPU (s) |\n|---|---|---|\n"
              f"| `guideline build --site` (validate, pages, mkdocs build, checks, search index, offline files) | {gw:.1f} | {gc:.1f} |\n"
              f"| plain `mkdocs build -f build/mkdocs.yml` of the same build/docs | {mw:.1f} | {mc:.1f} |\n"
              f"| ratio | **{gw / mw:.2f}x** | **{gc / mc:.2f}x** (target ≤ 1.2x) |\n")
    print(report)
    if args.write:
        readme = REPO / "benchmarks/README.md"
        text = readme.read_text(encoding="utf-8") if readme.is_file() else "# Benchmarks\n"
        pattern = re.compile(re.escape(SECTION) + r".*?(?=\n## |\Z)", re.S)
        text = pattern.sub(lambda _: report.rstrip("\n"), text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + report
        readme.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
