"""Security suite, second layer (issue 19): every vector in every contributor field, rendered
with `validate` out of the way, must come out as inert text in every output.

- 410 public XSS vectors (tests/data/xss/, MIT) plus the project's own Typst, LaTeX, OOXML,
  HTML, template and control-character vectors are batched into a few carrier items (an
  organisation, a case, a procedure, a practice note and a glossary term each); every
  plain field of a carrier holds its whole batch, every body holds it one vector a paragraph.
- The renderers run on that corpus directly, so each one is tested on its own (defence in
  depth); one build per output and corpus.
- Site: every page that shows a carrier is opened in Chromium with dialogs (alert, confirm,
  prompt), navigations and requests leaving the site recorded, the DOM scanned for handlers,
  unsafe URLs and scripts the theme does not have; Material's search is run too.
- EPUB XHTML and DOCX XML are parsed and scanned for scripts, handlers, unsafe or remote
  URLs and external fields (INCLUDEPICTURE, ...); the PDF for actions and unsafe links.
- The text of every other item in the PDF is the same as in a build whose carriers hold
  harmless text.
- Body vectors for the Markdown work of issue 13 (raw-format fences and attributes, attribute
  blocks across lines, reference definitions in containers, remote reference-style images)
  are a corpus of their own (one carrier), so a failure there points at the body converters.
- Hermetic builds: `guideline build` behind a logging proxy that refuses everything and in a
  network namespace with no network give no request and byte-identical outputs.

Counts are recorded in docs/security.md.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from playwright import sync_api

from conftest import FIXTURE, run_cli, write
from guideline import printables
from guideline.handbook import _pandoc_default, document, typeset, word
from guideline.model import Corpus
from guideline.render import BuildInfo
from guideline.render.order import in_reading_order
from guideline.site import generate
from guideline.site.download import FOLDER
from guideline.site.mkdocs_run import run_mkdocs
from guideline.snapshot import load_corpus

DATA = Path(__file__).parent / "data" / "xss"
PUBLIC = [v for v in (DATA / "payloadbox-subset.txt").read_text(encoding="utf-8").split("\n") if v]
REMOTE = "http://guideline-security.invalid/x.png"

# The project's own vectors: the syntax of every format the outputs pass through, written as
# text (in a plain field or a paragraph), plus the sinks the issue found.
OWN = [
    "</title><script>alert(1)</script>", '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>",
    "</textarea><svg/onload=alert(1)>", "<!--<script>alert(1)//-->", "<a href=\"\x01java\x03script:alert(1)\">点</a>",
    "标题\x01\x08\x1b\x7f\x85控制字符", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
    "{: onclick=\"alert(1)\" }",
    "{{ 7*7 }} {% raw %} {# x #}", "${7*7} #{7*7}", "!!! danger \"x\"", "<div markdown>*x*</div>", "[TOC]",
    '#show "120": "999"', "#let draft(body) = []", "#set text(size: 0pt)", "#set page(fill: red)",
    "] #place(top)[覆盖] [", '#{ panic("x") }', "$ x^2 $ @procedure-door-knock <procedure-door-knock>",
    "#import \"/etc/passwd\"", "#read(\"/etc/passwd\")", "\\newpage \\def\\x{} \\input{/etc/passwd} \\renewcommand{\\thepage}{x} \\write18{id}",
    '<w:p><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "' + REMOTE + '" \\d </w:instrText></w:r></w:p>',
    '</w:t></w:r><w:r><w:fldSimple w:instr="INCLUDETEXT c:\\\\x"/><w:t>', "<?xml-stylesheet href=\"" + REMOTE + "\"?>",
    '<style>body{display:none}</style>', '<meta http-equiv="refresh" content="0;url=https://guideline-security.invalid/">',
    '<base href="https://guideline-security.invalid/">', '<link rel="stylesheet" href="' + REMOTE + '">',
    "<![CDATA[<script>alert(1)</script>]]>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "拨打 120 求助", "| 表格 | 注入 |", "---", "<br>", "<kbd onclick=alert(1)>x</kbd>",
]
# Harmless as plain fields (escaped), but in a body they are links or raw-format code, which
# the Markdown work of issue 13 handles: in fields here, in bodies in MARKDOWN.
FIELDS_ONLY = ["[点我](javascript:alert(1))", "<javascript:alert(1)>", "[x]: javascript:alert(1)", "```{=typst}",
               "`#show: none`{=typst}", "[t](<javascript:alert(1)>)"]
# Body-only vectors that depend on the Markdown work of issue 13 (branch `markdown`).
MARKDOWN = FIELDS_ONLY + [
    "```{=html5}\n<script>alert(1)</script>\n```",
    "```{=html}\n<img src=x onerror=alert(1)>\n```",
    '```{=typst}\n#show "110": "999"\n#show "入户": ""\n#let draft(body) = []\n```',
    "```{=latex}\n\\newpage\n```",
    '```{=openxml}\n<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "'
    + REMOTE + '" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>\n```',
    '`#show "120": "999"`{=typst}',
    '[查看说明](https://example.org){\nonmouseover="alert(1)"}',
    "- [列表里的链接][j]\n\n  [j]: JaVaScRiPt:alert(1)",
    "> [引用里的链接][k]\n>\n> [k]: JaVaScRiPt:alert(1)",
    "![照片][g]\n\n[g]: " + REMOTE,
    "![照片](" + REMOTE + ")",
    "<" + REMOTE + ">",
]
VECTORS = PUBLIC + OWN
# Fields the outputs turn into links (a referral's and a resource source's url): schemes and
# breakouts, one per carrier.
URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
        "\x01javascript:alert(1)", 'https://guideline-security.invalid/"><script>alert(1)</script>',
        "java\tscript:alert(1)"]
CARRIERS = 6
INFO = BuildInfo(edition="preview", revision="0123456", date="2026-01-15", credits={})
SECTIONS = ["案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思"]
STEPS = ["目的", "适用情形", "操作步骤", "注意事项"]


def chunks(items: list[str], n: int) -> list[list[str]]:
    return [items[i::n] for i in range(n)]


# --- the corpora ---------------------------------------------------------------------------

def _q(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def carrier(root: Path, k: int, strings: list[str], paragraphs: list[str]) -> None:
    """Organisation vec-k with a case, a procedure, a note and a term, every field holding the batch."""
    org, s = f"vec-{k}", " ".join(strings)
    body = "\n\n".join(paragraphs)
    url = _q(URLS[k % len(URLS)])
    listed = "".join(f"\n  - {_q(v)}" for v in strings)
    write(root, f"organisations/{org}.yaml",
          f"name: {_q(s)}\nshort_name: {_q(s)}\ndistrict: {_q(s)}\nspecialties: [living-alone]\n"
          f"maintainers: [vec-lead]\ndomains: [vec{k}.example.org]\ndescription: {_q(s)}\n"
          f"referral:\n  services: {_q(s)}\n  districts:{listed.replace(chr(10), chr(10) + '  ')}\n  how: {_q(s)}\n"
          f"  phone: {_q(s)}\n  email: {_q(s)}\n  url: {url}\n")
    # The registry records a worker carries: cited from the procedure, on the pocket card, as forms.
    write(root, f"guideline/resources/vec-res-{k}.yaml",
          f"name: {_q(s)}\nnumber: {_q(s)}\naddress: {_q(s)}\nhours: {_q(s)}\npurpose: {_q(s)}\nnote: {_q(s)}\n"
          f"scope: {_q(s)}\nsource:\n  title: {_q(s)}\n  publisher: {_q(s)}\n  url: {url}\n  date: 2026-01-01\n"
          f"verified: 2026-01-01\npocket_card: true\norder: {k}\n")
    options = "".join(f"\n          - {_q(v)}" for v in strings)
    write(root, f"guideline/forms/vec-form-{k}.yaml",
          f"title: {_q(s)}\npurpose: {_q(s)}\nprivacy: {_q(s)}\nsections:\n  - title: {_q(s)}\n    fields:\n"
          f"      - label: {_q(s)}\n        type: text\n        lines: 2\n        hint: {_q(s)}\n"
          f"      - label: {_q(s)}\n        type: checkboxes\n        options:{options}\n"
          f"      - label: {_q(s)}\n        type: signature\n")
    cite = f"\n\n见[求助电话](../resources/vec-res-{k}.yaml)和[表单](../forms/vec-form-{k}.yaml)。"
    sections = "".join(f"\n## {name}\n\n{body if i == 0 else '示例。'}\n" for i, name in enumerate(SECTIONS))
    write(root, f"cases/{org}/vec-case-{k}.md",
          f"---\nid: vec-case-{k}\ntitle: {_q(s)}\norg: {org}\nthemes: [living-alone]\nprocedures: [vec-proc-{k}]\n"
          f"period: {_q(s)}\nconsent:\n  given_by: 本人\n  method: 书面同意\n  scope: [出版, 网站]\n  recorded_in: 档案\n"
          f"deidentified:\n  reviewer: 编辑组\n  date: 2026-01-01\nstatus: approved\nexample: true\n---\n{sections}")
    checklist = "".join(f"\n  - {_q(v)}" for v in strings)
    steps = "".join(f"\n## {name}\n\n{body + cite if i == 2 else '示例。'}\n" for i, name in enumerate(STEPS))
    write(root, f"guideline/02-visits/vec-proc-{k}.md",
          f"---\nid: vec-proc-{k}\ntitle: {_q(s)}\nstatus: approved\ncontributors: [{org}]\nthemes: [living-alone]\n"
          f"risk_level: medium\nrelated: []\nchecklist:{checklist}\nlast_reviewed: {_q(s)}\norder: {100 + k}\n---\n{steps}")
    write(root, f"guideline/notes/{org}/vec-proc-{k}.md",
          f"---\nprocedure: vec-proc-{k}\norg: {org}\ntitle: {_q(s)}\nstatus: approved\n---\n\n{body}\n")
    write(root, f"guideline/glossary/vec-term-{k}.yaml",
          f"preferred: {_q(s)}\ndefinition: {_q(s)}\ndeprecated:\n  - term: {_q(s)}\n    reason: {_q(s)}\n")


def harmless(k: int) -> tuple[list[str], list[str]]:
    return [f"示例文字{k}甲", f"示例文字{k}乙"], [f"示例段落{k}。"]


def make_corpus(root: Path, loaded: dict[int, tuple[list[str], list[str]]] | None) -> Path:
    """The fixture corpus plus CARRIERS + 1 carriers, harmless unless given in `loaded`;
    with None, the fixture alone (the baseline: what the other items look like)."""
    shutil.copytree(FIXTURE, root)
    for k in range(CARRIERS + 1 if loaded is not None else 0):
        carrier(root, k, *loaded.get(k, harmless(k)))  # type: ignore[union-attr]
    return root


def vector_corpus(root: Path) -> Path:
    fields = chunks(VECTORS + FIELDS_ONLY, CARRIERS)
    bodies = chunks(VECTORS, CARRIERS)
    return make_corpus(root, {k: (fields[k], bodies[k]) for k in range(CARRIERS)})


def markdown_corpus(root: Path) -> Path:
    return make_corpus(root, {CARRIERS: ([f"示例文字{CARRIERS}"], MARKDOWN)})


# --- rendering without validate ------------------------------------------------------------

@dataclass
class Outputs:
    root: Path
    site: Path
    pdf: Path
    docx: Path
    epub: Path
    printables: list[Path] = field(default_factory=list)
    """The pocket card and the forms (PDF downloads of the site)."""


def typeset_printables(corpus: Corpus, out: Path) -> list[Path]:
    """The pocket card and every form, as `build_printables` typesets them; the card is kept
    even when the vectors make it longer than its two sides (a layout refusal, not a defence)."""
    out.mkdir(parents=True, exist_ok=True)
    card = printables.pocket_card_data(corpus, INFO)  # None without resources (the baseline)
    jobs = [("pocket-card.typ", card, out / printables.POCKET_CARD)] if card is not None else []
    jobs += [("form.typ", printables.form_data(corpus, INFO, f), out / f"form-{f.id}.pdf") for f in corpus.forms.values()]
    for template, data, target in jobs:
        target.write_bytes(printables.typeset(template, data, corpus, INFO.date)[0])
    return [target for _, _, target in jobs]


def render_all(root: Path, site: bool = True) -> Outputs:
    """Every renderer on the corpus as it is, validate bypassed."""
    corpus = load_corpus(root)
    out = root / "out"
    printables: list[Path] = []
    if site:
        run_mkdocs(generate(corpus, INFO, out))
        printables = typeset_printables(corpus, out / "site" / FOLDER)
    hb = out / "handbook"
    hb.mkdir(parents=True, exist_ok=True)
    tree = typeset.assemble(document.render(in_reading_order(corpus), INFO))
    with tempfile.TemporaryDirectory() as tmp:
        data, _ = typeset.pdf(tree, Path(tmp), INFO.date)
        (hb / "handbook.pdf").write_bytes(data)
        reference = word.reference_docx(_pandoc_default("reference.docx"), Path(tmp) / "reference.docx")
        typeset.docx(tree, hb / "handbook.docx", INFO.date, reference)
        typeset.epub(tree, hb / "handbook.epub", INFO.date)
    return Outputs(root, out / "site", hb / "handbook.pdf", hb / "handbook.docx", hb / "handbook.epub", printables)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    return render_all(make_corpus(tmp_path_factory.mktemp("sec") / "baseline", None))


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    return render_all(vector_corpus(tmp_path_factory.mktemp("sec") / "vectors"))


@pytest.fixture(scope="module")
def md_vectors(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    return render_all(markdown_corpus(tmp_path_factory.mktemp("sec") / "markdown"))


# --- validate: the first layer (recorded, not required: inert text is enough) -----------

def test_validate_refuses_or_lets_through_as_text(tmp_path: Path) -> None:
    """One case per vector (title and body), counted by the security codes it gets."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    for i, v in enumerate(VECTORS + MARKDOWN):
        sections = "".join(f"\n## {name}\n\n{v if j == 0 else '示例。'}\n" for j, name in enumerate(SECTIONS))
        write(root, f"cases/alpha-demo/v-{i}.md",
              f"---\nid: v-{i}\ntitle: {_q(v)}\norg: alpha-demo\nthemes: [living-alone]\nprocedures: [visit-prep]\n"
              f"period: 2025-03\nconsent:\n  given_by: 本人\n  method: 书面同意\n  scope: [出版, 网站]\n  recorded_in: 档案\n"
              f"deidentified:\n  reviewer: 编辑组\n  date: 2026-01-01\nstatus: approved\nexample: true\n---\n{sections}")
    result = run_cli(root, "validate", "--no-cache", "--format", "json")
    security = ("html/", "text/", "encoding/", "link/", "markdown/")
    refused: dict[str, set[int]] = {"title": set(), "body": set()}
    for f in result.json()["findings"]:
        m = re.fullmatch(r"cases/alpha-demo/v-(\d+)\.md", f["path"])
        if m and f["severity"] == "error" and f["code"].startswith(security):
            refused["title" if f["line"] == 3 else "body"].add(int(m.group(1)))
    counts = {k: len(v) for k, v in refused.items()}
    print(f"validate: {len(VECTORS + MARKDOWN)} vectors; refused in a title {counts['title']}, in a body {counts['body']}")
    assert result.code == 1
    # Every vector with a tag-like "<" is refused in a plain field.
    tagged = {i for i, v in enumerate(VECTORS) if re.search(r"<[A-Za-z!?/]", v)}
    assert tagged <= refused["title"]


