"""html/*: raw HTML, script, frames, event handlers, attribute lists, unsafe links, images."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from guideline import validate
from guideline.checks.html import unsafe_scheme

NOTE = "guideline/notes/alpha-demo/visit-prep.md"
HEAD = "---\nprocedure: visit-prep\norg: alpha-demo\ntitle: 出发前的三分钟核对\nstatus: approved\n---\n"
FIRST = 7  # first body line

# (body line, expected (code, column) findings on that line)
LINES = [
    ("表格里可以换行<br>，上标 H<sup>2</sup>，按 <kbd>Ctrl</kbd>。", []),
    ("<script>alert(1)</script>", [("html/script", 1)]),
    ("前文 <SCRIPT src=x></SCRIPT>", [("html/script", 4)]),
    ('<iframe src="https://example.org"></iframe>', [("html/iframe", 1)]),
    ('点 <a href="#" onclick="steal()">这里</a>', [("html/event-handler", 3)]),
    ('<img src=x onerror=alert(1)>', [("html/event-handler", 1)]),
    ("文字 <!-- 审阅者看不见 --> 文字", [("html/comment", 4)]),
    ("<div>隐藏</div>", [("html/raw", 1)]),
    ('<sup class="x">1</sup>', [("html/raw", 1)]),
    ("一段话{: onclick=\"x()\"}", [("html/attr-list", 4)]),
    ("## 小标题 {#id .cls onclick}", [("html/attr-list", 8)]),
    ("[点我](javascript:alert(1))", [("html/unsafe-link", 6)]),
    ("[点我](JaVaScRiPt:alert(1))", [("html/unsafe-link", 6)]),
    ("[点我](&#106;avascript:alert(1))", [("html/unsafe-link", 6)]),
    ("[点我](<java script:alert(1)>)", [("html/unsafe-link", 6)]),
    ("[点我](data:text/html;base64,PHNjcmlwdD4=)", [("html/unsafe-link", 6)]),
    ("[点我](file:///etc/passwd)", [("html/unsafe-link", 6)]),
    ("[点我](vbscript:msgbox)", [("html/unsafe-link", 6)]),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', [("html/unsafe-link", 1), ("html/raw", 1)]),
    ("<javascript:alert(1)>", [("html/unsafe-link", 2)]),
    ("普通链接 [网站](https://example.org) 和 `<script>` 代码。", []),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, int, int]]:
    import shutil

    from conftest import FIXTURE

    root = tmp_path_factory.mktemp("html") / "repo"
    shutil.copytree(FIXTURE, root)
    write(root, NOTE, HEAD + "\n\n".join(text for text, _ in LINES) + "\n")
    return [(f.code, f.line, f.column) for f in validate.run(root, use_cache=False).findings
            if f.path == NOTE and f.code.startswith("html/")]


@pytest.mark.parametrize("index", range(len(LINES)))
def test_line(found: list[tuple[str, int, int]], index: int) -> None:
    line = FIRST + 2 * index
    expected = sorted((code, line, col) for code, col in LINES[index][1])
    assert sorted(f for f in found if f[1] == line) == expected


@pytest.mark.parametrize("target", ["javascript:x", " JAVASCRIPT:x", "java\tscript:x", "&#x6A;avascript&colon;x",
                                    "java&#10;script:x", "%6Aavascript:x".replace("%6A", "j"), "DATA:text/html,x"])
def test_obfuscated_schemes(target: str) -> None:
    assert unsafe_scheme(target) is not None


@pytest.mark.parametrize("target", ["https://example.org", "mailto:a@example.org", "../02-visits/fall-response.md", "#目的"])
def test_safe_targets(target: str) -> None:
    assert unsafe_scheme(target) is None


def test_images_need_photo_consent_and_files_are_refused(corpus: Path) -> None:
    case = corpus / "cases/alpha-demo/alpha-living-alone.md"
    text = case.read_text(encoding="utf-8").replace("## 需求评估", "![老人在家](images/home.jpg)\n\n## 需求评估")
    case.write_text(text, encoding="utf-8")
    write(corpus, "cases/alpha-demo/images/home.jpg", b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00")
    found = {(f.code, f.path, f.line) for f in validate.run(corpus, use_cache=False).findings}
    path = "cases/alpha-demo/alpha-living-alone.md"
    assert ("html/image", path, 32) in found and ("html/image-consent", path, 32) in found
    assert ("file/unrecognised", "cases/alpha-demo/images/home.jpg", 1) in found
    case.write_text(text.replace("    - 网站\n", "    - 网站\n    - 照片\n"), encoding="utf-8")
    found = {(f.code, f.path, f.line) for f in validate.run(corpus, use_cache=False).findings}
    assert ("html/image", path, 33) in found and not any(c == "html/image-consent" for c, _p, _l in found)
