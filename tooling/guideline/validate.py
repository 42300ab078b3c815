"""`guideline validate`: sources -> per-file results (cached) -> corpus -> findings."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, masking
from .catalogue import make
from .checks import CORPUS_CHECKS, FILE_CHECKS, Context
from .findings import Finding
from .kinds import ALLOWLIST_FILE, parse_path
from .load import FileResult, assemble, discover, read
from .model import Corpus, SourcePath, Term
from .source.yamlparse import Marks

CACHE_FILE = ".cache/validate.pickle"
GLOSSARY_DIR = "guideline/glossary"


@dataclass
class Report:
    findings: list[Finding]
    files: int
    corpus: Corpus | None = None
    results: list[FileResult] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    """With --changed-since: files the change did not touch in which it caused findings."""

    @property
    def ok(self) -> bool:
        return not any(f.severity.value == "error" for f in self.findings)


class StoredMarks(Marks):
    """A cached file's YAML positions, kept pickled until a check asks for one. Corpus checks
    need a position only for a finding, and rebuilding every file's position tables was 60% of
    reading the cache."""

    def __init__(self, blob: bytes) -> None:  # no dataclass fields until they are asked for
        self.blob = blob

    def __getattr__(self, name: str) -> object:  # only called for attributes not yet set
        if name not in ("values", "keys"):
            raise AttributeError(name)
        marks = pickle.loads(self.blob)
        self.values, self.keys = marks.values, marks.keys
        return getattr(self, name)

    def __reduce__(self) -> tuple[object, tuple[bytes]]:
        return StoredMarks, (self.blob,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Marks) and (self.values, self.keys) == (other.values, other.keys)

    @staticmethod
    def of(marks: Marks) -> Marks:
        if isinstance(marks, StoredMarks):
            return marks
        return StoredMarks(pickle.dumps(marks, protocol=pickle.HIGHEST_PROTOCOL))


def _stored(result: FileResult) -> FileResult:
    """The result as the cache keeps it (see StoredMarks)."""
    if result.source is None or isinstance(result.source.marks, StoredMarks):
        return result
    return dataclasses.replace(result, source=dataclasses.replace(result.source, marks=StoredMarks.of(result.source.marks)))


class Cache:
    """Per-file results keyed by path, content hash and context digest."""

    def __init__(self, root: Path, enabled: bool) -> None:
        self.file = root / CACHE_FILE
        self.enabled = enabled
        self.entries: dict[str, tuple[str, FileResult]] = {}
        self.dirty = False
        if enabled and self.file.is_file():
            gc.disable()  # unpickling makes many objects and no garbage: collections would be wasted
            try:
                with self.file.open("rb") as fh:
                    stored = pickle.load(fh)
                if stored.get("version") == __version__:
                    self.entries = stored["entries"]
            except Exception:  # a corrupt cache is only a slower run
                self.entries = {}
            finally:
                gc.enable()

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
        entries = {p: (key, _stored(result)) for p, (key, result) in self.entries.items() if p in keep}
        tmp = self.file.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"version": __version__, "entries": entries}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.file)
        self.dirty = False


def analyse(where: SourcePath, data: bytes, context: Context) -> FileResult:
    """Read one file and run every file check on it; an internal failure is a finding."""
    try:
        result = read(where, data)
    except Exception as exc:  # never a traceback: the run goes on with the next file
        return FileResult(where, None, [_internal(where.path, "read", exc)])
    if result.source is not None:
        for check in FILE_CHECKS:
            assert check.file is not None
            try:
                result.findings.extend(check.file(result.source, context))
            except Exception as exc:  # the file stays in the model; only this check is lost
                result.findings.append(_internal(where.path, check.name, exc))
    return result


def _internal(path: str, check: str, exc: Exception) -> Finding:
    # The type only: an exception's text can quote the source line, and so a personal value.
    return make("internal/error", path, 1, 1, error=f"{check}: {type(exc).__name__}")


# Below this many uncached files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
_worker_context: Context | None = None
Task = tuple[SourcePath, bytes, str]
"""A file to analyse: where it is, its bytes, its cache key."""


def _analyse_task(task: Task) -> FileResult:
    assert _worker_context is not None
    return analyse(task[0], task[1], _worker_context)


def _analyse_all(todo: list[Task], context: Context) -> list[FileResult]:
    """Per-file work is independent, so a cold run of a large corpus uses every core."""
    global _worker_context
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [analyse(where, data, context) for where, data, _ in todo]
    # One file of each kind first, here: that builds the schema validators and parsers
    # once, and the forked workers inherit them instead of each building their own.
    first: dict[str, int] = {}
    for i, (where, _, _) in enumerate(todo):
        first.setdefault(where.kind, i)
    done = {i: analyse(todo[i][0], todo[i][1], context) for i in first.values()}
    rest = [t for i, t in enumerate(todo) if i not in done]
    _worker_context = context  # inherited by the forked workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Small chunks keep both workers busy to the end (one late big chunk idles the other).
            results = iter(pool.map(_analyse_task, rest, chunksize=16))
        return [done[i] if i in done else next(results) for i in range(len(todo))]
    finally:
        _worker_context = None


def context_digest(root: Path) -> str:
    """What every file's cache key shares: the toolkit's schemas and checks, the allowlist, the glossary."""
    digest = hashlib.sha256(__version__.encode())
    for schema_file in sorted((Path(__file__).resolve().parents[2] / "schemas").glob("*.json")):
        digest.update(schema_file.read_bytes())
    # The checks' and the reader's own code is part of the key: a new or sharper check, or a
    # new field read from every file, must see every file again.
    here = Path(__file__).resolve().parent
    readers = [here / "load.py", here / "model.py", here / "kinds.py", *sorted((here / "source").glob("*.py"))]
    for module in sorted((here / "checks").glob("*.py")) + readers:
        digest.update(module.read_bytes())
    allowlist = root / ALLOWLIST_FILE
    digest.update(allowlist.read_bytes() if allowlist.is_file() else b"-")
    for f in sorted((root / GLOSSARY_DIR).glob("*.yaml")):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


def load_context(root: Path, digest: str | None = None) -> Context:
    """Everything file checks read besides the file: the glossary's terms and the privacy allowlist."""
    from .checks.privacy import load_allowlist

    terms: dict[str, Term] = {}
    for f in sorted((root / GLOSSARY_DIR).glob("*.yaml")):
        where = parse_path(f"{GLOSSARY_DIR}/{f.name}")
        result = read(where, f.read_bytes()) if where else None
        if result is not None and result.source is not None:
            term = Term.from_source(result.source)
            terms[term.id] = term
    return Context(terms=terms, allowlist=load_allowlist(root), digest=digest or context_digest(root))


