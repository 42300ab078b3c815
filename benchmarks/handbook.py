"""Handbook benchmark: wall time, CPU and the peak memory of every process of the printable
handbook's build (preview edition), for the shipped content and for content + N real-length
cases (`generate.py --mode real`, or `--mode synthetic`); optionally against a baseline revision, alternating in
the same run; optionally the same document through pandoc with xelatex, for comparison.

    python benchmarks/handbook.py [--cases 1000] [--mode real|synthetic] [--rounds 1] [--baseline REF] [--xelatex] [--write]

Each build runs in a fresh child process, so that its peak (ru_maxrss) is its own: Python,
the model and Typst (in-process). Its pandoc children are sampled from /proc every 20 ms
(VmHWM of each, the peak of its own memory since it started): a child's ru_maxrss from
wait4 would not do, since Linux counts in it the parent's resident memory at the fork.
--baseline REF builds with the tooling of that git revision too (PYTHONPATH), alternating.
--write replaces the table of the "Handbook build" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BEGIN, END = "<!-- handbook:begin -->", "<!-- handbook:end -->"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def measure(root: Path, out: Path) -> dict[str, Any]:
    """One build in this process: load and validate, then render the handbook."""
    from guideline import validate
    from guideline.credits import contributions
    from guideline.handbook import build_handbook
    from guideline.history import revision
    from guideline.render import BuildInfo

    start = time.perf_counter()
    report = validate.run(root, use_cache=False)
    if report.corpus is None:
        raise SystemExit("corpus did not load")
    sha, date = revision(root)
    info = BuildInfo("preview", sha, date, contributions(root, report.corpus))
    loaded = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    build_handbook(report.corpus, info, out)
    done = time.perf_counter()
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"load_s": loaded - start, "render_s": done - loaded,
            "python_cpu_s": me.ru_utime + me.ru_stime - cpu.ru_utime - cpu.ru_stime,
            "children_cpu_s": children.ru_utime + children.ru_stime,  # pandoc (validation starts none)
            "errors": sum(1 for f in report.findings if f.severity == "error"),
            "cases": len(report.corpus.cases), "procedures": len(report.corpus.procedures),
            "rss_mib": me.ru_maxrss / 1024}


def pdf_only(document: Path, work: Path, date: str) -> dict[str, Any]:
    """The PDF alone (pandoc -> Typst -> typst), to set beside xelatex."""
    from guideline.handbook import typeset

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    data, _ = typeset.pdf(document, work, date)
    seconds = time.perf_counter() - start
    (work / "handbook.pdf").write_bytes(data)
    return {"render_s": seconds, "pages": pages(work / "handbook.pdf")}


def xelatex(document: Path, out: Path) -> dict[str, Any]:
    """The same document (pandoc JSON) through pandoc's LaTeX writer and xelatex (same Lua filter)."""
    import pypandoc

    from guideline.handbook.document import TEMPLATES

    start = time.perf_counter()
    subprocess.run([pypandoc.get_pandoc_path(), str(document), "-f", "json", "-o", str(out),
                    "--pdf-engine=xelatex", "--toc", "--lua-filter", str(TEMPLATES / "filter.lua"),
                    "-V", "CJKmainfont=Noto Serif CJK SC", "-V", "geometry:a5paper", "-V", "geometry:margin=16mm"],
                   check=True, capture_output=True)
    return {"render_s": time.perf_counter() - start, "pages": pages(out)}


