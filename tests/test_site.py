"""The website build: pages, GitHub-faithful bodies, sanitising, editions, completeness, search self-test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from guideline import validate
from guideline.model import Case
from guideline.render import BuildInfo, RenderError
from guideline.site import build_site, verify
from guideline.site.body import body_markdown, md_text
from guideline.site.sanitise import sanitise
from site_helpers import site_corpus

ITEM_ID = re.compile(r'id="((?:procedure|checklist|case|note|term|org|chapter)-[^"]+)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site test corpus built once per edition through the real CLI."""
    root = site_corpus(tmp_path_factory.mktemp("site") / "repo")
    outs = {}
    for edition in ("preview", "published"):
        out = root / f"build-{edition}"
        result = run_cli(root, "build", "--site", "--edition", edition, "--out", str(out))
        assert result.code == 0, result.err
        assert f"网站已生成：{out / 'site' / 'index.html'}" in result.err
        outs[edition] = out
    return outs


def read(out: Path, page: str) -> str:
    return (out / "site" / page).read_text(encoding="utf-8")


def item_ids(site: Path) -> set[tuple[str, str]]:
    return {(f.relative_to(site).as_posix(), m) for f in site.rglob("*.html") for m in ITEM_ID.findall(f.read_text(encoding="utf-8"))}


# --- sanitiser ---------------------------------------------------------------
@pytest.mark.parametrize("dirty, clean", [
    ("<p>甲<script>alert(1)</script>乙</p>", "<p>甲乙</p>"),
    ('<p onclick="steal()" onmouseover="x()">文字</p>', "<p>文字</p>"),
    ('<a href="javascript:alert(1)">点我</a>', '<a rel="noopener noreferrer">点我</a>'),
    ('<a href="JaVaScRiPt&colon;alert(1)">点我</a>', '<a rel="noopener noreferrer">点我</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">点我</a>', '<a rel="noopener noreferrer">点我</a>'),
    ("<p>看得见<!-- 看不见的批注 -->的</p>", "<p>看得见的</p>"),
    ('<img src="https://example.org/x.png" onerror="x()">', ""),
    ('<iframe src="https://example.org"></iframe>', ""),
    ('<div class="admonition warning md-evil" style="position:fixed"><p class="admonition-title">警告</p></div>',
     '<div class="admonition warning"><p class="admonition-title">警告</p></div>'),
    ('<table><tr><td style="text-align:right;background:url(x)">1</td></tr></table>',
     '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'),
])
def test_sanitiser_removes_active_content(dirty: str, clean: str) -> None:
    assert sanitise(dirty) == clean


def test_sanitiser_keeps_safe_links() -> None:
    assert sanitise('<a href="../a.html#x">甲</a><a href="https://example.org">乙</a>') == (
        '<a href="../a.html#x" rel="noopener noreferrer">甲</a><a href="https://example.org" rel="noopener noreferrer">乙</a>')


def test_body_never_passes_raw_html_or_markdown_syntax_through() -> None:
    md = body_markdown('甲<script>alert(1)</script>\n\n[点](javascript:alert(1))\n\n<!-- x -->\n', "cases/a/b.md", "cases/a/b.md", {})
    assert "<script" not in md and 'href="javascript' not in md and "<!--" not in md
    assert md_text("标题 {: onclick=x} [链接](x) <b>") == r"标题 \{: onclick=x\} \[链接\]\(x\) &lt;b&gt;"


# --- the built site ----------------------------------------------------------
def test_two_space_nested_list_and_table_render_as_on_github(built: dict[str, Path]) -> None:
    page = read(built["preview"], "chapters/01-basics/door-knock.html")
    note = page[page.index('id="note-beta-demo-door-knock"'):]
    assert re.search(r"<li>轻敲三下，等候片刻\s*<ul>\s*<li>没有回应时再敲一次</li>", note)
    assert re.search(r"<table>\s*<thead>\s*<tr>\s*<th>情形</th>", note)
    assert re.search(r"<div class=\"admonition tip\">\s*<p class=\"admonition-title\">提示</p>", note)


def test_links_between_sources_point_at_generated_pages(built: dict[str, Path]) -> None:
    page = read(built["preview"], "chapters/01-basics/door-knock.html")
    assert 'href="visit-prep.html#%E6%93%8D%E4%BD%9C%E6%AD%A5%E9%AA%A4"' in page
    assert 'href="../../cases/alpha-demo/alpha-living-alone.html"' in page
    assert ".md" not in "".join(re.findall(r'href="([^"]*)"', page))


def test_procedure_page(built: dict[str, Path]) -> None:
    page = read(built["preview"], "chapters/01-basics/visit-prep.html")
    assert '<h1 id="procedure-visit-prep">1.1 入户前准备' in page
    assert '<p class="admonition-title">核对清单</p>' in page and "task-list-item" in page
    assert "来自阿尔法示例社工中心（虚构）的实务经验：出发前的三分钟核对" in page
    assert '<a href="../02-visits/fall-response.html">2.1 跌倒应对</a>' in page  # related, named by fall-response only
    assert '<a href="../../cases/beta-demo/beta-fall-at-night.html">夜间跌倒之后</a>' in page
    case = read(built["preview"], "cases/beta-demo/beta-fall-at-night.html")
    assert '<a href="../../chapters/01-basics/visit-prep.html">1.1 入户前准备</a>' in case
    assert '<p class="admonition-title">示例案例</p>' in case and "2025 年 3 月" in case


