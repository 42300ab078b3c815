"""Bytes to text: strict UTF-8 (BOM and CRLF tolerated), anything else a located finding."""

from __future__ import annotations

import re
import unicodedata

from ..catalogue import make
from ..findings import Finding

# Characters that change what a reviewer sees without being visible themselves: C0 and C1
# controls (CR only survives as a YAML escape), bidirectional marks, zero-width characters and
# the Unicode line separators. Raw text and every parsed YAML string (escapes such as "\u0001")
# are checked against the same set.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2028\u2029\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def _guess(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 10:
        return "UTF-16"
    try:
        data.decode("gb18030")
        return "GBK/GB18030"
    except UnicodeDecodeError:
        return "未知编码"


def decode(data: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Return the text with LF line endings, or None and a finding saying how to re-save."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess(data)
        line = 1 if guess == "UTF-16" else data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start:exc.start].decode("utf-8", "replace")) + 1
        return None, [make("encoding/not-utf8", path, line, column, guess=guess, at=line)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, control_chars(text, path)


def control_chars(text: str, path: str) -> list[Finding]:
    found = []
    for m in INVISIBLE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        found.append(control_char(m.group(), path, line, column))
    return found


def control_char(ch: str, path: str, line: int, column: int) -> Finding:
    return make("encoding/control-char", path, line, column, char=f"U+{ord(ch):04X}", name=unicodedata.name(ch, "控制字符"))
