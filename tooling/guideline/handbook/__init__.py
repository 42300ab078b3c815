"""The printable handbook: one pandoc document from the model, typeset as PDF
(pandoc -> Typst -> typst), DOCX and EPUB, then read back to prove nothing is missing."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from .. import fonts
from ..model import Corpus
from ..render import BuildInfo, RenderError
from ..render.order import in_reading_order
from . import document, typeset, verify, word

NAME = "handbook"
"""Output file stem: build/handbook/handbook.pdf, .docx, .epub."""


def build_handbook(corpus: Corpus, info: BuildInfo, out: Path) -> None:
    """Write out/handbook.pdf, .docx and .epub, or raise RenderError saying what to fix."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = in_reading_order(corpus)
    doc = document.render(corpus, info)
    fonts.check_coverage(doc.text(), corpus)
    tree = typeset.assemble(doc)
    expected = document.expected(corpus)
    titles = [title for _, title in expected.items]
    with tempfile.TemporaryDirectory(prefix="handbook-") as tmp:
        work = Path(tmp)
        data, labels = typeset.pdf(tree, work, info.date)
        pdf = out / f"{NAME}.pdf"
        pdf.write_bytes(data)
        verify.require_headings(labels, expected.items)
        verify.require("PDF", verify.missing_titles(verify.pdf_text(pdf), titles))

        reference = word.reference_docx(_pandoc_default("reference.docx"), work / "reference.docx")
        typeset.docx(tree, out / f"{NAME}.docx", info.date, reference)
        verify.require("Word 文件", verify.missing_titles(verify.docx_text(out / f"{NAME}.docx"), titles))

        typeset.epub(tree, out / f"{NAME}.epub", info.date)
        verify.require("EPUB 文件", verify.missing_titles(verify.epub_text(out / f"{NAME}.epub"), titles))


def _pandoc_default(name: str) -> bytes:
    import pypandoc

    proc = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", name], capture_output=True)
    if proc.returncode != 0:
        raise RenderError(f"pandoc 无法提供默认的 {name}：{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout
