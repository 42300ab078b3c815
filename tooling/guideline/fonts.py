"""The handbook's fonts: present on this machine, and covering every character used.

Typst is told to use only these fonts (no fallback to whatever else is installed), so
the PDF looks the same on every machine; this module makes sure that can never
produce tofu: a character no font has fails the build, with its file and line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import unicodedata
from pathlib import Path

from .model import Corpus
from .render import RenderError

TEXT_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")
"""Body text and headings; every character must be in both (headings, meta lines and
callout titles use the sans face, body text the serif)."""
INSTALL_HINT = "请安装 Debian 的 fonts-noto-cjk 软件包（以 root 运行 `apt-get install fonts-noto-cjk`，或运行 `make setup`），然后重新生成"
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts")


def _cache_file() -> Path:
    """Where the fonts found and the code points they cover are kept between runs: asking Typst for
    every system font and reading two CJK cmaps costs seconds, and `validate` needs the answer for
    almost every body (curly quotes and dashes are outside the always-covered ranges). The key is
    the mtime of every font folder, so installing or removing a font starts afresh."""
    digest = hashlib.sha256("|".join(TEXT_FONTS).encode())
    for top in FONT_DIRS:
        for folder, _dirs, _files in os.walk(top):
            digest.update(f"{folder}:{os.stat(folder).st_mtime_ns}".encode())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "guideline"
    return base / f"fonts-{digest.hexdigest()[:20]}.json"


@functools.lru_cache(maxsize=1)
def _fonts() -> tuple[dict[str, dict[int, tuple[str, int]]], frozenset[int]]:
    cache = _cache_file()
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        faces = {f: {int(w): (str(p), int(i)) for w, (p, i) in ws.items()} for f, ws in stored["faces"].items()}
        return faces, frozenset(c for lo, hi in stored["covered"] for c in range(lo, hi + 1))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or an unreadable one: find the fonts again
    faces = find_faces(TEXT_FONTS)
    have = _read_coverage(faces)
    ranges: list[list[int]] = []
    for c in sorted(have):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"faces": faces, "covered": ranges}), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home only makes the next run slower
    return faces, have


def find_faces(families: tuple[str, ...]) -> dict[str, dict[int, tuple[str, int]]]:
    """family -> weight (400, 700) -> (file, index in collection); a missing face is an error."""
    import typst

    faces: dict[str, dict[int, tuple[str, int]]] = {f: {} for f in families}
    for info in typst.Fonts(include_system_fonts=True, include_embedded_fonts=True).fonts():
        if info.family in faces and info.path and info.style == "normal" and info.weight in (400, 700):
            faces[info.family].setdefault(info.weight, (info.path, info.index))
    for family in families:
        if set(faces[family]) != {400, 700}:
            raise RenderError(f"找不到字体「{family}」的常规体和粗体，无法生成手册。{INSTALL_HINT}。")
    return faces


def _read_coverage(faces: dict[str, dict[int, tuple[str, int]]]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    sets: list[set[int]] = []
    for found in faces.values():
        for path, index in found.values():
            font = TTFont(path, fontNumber=index, lazy=True) if path.endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
            sets.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*sets))


def font_faces() -> dict[str, dict[int, tuple[str, int]]]:
    """family -> weight (400, 700) -> (file, index in collection) of the handbook's fonts."""
    return _fonts()[0]


def covered() -> frozenset[int]:
    """Code points that every face of the handbook's fonts can show."""
    return _fonts()[1]


def needs_glyph(ch: str) -> bool:
    # Spaces, controls and format characters (ZWSP, joiners) are laid out, not drawn;
    # variation selectors are consumed by shaping.
    return unicodedata.category(ch) not in _INVISIBLE and not 0xFE00 <= ord(ch) <= 0xFE0F \
        and not 0xE0100 <= ord(ch) <= 0xE01EF


def check_coverage(document: str, corpus: Corpus) -> None:
    """Fail with the character, its code point and where it was written if no font has it."""
    have = covered()
    missing = sorted({ch for ch in set(document) if ord(ch) not in have and needs_glyph(ch)})
    if not missing:
        return
    lines = [f"字符「{ch}」（U+{ord(ch):04X}）{_where(ch, corpus)}" for ch in missing[:20]]
    more = f"\n另有 {len(missing) - 20} 个字符也无法显示。" if len(missing) > 20 else ""
    raise RenderError(
        f"手册所用字体（{'、'.join(TEXT_FONTS)}）没有下列字符，排印出来会是空白方块：\n"
        + "\n".join(lines) + more
        + "\n请改用常用字或用文字说明（例如生僻字写成“上山下水”的拆字说明），或删去私用区、表情等特殊字符；"
          "若确需此字，请维护者安装含有此字的字体并把它加入 tooling/guideline/fonts.py 的字体列表。"
    )


def _where(ch: str, corpus: Corpus) -> str:
    """The first file and line where a character occurs (reads the file: Source keeps no raw text)."""
    for path in sorted(corpus.sources):
        file = Path(corpus.root) / path
        try:
            text = file.read_text(encoding="utf-8-sig")
        except OSError:
            continue
        at = text.find(ch)
        if at >= 0:
            return f"出现在 {path} 第 {text.count(chr(10), 0, at) + 1} 行"
    return "出现在手册的固定文字中"
