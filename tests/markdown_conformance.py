"""The CommonMark 0.31.2 spec and cmark-gfm's extension examples through the real validator and
both renderers (tests/test_markdown_conformance.py, benchmarks/markdown_conformance.py).

Each example is a note's body. `validate` decides whether it is accepted; accepted examples
are rendered by the site (body_markdown, then Python-Markdown with the site's extensions, as
MkDocs does) and by the handbook (each body converted on its own, all of them in one EPUB
written by the real writer), and compared with the spec's HTML after the spec's own
normalisation (tests/data/commonmark/normalize.py) plus the equivalences listed in
docs/markdown.md (`equivalent`).
"""

from __future__ import annotations

import html as htmllib
import importlib.util
import json
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
NOTE = "guideline/notes/alpha-demo/visit-prep.md"
HEAD = "---\nprocedure: visit-prep\norg: alpha-demo\ntitle: 示例\nstatus: draft\n---\n"


@dataclass
class Example:
    suite: str
    number: int
    section: str
    markdown: str
    html: str
    accepted: bool = False
    site: str = ""
    handbook: str = ""

    @property
    def name(self) -> str:
        return f"{self.suite} {self.number}"


def examples() -> list[Example]:
    out = [Example("commonmark", e["example"], e["section"], e["markdown"], e["html"])
           for e in json.loads((DATA / "commonmark" / "spec.json").read_text(encoding="utf-8"))]
    out += [Example("gfm", e["example"], e["section"], e["markdown"], e["html"])
            for e in json.loads((DATA / "gfm" / "extensions.json").read_text(encoding="utf-8"))]
    return out


def _spec_normalize() -> Callable[[str], str]:
    spec = importlib.util.spec_from_file_location("cm_normalize", DATA / "commonmark" / "normalize.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    normalize: Callable[[str], str] = module.normalize_html
    return normalize


normalize_html = _spec_normalize()


def validate(items: list[Example]) -> None:
    """Mark the examples the real file and link checks accept (no error)."""
    from guideline import validate as v
    from guideline.checks import links
    from guideline.kinds import parse_path
    from guideline.model import Corpus

    context = v.load_context(FIXTURE)
    existing = {str(p.relative_to(FIXTURE)) for p in FIXTURE.rglob("*") if p.is_file()}
    where = parse_path(NOTE)
    assert where is not None
    for e in items:
        result = v.analyse(where, (HEAD + e.markdown).encode("utf-8"), context)
        findings = list(result.findings)
        if result.source is not None:  # the corpus-wide link check, on this one file
            corpus = Corpus(str(FIXTURE), sources={NOTE: result.source}, files=existing)
            findings += links.check(corpus, context)
        e.accepted = not any(f.severity.value == "error" for f in findings)


SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.tasklist"]  # as in mkdocs.yml


def render_site(items: list[Example]) -> None:
    import markdown
    from pymdownx.slugs import slugify

    from guideline.site.body import body_markdown

    for e in items:
        md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs={
            "toc": {"permalink": True, "slugify": slugify(case="lower")}, "pymdownx.tasklist": {"custom_checkbox": True}})
        e.site = md.convert(body_markdown(e.markdown, NOTE, "a/b.md", {}, 0))


def _body(xhtml: str) -> str:
    """The inside of an XHTML page's body element."""
    m = re.search(r"<body[^>]*>(.*)</body>", xhtml, re.S)
    assert m is not None
    return m.group(1)


def render_handbook(items: list[Example], work: Path | None = None) -> dict[str, str]:
    """All bodies in one document through the real EPUB writer (and PDF and DOCX, which must not fail)."""
    from guideline.handbook import body, typeset

    blocks: list[object] = []
    for e in items:
        blocks.append(body.el("Para", [body.el("Str", f"@@EX-{e.suite}-{e.number}@@")]))
        blocks.append(body.el("Div", [["", ["body"], [["shift", "0"]]], body.blocks(e.markdown, NOTE, f"ex{e.number}", {})]))
    meta = {k: {"t": "MetaString", "c": v} for k, v in (("title", "示例"), ("year", "2026"), ("month", "1"), ("day", "1"))}
    tree = typeset.safe({"pandoc-api-version": [1, 23, 1, 1], "meta": meta, "blocks": blocks})
    document = json.dumps(tree, ensure_ascii=False)
    printed = document.replace('[["shift", "0"]]', '[["shift", "1"]]')  # as in the handbook: no body heading is a chapter
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(work or tmp)
        typeset.epub(document, out / "examples.epub", "2026-01-01")
        with zipfile.ZipFile(out / "examples.epub") as z:
            pages = "".join(_body(z.read(n).decode("utf-8")) for n in sorted(z.namelist()) if n.startswith("EPUB/text/ch"))
        for name, writer in (("docx", lambda: typeset.docx(printed, out / "examples.docx", "2026-01-01", _reference(out))),
                             ("pdf", lambda: typeset.pdf(printed, out, "2026-01-01"))):
            try:
                writer()
            except Exception as exc:  # reported: the test fails on it
                failures[name] = str(exc)
    # EPUB notes sit at the end of the chapter: give each back to the example that refers to it.
    aside = r'<aside\b[^>]*\bid="([^"]+)"[^>]*>.*?</aside>'
    notes = {m.group(1): m.group() for m in re.finditer(aside, pages, re.S) if "footnote" in m.group()[:80]}
    body_html = re.sub(r'(<hr />\s*)?' + aside, lambda m: "" if m.group(2) in notes else m.group(), pages, flags=re.S)
    for e in items:
        marker = f"<p>@@EX-{e.suite}-{e.number}@@</p>"
        start = body_html.find(marker)
        if start < 0:
            continue
        rest = body_html[start + len(marker):]
        end = rest.find("<p>@@EX-")
        e.handbook = (rest if end < 0 else rest[:end]).replace("</code></pre>", "\n</code></pre>")  # pandoc drops it
        e.handbook += "".join(notes[n] for n in re.findall(r'href="#([^"]+)"[^>]*epub:type="noteref"', e.handbook) if n in notes)
    return failures


