"""The handbook document to PDF (pandoc -> Typst -> typst), DOCX and EPUB (pandoc).

`assemble` reads the frame once and puts each body's own syntax tree into it; the
three writers then read that one tree (pandoc JSON), written once to a file. Each pandoc
writer is a child process of its own (`Pandoc`), so the DOCX and EPUB writers run while
Typst typesets the PDF. Everything is pinned to the commit date, so two builds of one
commit are identical. Warnings of pandoc or Typst are errors here: a warning is how they
report what they could not do.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from ..render import RenderError
from .body import Json
from .document import INPUT_FORMAT, TEMPLATES, Document

FILTER = str(TEMPLATES / "filter.lua")
# Pandoc ships no Chinese translations of its own few labels ("Abstract"); we supply every label.
_HARMLESS = re.compile(r"Could not load translations for zh|translations/zh\.yaml not found|has no translation defined")
_LEVEL = re.compile(r"^\[(ERROR|WARNING|INFO|DEBUG)\] ?", re.M)


def epoch(date: str) -> int:
    """Seconds since 1970 at midnight UTC of an ISO date."""
    return int(datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC).timestamp())


class Pandoc:
    """One pandoc conversion in a child process of its own, started at once so that writers run
    side by side; `finish` waits for it and raises RenderError when it failed or warned. Used as
    a context manager, a conversion not finished (because another step failed) is stopped."""

    def __init__(self, source: Path, to: str, out: Path, extra: Sequence[str] = (), source_format: str = "json",
                 filters: bool = True, date: str | None = None) -> None:
        import pypandoc

        self.to = to
        # A file, not a pipe: nothing to drain while other steps run. Closed by finish or __exit__.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115
        env = dict(os.environ)
        if date is not None:  # pandoc stamps DOCX/EPUB with SOURCE_DATE_EPOCH when set, else with the clock
            env["SOURCE_DATE_EPOCH"] = str(epoch(date))
        args = [pypandoc.get_pandoc_path(), f"--from={source_format}", f"--to={to}", str(source), f"--output={out}",
                *(["--lua-filter", FILTER] if filters else []), *extra]
        try:
            self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        except OSError as exc:
            self.log.close()
            raise RenderError(f"pandoc 转换为 {to} 失败：{exc}。请把此信息报告给维护者。") from exc

    def finish(self) -> None:
        if self.proc is None:
            return
        code = self.proc.wait()
        self.proc = None
        self.log.seek(0)
        stderr = self.log.read().decode("utf-8", "replace")
        self.log.close()
        if code != 0:
            raise RenderError(f"pandoc 转换为 {self.to} 失败：Pandoc died with exitcode \"{code}\" during conversion: "
                              f"{stderr}。请把此信息报告给维护者。")
        parts = _LEVEL.split(stderr)  # [untagged, level, message, level, message, ...]
        messages = [("WARNING", parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]
        warnings = [m.strip() for level, m in messages
                    if level in ("WARNING", "ERROR") and m.strip() and not _HARMLESS.search(m)]
        if warnings:
            raise RenderError(f"pandoc 转换为 {self.to} 时发出警告，为避免内容缺失，已停止生成：\n" + "\n".join(warnings))

    def __enter__(self) -> Pandoc:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            self.log.close()


def assemble(doc: Document) -> str:
    """The whole handbook as pandoc JSON: the frame read once, each placeholder div filled with its
    body's tree, then made safe for every writer (see `safe`)."""
    with tempfile.TemporaryDirectory() as tmp:
        frame, tree_file = Path(tmp) / "frame.md", Path(tmp) / "frame.json"
        frame.write_text(doc.markdown, encoding="utf-8")
        with Pandoc(frame, "json", tree_file, source_format=INPUT_FORMAT, filters=False) as job:
            job.finish()
        tree = json.loads(tree_file.read_bytes())

    def fill(blocks: list[Json]) -> None:
        for b in blocks:
            if b.get("t") == "Div":
                attrs = dict(b["c"][0][2])
                if "body" in b["c"][0][1] and "key" in attrs:
                    b["c"][1] = doc.bodies.get(attrs["key"], [])
                else:
                    fill(b["c"][1])

    fill(tree["blocks"])
    return json.dumps(safe(tree), ensure_ascii=False)


_LEAVES = frozenset(("Str", "Space", "SoftBreak", "LineBreak"))
"""Inlines with nothing inside them to look at: most of the tree, skipped at once."""


