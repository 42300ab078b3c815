"""PR-check benchmark: `guideline validate --changed-since main` on a pull request that edits one
case body, the shipped content grown to scale, against validating that file alone plus the
corpus checks (`guideline validate FILE`), both starting from the base branch's cache (as CI
restores it), all in the same run.

    python benchmarks/pr_check.py [--cases 1000] [--repeat 5]

Whole-process figures (os.wait4): wall, CPU (user+sys, workers included), peak memory.
Target (issue 18): the PR check <= 2x validating that file alone plus the corpus checks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from serve_edit import paragraph_end
from validate_bench import Run, measure

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(repo), "--cases", str(args.cases)],
                       check=True, stderr=subprocess.DEVNULL)
        git = [*GIT, "-C", str(repo)]
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "base"], check=True)
        guideline = [str(BIN / "guideline"), "--root", str(repo), "validate", "--format", "json"]
        measure(guideline)  # the base branch's cache
        base_cache = Path(tmp) / "cache"
        shutil.copytree(repo / ".cache", base_cache)
        subprocess.run([*git, "checkout", "-qb", "pr"], check=True)
        case = sorted((repo / "cases").rglob("*.md"))[-1]
        text = case.read_text(encoding="utf-8")
        at = paragraph_end(text)
        case.write_text(text[:at] + "社工在这一段补充了一句说明。" + text[at:], encoding="utf-8")
        subprocess.run([*git, "commit", "-qam", "edit one case"], check=True)
        rows: dict[str, list[Run]] = {"one file + corpus checks": [], "--changed-since main": []}
        commands = {"one file + corpus checks": [*guideline, str(case)], "--changed-since main": [*guideline, "--changed-since", "main"]}
        for _ in range(args.repeat):
            for name, cmd in commands.items():  # alternating, each from the base branch's cache
                shutil.rmtree(repo / ".cache")
                shutil.copytree(base_cache, repo / ".cache")
                rows[name].append(measure(cmd))
        ref_wall = statistics.median(r.wall for r in rows["one file + corpus checks"])
        ref_cpu = statistics.median(r.cpu for r in rows["one file + corpus checks"])
        print(f"+{args.cases} real cases, one case body edited (median of {args.repeat} alternating runs, "
              f"load {os.getloadavg()[0]:.1f})")
        print(f"{'run':<28}{'wall s':>9}{'x ref':>8}{'CPU s':>9}{'x ref':>8}{'peak MB':>9}")
        for name, runs in rows.items():
            wall, cpu = statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)
            print(f"{name:<28}{wall:>9.3f}{wall / ref_wall:>7.2f}x{cpu:>9.3f}{cpu / ref_cpu:>7.2f}x"
                  f"{max(r.peak_mb for r in runs):>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
