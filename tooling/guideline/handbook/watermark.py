"""The preview edition's 征求意见稿 watermark, as glyph outlines in an SVG.

Drawn as paths rather than text, so it never mixes into the text that readers copy
or that the build reads back (PDFium) to check completeness.
"""

from __future__ import annotations

from pathlib import Path

from ..fonts import font_faces

TEXT = "征求意见稿"


def watermark_svg(out: Path, text: str = TEXT) -> Path:
    """Write the outlines of `text` in Noto Sans CJK SC Bold as one SVG."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    path, index = font_faces()["Noto Sans CJK SC"][700]
    font = TTFont(path, fontNumber=index, lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    upm = font["head"].unitsPerEm
    pen = SVGPathPen(glyphs)
    x = 0
    for ch in text:
        name = cmap[ord(ch)]
        # Font units grow upwards, SVG units downwards: flip around the baseline.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, upm * 0.88)))
        x += glyphs[name].width
    out.write_text(
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {x} {upm}'>"
        f"<path fill='#c82828' fill-opacity='0.12' d='{pen.getCommands()}'/></svg>",
        encoding="utf-8",
    )
    return out