def test_home_checklists_glossary_partners(built: dict[str, Path]) -> None:
    home = read(built["preview"], "index.html")
    assert "预览版（征求意见稿）" in home and 'href="checklists/index.html"' in home
    assert 'href="chapters/02-visits/fall-response.html"' in home  # emergency procedure quick link
    assert "正式版（只含已审定内容）" in read(built["published"], "index.html")
    assert "@media print" in read(built["preview"], "assets/site.css")
    assert 'id="checklist-visit-prep"' in read(built["preview"], "checklists/visit-prep.html")
    glossary = read(built["preview"], "glossary/index.html")
    assert "不推荐：「老年痴呆」。带有污名。（请改用「认知障碍」）" in glossary
    partners = read(built["preview"], "partners/index.html")
    assert 'id="org-beta-demo"' in partners and 'href="../chapters/01-basics/door-knock.html#note-beta-demo-door-knock"' in partners


def test_draft_banner_only_in_preview(built: dict[str, Path]) -> None:
    draft = read(built["preview"], "chapters/02-visits/fall-response.html")
    assert '<p class="admonition-title">征求意见稿</p>' in draft and "当前状态：草稿" in draft
    assert '<p class="admonition-title">征求意见稿</p>' not in read(built["preview"], "chapters/01-basics/visit-prep.html")
    assert not (built["published"] / "site/chapters/02-visits/fall-response.html").exists()


def test_editions_differ_exactly_by_non_approved_items(built: dict[str, Path]) -> None:
    preview, published = item_ids(built["preview"] / "site"), item_ids(built["published"] / "site")
    assert published < preview
    assert {i for _, i in preview - published} == {"procedure-fall-response", "checklist-fall-response", "case-alpha-draft-visit"}


def test_site_loads_nothing_from_outside(built: dict[str, Path]) -> None:
    for f in (built["preview"] / "site").rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text), f
        assert "fonts.googleapis" not in text and "unpkg.com" not in text


def test_completeness_check_fails_loudly(built: dict[str, Path]) -> None:
    report = validate.run(built["preview"].parent, use_cache=False)
    assert report.corpus is not None
    corpus = report.corpus
    ghost = corpus.cases["alpha-living-alone"]
    corpus.cases["ghost-case"] = Case(ghost.source, "ghost-case", ghost.title, ghost.status, org="alpha-demo")
    with pytest.raises(RenderError, match=r"^网站不完整：1 项通过检查的内容没有出现在网站中（案例 ghost-case）。"):
        verify.completeness(corpus, built["preview"] / "site")


def test_search_self_test_checks_what_a_reader_finds(built: dict[str, Path], tmp_path: Path) -> None:
    report = validate.run(built["preview"].parent, use_cache=False)
    assert report.corpus is not None
    verify.search(report.corpus, built["preview"] / "site")  # the real index passes
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    index = json.loads(read(built["preview"], "search/search_index.json"))
    for doc in index["docs"]:  # words cut apart in the stored text (as Material's index did) are not found
        doc["text"] = doc["text"].replace("认知障碍", "认知\u200b障碍")
        doc["title"] = doc["title"].replace("认知障碍", "认知\u200b障碍")
    (site / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(RenderError, match=r"^中文搜索自检失败：搜索「认知障碍」找不到对应页面。"):
        verify.search(report.corpus, site)


def test_search_index_is_plain_text_with_the_glossary_synonyms(built: dict[str, Path]) -> None:
    raw = read(built["preview"], "search/search_index.json")
    assert "\u200b" not in raw and raw.count("\\u") == 1  # real UTF-8: the one escape is in the separator
    index = json.loads(raw)
    assert index["config"]["synonyms"]["老年痴呆"] == ["认知障碍"]
    assert "<p>" not in raw and not any(d["location"].startswith("checklists/") for d in index["docs"])


def test_real_repository_content(tmp_path: Path) -> None:
    report = validate.run(REPO, use_cache=False)
    assert report.ok and report.corpus is not None, "the shipped content must validate (see test_shipped_content.py)"
    build_site(report.corpus, BuildInfo("preview", "test", "2026-01-01"), tmp_path)
    assert (tmp_path / "site" / "index.html").is_file()


# --- downloads -----------------------------------------------------------------
def test_offline_zip_holds_the_whole_site(built: dict[str, Path]) -> None:
    import zipfile

    site = built["preview"] / "site"
    with zipfile.ZipFile(site / "download" / "guideline-offline.zip") as archive:
        names = set(archive.namelist())
    expected = {"guideline/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                if p.is_file() and p.name != "guideline-offline.zip" and p.suffix != ".map"}
    assert names == expected and "guideline/index.html" in names
    assert 'href="download/guideline-offline.zip"' in read(built["preview"], "index.html")
    assert "download/handbook.pdf" not in read(built["preview"], "index.html")  # --site only: no handbook


def test_full_build_offers_the_handbook_and_is_reproducible(tmp_path: Path) -> None:
    root = site_corpus(tmp_path / "repo")
    zips = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert run_cli(root, "build", "--out", str(out)).code == 0
        download = out / "site" / "download"
        assert (download / "handbook.pdf").read_bytes() == (out / "handbook" / "handbook.pdf").read_bytes()
        assert 'href="download/handbook.pdf"' in read(out, "index.html")
        zips.append((download / "guideline-offline.zip").read_bytes())
    assert zips[0] == zips[1]
