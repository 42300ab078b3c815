"""Website build cost: `guideline build --site` against plain `mkdocs build` of the same build/docs.

    .venv/bin/python benchmarks/site.py [--cases 1000] [--rounds 2] [--write]

Generates the shipped content plus N cases (benchmarks/generate.py), builds the site once
to warm caches, then alternates timed runs of both commands in the same run and reports
the best of each. --write replaces the "Website build" section of benchmarks/README.md.
If the shipped content does not validate yet, the fixture corpus is used instead (and said so).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SECTION = "## Website build (`benchmarks/site.py`)"


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def corpus(dest: Path, cases: int) -> str:
    for source, label in ((REPO, "shipped content"), (REPO / "tests/fixtures/corpus", "fixture corpus (shipped content did not validate)")):
        subprocess.run([sys.executable, str(REPO / "benchmarks/generate.py"), str(dest), "--cases", str(cases),
                        "--source", str(source)], check=True, capture_output=True)
        if subprocess.run([str(BIN / "guideline"), "--root", str(dest), "validate"], capture_output=True).returncode == 0:
            return label
    raise SystemExit("neither the shipped content nor the fixture corpus validates")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "repo"
        label = corpus(dest, args.cases)
        build = [str(BIN / "guideline"), "--root", str(dest), "build", "--site"]
        plain = [str(BIN / "mkdocs"), "build", "-q", "-f", str(dest / "build/mkdocs.yml"), "-d", str(Path(tmp) / "plain")]
        timed(build, dest)  # warm-up: validation cache, jieba dictionary cache
        ours, theirs = [], []
        for _ in range(args.rounds):
            ours.append(timed(build, dest))
            theirs.append(timed(plain, dest))
        pages = sum(1 for _ in (dest / "build/docs").rglob("*.md"))
        size = sum(f.stat().st_size for f in (dest / "build/site").rglob("*") if f.is_file()) / 2**20
    g, m = min(ours), min(theirs)
    report = (f"{SECTION}\n\n`.venv/bin/python benchmarks/site.py --cases {args.cases} --write`: {label} plus {args.cases} "
              f"generated cases, {pages} generated pages, site {size:.0f} MiB. Best of {args.rounds} alternating runs, "
              f"measured {datetime.date.today().isoformat()} on the shared 2-core machine.\n\n"
              "| command | seconds |\n|---|---|\n"
              f"| `guideline build --site` (validate, render pages, mkdocs build, completeness check, search self-test) | {g:.1f} |\n"
              f"| plain `mkdocs build -f build/mkdocs.yml` of the same build/docs | {m:.1f} |\n"
              f"| ratio | **{g / m:.2f}x** (target ≤ 1.3x) |\n")
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