# --- site in Chromium ------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCAN = r"""() => {
  const found = [];
  const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'srcset']);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'object', 'embed', 'form', 'base', 'applet', 'portal'].includes(tag)
        && !(tag === 'form' && el.classList.contains('md-search__form'))) found.push('element ' + tag);  // the theme's search
    if (tag === 'meta' && el.hasAttribute('http-equiv')) found.push('meta http-equiv');
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) found.push('handler ' + tag + ' ' + n);
      if (urlAttrs.has(n)) {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(v);
        if (scheme && !['http', 'https', 'mailto'].includes(scheme[1])) found.push('url ' + tag + ' ' + n + '=' + a.value);
        if (n !== 'href' && /^(https?:)?\/\//.test(v)) found.push('remote ' + tag + ' ' + n + '=' + a.value);
      }
    }
  }
  const scripts = [...document.scripts].map(s => s.src ? 'src:' + new URL(s.src).pathname.split('/').pop()
                                                        : 'inline:' + s.textContent.replace(/"[^"]*"/g, '""'));
  return {found, scripts, titles: document.querySelectorAll('title').length, title: document.title};
}"""


def _pages(site: Path) -> list[str]:
    """Every page showing a carrier or listing them (the resources, forms and referral directory
    are index pages; the pocket card shows every resource on it)."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    return sorted(p for p in pages if "vec-" in p or (p.endswith("index.html") and p.count("/") <= 1)
                  or p == "resources/pocket-card.html")


