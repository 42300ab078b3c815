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
        return [where for where, _ in self._entries()]

    def messages(self) -> dict[Expected, str]:
        """The exact messages the case names, by finding."""
        return {where: message for where, message in self._entries() if message is not None}

    def _entries(self) -> list[tuple[Expected, str | None]]:
        entries = yaml.safe_load((self.folder / EXPECTED).read_text(encoding="utf-8")) or []
        assert isinstance(entries, list), f"{self.name}: {EXPECTED} must be a list"
        out: list[tuple[Expected, str | None]] = []
        for entry in entries:
            match entry:
                case [str(code), str(path), int(line), int(column)]:
                    out.append(((code, path, line, column), None))
                case [str(code), str(path), int(line), int(column), str(message)]:
                    out.append(((code, path, line, column), message))
                case _:
                    raise AssertionError(f"{self.name}: {entry!r} is not [code, path, line, column(, message)]")
        return out

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
