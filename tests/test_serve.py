"""`guideline serve`: a real live preview on loopback that follows edits."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import replace, run_cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, wanted: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                body: bytes = resp.read()
                last = body.decode("utf-8")
                if wanted in last:
                    return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} not served at {url} within {timeout}s")


def test_serve_previews_and_follows_edits(corpus: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "guideline.cli", "--root", str(corpus), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        # Saved while the first build runs (the sources are read, MkDocs is building): shown after it.
        derived = corpus / ".cache" / "serve" / "mkdocs.yml"
        deadline = time.monotonic() + 90
        while not derived.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        replace(corpus, "guideline/01-basics/visit-prep.md", "title: 入户前准备", "title: 入户之前的准备")
        page = f"http://127.0.0.1:{port}/chapters/01-basics/visit-prep.html"
        fetch(page, "入户之前的准备", timeout=90)
        replace(corpus, "guideline/01-basics/visit-prep.md", "title: 入户之前的准备", "title: 出发前的准备")
        fetch(page, "出发前的准备", timeout=60)
        # `make clean` while the preview runs removes its pages and its derived mkdocs.yml
        shutil.rmtree(corpus / ".cache")
        replace(corpus, "guideline/01-basics/visit-prep.md", "title: 出发前的准备", "title: 出门前的准备")
        fetch(page, "出门前的准备", timeout=90)
        fetch(f"http://127.0.0.1:{port}/cases/alpha-demo/alpha-living-alone.html", "王大爷", timeout=10)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err.decode("utf-8"), err.decode("utf-8")


def served(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except OSError:
        return None


def until(url: str, test: Callable[[str], bool], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last: str | None = None
    while time.monotonic() < deadline:
        last = served(url)
        if last is not None and test(last):
            return last
        time.sleep(0.2)
    raise AssertionError(f"{url} not as expected within {timeout}s; last: {(last or '')[:300]!r}")


def start(corpus: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "guideline.cli", "--root", str(corpus), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def stop(proc: subprocess.Popen[str]) -> str:
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


_LIVERELOAD = re.compile(r"livereload\(\d+, *\d+\)")


def comparable(page: str | None, port: int) -> str:
    """A served page without what differs between two servers: the port, the live-reload epoch."""
    return _LIVERELOAD.sub("", (page or "").replace(f"127.0.0.1:{port}/", "127.0.0.1:PORT/"))


def test_serve_after_edits_shows_what_a_fresh_serve_shows(corpus: Path) -> None:
    """Body edit, approval record, a file becoming invalid and valid again, a new file, a deleted
    file: after each the served pages change, and at the end they equal a fresh `guideline serve`'s.
    The search index too, and it is the one `guideline build` publishes."""
    case = "cases/alpha-demo/alpha-living-alone.md"
    port = free_port()
    proc = start(corpus, port)
    url = f"http://127.0.0.1:{port}/"
    try:
        until(url + case[:-3] + ".html", lambda page: "王大爷" in page, timeout=120)
        # a body edit (a dirty build)
        replace(corpus, case, "王大爷（化名），78 岁，独居。", "王大爷（化名），78 岁，独居。他每天早上去公园散步。")
        until(url + case[:-3] + ".html", lambda page: "他每天早上去公园散步" in page, timeout=60)
        # an approval record: the case's page says where it is published
        assert "尚待编辑组审阅通过" in (served(url + case[:-3] + ".html") or "")
        assert run_cli(corpus, "approve", str(corpus / case), "--reviewer", "net-editor").code == 0
        until(url + case[:-3] + ".html", lambda page: "尚待编辑组审阅通过" not in page, timeout=60)
        # a file that becomes invalid: reported, and the last good pages stay up
        other = "cases/beta-demo/beta-fall-at-night.md"
        good = (corpus / other).read_text(encoding="utf-8")
        (corpus / other).write_text(good.replace("title:", "titel:", 1), encoding="utf-8")
        replace(corpus, case, "他每天早上去公园散步。", "他每天傍晚去公园散步。")
        time.sleep(3)
        assert "早上去公园" in (served(url + case[:-3] + ".html") or "")
        (corpus / other).write_text(good, encoding="utf-8")
        until(url + case[:-3] + ".html", lambda page: "傍晚去公园" in page, timeout=60)
        # a new file (the navigation changes: a full build) and a deleted one
        text = (corpus / case).read_text(encoding="utf-8")
        new = "cases/alpha-demo/alpha-new-case.md"
        (corpus / new).write_text(text.replace("id: alpha-living-alone", "id: alpha-new-case")
                                  .replace("title: 独居的王大爷", "title: 新来的李奶奶"), encoding="utf-8")
        until(url + new[:-3] + ".html", lambda page: "新来的李奶奶" in page, timeout=120)
        (corpus / other).unlink()
        until(url + other[:-3] + ".html", lambda page: page == "HTTP 404", timeout=120)
        until(url + "cases/alpha-demo/index.html", lambda page: "新来的李奶奶" in page, timeout=60)
        # a body edit, a dirty build
        replace(corpus, new, "他每天傍晚去公园散步。", "她每天傍晚去菜市场。")
        until(url + new[:-3] + ".html", lambda page: "她每天傍晚去菜市场" in page, timeout=60)
        # an approval record renders several pages in one dirty build: none keeps old search entries
        assert "尚待编辑组审阅通过" in section(served(url + SEARCH) or "", new[:-3] + ".html")
        assert run_cli(corpus, "approve", str(corpus / new), "--reviewer", "net-editor").code == 0
        until(url + new[:-3] + ".html", lambda page: "尚待编辑组审阅通过" not in page, timeout=60)
        incremental = {page: comparable(served(url + page), port) for page in PAGES}
        incremental[SEARCH] = served(url + SEARCH) or ""
        assert "尚待编辑组审阅通过" not in section(incremental[SEARCH], new[:-3] + ".html")
    finally:
        log = stop(proc)
    assert "schema/required" in log, log  # the invalid file was reported
    fresh_port = free_port()
    fresh = start(corpus, fresh_port)
    try:
        until(f"http://127.0.0.1:{fresh_port}/cases/alpha-demo/index.html", lambda page: "新来的李奶奶" in page, timeout=120)
        until(f"http://127.0.0.1:{fresh_port}/{new[:-3]}.html", lambda page: "尚待编辑组审阅通过" not in page, timeout=60)
        for page in PAGES:
            assert comparable(served(f"http://127.0.0.1:{fresh_port}/{page}"), fresh_port) == incremental[page], page
        assert served(f"http://127.0.0.1:{fresh_port}/{SEARCH}") == incremental[SEARCH]
    finally:
        stop(fresh)
    assert run_cli(corpus, "build", "--site", "--edition", "preview").code == 0
    published = (corpus / "build" / "site" / SEARCH).read_text(encoding="utf-8")
    assert published == incremental[SEARCH]
    assert '"words":[' in published and "\u200b" not in published  # the build's index, not Material's


SEARCH = "search/search_index.json"


def section(index: str, page: str) -> str:
    """The search documents of one page, as text."""
    return json.dumps([doc for doc in json.loads(index)["docs"] if doc["location"].partition("#")[0] == page],
                      ensure_ascii=False)


PAGES = ["index.html", "cases/alpha-demo/alpha-living-alone.html", "cases/alpha-demo/alpha-new-case.html",
         "cases/index.html", "cases/alpha-demo/index.html", "chapters/01-basics/visit-prep.html",
         "chapters/01-basics/door-knock.html", "themes/index.html", "404.html", "sitemap.xml"]


def test_a_port_in_use_or_out_of_range_is_a_usage_error_before_any_build(corpus: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(corpus, "serve", "--port", str(port))
    assert result.code == 2
    assert f"端口 {port} 已被占用" in result.err and f"--port {port + 1}" in result.err
    assert not (corpus / ".cache" / "serve").exists()  # refused before validating or rendering anything
    for wrong in ("70000", "0", "abc"):
        result = run_cli(corpus, "serve", "--port", wrong)
        assert result.code == 2 and f"而不是「{wrong}」" in result.err
