"""Shared fixtures: small corpora in temporary folders and a runner for the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the small valid fixture corpus (2 organisations, 2 chapters, 3 procedures, 2 cases, 1 note)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def approve_all(root: Path) -> None:
    """The editing group's approval records for every item whose status is approved: what a
    published build of a test corpus needs (`guideline approve`)."""
    from guideline.approvals import approve
    from guideline.snapshot import load_corpus

    corpus = load_corpus(root)
    items = [*corpus.procedures.values(), *corpus.notes, *corpus.cases.values()]
    approve(root, [str(root / i.source.path) for i in items if i.approved], "net-editor", "2026-10-01")
    shutil.rmtree(root / ".cache", ignore_errors=True)  # test corpora have no .gitignore


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in a file of the corpus (which must contain it)."""
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        """The JSON document the command printed (every `--format json` output is an object)."""
        doc = json.loads(self.out)
        assert isinstance(doc, dict), self.out
        return doc

    def findings(self) -> list[tuple[str, str, int]]:
        """(code, path, line) of every finding, as frictionless-style compact tuples."""
        return [(f["code"], f["path"], f["line"]) for f in self.json()["findings"]]


def run_cli(root: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run the real `guideline` command in a subprocess."""
    proc = subprocess.run(
        [sys.executable, "-m", "guideline.cli", "--root", str(root), *args],
        capture_output=True, text=True, env=env, cwd=cwd or root,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


class Cli(Protocol):
    """The signature of `run_cli`, as the `cli` fixture hands it out."""

    def __call__(self, root: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result: ...


@pytest.fixture
def cli() -> Cli:
    return run_cli


def findings(cli: Cli, root: Path) -> list[tuple[str, str, int]]:
    """(code, path, line) of every finding of `guideline validate` through the CLI, without the cache."""
    return cli(root, "validate", "--format", "json", "--no-cache").findings()
