"""`guideline serve`: a real live preview on loopback that follows edits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import replace


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
        page = f"http://127.0.0.1:{port}/chapters/01-basics/visit-prep.html"
        fetch(page, "入户前准备", timeout=90)
        replace(corpus, "guideline/01-basics/visit-prep.md", "title: 入户前准备", "title: 出发前的准备")
        fetch(page, "出发前的准备", timeout=60)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
