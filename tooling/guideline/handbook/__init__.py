"""The printable handbook: one pandoc document from the model, typeset as PDF
(pandoc -> Typst -> typst), DOCX and EPUB, then read back to prove nothing is missing.

The PDF takes longest (pandoc's Typst writer, then Typst in this process), so the DOCX
and EPUB writers run beside it, one after the other, as pandoc processes of their own.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import fonts
from ..model import Corpus
from ..render import BuildInfo, RenderError
from ..render.order import in_reading_order
from . import document, typeset, verify, word

NAME = "handbook"
"""Output file stem: build/handbook/handbook.pdf, .docx and .epub."""


def build_handbook(corpus: Corpus, info: BuildInfo, out: Path) -> None:
    """Write out/handbook.pdf, .docx and .epub, or raise RenderError saying what to fix."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = in_reading_order(corpus)
    expected = document.expected(corpus)
    titles = [title for _, title in expected.items]
    with tempfile.TemporaryDirectory(prefix="handbook-") as tmp:
        work = Path(tmp)
        source = _document(corpus, info, work)
        reference = word.reference_docx(_pandoc_default("reference.docx"), work / "reference.docx")
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=1) as pool:
            side = pool.submit(_word_and_epub, source, out, info.date, reference, titles, stop)
            try:
                with typeset.typst_source(source, work) as job:
                    job.finish()
                data, labels = typeset.typeset(work, info.date)
                (out / f"{NAME}.pdf").write_bytes(data)
                del data
                verify.require_headings(labels, expected.items)
                verify.require("PDF", verify.pdf_missing_titles(out / f"{NAME}.pdf", titles))
            except BaseException:
                stop.set()
                raise
            side.result()


def _word_and_epub(source: Path, out: Path, date: str, reference: Path, titles: list[str], stop: threading.Event) -> None:
    """The DOCX, then the EPUB, each read back; run beside the PDF. Stops before the next writer
    when the PDF failed (`stop`)."""
    docx, epub = out / f"{NAME}.docx", out / f"{NAME}.epub"
    with typeset.start_docx(source, docx, date, reference) as job:
        job.finish()
    verify.require("Word 文件", verify.missing_titles(verify.docx_text(docx), titles))
    if stop.is_set():
        return
    with typeset.start_epub(source, epub, date) as job:
        job.finish()
    typeset.chapter_titles(epub)
    verify.require("EPUB 文件", verify.missing_titles(verify.epub_text(epub), titles))


def _document(corpus: Corpus, info: BuildInfo, work: Path) -> Path:
    """The handbook as pandoc JSON in work/handbook.json, checked against the fonts; the
    model's Markdown and the trees are let go before Typst needs the memory."""
    doc = document.render(corpus, info)
    fonts.check_coverage(doc.text(), corpus)
    return typeset.written(typeset.assemble(doc), work)


def _pandoc_default(name: str) -> bytes:
    import pypandoc

    proc = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", name], capture_output=True)
    if proc.returncode != 0:
        raise RenderError(f"pandoc 无法提供默认的 {name}：{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout
