"""One Markdown document to PDF (pandoc -> Typst -> typst), DOCX and EPUB (pandoc).

Everything is pinned to the commit date, so two builds of one commit are identical.
Typst warnings are errors here: a warning is how Typst reports what it could not do.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..render import RenderError, WarningCollector
from .document import INPUT_FORMAT, TEMPLATES

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


def pandoc(markdown: str, to: str, outputfile: Path | None = None, extra: list[str] | None = None) -> str:
    """Convert with pypandoc; pandoc's warnings (a missing image, say) are errors too."""
    import pypandoc

    args = ["--lua-filter", FILTER, *(extra or [])]
    logger, collect = logging.getLogger("pypandoc"), WarningCollector()
    # pypandoc prints pandoc's stderr through its own console handler; collect it instead.
    handlers, logger.handlers = logger.handlers, [collect]
    propagate, logger.propagate = logger.propagate, False
    try:
        result = str(pypandoc.convert_text(markdown, to, format=INPUT_FORMAT, extra_args=args,
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


def pdf(markdown: str, workdir: Path, date: str) -> tuple[bytes, list[str]]:
    """The PDF bytes and the labels of every heading in it."""
    import typst

    from .watermark import watermark_svg

    watermark_svg(workdir / "watermark.svg")
    source = workdir / "handbook.typ"
    source.write_text(pandoc(markdown, "typst", extra=["--wrap=none", "--template", str(TEMPLATES / "template.typ")]), encoding="utf-8")
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
    import json

    return data, [str(x) for x in json.loads(labels) if x]


def _explain(diag: BaseException) -> str:
    message = getattr(diag, "message", None) or str(diag)
    hints = getattr(diag, "hints", None) or []
    return str(message) + "".join(f"；提示：{h}" for h in hints)


def docx(markdown: str, out: Path, date: str, reference: Path) -> None:
    with source_date(date):
        # The contents page is a field that filter.lua places after the edition block (not --toc).
        pandoc(markdown, "docx", out, [f"--reference-doc={reference}"])


def epub(markdown: str, out: Path, date: str) -> None:
    # dc:date must be ISO 8601 (the title page shows the Chinese date from `date`).
    with source_date(date):
        pandoc(markdown, "epub3", out, ["--toc", "--toc-depth=2", "--split-level=1", f"--css={TEMPLATES / 'epub.css'}",
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
                    title = " ".join(_TAGS.sub("", heading.group(1)).split())
                    text = _TITLE.sub(lambda _: f"<title>{title}</title>", text, count=1)
                data = text.encode("utf-8")
            dst.writestr(info, data)
