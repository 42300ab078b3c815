"""The Word reference document: pandoc's default styles, set for a Chinese A5 handbook.

Pandoc takes page size, fonts and paragraph styles from a reference DOCX. Deriving it
from pandoc's own default keeps it in step with the pandoc version instead of
shipping a binary file; only the parts below are changed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
_FONTS = '<w:rFonts w:ascii="{0}" w:eastAsia="{0}" w:hAnsi="{0}" w:cs="{0}" />'
_THEME_FONTS = re.compile(r'<w:rFonts w:asciiTheme="(minor|major)HAnsi"\s+w:eastAsiaTheme="\w+"\s+w:hAnsiTheme="\w+"\s+w:cstheme="\w+"\s*/>')
_BORDER = '<w:{side} w:val="single" w:sz="{size}" w:space="4" w:color="{colour}" />'

# Paragraph styles that filter.lua names through pandoc's custom-style attribute.
_STYLES = {
    "Callout": ('<w:pBdr>' + _BORDER.format(side="left", size=18, colour="9A6700") + '</w:pBdr>'
                '<w:shd w:val="clear" w:color="auto" w:fill="FBF6E9" /><w:ind w:left="120" />', ""),
    "Checklist": ('<w:pBdr>' + "".join(_BORDER.format(side=s, size=8, colour="1F5F8B") for s in ("top", "left", "bottom", "right"))
                  + '</w:pBdr><w:spacing w:before="40" w:after="40" />', ""),
    "Draft": ('<w:pBdr>' + "".join(_BORDER.format(side=s, size=6, colour="C82828") for s in ("top", "left", "bottom", "right"))
              + '</w:pBdr>', '<w:color w:val="A01414" />'),
    "Meta": ('<w:spacing w:before="0" w:after="60" />', _FONTS.format(SANS) + '<w:color w:val="4D4D4D" /><w:sz w:val="16" />'),
    "Attribution": ('<w:jc w:val="right" />', _FONTS.format(SANS) + '<w:sz w:val="18" />'),
    "Cover": ('<w:spacing w:before="60" w:after="60" />', _FONTS.format(SANS)),
}


def _style(name: str, ppr: str, rpr: str) -> str:
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name}"><w:name w:val="{name}" />'
            f'<w:basedOn w:val="BodyText" /><w:qFormat /><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


def _styles(xml: str) -> str:
    xml = xml.replace('<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />',
                      '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA" />')
    xml = _THEME_FONTS.sub(lambda m: _FONTS.format(SERIF if m.group(1) == "minor" else SANS), xml)
    xml = xml.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="20" />\n        <w:szCs w:val="20" />', 1)
    borders = "".join(_BORDER.format(side=s, size=4, colour="737373") for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = xml.replace('<w:tblInd w:w="0" w:type="dxa" />', f'<w:tblInd w:w="0" w:type="dxa" /><w:tblBorders>{borders}</w:tblBorders>', 1)
    return xml.replace("</w:styles>", "".join(_style(n, p, r) for n, (p, r) in _STYLES.items()) + "</w:styles>")


def _document(xml: str) -> str:
    # A5 (148 x 210 mm) in twentieths of a point, the same page as the PDF.
    a5 = ('<w:sectPr><w:footnotePr><w:numRestart w:val="eachSect" /></w:footnotePr>'
          '<w:pgSz w:w="8391" w:h="11906" /><w:pgMar w:top="1134" w:right="794" w:bottom="1021" '
          'w:left="1021" w:header="567" w:footer="567" w:gutter="0" /></w:sectPr>')
    return re.sub(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\s*/>", a5, xml, count=1, flags=re.S) if "<w:sectPr" in xml \
        else xml.replace("</w:body>", a5 + "</w:body>")


def _settings(xml: str) -> str:
    """Word refreshes fields (the contents page, with page numbers) when it opens the file."""
    if "<w:updateFields" in xml:
        return xml
    return re.sub(r"(<w:settings\b[^>]*>)", r'\1<w:updateFields w:val="true" />', xml, count=1)


def reference_docx(default: bytes, out: Path) -> Path:
    """Write the handbook's reference DOCX, derived from pandoc's default one."""
    with zipfile.ZipFile(io.BytesIO(default)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/styles.xml":
                data = _styles(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/document.xml":
                data = _document(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/settings.xml":
                data = _settings(data.decode("utf-8")).encode("utf-8")
            # Pandoc copies some parts as they are, with their zip dates: pin them.
            dst.writestr(zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out