def run(root: Path, only: set[str] | None = None, use_cache: bool = True, cache: Cache | None = None) -> Report:
    """Validate the corpus at root; `only` restricts the reported findings to those paths.
    `cache`: one the caller keeps in memory between runs and saves itself (`guideline serve`;
    `--changed-since`, whose past revision shares most files, and so their results, with the
    working tree)."""
    files, findings = discover(root)
    digest = context_digest(root)
    own = cache is None
    if cache is None:
        cache = Cache(root, use_cache)
    results: dict[str, FileResult] = {}
    todo: list[Task] = []
    for where in files:
        try:
            data = (root / where.path).read_bytes()
        except OSError as exc:
            findings.append(make("file/unreadable", where.path, 1, 1, reason=exc.strerror or str(exc)))
            continue
        key = hashlib.sha256(data).hexdigest() + digest
        hit = cache.get(where.path, key)
        if hit is None:
            todo.append((where, data, key))
        else:
            results[where.path] = hit
    # The terms and allowlist only for files to analyse (a run from the cache needs neither).
    context = load_context(root, digest) if todo else Context(digest=digest)
    for (where, _data, key), result in zip(todo, _analyse_all(todo, context), strict=True):
        cache.put(where.path, key, result)
        results[where.path] = result
    ordered = [results[w.path] for w in files if w.path in results]
    for result in ordered:
        findings.extend(result.findings)
    if own:
        cache.save(set(results))
    corpus = assemble(root, [r.source for r in ordered if r.source is not None], {w.path for w in files})
    for check in CORPUS_CHECKS:
        assert check.corpus is not None
        try:
            findings.extend(check.corpus(corpus, context))
        except Exception as exc:
            findings.append(_internal("guideline/guideline.yaml", check.name, exc))
    if only is not None:
        findings = [f for f in findings if _within(f.path, only)]
    return Report(sorted(set(masking.mask_findings(root, findings)), key=Finding.sort_key), len(files), corpus, ordered)


def run_changed(root: Path, rev: str, only: set[str] | None = None, use_cache: bool = True) -> Report:
    """`--changed-since REV`: the findings in files changed since the merge base of REV and
    HEAD, plus every finding the change introduces in files it did not touch (a case citing
    a procedure the change renamed). The merge base is validated as it was, and a finding in
    an untouched file is the change's when the base did not have it. In a pull request's
    workflow HEAD is GitHub's merge of the PR into its base, so this judges the merged result."""
    from .history import changed_files, merge_base
    from .snapshot import checkout

    changed = changed_files(root, rev)
    cache = Cache(root, use_cache)
    report = run(root, cache=cache)
    cache.save({r.path for r in report.results})
    with checkout(root, merge_base(root, rev), changed) as base_root:
        # Files the change did not touch have the same bytes, and so the same cache key, there:
        # the same cache, already in memory (the base's results for changed files are not saved).
        before = set(run(base_root, cache=cache).findings)
    caused = [f for f in report.findings if f.path not in changed and f not in before]
    report.elsewhere = sorted({f.path for f in caused if f.severity.value == "error"})
    keep = changed | {f.path for f in caused}
    if only is not None:
        keep = {p for p in keep if _within(p, only)}
    report.findings = [f for f in report.findings if f.path in keep and (f.path in changed or f in caused)]
    report.elsewhere = [p for p in report.elsewhere if p in keep]
    return report


def _within(path: str, only: set[str]) -> bool:
    return path in only or any(path.startswith(o.rstrip("/") + "/") for o in only)


def validated_corpus(root: Path, consequence: str, cache: Cache | None = None) -> Corpus:
    """The corpus of content without errors; otherwise FindingsError saying what the command did not do."""
    from .errors import CONTENT_FAILED, FindingsError

    report = run(root, cache=cache)
    if report.ok and report.corpus is not None:
        return report.corpus
    raise FindingsError(CONTENT_FAILED.format(consequence=consequence), report.findings, report.files)
