"""The handbook document to PDF (pandoc -> Typst -> typst), DOCX and EPUB (pandoc).

`assemble` reads the frame once and puts each body's own syntax tree into it; the
three writers then read that one tree (pandoc JSON). Everything is pinned to the
commit date, so two builds of one commit are identical. Typst warnings are errors
here: a warning is how Typst reports what it could not do.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..render import RenderError, WarningCollector
from .body import Json
from .document import INPUT_FORMAT, TEMPLATES, Document

FILTER = str(TEMPLATES / "filter.lua")
# Pandoc ships no Chinese translations of its own few labels ("Abstract"); we supply every label.
_HARMLESS = re.compile(r"Could not load translations for zh|translations/zh\.yaml not found|has no translation defined")


def epoch(date: str) -> int:
    """Seconds since 1970 at midnight UTC of an ISO date."""
    return int(datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC).timestamp())


@contextlib.contextmanager
def source_date(date: str) -> Iterator[None]:
    """Pandoc stamps DOCX/EPUB with SOURCE_DATE_EPOCH when set, else with the clock."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch(date))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def assemble(doc: Document) -> str:
    """The whole handbook as pandoc JSON: the frame read once, each placeholder div filled with its
    body's tree, then made safe for every writer (see `safe`)."""
    tree = json.loads(pandoc(doc.markdown, "json", source_format=INPUT_FORMAT, filters=False))

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


def _ids(node: object, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if node.get("t") in ("Header", "Div", "Span") and isinstance(node.get("c"), list):
            attr = node["c"][1] if node["t"] == "Header" else node["c"][0]
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
        if isinstance(node, dict):
            return {k: clean(v) if k == "c" else v for k, v in node.items()}
        return node

    tree["blocks"] = clean(tree["blocks"])
    return tree


def pandoc(source: str, to: str, outputfile: Path | None = None, extra: list[str] | None = None,
           source_format: str = "json", filters: bool = True) -> str:
    """Convert with pypandoc; pandoc's warnings (a missing image, say) are errors too."""
    import pypandoc

    args = [*(["--lua-filter", FILTER] if filters else []), *(extra or [])]
    logger, collect = logging.getLogger("pypandoc"), WarningCollector()
    # pypandoc prints pandoc's stderr through its own console handler; collect it instead.
    handlers, logger.handlers = logger.handlers, [collect]
    propagate, logger.propagate = logger.propagate, False
    try:
        result = str(pypandoc.convert_text(source, to, format=source_format, extra_args=args,
                                           outputfile=str(outputfile) if outputfile else None))
    except (RuntimeError, OSError) as exc:
        raise RenderError(f"pandoc 转换为 {to} 失败：{exc}。请把此信息报告给维护者。") from exc
    finally:
        logger.handlers = handlers
        logger.propagate = propagate
    warnings = [m for m in collect.messages if not _HARMLESS.search(m)]
    if warnings:
        raise RenderError(f"pandoc 转换为 {to} 时发出警告，为避免内容缺失，已停止生成：\n" + "\n".join(warnings))
    return result


def pdf(document: str, workdir: Path, date: str) -> tuple[bytes, list[str]]:
    """The PDF bytes and the labels of every heading in it."""
    import typst

    from .watermark import watermark_svg

    watermark_svg(workdir / "watermark.svg")
    source = workdir / "handbook.typ"
    source.write_text(pandoc(document, "typst", extra=["--wrap=none", "--template", str(TEMPLATES / "template.typ")]), encoding="utf-8")
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


def _explain(diag: BaseException) -> str:
    message = getattr(diag, "message", None) or str(diag)
    hints = getattr(diag, "hints", None) or []
    return str(message) + "".join(f"；提示：{h}" for h in hints)


def docx(document: str, out: Path, date: str, reference: Path) -> None:
    with source_date(date):
        # The contents page is a field that filter.lua places after the edition block (not --toc).
        pandoc(document, "docx", out, [f"--reference-doc={reference}"])


def epub(document: str, out: Path, date: str) -> None:
    # dc:date must be ISO 8601 (the title page shows the Chinese date from `date`).
    with source_date(date):
        pandoc(document, "epub3", out, ["--toc", "--toc-depth=2", "--split-level=1", f"--css={TEMPLATES / 'epub.css'}",
                                        f"--metadata=date:{date}", "--metadata=toc-title:目录"])
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