def _descendants(root: int) -> dict[int, str]:
    """pid -> command name of every process below root (one scan of /proc)."""
    parent: dict[int, int] = {}
    name: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            comm_end = stat.rindex(")")
            parent[int(entry)] = int(stat[comm_end + 2:].split()[1])
            name[int(entry)] = stat[stat.index("(") + 1:comm_end]
    found: dict[int, str] = {}
    for pid in parent:
        p = pid
        while p in parent and p != root:
            p = parent[p]
        if p == root and pid != root:
            found[pid] = name[pid]
    return found


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def child(root: Path, out: Path, tooling: Path | None = None) -> dict[str, Any]:
    """A build in a fresh process, with the peak of each of its children sampled from /proc."""
    env = dict(os.environ)
    if tooling is not None:
        env["PYTHONPATH"] = str(tooling)
    proc = subprocess.Popen([sys.executable, __file__, "--measure", str(root), str(out)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, tuple[str, int]] = {}
    finished = threading.Event()

    def sample() -> None:
        while not finished.is_set():
            for pid, name in _descendants(proc.pid).items():
                kib = _hwm_kib(pid)
                if kib > peaks.get(pid, (name, 0))[1]:
                    peaks[pid] = (name, kib)
            finished.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    finished.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(stderr)
    result = dict(json.loads(stdout.splitlines()[-1]))
    kids = sorted((kib / 1024 for name, kib in peaks.values() if name == "pandoc"), reverse=True)
    result["pandoc_peaks_mib"] = [round(k) for k in kids]
    result["pages"] = pages(out / "handbook.pdf")
    return result


def baseline_tooling(ref: str, dest: Path) -> Path:
    """The tooling/ folder of a git revision (in a copy of the whole tree: the toolkit finds its
    own files beside it), for PYTHONPATH."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "tooling"


LENGTH = {"real": "real-length", "synthetic": "synthetic"}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--mode", choices=["real", "synthetic"], default="real",
                    help="copies of the shipped cases (default), or the short generated ones the issue's first figures used")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--baseline", help="git revision to build with too, alternating (e.g. main)")
    ap.add_argument("--xelatex", action="store_true", help="also time pandoc + xelatex on the same document")
    ap.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    ap.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-handbook-"))
    rows: list[tuple[str, dict[str, Any]]] = []
    try:
        code: list[tuple[str, Path | None]] = [("this tree", None)]
        if args.baseline:
            code.insert(0, (f"baseline {args.baseline}", baseline_tooling(args.baseline, tmp / "baseline")))
        for label, n in (("shipped content", 0), (f"shipped + {args.cases} {LENGTH[args.mode]} cases", args.cases)):
            corpus = tmp / f"corpus-{n}"
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), "--cases", str(n), "--mode", args.mode],
                           check=True, capture_output=True)
            for r in range(args.rounds):
                for name, tooling in code:
                    before = load()
                    result = child(corpus, tmp / f"out-{n}", tooling)
                    result["load"] = f"{before} → {load()}"
                    rows.append((f"{label}, {name}" + (f" (round {r + 1})" if args.rounds > 1 else ""), result))
                    print(rows[-1], file=sys.stderr)
            if args.xelatex and shutil.which("xelatex"):
                from guideline.handbook import document, typeset
                md = tmp / f"doc-{n}.json"
                md.write_text(typeset.assemble(document.render(_corpus(corpus), _info(corpus))), encoding="utf-8")
                rows.append((label + ", PDF only: pandoc + Typst", pdf_only(md, tmp / f"typst-{n}", "2026-01-01")))
                rows.append((label + ", PDF only: pandoc + xelatex", xelatex(md, tmp / f"xe-{n}.pdf")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = report(rows)
    print(text)
    if args.write:
        write_readme(text)
    return 0


def _corpus(root: Path):  # type: ignore[no-untyped-def]
    from guideline import validate
    from guideline.render.order import in_reading_order

    corpus = validate.run(root, use_cache=False).corpus
    assert corpus is not None
    return in_reading_order(corpus)


def _info(root: Path):  # type: ignore[no-untyped-def]
    from guideline.credits import contributions
    from guideline.history import revision
    from guideline.render import BuildInfo

    sha, date = revision(root)
    return BuildInfo("preview", sha, date, contributions(root, _corpus(root)))


def report(rows: list[tuple[str, dict[str, Any]]]) -> str:
    lines = ["| corpus, code | procedures | cases | pages | build wall (s) | CPU: Python + pandoc (s) "
             "| peak RSS: Python with Typst (MiB) | peak RSS: each pandoc (MiB) | load average before → after |",
             "|---|---|---|---|---|---|---|---|---|"]
    for label, r in rows:
        rss = f"{r['rss_mib']:.0f}" if "rss_mib" in r else "–"
        cpu = f"{r['python_cpu_s']:.1f} + {r['children_cpu_s']:.1f}" if "python_cpu_s" in r else "–"
        kids = ", ".join(str(k) for k in r.get("pandoc_peaks_mib", [])) or "–"
        size = f"{r.get('procedures', '–')} | {r.get('cases', '–')}"
        lines.append(f"| {label} | {size} | {r['pages']:.0f} | {r['render_s']:.1f} | {cpu} | {rss} | {kids} | {r.get('load', '–')} |")
    machine = f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    note = (f"\n\nMeasured {datetime.date.today().isoformat()}. Machine: {machine}, 2 cores shared with other jobs. "
            "Build = wall time of one preview build (PDF, DOCX, EPUB and their completeness checks; loading and "
            "validation excluded). CPU: the build's Python process (Typst included) and its pandoc children. "
            "Pandoc peaks: VmHWM of each pandoc process, sampled every 20 ms, largest first.\n")
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
