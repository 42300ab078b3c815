"""Fixture folders: one folder per rule under tests/cases/, read and built into a corpus.

A case folder is any folder under tests/cases/ holding an `expected.yaml`; its path names
the code it shows (`tests/cases/schema/required/`), with a further folder when one code has
several cases (`tests/cases/yaml/tag/python-object/`). Beside `expected.yaml`:

- `edits.yaml` (optional): a list of `{path, old, new}` text replacements made in the fixture
  corpus (tests/fixtures/corpus), each `old` found exactly once, or `{path, delete: true}`;
- any other file: written into the corpus at the same relative path (an overlay), byte for byte.

`expected.yaml` lists every finding of `guideline validate` on the result (the fixture corpus
alone has none) as `[code, path, line, column]`, optionally with the exact message as a fifth item.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from conftest import FIXTURE

CASES = Path(__file__).parent / "cases"
EXPECTED = "expected.yaml"
EDITS = "edits.yaml"

Expected = tuple[str, str, int, int]
"""(code, path, line, column) of one finding."""


@dataclass(frozen=True)
class Case:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.relative_to(CASES).as_posix()

    def expected(self) -> list[Expected]:
        return [(str(c), str(p), int(ln), int(col)) for c, p, ln, col, *_ in self._entries()]

    def messages(self) -> dict[Expected, str]:
        """The exact messages the case names, by finding."""
        return {(str(c), str(p), int(ln), int(col)): str(rest[0])
                for c, p, ln, col, *rest in self._entries() if rest}

    def _entries(self) -> list[list[object]]:
        entries = yaml.safe_load((self.folder / EXPECTED).read_text(encoding="utf-8")) or []
        assert isinstance(entries, list), f"{self.name}: {EXPECTED} must be a list"
        for entry in entries:
            assert isinstance(entry, list) and len(entry) in (4, 5), f"{self.name}: bad entry {entry!r}"
        return entries

    def build(self, root: Path) -> Path:
        """Copy the fixture corpus to root, apply the edits, lay the overlay files on top."""
        shutil.copytree(FIXTURE, root)
        edits_file = self.folder / EDITS
        edits = yaml.safe_load(edits_file.read_text(encoding="utf-8")) if edits_file.is_file() else []
        for edit in edits or []:
            target = root / edit["path"]
            if edit.get("delete"):
                target.unlink()
                continue
            text = target.read_text(encoding="utf-8")
            assert text.count(edit["old"]) == 1, f"{self.name}: {edit['old']!r} is not in {edit['path']} exactly once"
            target.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
        for f in sorted(self.folder.rglob("*")):
            rel = f.relative_to(self.folder)
            assert rel.name != EXPECTED or rel == Path(EXPECTED), f"{self.name}: cases must not nest"
            if f.is_file() and rel.as_posix() not in (EXPECTED, EDITS):
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, root / rel)
        return root


def all_cases() -> list[Case]:
    return [Case(f.parent) for f in sorted(CASES.rglob(EXPECTED))]
