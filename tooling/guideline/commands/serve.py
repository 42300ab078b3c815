"""guideline serve [--port N] [--edition preview|published]: live preview of the site.

One process. The sources are validated and rendered into .cache/serve/ (docs and a derived
mkdocs.yml), MkDocs builds them into a temporary site, and MkDocs' live-reload server serves
it. A thread polls the sources; on a change MkDocs' build loop (which holds page requests
until the build is done, then reloads the browsers) runs `Preview.rebuild`: validation from
the results kept in memory (only files whose bytes changed are analysed again), rendering
of only the pages whose inputs changed (`site.pages`), only changed pages rewritten, and
then MkDocs' dirty build, which renders just those. When the navigation changes (a title, a
new or removed file: mkdocs.yml) it is on every page, so the site is built afresh. Content
with errors is reported and the last good pages stay up. The search index is the one the
build publishes (`site.search_index`), kept up to date page by page.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..kinds import ROOTS
from ..render import EDITIONS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin

    from ..model import Corpus
    from ..site.search_index import Part

WATCHED = ROOTS
POLL = 0.2
"""Seconds between two looks at the sources."""


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"端口应是 1 到 65535 之间的整数，而不是「{value}」")
    return int(value)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=_port, default=8000, help="本机端口（默认 8000）")
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


class Preview:
    """The sources at root, rendered for MkDocs into out/, and the MkDocs builds of them."""

    def __init__(self, root: Path, edition: str, out: Path) -> None:
        from ..validate import Cache

        self.root, self.edition, self.out = root, edition, out
        self.cache = Cache(root, enabled=True)
        self.written: dict[str, str] = {}
        """What out/docs/ holds, as this process wrote it."""
        self.config_file = out / "mkdocs.yml"
        self.built_config = b""
        """The mkdocs.yml of the last full build."""
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        self.serve_url = ""
        self.last_config: MkDocsConfig | None = None
        self.saved = False
        self.corpus: Corpus | None = None
        """The corpus the pages were last rendered from (the search index's vocabulary and synonyms)."""
        self.search: dict[str, Part] = {}
        """The search index's part of every page, by page URL, as of the last build."""

    def render(self) -> bool:
        """Validate and regenerate the pages; False (with findings printed) when content has errors."""
        from ..credits import contributions
        from ..editions import SITE
        from ..editions import edition as edition_of
        from ..errors import FindingsError
        from ..history import revision
        from ..render import BuildInfo
        from ..site import generate
        from ..validate import validated_corpus

        try:
            corpus = validated_corpus(self.root, "预览保持上一次的页面。修正后保存，页面会自动更新。", self.cache)
        except FindingsError as exc:
            exc.write(sys.stderr)
            return False
        if not self.saved:  # so that the next `guideline validate` starts warm; later runs stay in memory
            self.cache.save(corpus.files)
            self.saved = True
        # The live preview of the published edition shows what the next release would publish.
        corpus = self.corpus = edition_of(corpus, self.edition, SITE)
        sha, date = revision(self.root)
        generate(corpus, BuildInfo(self.edition, sha, date, contributions(self.root, corpus)), self.out, self.written)
        return True

    def config(self) -> MkDocsConfig:
        from mkdocs.config import load_config

        config = load_config(str(self.config_file), site_dir=self.site_dir)
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def build(self, config: MkDocsConfig | None = None) -> None:
        """MkDocs' build of out/: all pages when mkdocs.yml changed since the last full build,
        else only the pages whose Markdown is newer than their HTML (a dirty build)."""
        from mkdocs.commands.build import build
        from mkdocs.config.config_options import Plugins
        from mkdocs.config.defaults import MkDocsConfig

        settings = self.config_file.read_bytes()
        full = settings != self.built_config
        if full and config is None:
            # New plugin instances, as in a fresh process: the search plugin keeps the last
            # index to merge a dirty build's pages into, which a full build must not.
            plugins = MkDocsConfig.plugins
            assert isinstance(plugins, Plugins)
            plugins.plugin_cache.clear()
        config = config or self.config()
        if full:
            config.plugins.on_startup(command="serve", dirty=True)  # as `mkdocs serve --dirty`
        else:
            # The 404 page and the sitemap show the navigation and the list of pages, which only
            # change with mkdocs.yml: the last full build made them as this one would.
            config.theme.static_templates.clear()
        if full:
            self.search.clear()
        assert self.corpus is not None  # rendered before any build
        config.plugins["guideline-serve"] = _serve_plugin(self.corpus, self.search)
        build(config, serve_url=self.serve_url, dirty=not full)
        self.built_config = settings
        self.last_config = config

    def rebuild(self) -> None:
        """After a change of the sources (MkDocs' build loop calls this)."""
        if self.config_file.is_file() and (self.out / "docs").is_dir():
            before, settings = dict(self.written), self.config_file.read_bytes()
        else:
            # out/ was removed under the running preview (`make clean` deletes .cache/): every
            # page is written again and the site built afresh.
            self.written.clear()
            before, settings, self.built_config = {}, b"", b""
        if not self.render():
            return
        if self.written != before or self.config_file.read_bytes() != settings:
            self.build()
            sys.stderr.write("页面已更新。\n")


def _serve_plugin(corpus: Corpus, search: dict[str, Part]) -> BasePlugin:  # type: ignore[type-arg]
    """What `guideline serve` adds to each MkDocs build, in the process.

    Compiled templates: MkDocs makes a new Jinja environment for every build; this one gets
    the process's compiled templates (compiling the theme's was a third of a dirty build).

    Titles of pages a dirty build did not read: a page titled by its content, not by the
    navigation (a section's index page), has no title until read, and its neighbours' footers
    ("下一页: …") would say None. Such pages are read (and, without a title in their front
    matter, converted), as a full build would, but not written.

    The search index the build publishes. Material's, in a dirty build, holds the pages just
    built; it would merge them into the last index as if they were one page, and put them last.
    Here the documents of the pages built become their parts in `search` (all of them after a
    full build; a part is made once, which is most of the index's cost), and `search_index.write`
    writes the parts of all pages in the order of a full build, as `guideline build` does.
    Material is left nothing to write: its index would be replaced anyway."""
    from jinja2 import Environment
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from ..render import COMPILED
    from ..site import search_index

    def material(config: MkDocsConfig) -> SearchPlugin:
        return next(p for p in config.plugins.values() if isinstance(p, SearchPlugin))

    class Serve(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        nav: Navigation | None = None
        files: Files
        built: set[str]
        """URLs of the pages this build rendered."""

        def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
            self.files, self.built = files, set()
            return files

        def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
            self.nav = nav
            return nav

        def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
            env.bytecode_cache = COMPILED
            for page in self.nav.pages if self.nav else []:  # pages outside the navigation have no neighbours
                if page.title is None:
                    page.read_source(config)
                    if "title" not in page.meta:
                        page.render(config, files)
            return env

        def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
            self.built.add(page.url)
            return context

        @event_priority(50)  # before Material's search writes its index
        def _take(self, *, config: MkDocsConfig) -> None:
            plugin = material(config)
            fresh: dict[str, list[dict[str, Any]]] = {url: [] for url in self.built}
            for entry in plugin.search_index.entries:
                fresh.setdefault(entry["location"].partition("#")[0], []).append(entry)
            search.update((url, search_index.part(entries)) for url, entries in fresh.items())
            plugin.search_index.entries, plugin.search_index_prev = [], None

        @event_priority(-50)  # after Material's search, before the offline plugin inlines the index
        def _write(self, *, config: MkDocsConfig) -> None:
            order = [f.url for f in self.files.documentation_pages()]
            search_index.write(corpus, Path(config.site_dir), [search[url] for url in order if url in search])

        on_post_build = CombinedEvent(_take, _write)

    return Serve()


def watch(root: Path, trigger: Path, seen: dict[str, float]) -> None:
    """Poll the sources; on a change since `seen`, touch the trigger file that MkDocs' server watches."""
    while True:
        time.sleep(POLL)
        now = snapshot(root)
        if now != seen:
            seen = now
            trigger.write_text(str(time.time()), encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    import jieba
    from mkdocs.livereload import LiveReloadServer

    root: Path = args.root
    host, port = "127.0.0.1", args.port
    _check_port(host, port)
    jieba.setLogLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.ERROR)  # as `mkdocs serve -q`: not the dirty build's warning on every save
    mkdocs_log.addHandler(logging.StreamHandler(sys.stderr))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the finally below stops the server
    preview = Preview(root, args.edition, root / ".cache" / "serve")
    # Taken before the first render: a file saved while the first build runs (a minute on a
    # large corpus) or just after it is a change to show, not the state to compare with.
    sources = snapshot(root)
    changes = tempfile.mkdtemp(prefix="guideline_changes_")
    try:
        if not preview.render():
            return 1
        config = preview.config()
        preview.serve_url = config.site_url = f"http://{host}:{port}/"
        preview.build(config)
        # Polled: only a file this process touches after a change of the sources, so a short interval costs nothing.
        server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=preview.site_dir,
                                  polling_interval=0.05)
        server.build_delay = 0  # the trigger is written once per change
        server.error_handler = lambda code: _error_page(preview.site_dir, code)
        # Outside .cache/serve, which `make clean` may delete while the preview runs: MkDocs'
        # watcher stops for good when the directory it watches is gone.
        trigger = Path(changes) / "sources"
        trigger.write_text("", encoding="utf-8")
        server.watch(changes)
        server = config.plugins.on_serve(server, config=config, builder=preview.rebuild)
        threading.Thread(target=watch, args=(root, trigger, sources), daemon=True).start()
        sys.stderr.write(f"预览地址：http://{host}:{port}/ （按 Ctrl+C 停止）\n")
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        if preview.last_config is not None:
            preview.last_config.plugins.on_shutdown()
        shutil.rmtree(preview.site_dir, ignore_errors=True)
        shutil.rmtree(changes, ignore_errors=True)
    return 0


def _check_port(host: str, port: int) -> None:
    """Fail at once, with what to do, when the port cannot be had (MkDocs binds it only when
    it starts serving, after the first build: about a minute on a large corpus)."""
    import errno
    import socket

    from ..errors import UsageError

    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
    try:
        probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"端口 {port} 已被占用（也许另一个预览还在运行）。请先关闭它，"
                             f"或换一个端口，例如 guideline serve --port {port + 1}。") from None
        raise UsageError(f"无法使用端口 {port}（{exc.strerror or type(exc).__name__}）。"
                         "请换一个端口，例如 guideline serve --port 8000。") from None
    finally:
        probe.close()


def _error_page(site_dir: str, code: int) -> bytes | None:
    """MkDocs' own 404 and 500 pages, as `mkdocs serve` shows them."""
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