def _reference(out: Path) -> Path:
    from guideline.handbook import _pandoc_default, word

    return word.reference_docx(_pandoc_default("reference.docx"), out / "reference.docx")


# --- comparison --------------------------------------------------------------
_DROP_ATTR = re.compile(r'\s(?:id|rel|role|aria-hidden|tabindex|type="1")(?:="[^"]*")?(?=[\s/>])')
_CLASS = re.compile(r'\sclass="([^"]*)"')
_STYLE_ALIGN = re.compile(r'\sstyle="text-align:\s*(left|center|right);?"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_WRAPPERS = re.compile(r'</?(?:section|div)\b[^>]*>')
_SOURCE_CODE = re.compile(r'<pre class="(?:sourceCode )?([^"\s]+)"><code(?: class="sourceCode [^"]+")?>')
_CODE_END = re.compile(r"\n</code></pre>")
_FOOTNOTE_HREF = re.compile(r'href="#(fn|fnref)-[\w-]+?-(\d+)"')  # ids are prefixed per item on the site
_CHECKBOX = re.compile(r'<input\b[^>]*>')


def equivalent(html: str, handbook: bool = False) -> str:
    """The equivalences of docs/markdown.md, applied to expected and rendered HTML alike."""
    html = _HEADERLINK.sub("", html).replace("\xa0", " ").replace("&nbsp;", " ")
    if handbook:
        html = _SOURCE_CODE.sub(r'<pre><code class="language-\1">', html)
        html = re.sub(r"(<code[^>]*>)(.*?)(</code>)", lambda m: m.group(1) + re.sub(r"<[^>]+>", "", m.group(2)) + m.group(3),
                      html, flags=re.S)
        html = _CHECKBOX.sub(lambda m: "☑" if "checked" in m.group() else "□", html)
    html = _WRAPPERS.sub("", html).replace("<tbody></tbody>", "").replace("<tbody>\n</tbody>", "")
    html = _STYLE_ALIGN.sub(r' align="\1"', html).replace(' align="left"', "")  # GitHub shows unaligned columns left
    html = _CLASS.sub(lambda m: "".join(f' class="{c}"' for c in m.group(1).split() if c.startswith("language-")), html)
    html = _FOOTNOTE_HREF.sub(r'href="#\1\2"', html)
    html = _DROP_ATTR.sub("", html)
    html = str(normalize_html(html)).replace("&quot;", '"')  # a quote is text either way
    return _CODE_END.sub("</code></pre>", html).strip()  # pandoc keeps no final line end in a code block


def text_of(html: str) -> Counter[str]:
    """The characters a reader sees (a footnote's back arrow is navigation, not content)."""
    return Counter(ch for ch in htmllib.unescape(re.sub(r"<[^>]+>", "", html)) if not ch.isspace() and ch not in "↩\ufe0e")


def compare(e: Example, rendered: str, handbook: bool) -> tuple[bool, bool]:
    """(matches the spec, keeps all of its text)."""
    expected = e.html
    if handbook:
        expected = _CHECKBOX.sub(lambda m: "☑" if "checked" in m.group() else "□", expected)
    same = equivalent(expected, handbook) == equivalent(rendered, handbook)
    lost = text_of(expected) - text_of(rendered)
    return same, not lost


def run(work: Path | None = None) -> tuple[list[Example], dict[str, str]]:
    """Every example validated; the accepted ones rendered by both renderers."""
    items = [e for e in examples() if e.html.strip().lower() != "<ignore>"]  # the spec checks no output for these
    validate(items)
    accepted = [e for e in items if e.accepted]
    render_site(accepted)
    failures = render_handbook(accepted, work)
    return items, failures
