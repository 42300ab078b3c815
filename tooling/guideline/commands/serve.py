"""guideline serve [--port N] [--edition preview|published]: live preview of the site.

The sources are validated and rendered into .cache/serve/ (docs and a derived
mkdocs.yml); `mkdocs serve --dirty` watches that tree. When a source file changes, the
pages are rendered again (bodies that did not change come from memory) and only changed
pages are rewritten, so MkDocs rebuilds just those and the browser reloads. When the
navigation changes (a title, a new or removed file), every page shows it: MkDocs is
restarted for a full build. Content with errors is reported and the last good pages stay up.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..kinds import ROOTS
from ..render import EDITIONS

WATCHED = ROOTS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help="本机端口（默认 8000）")
    p.add_argument("--edition", choices=EDITIONS, default="preview", help="预览哪个版本（默认 preview）")


def snapshot(root: Path) -> dict[str, float]:
    found: dict[str, float] = {}
    for name in WATCHED:
        top = root / name
        files = [top] if top.is_file() else [Path(d) / f for d, _, fs in os.walk(top) for f in fs]
        for f in files:
            try:
                found[str(f)] = f.stat().st_mtime
            except OSError:
                continue
    return found


def render(root: Path, edition: str, out: Path) -> Path | None:
    """Validate and regenerate the pages; None (with findings printed) when content has errors."""
    from ..credits import contributions
    from ..editions import SITE
    from ..editions import edition as edition_of
    from ..errors import FindingsError
    from ..history import revision
    from ..render import BuildInfo
    from ..site import generate
    from ..validate import validated_corpus

    try:
        corpus = validated_corpus(root, "预览保持上一次的页面。修正后保存，页面会自动更新。")
    except FindingsError as exc:
        exc.write(sys.stderr)
        return None
    # The live preview of the published edition shows what the next release would publish.
    corpus = edition_of(corpus, edition, SITE)
    sha, date = revision(root)
    return generate(corpus, BuildInfo(edition, sha, date, contributions(root, corpus)), out)


def mkdocs_serve(config: Path, port: int) -> subprocess.Popen[bytes]:
    # --dirty: a rebuild renders only the pages whose Markdown is newer than their HTML
    # (Material's search keeps the other pages' entries across such rebuilds).
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(config),
                             "-a", f"127.0.0.1:{port}", "--livereload", "--dirty"],
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    out = root / ".cache" / "serve"
    config = render(root, args.edition, out)
    if config is None:
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the finally below stops the server
    server = mkdocs_serve(config, args.port)
    sys.stderr.write(f"预览地址：http://127.0.0.1:{args.port}/ （按 Ctrl+C 停止）\n")
    seen = snapshot(root)
    settings = config.read_bytes()
    try:
        while server.poll() is None:
            time.sleep(0.2)
            now = snapshot(root)
            if now != seen:
                seen = now
                if render(root, args.edition, out) is not None:
                    if config.read_bytes() != settings:
                        # The navigation (in mkdocs.yml) is on every page: a dirty rebuild would
                        # leave the unchanged pages with the old one, so build everything afresh.
                        settings = config.read_bytes()
                        server.terminate()
                        server.wait()
                        server = mkdocs_serve(config, args.port)
                    sys.stderr.write("页面已更新。\n")
    finally:
        server.terminate()
        server.wait()
    return 0 if server.returncode in (0, -15) else 1