@dataclass
class Browse:
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    scripts: set[str] = field(default_factory=set)
    pages: int = 0
    searched: int = 0
    """Search results shown."""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


SEARCHES = ["alert", "script", "onerror", "javascript", "svg", "示例"]


def browse(site: Path, pages: list[str], search: bool) -> Browse:
    """Open each page; record dialogs, requests leaving the site, navigations and the DOM scan."""
    httpd, base = serve(site)
    seen = Browse()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
            context = browser.new_context()

            def route(r: sync_api.Route) -> None:
                if r.request.url.startswith((base, "data:", "blob:", "about:")):
                    r.continue_()
                else:
                    seen.requests.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()

            def dialog(d: sync_api.Dialog) -> None:
                seen.dialogs.append(f"{d.type}: {d.message}")
                d.dismiss()

            page.on("dialog", dialog)
            expected = {"url": ""}

            def navigated(frame: sync_api.Frame) -> None:
                if frame == page.main_frame and frame.url.split("#")[0] != expected["url"]:
                    seen.navigations.append(frame.url)

            page.on("framenavigated", navigated)
            for rel in pages:
                expected["url"] = base + rel
                page.goto(base + rel, wait_until="load")
                page.wait_for_timeout(50)
                result = page.evaluate(SCAN)
                seen.findings += [f"{rel}: {x}" for x in result["found"]]
                if result["titles"] != 1:
                    seen.findings.append(f"{rel}: {result['titles']} title elements")
                seen.scripts |= set(result["scripts"])
                seen.pages += 1
            if search:
                box = page.locator("input.md-search__input")
                box.focus()
                page.wait_for_function(
                    "!document.querySelector('.md-search-result__meta')?.textContent.includes('初始化')", timeout=15000)
                for term in SEARCHES:
                    box.fill(term)
                    box.press("End")  # Material reads the query on keyup
                    page.wait_for_selector(".md-search-result__item", timeout=15000)
                    seen.searched += page.locator(".md-search-result__item").count()
                    result = page.evaluate(SCAN)
                    seen.findings += [f"search {term}: {x}" for x in result["found"]]
                    seen.scripts |= set(result["scripts"])
            context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return seen


