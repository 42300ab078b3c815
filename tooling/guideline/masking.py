"""One masking step: no finding shows a personal value, whatever check produced it.

Checks quote what they find (a heading, a link target, a reference value); any of those can
hold a phone number or a name. Before findings reach a reporter, each message and hint is
masked for every personal value detected anywhere in the finding's file, written with any
separators, and for any value the message itself holds (a decoded link target, say).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path

from .findings import Finding

# What canonical() drops between a value's characters: 139-1234-5678 and 139 1234 5678 are one value.
_SEPARATOR = re.compile(r"[\s\-()·.\u2014]")


def mask_findings(root: Path, findings: list[Finding]) -> list[Finding]:
    if not findings:  # and the detectors need not be imported
        return findings
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    out: list[Finding] = []
    for path, group in by_path.items():
        masker = _FileMasker(_file_values(root, path))
        for f in group:
            message, hint = masker.mask(f.message), masker.mask(f.hint)
            if message != f.message or hint != f.hint:
                f = dataclasses.replace(f, message=message, hint=hint)
            out.append(f)
    return out


def _file_values(root: Path, path: str) -> dict[str, str]:
    """canonical form -> masked form of every personal value in the file (front matter and body)."""
    from .checks.privacy_patterns import canonical, detect, masked

    try:
        data = (root / path).read_bytes()
    except OSError:
        return {}
    text = data.decode("utf-8", "replace")
    return {canonical(h.value): masked(h) for h in detect(text, exact_dates=path.startswith("cases/"))}


class _FileMasker:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.lengths = sorted({len(v) for v in values}, reverse=True)
        self.done: dict[str, str] = {}  # many findings share a message (a masked value, a template)

    def mask(self, text: str) -> str:
        if not text:
            return text
        if text not in self.done:
            self.done[text] = self._mask(text)
        return self.done[text]

    def _mask(self, text: str) -> str:
        from .checks.privacy_patterns import detect, masked

        spans = [(h.start, h.end, masked(h)) for h in detect(text)] + self._known(text)
        out, last = [], 0
        for start, end, shown in sorted(spans):
            if start >= last:
                out += [text[last:start], shown]
                last = end
        return "".join(out) + text[last:]

    def _known(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of text that hold one of the file's values, separators between characters ignored."""
        if not self.values:
            return []
        from .checks.privacy_patterns import normalise

        norm = normalise(text).lower()
        keep = [i for i, ch in enumerate(norm) if not _SEPARATOR.match(ch)]
        stream = "".join(norm[i] for i in keep)
        spans, i = [], 0
        while i < len(stream):
            for n in self.lengths:
                shown = self.values.get(stream[i:i + n])
                if shown is not None:
                    spans.append((keep[i], keep[i + n - 1] + 1, shown))
                    i += n
                    break
            else:
                i += 1
        return spans

