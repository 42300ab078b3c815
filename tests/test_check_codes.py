"""Every code a check emits is declared in its row of the check table and in the catalogue; no code is orphaned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from case_folders import Case, all_cases
from conftest import FIXTURE
from guideline import validate
from guideline.catalogue import RULES
from guideline.checks import CHECKS
from resource_helpers import add_registry

# Codes no check row emits: the loader reads files before any check runs, importers turn forms into files.
LOADER = ("encoding/", "file/", "frontmatter/", "yaml/", "internal/")
IMPORTERS = ("import/",)
# Codes without a fixture folder, and where they are tested instead.
NO_FOLDER = {
    "file/unreadable": "needs a dangling symbolic link (test_loader.py)",
    "frontmatter/too-large": "needs a 64 KB file (test_loader.py writes it)",
    "internal/error": "needs a crashing check (test_loader.py, test_robustness.py)",
    # These need the resource registry, forms and pocket card the fixture corpus does not have
    # (resource_helpers.add_registry builds them).
    "form/field-type": "test_resources.py",
    "form/forbidden-field": "test_resources.py",
    "ref/unknown-checklist-item": "test_resources.py",
    "ref/unknown-form": "test_resources.py",
    "ref/unknown-resource": "test_resources.py",
    "resource/stale": "test_resources.py",
    "resource/verified-in-future": "test_resources.py",
}


def corpora() -> list[tuple[str, Case | None]]:
    """The fixture corpus, the same with the resource registry, and every fixture folder."""
    return [("fixture", None), ("registry", None), *((c.name, c) for c in all_cases())]


@pytest.mark.parametrize("name,case", corpora(), ids=[n for n, _ in corpora()])
def test_each_check_emits_only_its_declared_codes(name: str, case: Case | None, tmp_path: Path) -> None:
    if case is not None:
        root = case.build(tmp_path / "repo")
    elif name == "registry":
        shutil.copytree(FIXTURE, tmp_path / "repo")
        root = add_registry(tmp_path / "repo")
    else:
        root = FIXTURE
    report = validate.run(root, use_cache=False)
    assert report.corpus is not None
    context = validate.load_context(root)
    sources = [r.source for r in report.results if r.source is not None]
    for check in CHECKS:
        if check.file is not None:
            emitted = [f for source in sources for f in check.file(source, context)]
        else:
            assert check.corpus is not None
            emitted = list(check.corpus(report.corpus, context))
        for f in emitted:
            assert f.code in check.codes, f"{check.name} emitted {f.code}, not in its row"
            assert f.code in RULES, f"{check.name} emitted {f.code}, not in the catalogue"


def test_check_rows_declare_only_catalogue_codes() -> None:
    for check in CHECKS:
        assert check.codes <= set(RULES), check.name
        assert check.codes, check.name


def test_no_orphan_codes() -> None:
    """Every catalogue code has an emitter: a check row, the loader or an importer."""
    declared = set().union(*(c.codes for c in CHECKS))
    orphans = [code for code in RULES if code not in declared and not code.startswith(LOADER + IMPORTERS)]
    assert orphans == []
    # The loader and importers never share a namespace with a check row.
    assert not [code for code in declared if code.startswith(LOADER + IMPORTERS)]


def test_every_code_has_a_fixture_folder() -> None:
    """Each code is shown by a folder tests/cases/<code>/ (or one below it), or is listed in NO_FOLDER;
    importers' codes are about forms and Word files, not a corpus (test_collab_import*.py)."""
    shown = {c.name for c in all_cases()}
    missing = [code for code in RULES if code not in NO_FOLDER and not code.startswith(IMPORTERS)
               and not any(n == code or n.startswith(code + "/") for n in shown)]
    assert missing == []
    assert set(NO_FOLDER) <= set(RULES)
