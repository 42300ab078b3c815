"""`guideline validate --fix`: safe, reviewable rewrites of terms and typography
(including emphasis markers that would show literally, see `checks.emphasis`).

Only Markdown bodies are reformatted (front matter stays byte-identical, except a
deprecated term in `title` that the glossary marks `replace: true`). A file is written
only when it changes; its BOM and line endings are kept. Files with mixed line endings
are left alone rather than guessed at.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .checks import emphasis
from .checks.terms import Glossary, glossary, occurrences
from .checks.typography import format_body
from .kinds import PROSE_KINDS
from .model import Source
from .source.prose import wording

if TYPE_CHECKING:
    from .validate import Report

BOM = b"\xef\xbb\xbf"


def replace_terms(text: str, g: Glossary) -> str:
    """Replace the deprecated terms the glossary marks as unambiguous (replace: true)."""
    for offset, u in sorted(occurrences(wording(text), g), reverse=True):
        if u.replace:
            text = text[:offset] + u.preferred + text[offset + len(u.term):]
    return text


def _fix_title(head: str, source: Source, g: Glossary) -> str:
    title = source.data.get("title")
    if not isinstance(title, str):
        return head
    line, col = source.marks.at(("title",))
    lines = head.split("\n")
    if not 0 < line <= len(lines) or lines[line - 1].find(title, col - 1) < 0:
        return head  # quoted with escapes or folded: leave it to the contributor
    start = lines[line - 1].find(title, col - 1)
    row = lines[line - 1]
    lines[line - 1] = row[:start] + replace_terms(title, g) + row[start + len(title):]
    return "\n".join(lines)


def fix_text(text: str, source: Source, g: Glossary) -> str:
    """The fixed file text (LF line endings, no BOM)."""
    lines = text.split("\n")
    split = sum(len(x) + 1 for x in lines[:source.body_line - 1])
    head, body = text[:split], text[split:]
    if body != source.body:
        return text  # the file changed since it was validated
    return _fix_title(head, source, g) + emphasis.fix(format_body(replace_terms(body, g)))


def fix_bytes(raw: bytes, source: Source, g: Glossary) -> bytes:
    bom = BOM if raw.startswith(BOM) else b""
    text = raw[len(bom):].decode("utf-8")
    crlf = "\r\n" in text
    lf_only = text.replace("\r\n", "")
    if "\r" in lf_only or (crlf and "\n" in lf_only):
        return raw  # mixed line endings
    fixed = fix_text(text.replace("\r\n", "\n"), source, g)
    if crlf:
        fixed = fixed.replace("\n", "\r\n")
    return bom + fixed.encode("utf-8")


def apply_fixes(root: Path, report: Report) -> list[str]:
    """Fix every file with term or typography findings; return the paths written."""
    g = glossary(report.corpus.terms if report.corpus else {})
    wanted = {f.path for f in report.findings if f.code.startswith(("typography/", "term/"))}
    changed = []
    for r in report.results:
        if r.path not in wanted or r.source is None or r.where.kind not in PROSE_KINDS:
            continue
        path = root / r.path
        raw = path.read_bytes()
        fixed = fix_bytes(raw, r.source, g)
        if fixed != raw:
            path.write_bytes(fixed)
            changed.append(r.path)
    return changed