@pytest.fixture(scope="module")
def theme_scripts(baseline: Outputs) -> set[str]:
    return browse(baseline.site, _pages(baseline.site), search=False).scripts


def test_site_runs_no_contributor_code(vectors: Outputs, theme_scripts: set[str]) -> None:
    pages = _pages(vectors.site)
    seen = browse(vectors.site, pages, search=True)
    print(f"site: {seen.pages} pages, {len(SEARCHES)} searches ({seen.searched} results); dialogs {len(seen.dialogs)}, "
          f"requests {len(seen.requests)}, navigations {len(seen.navigations)}, DOM findings {len(seen.findings)}")
    assert seen.pages >= 5 * CARRIERS and seen.searched >= len(SEARCHES)
    assert seen.dialogs == []
    assert seen.requests == []
    assert seen.navigations == []
    assert seen.findings == []
    assert seen.scripts <= theme_scripts, seen.scripts - theme_scripts


def test_titles_stay_text_in_the_title_element(vectors: Outputs) -> None:
    k = next(i for i, c in enumerate(chunks(VECTORS + FIELDS_ONLY, CARRIERS)) if "</title><script>alert(1)</script>" in c)
    page = (vectors.site / f"cases/vec-{k}/vec-case-{k}.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    assert title and "<" not in title.group(1)
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in title.group(1)


def test_footer_labels_hold_titles_escaped_once(vectors: Outputs) -> None:
    """The previous/next links' aria-labels say what the links show: a screen reader reads
    the title, not "&lt;" (the theme escaped the already escaped title a second time)."""
    compared = 0
    for page in vectors.site.rglob("*.html"):
        for link in lxml_html.parse(str(page)).xpath('//a[contains(@class, "md-footer__link")]'):
            direction = " ".join(link.xpath('.//span[@class="md-footer__direction"]')[0].text_content().split())
            title = " ".join(link.xpath('.//div[@class="md-ellipsis"]')[0].text_content().split())
            assert " ".join(link.get("aria-label").split()) == f"{direction}: {title}", page
            compared += "<script>" in title
    assert compared  # a carrier's title next to some page


def test_site_search_index_holds_titles_escaped_once(vectors: Outputs) -> None:
    index = json.loads((vectors.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"] if "vec-case-0" in d["location"]]
    assert titles and all("<script" not in t and "&amp;lt;" not in t for t in titles)


def test_markdown_vectors_are_inert_on_the_site(md_vectors: Outputs, theme_scripts: set[str]) -> None:
    seen = browse(md_vectors.site, [p for p in _pages(md_vectors.site) if f"vec-{CARRIERS}" in p], search=False)
    assert seen.dialogs + seen.requests + seen.navigations + seen.findings + sorted(seen.scripts - theme_scripts) == []


# --- EPUB, DOCX and PDF ------------------------------------------------------------------------

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_BLANKS = re.compile("[\x00-\x20\x7f-\x9f]")


def unsafe_url(value: str, remote_ok: bool = True) -> bool:
    v = _BLANKS.sub("", value).lower()
    m = _SCHEME.match(v)
    if m and m.group(1) not in SAFE_SCHEMES:
        return True
    return not remote_ok and (v.startswith("//") or bool(m))


def scan_epub(path: Path) -> list[str]:
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                continue
            try:
                tree = etree.fromstring(z.read(name))
            except etree.XMLSyntaxError as exc:
                found.append(f"{name}: not well-formed XML ({exc})")
                continue
            for el in tree.iter():
                if not isinstance(el.tag, str):
                    continue
                tag = etree.QName(el).localname.lower()
                if tag in {"script", "iframe", "frame", "object", "embed", "form", "base", "applet", "audio", "video"}:
                    found.append(f"{name}: element {tag}")
                if tag == "meta" and el.get("http-equiv"):
                    found.append(f"{name}: meta http-equiv")
                for attr, value in el.attrib.items():
                    local = etree.QName(attr).localname.lower()
                    if local.startswith("on"):
                        found.append(f"{name}: handler {tag} {local}")
                    if local in {"href", "src", "action", "data", "poster", "srcset"} and unsafe_url(value, remote_ok=local == "href"):
                        found.append(f"{name}: url {tag} {local}={value}")
                    if local == "style" and "url(" in value.lower():
                        found.append(f"{name}: style url")
    return found


FIELD_NAMES = {"TOC", "PAGEREF"}
_EXTERNAL_TYPES = ("/image", "/oleObject", "/attachedTemplate", "/subDocument", "/aFChunk", "/frame", "/package")


def scan_docx(path: Path) -> list[str]:
    found = []
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            tree = etree.fromstring(z.read(name))
            for el in tree.iter():
                if not isinstance(el.tag, str):
                    continue
                local = etree.QName(el).localname
                instr = el.text if el.tag == w + "instrText" else el.get(w + "instr") if el.tag == w + "fldSimple" else None
                if instr is not None and instr.split()[:1] and instr.split()[0].upper() not in FIELD_NAMES:
                    found.append(f"{name}: field {instr.strip()[:60]}")
                if local in {"altChunk", "object", "OLEObject", "subDoc", "control"}:
                    found.append(f"{name}: element {local}")
                if local == "Relationship":
                    target, mode, kind = el.get("Target", ""), el.get("TargetMode", ""), el.get("Type", "")
                    if mode == "External" and (unsafe_url(target) or kind.endswith(_EXTERNAL_TYPES)):
                        found.append(f"{name}: external {kind.rsplit('/', 1)[-1]} {target}")
    return found


def _pdf_objects(data: bytes) -> bytes:
    """The PDF with every Flate stream inflated, so object streams are searchable too."""
    parts = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[m.end():m.end() + 4_000_000]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def scan_pdf(path: Path) -> list[str]:
    text = _pdf_objects(path.read_bytes())
    found = [f"action {a.decode()}" for a in re.findall(rb"/S\s*/(JavaScript|Launch|SubmitForm|ImportData|GoToR|GoToE|Rendition)", text)]
    found += ["/JS" for _ in re.findall(rb"/JS\s*[(<]", text)]
    for uri in re.findall(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", text):
        if unsafe_url(uri.decode("latin-1")):
            found.append(f"uri {uri[:60]!r}")
    return found


def test_epub_docx_and_pdf_hold_no_active_content(vectors: Outputs, baseline: Outputs) -> None:
    assert scan_epub(baseline.epub) == scan_docx(baseline.docx) == scan_pdf(baseline.pdf) == []
    epub, docx, pdf = scan_epub(vectors.epub), scan_docx(vectors.docx), scan_pdf(vectors.pdf)
    printed = [f"{p.name}: {x}" for p in vectors.printables for x in scan_pdf(p)]
    print(f"handbook: EPUB findings {len(epub)}, DOCX findings {len(docx)}, PDF findings {len(pdf)}; "
          f"{len(vectors.printables)} printables, findings {len(printed)}")
    assert epub == []
    assert docx == []
    assert pdf == []
    assert len(vectors.printables) > CARRIERS  # the pocket card and every carrier's form
    assert printed == []
    # Typst code in a form's fields is printed as text, not run.
    k = next(i for i, c in enumerate(chunks(VECTORS + FIELDS_ONLY, CARRIERS)) if '#read("/etc/passwd")' in c)
    form = next(p for p in vectors.printables if p.name == f"form-vec-form-{k}.pdf")
    assert '#read("/etc/passwd")' in "".join(lines_of(form))


def test_markdown_vectors_are_inert_in_the_handbook(md_vectors: Outputs) -> None:
    assert scan_epub(md_vectors.epub) + scan_docx(md_vectors.docx) + scan_pdf(md_vectors.pdf) == []


# --- no contributor changes the handbook's layout or other items' text ---------------------------

_FURNITURE = re.compile(r"^(\d+|[ivxlc]+|(第.章|附录.).*测试指引)$")


def lines_of(pdf: Path) -> list[str]:
    """Text lines in content order (pdftotext -raw), whitespace removed."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [x for x in (re.sub(r"\s+", "", line) for line in text.replace("\f", "\n").split("\n")) if x]


def other_lines(pdf: Path) -> Counter[str]:
    """Every line of the baseline (the fixture without carriers) but page furniture (running
    heads, page numbers) and the table of contents (its page numbers move)."""
    return Counter(x for x in lines_of(pdf) if not _FURNITURE.match(x) and "..." not in x)


def missing_lines(baseline: Path, built: Path) -> list[str]:
    """Lines of other items that the built PDF no longer has (as often as the baseline)."""
    have = Counter(lines_of(built))
    return [line for line, n in other_lines(baseline).items() if have[line] < n]


def test_other_items_text_is_unchanged(vectors: Outputs, baseline: Outputs) -> None:
    compared = other_lines(baseline.pdf)
    missing = missing_lines(baseline.pdf, vectors.pdf)
    print(f"PDF: {sum(compared.values())} lines of other items compared, {len(missing)} changed")
    assert sum(compared.values()) > 100
    assert missing == []


def test_markdown_vectors_leave_other_items_alone(md_vectors: Outputs, baseline: Outputs) -> None:
    assert missing_lines(baseline.pdf, md_vectors.pdf) == []


# --- hermetic builds -----------------------------------------------------------------------------

class RefusingProxy(socketserver.ThreadingTCPServer):
    """An HTTP(S) proxy on 127.0.0.1 that records each request line and refuses it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.seen: list[str] = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(inner) -> None:
                line = inner.rfile.readline(8192).decode("latin-1").strip()
                if line:
                    self.seen.append(line)
                inner.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


REMOTE_LINKS = """
外部资料：[民政部](https://www.mca.gov.cn/)、<https://example.org/guide>、[邮件](mailto:a@example.org)。

| 资料 | 链接 |
|---|---|
| 指南 | [查看](http://example.org/x) |
"""


def hermetic_corpus(root: Path) -> Path:
    """A valid corpus whose bodies link outside (links are never fetched)."""
    shutil.copytree(FIXTURE, root)
    note = root / "guideline/notes/alpha-demo/visit-prep.md"
    note.write_text(note.read_text(encoding="utf-8") + REMOTE_LINKS, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x",
                    "--date=2026-01-15T00:00:00Z"], cwd=root, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-01-15T00:00:00Z"})
    return root


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _offline(argv: list[str]) -> list[str]:
    """The command in a network namespace with no network (root), else unchanged."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return ["unshare", "-n", *argv] if probe.returncode == 0 else argv


def test_build_fetches_nothing_and_needs_no_network(tmp_path: Path) -> None:
    root = hermetic_corpus(tmp_path / "repo")
    guideline = [str(Path(sys.executable).parent / "guideline"), "--root", str(root), "build"]
    proxy = RefusingProxy()
    proxied = {**os.environ, **{k: proxy.url for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                                       "http_proxy", "https_proxy", "all_proxy")},
               "NO_PROXY": "", "no_proxy": ""}
    first = subprocess.run([*guideline, "--out", str(tmp_path / "proxied")], env=proxied, capture_output=True, text=True)
    proxy.shutdown()
    assert first.returncode == 0, first.stderr
    assert proxy.seen == [], proxy.seen
    # No network at all: a namespace with only a down loopback, or (not root) proxies to a dead port.
    dead = {**os.environ, **{k: "http://127.0.0.1:9" for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}}
    second = subprocess.run(_offline([*guideline, "--out", str(tmp_path / "offline")]), env=dead, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    one, two = digest(tmp_path / "proxied"), digest(tmp_path / "offline")
    print(f"hermetic: {len(one)} output files, {sum(one.get(k) != v for k, v in two.items())} differ; "
          f"proxy saw {len(proxy.seen)} requests")
    assert one == two


def test_renderers_fetch_no_image_or_resource(tmp_path: Path) -> None:
    """The renderers alone (validate bypassed) on remote images and resources: no request."""
    proxy = RefusingProxy()
    saved = {k: os.environ.get(k) for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    os.environ.update({k: proxy.url for k in saved})
    try:
        render_all(markdown_corpus(tmp_path / "repo"), site=False)  # a remote image must not stop the build
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        proxy.shutdown()
    assert proxy.seen == []
