"""Sources to model: find the files, read each one, assemble the corpus.

Reading a file is per-file work (decode, front matter, YAML, Markdown outline) and
can be cached by content hash; assembling the corpus always uses every file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import make
from .findings import Finding
from .kinds import KINDS, ROOTS, kind_of, parse_path
from .model import Corpus, Procedure, Source, SourcePath
from .source import conflicts, decode, frontmatter, yamlparse
from .source.markdown import outline

_IGNORED = {".gitkeep", ".DS_Store"}


@dataclass
class FileResult:
    """Everything learnt from one file alone; cached by content hash."""

    where: SourcePath
    source: Source | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.where.path


def discover(root: Path) -> tuple[list[SourcePath], list[Finding]]:
    """All corpus files with their parsed paths; stray files under the content folders are findings."""
    found: list[SourcePath] = []
    stray: list[Finding] = []
    for top in ROOTS:
        for dirpath, dirnames, filenames in os.walk(root / top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for fn in sorted(filenames):
                if fn in _IGNORED:
                    continue
                rel = f"{rel_dir}/{fn}"
                where = parse_path(rel)
                if where is None:
                    stray.append(make("file/unrecognised", rel, 1, 1, reason=_why_stray(rel)))
                else:
                    found.append(where)
    order = {k.name: i for i, k in enumerate(KINDS)}
    found.sort(key=lambda w: (order[w.kind], w.path))
    return found, stray


def _why_stray(path: str) -> str:
    if path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff")):
        return "本版本不随案例发布图片：照片可能拍到面孔、门牌或病历，文件里还可能带有拍摄时间和 GPS 位置（EXIF）。请改用文字描述。"
    if path.endswith(".docx") or path.endswith(".doc"):
        return "只接受 UTF-8 的 .md 和 .yaml 文件（Word 文件请用 `guideline import docx` 转换）。"
    if not path.endswith((".md", ".yaml")):
        return "只接受 UTF-8 的 .md 和 .yaml 文件。"
    return "文件夹层级或文件类型不对。"


def read(where: SourcePath, data: bytes) -> FileResult:
    """Per-file reading: decode, split front matter, parse YAML, outline the body."""
    path = where.path
    text, findings = decode.decode(data, path)
    if text is None:
        return FileResult(where, None, findings)
    # Before parsing: a leftover conflict would otherwise be a confusing YAML error or, in a
    # body, publish both versions.
    conflicted = conflicts.check(text, path)
    if conflicted:
        return FileResult(where, None, findings + conflicted)
    markdown = kind_of(where.kind).markdown
    body, body_line, yaml_text, yaml_line = "", 1, text, 1
    if markdown:
        split, problems = frontmatter.split(text, path)
        findings += problems
        if split is None:
            return FileResult(where, None, findings)
        yaml_text, yaml_line, body, body_line = split.front, split.front_line, split.body, split.body_line
    value, marks, problems = yamlparse.parse(yaml_text, path, yaml_line)
    findings += problems
    if any(f.code == "yaml/syntax" for f in problems):
        return FileResult(where, None, findings)
    if not isinstance(value, dict):
        kinds = {type(None): "空的", list: "一个列表", str: "一段文字"}
        findings.append(make("frontmatter/not-mapping", path, yaml_line, 1, kind=kinds.get(type(value), "一个值")))
        return FileResult(where, None, findings)
    source = Source(where, value, marks, body, body_line, yaml_text if markdown else "",
                    outline(body, body_line) if body else outline("", body_line), canonical_hash(text))
    return FileResult(where, source, findings)


def canonical_hash(text: str) -> str:
    """SHA-256 of a file's canonical text: decoded UTF-8 without BOM, line endings LF (what
    `decode` returns), so re-saving with CRLF or a BOM does not void an approval."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assemble(root: Path, sources: list[Source], files: set[str] | None = None) -> Corpus:
    """Build the corpus from every file that parsed; chapter order comes from guideline.yaml,
    procedure order from each procedure's `order` (ties by id)."""
    corpus = Corpus(root=str(root), files=files if files is not None else {s.path for s in sources})
    for s in sources:
        corpus.sources[s.path] = s
        kind_of(s.kind).build(s).register(corpus)
    by_folder: dict[str, list[Procedure]] = {}
    for p in corpus.procedures.values():
        by_folder.setdefault(p.folder, []).append(p)
    for n, folder in enumerate(dict.fromkeys(corpus.settings.chapters), start=1):
        chapter = corpus.chapter_files.get(folder)
        if chapter is None:
            continue
        chapter.number = n
        corpus.chapters.append(chapter)
        procs = sorted(by_folder.get(folder, []), key=lambda p: (p.order if p.order is not None else 10**9, p.id))
        chapter.procedures = procs
        for m, proc in enumerate(procs, start=1):
            proc.chapter, proc.number = chapter.id, f"{n}.{m}"
    return corpus
