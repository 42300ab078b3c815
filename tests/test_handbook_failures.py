"""The handbook fails loudly, saying how to fix it, rather than printing tofu or dropping text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, write
from guideline import fonts
from guideline.handbook import verify
from guideline.render import RenderError

TANGUT = "\U00017000"  # a real letter, but in no installed font


def test_character_outside_every_font_fails_the_build(corpus: Path, tmp_path: Path) -> None:
    path = corpus / "guideline/01-basics/door-knock.md"
    path.write_text(path.read_text(encoding="utf-8").replace("所有入户探访。", f"所有入户探访（{TANGUT}）。"), encoding="utf-8")
    out = tmp_path / "build"
    result = run_cli(corpus, "build", "--handbook", "--out", str(out))
    assert result.code == 1  # validate locates it before any build starts (font/missing-glyph)
    assert f"第 27 行第 8 列  错误  字符「{TANGUT}」（U+17000）在手册所用字体中没有" in result.err
    assert "请改用常用字或用文字说明" in result.err
    assert "Traceback" not in result.err
    assert not (out / "handbook").exists()  # nothing half-written


def test_private_use_character_in_a_case_fails(corpus: Path) -> None:
    path = corpus / "cases/beta-demo/beta-fall-at-night.md"
    path.write_text(path.read_text(encoding="utf-8").replace("需要定期探访。", "需要定期探访\ue000。"), encoding="utf-8")
    result = run_cli(corpus, "build", "--handbook", "--out", str(corpus / "out"))
    assert result.code == 1
    assert "cases/beta-demo/beta-fall-at-night.md\n  第 34 行" in result.err and "字符「\ue000」（U+E000）" in result.err


def test_missing_font_says_how_to_install_it() -> None:
    with pytest.raises(RenderError) as err:
        fonts.find_faces(("Noto Serif CJK ZZ",))
    assert str(err.value) == (
        "找不到字体「Noto Serif CJK ZZ」的常规体和粗体，无法生成手册。请安装 Debian 的 fonts-noto-cjk 软件包"
        "（以 root 运行 `apt-get install fonts-noto-cjk`，或运行 `make setup`），然后重新生成。"
    )


def test_invisible_characters_need_no_glyph() -> None:
    assert not fonts.needs_glyph("\u200b") and not fonts.needs_glyph("\ufe0f") and not fonts.needs_glyph("\u3000")
    assert fonts.needs_glyph("字") and fonts.needs_glyph(TANGUT)


def test_missing_title_is_reported() -> None:
    text = "1.1　入户前\n准备\n案例 1　独居的王大爷"  # pdftotext breaks lines anywhere
    assert verify.missing_titles(text, ["入户前准备", "跌倒应对"]) == ["跌倒应对"]
    with pytest.raises(RenderError) as err:
        verify.require("PDF", ["跌倒应对"])
    assert str(err.value).startswith("生成的PDF缺少 “跌倒应对”。")


def test_pdf_read_back_finds_titles_on_any_page(tmp_path: Path) -> None:
    """Bookmarked pages are read first; a title found on no bookmarked page is looked for on
    every page, and one split by a page break or by a word joiner still counts."""
    import typst

    source = tmp_path / "t.typ"
    source.write_text(
        '#set text(font: "Noto Serif CJK SC", lang: "zh")\n'
        "= 第一章\n== 入户前准备\n#pagebreak()\n不带书签的跌倒\n#pagebreak()\n应对\n#pagebreak()\n"
        "== 夜间\u2060探访\n", encoding="utf-8")
    pdf = tmp_path / "t.pdf"
    data = typst.compile(source)
    assert isinstance(data, bytes)
    pdf.write_bytes(data)
    titles = ["入户前准备", "不带书签的跌倒应对", "夜间探访", "夜间\u2060探访", "从未出现的标题"]
    assert verify.pdf_missing_titles(pdf, titles) == ["从未出现的标题"]


def test_unclosed_code_block_stays_inside_its_case(corpus: Path, tmp_path: Path) -> None:
    path = corpus / "cases/alpha-demo/alpha-living-alone.md"
    write(corpus, "cases/alpha-demo/alpha-living-alone.md",
          path.read_text(encoding="utf-8") + "\n```\n未闭合的代码块\n")
    result = run_cli(corpus, "build", "--handbook", "--out", str(tmp_path / "b"))
    # The build's own completeness check proves the next case kept its heading and title.
    assert result.code == 0, result.err
