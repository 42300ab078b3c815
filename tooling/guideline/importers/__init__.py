"""Turning what contributors send (an issue form, a Word file) into corpus files.

Both importers end the same way: a file written from the `guideline new` template,
then the validation findings for that file as the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity


@dataclass
class Imported:
    written: str | None = None
    """The file written (relative to the root), None when the submission was refused."""
    findings: list[Finding] = field(default_factory=list)
    """What is wrong with the submission or, once written, with the new file."""
    files: int = 1

    @property
    def ok(self) -> bool:
        return self.written is not None and not any(f.severity is Severity.ERROR for f in self.findings)


def import_issue(root: Path, source: Path, kind: str | None = None) -> Imported:
    """An issue form's rendered body (saved to SOURCE) becomes a case or practice note."""
    from ..snapshot import load_corpus
    from .issue import submission

    _require_file(source)
    text = source.read_bytes().decode("utf-8", errors="replace")
    sub = submission(text, str(source), load_corpus(root), kind)
    if any(f.severity is Severity.ERROR for f in sub.findings):
        return Imported(findings=sub.findings)
    return _write(root, source, sub.kind, sub.values, sub.body, sub.findings)


def import_word(root: Path, source: Path, org: str | None, given_id: str | None = None) -> Imported:
    """A Word case write-up becomes a case of ORG, its images left out."""
    from ..catalogue import make
    from ..errors import GuidelineError, UsageError
    from ..snapshot import load_corpus
    from . import fill, word

    _require_file(source)
    if not org:
        raise UsageError("导入 Word 文件需要 --org 机构编号，例如 --org ginkgo-demo。")
    corpus = load_corpus(root)
    if org not in corpus.organisations:
        raise UsageError(f"机构「{org}」没有在 organisations/ 中登记（可以先运行 guideline new org）。")
    try:
        case = word.convert(source)
    except (RuntimeError, OSError, ValueError) as exc:
        raise GuidelineError(f"无法读取这个 Word 文件（{exc}）。请在 Word 中「另存为」.docx 格式后再试。") from exc
    where = str(source)
    if case.pending:  # refused as a whole: see importers/review.py
        return Imported(findings=[make("import/comment" if p.kind == "批注" else "import/tracked-change", where,
                                       p.paragraph, 1, paragraph=p.paragraph, kind=p.kind, excerpt=p.excerpt)
                                  for p in case.pending])
    values = fill.values(root, corpus, org, source, case.title, case.text, given_id)
    if case.authors:
        values[("authors",)] = case.authors
    found = [make("import/image-removed", where, 1, 1, count=case.images)] if case.images else []
    found += [make("import/table-split", where, 1, 1, table=n) for n in case.tables]
    if case.renamed:
        found.append(make("import/headings-mapped", where, 1, 1,
                          headings="、".join(f"「{a}」→「{b}」" for a, b in case.renamed)))
    return _write(root, source, "case", values, "\n" + case.markdown, found)


def _require_file(source: Path) -> None:
    from ..errors import UsageError

    if not source.is_file():
        raise UsageError(f"找不到文件 {source}。")


def _write(root: Path, source: Path, kind: str, values: dict[tuple[str, ...], Any], body: str,
           findings: list[Finding]) -> Imported:
    from .. import validate
    from ..catalogue import make
    from ..scaffold import create

    try:
        written = create(root, kind, values, body)
    except FileExistsError as exc:
        return Imported(findings=[make("import/exists", str(source), 1, 1, target=str(exc))])
    report = validate.run(root, {written})
    return Imported(written, findings + report.findings, report.files)
