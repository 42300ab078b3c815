"""Bytes to text: strict UTF-8 (BOM and CRLF tolerated), anything else a located finding."""

from __future__ import annotations

import re
import unicodedata

from ..catalogue import make
from ..findings import Finding

# Characters that change what a reviewer sees without being visible themselves. U+0085,
# U+2028 and U+2029 are line breaks to YAML but not to Git, editors or Markdown.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
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
    for m in _INVISIBLE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        ch = m.group()
        name = unicodedata.name(ch, "控制字符")
        found.append(make("encoding/control-char", path, line, column, char=f"U+{ord(ch):04X}", name=name))
    return found
