"""Edit-to-preview benchmark: `guideline serve` on the shipped content grown to scale, one case
body edited, the served page polled until the new text appears.

    python benchmarks/serve_edit.py [--cases 1000] [--edits 5] [--nav-edits 1] [--port 8765]

Prints the time to the first served page, each body edit's time to visible (and the median),
a title edit of the case (on its page and the pages listing it), and each navigation edit's
(a procedure's title, which is in the site's navigation, so every page is rebuilt: the
whole-site rebuild figure). CPU figures are the serve process tree's
user+sys over the same stretch (os.wait4 is not available for a running process: they come
from /proc/<pid>/stat of the serve process and its live children).

Target (issue 18): a body edit visible in <= 2 s at +1,000 cases, median of 5.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """user+sys seconds of pid and its descendants (children counted while alive and once reaped)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        me, parent = int(stat.parent.name), int(fields[1])
        if me == pid or parent == pid or _ancestor(pid, parent):
            total += (int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if me == pid else 0)) / TICK
    return total


def _ancestor(pid: int, p: int) -> bool:
    for _ in range(4):
        if p <= 1:
            return False
        if p == pid:
            return True
        try:
            p = int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
    return False


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, limit: float = 900) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} not at {url} after {limit} s")


def paragraph_end(text: str) -> int:
    """Offset of the end of the first line of plain prose in a case's body (not a heading, list or table)."""
    offset = text.index("\n---\n", 4) + 5
    for line in text[offset:].split("\n"):
        if line.strip() and line.lstrip()[0] not in "#-*|>0123456789":
            return offset + len(line)
        offset += len(line) + 1
    raise LookupError("no prose line")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--nav-edits", type=int, default=1)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), "--cases", str(args.cases)],
                       check=True, stderr=subprocess.DEVNULL)
        case = sorted((corpus / "cases").rglob("*.md"))[-1]
        text = case.read_text(encoding="utf-8")
        start = time.perf_counter()
        server = subprocess.Popen([str(BIN / "guideline"), "--root", str(corpus), "serve", "--port", str(args.port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{args.port}/", "<html", limit=1800)
            print(f"+{args.cases} cases: first page after {time.perf_counter() - start:.1f} s, "
                  f"CPU {tree_cpu(server.pid):.1f} s, load {os.getloadavg()[0]:.1f}")
            title = re.search(r"^title: *(.+)$", text, re.M)
            assert title, case
            paragraph = paragraph_end(text)
            url = f"http://127.0.0.1:{args.port}/{case.relative_to(corpus).as_posix()[:-3]}.html"  # site/layout.case_page
            walls, cpus = [], []
            for n in range(args.edits):
                marker = f"编辑标记{n}号"
                case.write_text(text[:paragraph] + marker + text[paragraph:], encoding="utf-8")
                before = tree_cpu(server.pid)
                walls.append(wait_for(url, marker))
                time.sleep(1.5)  # let the rebuild settle before the next edit's CPU count starts
                cpus.append(tree_cpu(server.pid) - before)
                print(f"body edit {n + 1}: visible after {walls[-1]:.2f} s, CPU {cpus[-1]:.2f} s, "
                      f"load {os.getloadavg()[0]:.1f}")
            if walls:
                print(f"body edit median: {statistics.median(walls):.2f} s (CPU {statistics.median(cpus):.2f} s)")
            # A case's title is on its page and on the pages listing it, not in the navigation
            # (an organisation with more than 30 cases lists only its case index there).
            marker = "标题标记"
            case.write_text(text.replace(title.group(0), f"title: {title.group(1).strip()}{marker}", 1), encoding="utf-8")
            before = tree_cpu(server.pid)
            wall = wait_for(url, marker)
            wall_all = max(wall, wait_for(f"http://127.0.0.1:{args.port}/{case.parent.relative_to(corpus).as_posix()}/index.html",
                                          marker))
            time.sleep(1.5)
            print(f"case title edit: visible on its page after {wall:.2f} s, on its organisation's case index after "
                  f"{wall_all:.2f} s, CPU {tree_cpu(server.pid) - before:.2f} s, load {os.getloadavg()[0]:.1f}")
            # A procedure's title is in the navigation, which is on every page: the whole site is rebuilt.
            procedure = next(p for p in sorted((corpus / "guideline").glob("[0-9]*/*.md")) if p.name != "index.md")
            ptext = procedure.read_text(encoding="utf-8")
            ptitle = re.search(r"^title: *(.+)$", ptext, re.M)
            assert ptitle, procedure
            chapter = f"http://127.0.0.1:{args.port}/chapters/{procedure.parent.name}"  # site/layout.procedure_page
            for n in range(args.nav_edits):
                marker = f"导航标记{n}号"
                procedure.write_text(ptext.replace(ptitle.group(0), f"title: {ptitle.group(1).strip()}{marker}", 1),
                                     encoding="utf-8")
                before = tree_cpu(server.pid)
                wall = wait_for(f"{chapter}/{procedure.stem}.html", marker)
                wall_all = max(wall, wait_for(f"{chapter}/index.html", marker))
                time.sleep(1.5)
                print(f"navigation edit {n + 1} (a procedure's title; whole-site rebuild): visible on its page after "
                      f"{wall:.2f} s, on its chapter's page after {wall_all:.2f} s, "
                      f"CPU {tree_cpu(server.pid) - before:.2f} s, load {os.getloadavg()[0]:.1f}")
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
