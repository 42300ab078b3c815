"""One dialect on both renderers: the defects of issue 13 and the body points of issue 19."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import write
from guideline import validate
from guideline.checks import emphasis
from guideline.handbook import body, typeset
from guideline.site.body import body_markdown

NOTE = "guideline/notes/alpha-demo/visit-prep.md"


def site(markdown: str, shift: int = 1) -> str:
    import markdown as pymd
    from pymdownx.slugs import slugify

    md = pymd.Markdown(extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"],
                       extension_configs={"toc": {"slugify": slugify(case="lower")}})
    html: str = md.convert(body_markdown(markdown, NOTE, "a/b.md", {}, shift))
    return html


def tree(markdown: str, prefix: str = "note-x") -> str:
    return json.dumps(body.blocks(markdown, NOTE, prefix, {}), ensure_ascii=False)


def epub(tmp_path: Path, *bodies: str) -> str:
    blocks = [body.el("Div", [["", ["body"], [["shift", "1"]]], body.blocks(b, NOTE, f"item{i}", {})])
              for i, b in enumerate(bodies)]
    doc = typeset.safe({"pandoc-api-version": [1, 23, 1, 1], "meta": {}, "blocks": blocks})
    typeset.epub(json.dumps(doc, ensure_ascii=False), tmp_path / "t.epub", "2026-01-01")
    with zipfile.ZipFile(tmp_path / "t.epub") as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml"))


# --- site --------------------------------------------------------------------
def test_site_headings_keep_inline_markup_and_lines() -> None:
    html = site("## **第一步**：敲门 `代码` [链接](https://example.org)\n\nFoo\nBar\n---\n\n> # 引用里的标题\n")
    assert re.search(r"<h3 id=\"[^\"]+\"><strong>第一步</strong>：敲门 <code>代码</code> <a href=\"https://example.org\"", html)
    assert "<h3 id=\"foo-bar\">Foo Bar</h3>" in html
    assert "<blockquote>\n<h2>引用里的标题</h2>" in html


def test_site_code_keeps_tabs_blank_lines_and_language() -> None:
    html = site("```python\n\tx = 1\n   \n\ty = 2\n```\n")
    assert '<code class="language-python">&#9;x = 1&#10;   &#10;&#9;y = 2&#10;</code>' in html


def test_callouts_are_parsed_not_pattern_matched() -> None:
    md = "```\n> [!NOTE]\n> 代码里的示例\n```\n\n- 第一项\n  > [!WARNING]\n  > 先[敲门][k]\n  懒惰的续行\n- 第二项\n\n[k]: https://example.org\n"
    html = site(md)
    assert "&gt; [!NOTE]" in html and "gl-callout" not in html
    assert re.search(r"<li>第一项\s*<div class=\"admonition warning\">\s*<p class=\"admonition-title\">警告</p>\s*"
                     r"<p>先<a href=\"https://example.org\"[^>]*>敲门</a>懒惰的续行</p>\s*</div>\s*</li>\s*<li>第二项</li>", html)
    handbook = tree(md)
    assert '"callout"' in handbook and "懒惰的续行" in handbook and "[!NOTE]" in handbook


def test_gfm_extensions_on_both_renderers() -> None:
    md = "见 www.example.org\n\n- [x] 已带证件\n- [ ] 已告知家属\n\n说明[^1]\n\n[^1]: 脚注内容\n"
    html = site(md)
    assert '<a href="http://www.example.org"' in html
    assert html.count('type="checkbox"') == 2 and "checked" in html
    assert 'class="footnote-ref"' in html and "脚注内容" in html
    handbook = tree(md)
    assert '"http://www.example.org"' in handbook and "☑" in handbook and "□" in handbook
    assert '"Note"' in handbook and "脚注内容" in handbook


def test_soft_line_breaks_join_chinese_lines_alike() -> None:
    md = "（1）先敲门。\n（2）再自我介绍。\nthen English\nwords\n"
    assert "（1）先敲门。（2）再自我介绍。\nthen English\nwords" in site(md)
    handbook = tree(md)
    assert '"（1）先敲门。"}, {"t": "Str", "c": "（2）再自我介绍。"}, {"t": "SoftBreak"}' in handbook


# --- handbook ----------------------------------------------------------------
def test_bodies_are_converted_on_their_own(tmp_path: Path) -> None:
    pages = epub(tmp_path, "见[1]和[操作步骤](#操作步骤)。\n\n## 操作步骤\n\n甲", "[1]: https://evil.example\n\n## 操作步骤\n\n乙")
    assert "evil.example" not in pages  # B's definition does not turn A's [1] into a link
    assert re.search(r'href="[^"]*#item0--操作步骤"', pages) and 'id="item0--操作步骤"' in pages and 'id="item1--操作步骤"' in pages


def test_raw_formats_attributes_and_images_never_reach_a_writer(tmp_path: Path) -> None:
    bodies = ["```{=html5}\n<script>alert(1)</script>\n```\n", "`x`{=typst}\n\n```{=openxml}\n<w:fldSimple/>\n```\n",
              "[查看说明](https://example.org){\nonmouseover=\"alert(1)\"}\n", "![照片][g]\n\n[g]: http://example.org/a.png\n",
              "- [点](JaVaScRiPt:alert(1))\n\n> [引][j]\n\n[j]: javascript:alert(1)\n"]
    doc = "".join(tree(b) for b in bodies)
    assert '"t": "Raw' not in doc and '"t": "Image"' not in doc
    assert not re.search(r'"t": "Link"[^]]*\]\], \["\s*javascript', doc, re.I)  # javascript: stays inert text
    pages = epub(tmp_path, *bodies)
    assert "<script" not in pages and "<img" not in pages
    assert not re.search(r"<[^>]+\son\w+=", pages)  # the attribute block is inert text
    assert not re.search(r'href="\s*javascript', pages, re.I)
    assert "&lt;script&gt;" in pages and "照片" in pages


def test_sub_sup_kbd_survive_in_the_handbook(tmp_path: Path) -> None:
    pages = epub(tmp_path, "H<sub>2</sub>O，第 1<sup>st</sup>，按 <kbd>Ctrl</kbd>，换<br>行")
    assert "<sub>2</sub>" in pages and "<sup>st</sup>" in pages and "<kbd>Ctrl</kbd>" in pages and "<br />" in pages


def test_unknown_anchors_and_odd_fences_do_not_stop_typst(tmp_path: Path) -> None:
    doc = typeset.safe({"pandoc-api-version": [1, 23, 1, 1], "meta": {k: {"t": "MetaString", "c": v} for k, v in
                        (("title", "t"), ("year", "2026"), ("month", "1"), ("day", "1"))},
                        "blocks": body.blocks("[空]() [无](#不存在) [外](other.md#x)\n\n```c++\nint x;\n```\n", NOTE, "p", {})})
    typeset.pdf(json.dumps(doc, ensure_ascii=False), tmp_path, "2026-01-01")


# --- validate ------------------------------------------------------------------
HEAD = "---\nprocedure: visit-prep\norg: alpha-demo\ntitle: 出发前的三分钟核对\nstatus: approved\n---\n"
CASES = [
    ("```{=typst}\n#show \"120\": \"999\"\n```", "html/raw-format", 1),
    ("[查看说明](https://example.org){\nonmouseover=\"alert(1)\"}", "html/attr-list", 28),
    ("![照片][g]\n\n[g]: http://example.org/a.png", "html/image", 1),
    ("见[相关表格]()。", "link/empty", 9),
    ("见[上文](#不存在的标题)。", "link/anchor", 7),
    ("拨打 [电话](tel:120)。", "link/scheme", 9),
    ("- [点][j]\n\n  [j]: JaVaScRiPt:alert(1)", "html/unsafe-link", 8, 10),
    ("**注意：**先敲门", "typography/emphasis-hazard", 1),
    ("这是**“引号内”**的话", "typography/emphasis-hazard", 3),
    ("先**敲门，**再", "typography/emphasis-hazard", 2),
    ("表情 😀 不能印", "font/missing-glyph", 4),
]


@pytest.mark.parametrize("case", CASES)
def test_validate_locates_each_hazard(corpus: Path, case: tuple[str, str, int] | tuple[str, str, int, int]) -> None:
    text, code, column, line = (*case, 8)[:4]
    write(corpus, NOTE, HEAD + "\n" + text + "\n")
    found = [(f.code, f.line, f.column) for f in validate.run(corpus, use_cache=False).findings if f.path == NOTE]
    assert (code, line, column) in found


def test_fix_rewrites_emphasis_to_a_form_that_renders() -> None:
    assert emphasis.fix("**注意：**先敲门；这是**“引号内”**的话；先**敲门，**再") == \
        "**注意**：先敲门；这是“**引号内**”的话；先**敲门**，再"
    html = site("**注意**：先敲门")
    assert "<strong>注意</strong>：先敲门" in html
