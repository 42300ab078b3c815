"""`guideline validate`: sources -> per-file results (cached) -> corpus -> findings."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, masking
from .catalogue import make
from .checks import CORPUS_CHECKS, FILE_CHECKS, Context
from .checks import links, privacy
from .findings import Finding
from .load import FileResult, assemble, discover, read
from .model import Corpus, Term
from .source.markdown import Outline

CACHE_FILE = ".cache/validate.pickle"
CONTEXT_FILES = ["guideline/glossary.yaml", "privacy-allowlist.yaml"]


@dataclass
class Report:
    findings: list[Finding]
    files: int
    corpus: Corpus | None = None
    results: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity.value == "error" for f in self.findings)


class Cache:
    """Per-file results keyed by path, content hash and context digest."""

    def __init__(self, root: Path, enabled: bool) -> None:
        self.file = root / CACHE_FILE
        self.enabled = enabled
        self.entries: dict[str, tuple[str, FileResult]] = {}
        self.dirty = False
        if enabled and self.file.is_file():
            try:
                with self.file.open("rb") as fh:
                    stored = pickle.load(fh)
                if stored.get("version") == __version__:
                    self.entries = stored["entries"]
            except Exception:  # a corrupt cache is only a slower run
                self.entries = {}

    def get(self, path: str, key: str) -> FileResult | None:
        hit = self.entries.get(path) if self.enabled else None
        return hit[1] if hit and hit[0] == key else None

    def put(self, path: str, key: str, result: FileResult) -> None:
        if self.enabled:
            self.entries[path] = (key, result)
            self.dirty = True

    def save(self, keep: set[str]) -> None:
        if not (self.enabled and (self.dirty or set(self.entries) - keep)):
            return
        self.file.parent.mkdir(exist_ok=True)
        entries = {p: e for p, e in self.entries.items() if p in keep}
        tmp = self.file.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"version": __version__, "entries": entries}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.file)


def analyse(path: str, kind: str, data: bytes, context: Context) -> FileResult:
    """Read one file and run every file check on it; an internal failure is a finding."""
    try:
        result = read(path, kind, data)
    except Exception as exc:  # never a traceback: the run goes on with the next file
        return FileResult(path, kind, None, [_internal(path, "read", exc)])
    if result.source is not None:
        for name, check in FILE_CHECKS:
            try:
                result.findings.extend(check(result.source, result.outline or Outline(), context))
            except Exception as exc:  # the file stays in the model; only this check is lost
                result.findings.append(_internal(path, name, exc))
    return result


def _internal(path: str, check: str, exc: Exception) -> Finding:
    # The type only: an exception's text can quote the source line, and so a personal value.
    return make("internal/error", path, 1, 1, error=f"{check}: {type(exc).__name__}")


# Below this many uncached files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
_worker_context: Context | None = None


def _analyse_task(task: tuple[str, str, bytes, str]) -> FileResult:
    assert _worker_context is not None
    return analyse(task[0], task[1], task[2], _worker_context)


def _analyse_all(todo: list[tuple[str, str, bytes, str]], context: Context) -> list[FileResult]:
    """Per-file work is independent, so a cold run of a large corpus uses every core."""
    global _worker_context
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [analyse(path, kind, data, context) for path, kind, data, _ in todo]
    # One file of each kind first, here: that builds the schema validators and parsers
    # once, and the forked workers inherit them instead of each building their own.
    first: dict[str, int] = {}
    for i, (_, kind, _, _) in enumerate(todo):
        first.setdefault(kind, i)
    done = {i: analyse(todo[i][0], todo[i][1], todo[i][2], context) for i in first.values()}
    rest = [t for i, t in enumerate(todo) if i not in done]
    _worker_context = context  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Small chunks keep both workers busy to the end (one late big chunk idles the other).
            results = iter(pool.map(_analyse_task, rest, chunksize=16))
        return [done[i] if i in done else next(results) for i in range(len(todo))]
    finally:
        _worker_context = None


def load_context(root: Path) -> Context:
    digest = hashlib.sha256(__version__.encode())
    for schema_file in sorted((Path(__file__).resolve().parents[2] / "schemas").glob("*.json")):
        digest.update(schema_file.read_bytes())
    # The checks' own code is part of the key: a new or sharper check must see every file again.
    for module in sorted((Path(__file__).resolve().parent / "checks").glob("*.py")):
        digest.update(module.read_bytes())
    for name in CONTEXT_FILES:
        f = root / name
        digest.update(f.read_bytes() if f.is_file() else b"-")
    ctx = Context(digest=digest.hexdigest(), allowlist=privacy.load_allowlist(root))
    glossary = root / "guideline/glossary.yaml"
    if glossary.is_file():
        result = read("guideline/glossary.yaml", "glossary", glossary.read_bytes())
        if result.source is not None:
            ctx.terms = {k: Term(k, v) for k, v in result.source.data.items() if isinstance(v, dict)}
    return ctx


def run(root: Path, only: set[str] | None = None, use_cache: bool = True) -> Report:
    """Validate the corpus at root; `only` restricts the reported findings to those paths."""
    files, findings = discover(root)
    context = load_context(root)
    cache = Cache(root, use_cache)
    results: dict[str, FileResult] = {}
    todo: list[tuple[str, str, bytes, str]] = []
    for path, kind in files:
        try:
            data = (root / path).read_bytes()
        except OSError as exc:
            findings.append(make("file/unreadable", path, 1, 1, reason=exc.strerror or str(exc)))
            continue
        key = hashlib.sha256(data).hexdigest() + context.digest
        hit = cache.get(path, key)
        if hit is None:
            todo.append((path, kind, data, key))
        else:
            results[path] = hit
    for (path, _kind, _data, key), result in zip(todo, _analyse_all(todo, context)):
        cache.put(path, key, result)
        results[path] = result
    ordered = [results[p] for p, _ in files if p in results]
    for result in ordered:
        findings.extend(result.findings)
    cache.save(set(results))
    corpus = assemble(root, [r.source for r in ordered if r.source is not None])
    for name, check in CORPUS_CHECKS:
        try:
            findings.extend(check(corpus))
        except Exception as exc:
            findings.append(_internal("guideline/guideline.yaml", name, exc))
    findings.extend(links.check(ordered, {p for p, _ in files}))
    if only is not None:
        findings = [f for f in findings if f.path in only or any(f.path.startswith(o.rstrip("/") + "/") for o in only)]
    return Report(sorted(set(masking.mask_findings(root, findings)), key=Finding.sort_key), len(files), corpus, ordered)
