"""Differential run for the validation cache: an earlier revision's findings (no cache) against the
working tree's without cache, from a full cache, and from a cache of the unedited corpus.

    python benchmarks/warm_diff.py [--base main] [--cases 200]

Corpora: the shipped content, the shipped content grown by `generate.py --mode real`, and every
fixture folder in tests/cases/ (the fixture corpus with that folder's edits and files). For a
fixture folder the "edited" run starts from the cache of the unedited fixture corpus, so cached
and freshly analysed files meet in one run. Findings are compared exactly (the JSON report:
code, path, line, column, message, hint). Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

RUN = "import sys; from guideline.cli import main; sys.exit(main())"


def validate(code: Path, root: Path, *extra: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(code / "tooling")}
    out = subprocess.run([sys.executable, "-c", RUN, "--root", str(root), "validate", "--format", "json", *extra],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{code} on {root}: {out.stderr[-2000:]}")
    return out.stdout


def main() -> int:
    from case_folders import all_cases
    from conftest import FIXTURE

    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="main")
    ap.add_argument("--cases", type=int, default=200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="warm-diff-"))
    try:
        base = tmp / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base, "tooling", "schemas"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        corpora: list[tuple[str, Path, Path | None]] = []  # name, corpus, the unedited corpus it starts from
        shipped = tmp / "shipped"
        shutil.copytree(REPO, shipped, ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "build", "node_modules",
                                                                    "tests", "benchmarks", "tooling", "docs"))
        corpora.append(("shipped content", shipped, None))
        grown = tmp / "grown"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(grown), "--cases", str(args.cases), "--mode", "real"],
                       check=True, stderr=subprocess.DEVNULL)
        corpora.append((f"+{args.cases} real cases", grown, None))
        for case in all_cases():
            corpora.append((case.name, case.build(tmp / "cases" / case.name), FIXTURE))
        differ = 0
        for name, root, start in corpora:
            before = validate(base, root, "--no-cache")
            runs = {"cold": validate(REPO, root, "--no-cache")}
            validate(REPO, root)  # fills .cache/
            runs["warm"] = validate(REPO, root)
            if start is not None:
                shutil.rmtree(root / ".cache")
                shutil.copytree(start, tmp / "start", dirs_exist_ok=False)
                validate(REPO, tmp / "start")
                shutil.copytree(tmp / "start" / ".cache", root / ".cache")
                shutil.rmtree(tmp / "start")
                runs["edited"] = validate(REPO, root)
            for label, found in runs.items():
                if found != before:
                    differ += 1
                    print(f"DIFFERENT: {name}, {label}\n--- {args.base} ---\n{before[:1500]}\n--- now ---\n{found[:1500]}")
        print(f"{len(corpora)} corpora, {sum(3 if s else 2 for _, _, s in corpora)} runs of the working tree "
              f"against {args.base} without cache: {differ} different")
        return 1 if differ else 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