def _ids(node: object, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        t = node.get("t")
        if t in _LEAVES:
            return found
        if t in ("Header", "Div", "Span") and isinstance(node.get("c"), list):
            attr = node["c"][1] if t == "Header" else node["c"][0]
            if attr[0]:
                found.add(attr[0])
        _ids(node.get("c"), found)
    elif isinstance(node, list):
        for x in node:
            _ids(x, found)
    return found


def safe(tree: Json) -> Json:
    """Defence in depth for every writer: no raw block or inline of any format, no image (nothing
    is ever fetched), and an in-document link to an id that does not exist (Typst would stop)
    points at its item instead, or keeps its text only."""
    ids = _ids(tree["blocks"], set())

    def clean(node: object) -> object:
        if isinstance(node, list):
            out: list[object] = []
            for x in node:
                if isinstance(x, dict) and x.get("t") in _LEAVES:
                    out.append(x)
                    continue
                if isinstance(x, dict) and x.get("t") in ("RawBlock", "RawInline"):
                    continue
                if isinstance(x, dict) and x.get("t") == "Image":
                    out.extend(clean(x["c"][1]))  # type: ignore[arg-type]
                    continue
                if isinstance(x, dict) and x.get("t") == "Link" and x["c"][2][0].startswith("#"):
                    target = x["c"][2][0][1:]
                    if target not in ids:
                        item = target.partition("--")[0]
                        if item not in ids:
                            out.extend(clean(x["c"][1]))  # type: ignore[arg-type]
                            continue
                        x["c"][2][0] = "#" + item
                out.append(clean(x))
            return out
        if isinstance(node, dict) and "c" in node:
            node["c"] = clean(node["c"])  # in place: the tree is this function's to change
        return node

    tree["blocks"] = clean(tree["blocks"])
    return tree


def written(document: str | Path, workdir: Path) -> Path:
    """The document as a file the writers read (a string is written to workdir/handbook.json)."""
    if isinstance(document, Path):
        return document
    path = workdir / "handbook.json"
    path.write_text(document, encoding="utf-8")
    return path


def typst_source(document: Path, workdir: Path) -> Pandoc:
    """Start pandoc's Typst writer: workdir/handbook.typ, with the watermark beside it."""
    from .watermark import watermark_svg

    watermark_svg(workdir / "watermark.svg")
    return Pandoc(document, "typst", workdir / "handbook.typ",
                  ["--wrap=none", "--template", str(TEMPLATES / "template.typ")])


def typeset(workdir: Path, date: str) -> tuple[bytes, list[str]]:
    """Typst, in this process, on workdir/handbook.typ: the PDF bytes and the labels of every heading in it."""
    import typst

    source = workdir / "handbook.typ"
    compiler = typst.Compiler(source, root=workdir)
    try:
        data, warnings = compiler.compile_with_warnings(format="pdf", timestamp=epoch(date))
        labels = compiler.query("heading", field="label", format="json")
    except typst.TypstError as exc:
        raise RenderError(f"Typst 排版失败：{_explain(exc)}（排版源文件：{source}）") from exc
    if warnings:
        raise RenderError("Typst 排版时发出警告，为避免内容缺失或显示错误，已停止生成：\n"
                          + "\n".join(_explain(w) for w in warnings))
    if not isinstance(data, bytes):
        raise RenderError("Typst 没有生成 PDF。请把此信息报告给维护者。")
    return data, [str(x) for x in json.loads(labels) if x]


def pdf(document: str | Path, workdir: Path, date: str) -> tuple[bytes, list[str]]:
    """The PDF bytes and the labels of every heading in it."""
    with typst_source(written(document, workdir), workdir) as job:
        job.finish()
    return typeset(workdir, date)


def _explain(diag: BaseException) -> str:
    message = getattr(diag, "message", None) or str(diag)
    hints = getattr(diag, "hints", None) or []
    return str(message) + "".join(f"；提示：{h}" for h in hints)


def start_docx(document: Path, out: Path, date: str, reference: Path) -> Pandoc:
    # The contents page is a field that filter.lua places after the edition block (not --toc).
    return Pandoc(document, "docx", out, [f"--reference-doc={reference}"], date=date)


def start_epub(document: Path, out: Path, date: str) -> Pandoc:
    """Start the EPUB writer; `chapter_titles` finishes the file once it is written."""
    # dc:date must be ISO 8601 (the title page shows the Chinese date from `date`).
    return Pandoc(document, "epub3", out, ["--toc", "--toc-depth=2", "--split-level=1", f"--css={TEMPLATES / 'epub.css'}",
                                           f"--metadata=date:{date}", "--metadata=toc-title:目录"], date=date)


def docx(document: str | Path, out: Path, date: str, reference: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp, start_docx(written(document, Path(tmp)), out, date, reference) as job:
        job.finish()


def epub(document: str | Path, out: Path, date: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, start_epub(written(document, Path(tmp)), out, date) as job:
        job.finish()
    chapter_titles(out)


_FIRST_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.S)
_TITLE = re.compile(r"<title>[^<]*</title>")
_TAGS = re.compile(r"<[^>]+>")


def chapter_titles(epub: Path) -> None:
    """Pandoc titles each chapter file by its name (ch004.xhtml), which reading systems show and
    read aloud; give each the text of its first heading. Entries keep their order, dates and
    compression (the mimetype entry stays first and stored)."""
    import zipfile

    with zipfile.ZipFile(epub) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(epub, "w") as dst:
        for info, data in entries:
            if info.filename.startswith("EPUB/text/ch") and info.filename.endswith(".xhtml"):
                text = data.decode("utf-8")
                heading = _FIRST_HEADING.search(text)
                if heading:
                    old = _TITLE.search(text)
                    if old:
                        title = " ".join(_TAGS.sub("", heading.group(1)).split())
                        text = f"{text[:old.start()]}<title>{title}</title>{text[old.end():]}"
                data = text.encode("utf-8")
            dst.writestr(info, data)
