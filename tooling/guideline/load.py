"""Sources to model: find the files, read each one, assemble the corpus.

Reading a file is per-file work (decode, front matter, YAML, Markdown outline) and
can be cached by content hash; assembling the corpus always uses every file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import make
from .findings import Finding
from .model import Case, Chapter, Corpus, Organisation, PracticeNote, Procedure, Source, Term
from .source import decode, frontmatter, yamlparse
from .source.markdown import Outline, outline

YAML_FILES = {
    "organisations.yaml": "organisations",
    "guideline/guideline.yaml": "guideline",
    "guideline/glossary.yaml": "glossary",
}
_IGNORED = {".gitkeep", ".DS_Store"}
_MD = re.compile(r"[^/]+\.md")


@dataclass
class FileResult:
    """Everything learnt from one file alone; cached by content hash."""

    path: str
    kind: str
    source: Source | None
    findings: list[Finding] = field(default_factory=list)
    outline: Outline | None = None


def classify(path: str) -> str | None:
    """The kind of a repository-relative path, or None if it has no place in the corpus."""
    if path in YAML_FILES:
        return YAML_FILES[path]
    parts = path.split("/")
    if parts[0] == "cases" and len(parts) == 3 and _MD.fullmatch(parts[2]):
        return "case"
    if parts[0] == "guideline":
        if len(parts) == 4 and parts[1] == "notes" and _MD.fullmatch(parts[3]):
            return "note"
        if len(parts) == 3 and parts[1] != "notes" and _MD.fullmatch(parts[2]):
            return "chapter" if parts[2] == "index.md" else "procedure"
    return None


def discover(root: Path) -> tuple[list[tuple[str, str]], list[Finding]]:
    """All corpus files as (path, kind); stray files under guideline/ and cases/ are findings."""
    found: list[tuple[str, str]] = []
    stray: list[Finding] = []
    for name, kind in YAML_FILES.items():
        if (root / name).is_file():
            found.append((name, kind))
    for top in ("guideline", "cases"):
        for dirpath, dirnames, filenames in os.walk(root / top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for fn in sorted(filenames):
                if fn in _IGNORED:
                    continue
                rel = f"{rel_dir}/{fn}"
                if rel in YAML_FILES:
                    continue
                found_kind = classify(rel)
                if found_kind is None:
                    stray.append(make("file/unrecognised", rel, 1, 1, reason=_why_stray(rel)))
                else:
                    found.append((rel, found_kind))
    return found, stray


def _why_stray(path: str) -> str:
    if path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff")):
        return "本版本不随案例发布图片：照片可能拍到面孔、门牌或病历，文件里还可能带有拍摄时间和 GPS 位置（EXIF）。请改用文字描述。"
    if not path.endswith(".md"):
        return "只接受 UTF-8 的 .md 文件（Word 文件请用 `guideline import docx` 转换）。"
    return "文件夹层级不对。"


def read(path: str, kind: str, data: bytes) -> FileResult:
    """Per-file reading: decode, split front matter, parse YAML, outline the body."""
    text, findings = decode.decode(data, path)
    if text is None:
        return FileResult(path, kind, None, findings)
    body, body_line, yaml_text, yaml_line = "", 1, text, 1
    if kind not in ("organisations", "guideline", "glossary"):
        split, problems = frontmatter.split(text, path)
        findings += problems
        if split is None:
            return FileResult(path, kind, None, findings)
        yaml_text, yaml_line, body, body_line = split.front, split.front_line, split.body, split.body_line
    value, marks, problems = yamlparse.parse(yaml_text, path, yaml_line)
    findings += problems
    if any(f.code == "yaml/syntax" for f in problems):
        return FileResult(path, kind, None, findings)
    if not isinstance(value, dict):
        kinds = {type(None): "空的", list: "一个列表", str: "一段文字"}
        findings.append(make("frontmatter/not-mapping", path, yaml_line, 1, kind=kinds.get(type(value), "一个值")))
        return FileResult(path, kind, None, findings)
    front = yaml_text if kind not in ("organisations", "guideline", "glossary") else ""
    source = Source(path, kind, value, marks, body, body_line, front)
    return FileResult(path, kind, source, findings, outline(body, body_line) if body else Outline())


def assemble(root: Path, sources: list[Source]) -> Corpus:
    """Build the corpus from every file that parsed; order comes from guideline.yaml."""
    corpus = Corpus(root=str(root))
    chapters: dict[str, Chapter] = {}
    for s in sources:
        corpus.sources[s.path] = s
        parts = s.path.split("/")
        if s.kind == "guideline":
            corpus.settings = s.data
        elif s.kind == "organisations":
            for org_id, data in s.data.items():
                if isinstance(data, dict):
                    corpus.organisations[org_id] = Organisation(org_id, data, s)
        elif s.kind == "glossary":
            for term_id, data in s.data.items():
                if isinstance(data, dict):
                    corpus.terms[term_id] = Term(term_id, data)
        elif s.kind == "chapter":
            chapters[parts[1]] = Chapter(s, id=str(s.data.get("id", parts[1])), folder=parts[1])
        elif s.kind == "procedure":
            pid = str(s.data.get("id", parts[2][:-3]))
            corpus.procedures.setdefault(pid, Procedure(s, id=pid))
        elif s.kind == "note":
            corpus.notes.append(PracticeNote(s, procedure=str(s.data.get("procedure", "")), org=str(s.data.get("org", ""))))
        elif s.kind == "case":
            cid = str(s.data.get("id", parts[2][:-3]))
            corpus.cases.setdefault(cid, Case(s, id=cid, org=str(s.data.get("org", parts[1]))))
    order = corpus.settings.get("chapters")
    for n, folder in enumerate(order if isinstance(order, list) else [], start=1):
        chapter = chapters.get(str(folder))
        if chapter is None or chapter in corpus.chapters:
            continue
        chapter.number = n
        corpus.chapters.append(chapter)
        for m, pid in enumerate(chapter.procedure_ids, start=1):
            proc = corpus.procedures.get(pid)
            if proc is not None and proc.source.path.split("/")[1] == folder and not proc.chapter:
                proc.chapter, proc.number = chapter.id, f"{n}.{m}"
    return corpus
