"""One module per CLI command."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model import Corpus


def validated_corpus(root: Path, consequence: str) -> Corpus | None:
    """The corpus if it validates; otherwise print the findings and what that means, and return None."""
    from .. import validate
    from ..reporters import text

    report = validate.run(root)
    if report.ok and report.corpus is not None:
        return report.corpus
    text(report.findings, report.files, sys.stderr)
    sys.stderr.write(f"内容检查未通过，{consequence}\n")
    return None
