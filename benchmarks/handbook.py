"""Handbook benchmark: build time, pages per second and peak memory of the printable
handbook (preview edition) for the shipped content and for content + N generated cases;
optionally the same Markdown document through pandoc with xelatex, for comparison.

    python benchmarks/handbook.py [--cases 1000] [--xelatex] [--write]

Each build runs in a fresh child process so that its peak memory (ru_maxrss) is its own.
--write replaces the "Handbook build" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BEGIN, END = "<!-- handbook:begin -->", "<!-- handbook:end -->"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def measure(root: Path, out: Path) -> dict[str, float]:
    """One build in this process: load and validate, then render the handbook."""
    from guideline import validate
    from guideline.credits import contributions
    from guideline.handbook import build_handbook, document, typeset
    from guideline.history import revision
    from guideline.render import BuildInfo

    start = time.perf_counter()
    report = validate.run(root, use_cache=False)
    if report.corpus is None:
        raise SystemExit("corpus did not load")
    sha, date = revision(root)
    info = BuildInfo("preview", sha, date, contributions(root, report.corpus))
    loaded = time.perf_counter()
    build_handbook(report.corpus, info, out)
    done = time.perf_counter()
    (out / "handbook.json").write_text(typeset.assemble(document.render(report.corpus, info)), encoding="utf-8")  # for --xelatex
    # Peak of this process: Python, the model and Typst (in-process). Pandoc runs as a child;
    # Linux's RUSAGE_CHILDREN inherits the parent's peak at fork, so it cannot be told apart.
    me = resource.getrusage(resource.RUSAGE_SELF)
    return {"load_s": loaded - start, "render_s": done - loaded, "pages": pages(out / "handbook.pdf"),
            "errors": sum(1 for f in report.findings if f.severity == "error"),
            "cases": len(report.corpus.cases), "procedures": len(report.corpus.procedures),
            "rss_mib": me.ru_maxrss / 1024}


def pdf_only(document: Path, work: Path, date: str) -> dict[str, float]:
    """The PDF alone (pandoc -> Typst -> typst), to set beside xelatex."""
    from guideline.handbook import typeset

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    data, _ = typeset.pdf(document.read_text(encoding="utf-8"), work, date)
    seconds = time.perf_counter() - start
    (work / "handbook.pdf").write_bytes(data)
    return {"render_s": seconds, "pages": pages(work / "handbook.pdf")}


def xelatex(document: Path, out: Path) -> dict[str, float]:
    """The same document (pandoc JSON) through pandoc's LaTeX writer and xelatex (same Lua filter)."""
    import pypandoc

    from guideline.handbook.document import TEMPLATES

    start = time.perf_counter()
    subprocess.run([pypandoc.get_pandoc_path(), str(document), "-f", "json", "-o", str(out),
                    "--pdf-engine=xelatex", "--toc", "--lua-filter", str(TEMPLATES / "filter.lua"),
                    "-V", "CJKmainfont=Noto Serif CJK SC", "-V", "geometry:a5paper", "-V", "geometry:margin=16mm"],
                   check=True, capture_output=True)
    return {"render_s": time.perf_counter() - start, "pages": pages(out)}


def child(root: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, "--measure", str(root), str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return dict(json.loads(proc.stdout.splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--xelatex", action="store_true", help="also time pandoc + xelatex on the same document")
    ap.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    ap.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-handbook-"))
    rows: list[tuple[str, dict[str, float]]] = []
    try:
        for label, n in (("shipped content", 0), (f"shipped + {args.cases} generated cases", args.cases)):
            corpus = tmp / f"corpus-{n}"
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), "--cases", str(n)], check=True,
                           capture_output=True)
            result = child(corpus, tmp / f"out-{n}")
            rows.append((label, result))
            if args.xelatex and shutil.which("xelatex"):
                md = tmp / f"out-{n}" / "handbook.json"
                rows.append((label + ", PDF only: pandoc + Typst", pdf_only(md, tmp / f"typst-{n}", "2026-01-01")))
                rows.append((label + ", PDF only: pandoc + xelatex", xelatex(md, tmp / f"xe-{n}.pdf")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = report(rows)
    print(text)
    if args.write:
        write_readme(text)
    return 0


def report(rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = ["| corpus | procedures | cases | pages | build (s) | pages/s | peak RSS (MiB) |",
             "|---|---|---|---|---|---|---|"]
    for label, r in rows:
        rss = f"{r['rss_mib']:.0f}" if "rss_mib" in r else "–"
        size = f"{r.get('procedures', '–')} | {r.get('cases', '–')}"
        lines.append(f"| {label} | {size} | {r['pages']:.0f} | {r['render_s']:.1f} | {r['pages'] / r['render_s']:.1f} | {rss} |")
    machine = f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    note = (f"\n\nMachine: {machine}, 2 cores shared with other jobs. Build = wall time of one preview build "
            "(PDF, DOCX, EPUB and their completeness checks; loading and validation excluded); "
            "xelatex rows: pandoc -> LaTeX -> xelatex (run as often as pandoc needs for the contents) on the same Markdown.\n")
    return "\n".join(lines) + note


def write_readme(text: str) -> None:
    readme = HERE / "README.md"
    old = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{text}{END}"
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n## Handbook build\n\nMeasured by `python benchmarks/handbook.py --xelatex --write`.\n\n" + block + "\n"
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
