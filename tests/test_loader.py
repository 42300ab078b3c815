"""Every input the loader must handle: encodings, front matter, YAML features it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write

CASE = "cases/alpha-demo/alpha-living-alone.md"


def findings(cli, root: Path) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return cli(root, "validate", "--format", "json", "--no-cache").findings()


def replace(root: Path, rel: str, old: str, new: str) -> None:
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_corpus_is_valid(cli, corpus):  # type: ignore[no-untyped-def]
    r = cli(corpus, "validate", "--format", "json", "--no-cache")
    assert r.code == 0, r.out
    assert r.json()["counts"] == {"error": 0, "warning": 0}
    assert r.json()["files"] == 13


def test_bom_and_crlf_are_fine(cli, corpus):  # type: ignore[no-untyped-def]
    p = corpus / CASE
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))
    assert findings(cli, corpus) == []


@pytest.mark.parametrize("encoding,guess", [("gbk", "GBK/GB18030"), ("utf-16", "UTF-16")])
def test_non_utf8_is_a_located_finding(cli, corpus, encoding, guess):  # type: ignore[no-untyped-def]
    p = corpus / CASE
    p.write_bytes(p.read_text(encoding="utf-8").encode(encoding))
    r = cli(corpus, "validate", "--format", "json", "--no-cache")
    assert r.code == 1
    f = [f for f in r.json()["findings"] if f["path"] == CASE]
    assert [x["code"] for x in f] == ["encoding/not-utf8"]
    assert guess in f[0]["message"] and "UTF-8" in f[0]["hint"]
    if encoding == "gbk":
        assert f[0]["line"] == 3  # the first non-ASCII byte is in the title on line 3


def test_invisible_and_bidi_characters(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, "78 岁", "78\u200b 岁")
    replace(corpus, CASE, "每周探访一次。", "每周\u202e探访一次。")
    r = cli(corpus, "validate", "--format", "json", "--no-cache")
    got = [(f["code"], f["line"], f["column"]) for f in r.json()["findings"]]
    assert ("encoding/control-char", 30, 11) in got
    assert ("encoding/control-char", 38, 3) in got


@pytest.mark.parametrize("text,code,line", [
    ("no front matter\n", "frontmatter/missing", 1),
    ("---\nid: x\ntitle: y\n\n## 案例背景\n", "frontmatter/unterminated", 1),
    ("---\n- a\n- b\n---\n", "frontmatter/not-mapping", 2),
    ("---\n---\nbody\n", "frontmatter/not-mapping", 2),
    ("---\nid: x\ntitle: [unclosed\n---\n", "yaml/syntax", 4),
    ("---\nid: x\n\ttitle: tab\n---\n", "yaml/syntax", 3),
])
def test_front_matter_problems(cli, corpus, text, code, line):  # type: ignore[no-untyped-def]
    write(corpus, "cases/alpha-demo/broken.md", text)
    got = [(c, ln) for c, p, ln in findings(cli, corpus) if p == "cases/alpha-demo/broken.md"]
    assert got == [(code, line)]


def test_oversized_front_matter(cli, corpus):  # type: ignore[no-untyped-def]
    write(corpus, "cases/alpha-demo/big.md", "---\nid: big\nnote: " + "长" * 30000 + "\n---\n")
    assert ("frontmatter/too-large", "cases/alpha-demo/big.md", 1) in findings(cli, corpus)


def test_duplicate_key_names_both_lines(cli, corpus):  # type: ignore[no-untyped-def]
    replace(corpus, CASE, "status: approved\n", "status: approved\ntitle: 另一个标题\n")
    r = cli(corpus, "validate", "--format", "json", "--no-cache")
    dup = [f for f in r.json()["findings"] if f["code"] == "yaml/duplicate-key"]
    assert [(f["path"], f["line"], f["column"]) for f in dup] == [(CASE, 22, 1)]
    assert "第 3 行和第 22 行" in dup[0]["message"]


@pytest.mark.parametrize("snippet,code,line", [
    ("extra: &a 1\nother: *a\n", "yaml/anchor", 2),
    ("extra: &a 1\nother: *a\n", "yaml/alias", 3),
    ("base:\n  x: 1\nmerged:\n  <<: {x: 2}\n", "yaml/merge-key", 5),
    ("extra: !!python/object:os.system ls\n", "yaml/tag", 2),
    ("extra: !custom x\n", "yaml/tag", 2),
])
def test_refused_yaml_features(cli, corpus, snippet, code, line):  # type: ignore[no-untyped-def]
    write(corpus, "cases/alpha-demo/feature.md", "---\n" + snippet + "---\n")
    got = [(c, ln) for c, p, ln in findings(cli, corpus) if p == "cases/alpha-demo/feature.md"]
    assert (code, line) in got


def test_directive_is_refused(cli, corpus):  # type: ignore[no-untyped-def]
    org = "organisations/alpha-demo.yaml"
    write(corpus, org, "%YAML 1.1\n---\n" + (corpus / org).read_text(encoding="utf-8"))
    assert ("yaml/directive", org, 1) in findings(cli, corpus)


def test_runaway_nesting_is_refused_without_crashing(cli, corpus):  # type: ignore[no-untyped-def]
    write(corpus, "cases/alpha-demo/deep.md", "---\nid: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    got = [(c, ln) for c, p, ln in findings(cli, corpus) if p == "cases/alpha-demo/deep.md"]
    assert ("yaml/too-deep", 3) in got


def test_yaml_12_scalars_stay_as_written():  # type: ignore[no-untyped-def]
    from guideline.source.yamlparse import parse

    data, _, problems = parse("a: no\nb: on\nc: 010010\nd: 10:30\ne: 2026-10-15\nf: true\ng: 12\nh: ~\ni: 1.5\n", "x.yaml")
    assert problems == []
    assert data == {"a": "no", "b": "on", "c": "010010", "d": "10:30", "e": "2026-10-15", "f": True, "g": 12, "h": None, "i": 1.5}


def test_positions_of_values_and_keys():  # type: ignore[no-untyped-def]
    from guideline.source.yamlparse import parse

    _, marks, _ = parse("id: x\nthemes:\n  - a\n  - b\nconsent:\n  given_by: 本人\n", "x.md", line_offset=2)
    assert marks.at(("themes", 1)) == (5, 5)
    assert marks.key(("consent", "given_by")) == (7, 3)
    assert marks.at(("consent", "given_by")) == (7, 13)


def test_stray_files_are_not_silently_dropped(cli, corpus):  # type: ignore[no-untyped-def]
    write(corpus, "cases/alpha-demo/case.docx", b"PK\x03\x04")
    write(corpus, "cases/loose.md", "---\nid: loose\n---\n")
    got = findings(cli, corpus)
    assert ("file/unrecognised", "cases/alpha-demo/case.docx", 1) in got
    assert ("file/unrecognised", "cases/loose.md", 1) in got


def test_a_crash_inside_one_file_is_a_finding_and_the_run_goes_on(corpus, monkeypatch):  # type: ignore[no-untyped-def]
    from guideline import validate
    from guideline.checks import FILE_CHECKS, Check

    def explode(source, context):  # type: ignore[no-untyped-def]
        if source.path.endswith("door-knock.md"):
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr("guideline.validate.FILE_CHECKS", (*FILE_CHECKS, Check("explode", frozenset(), file=explode)))
    report = validate.run(corpus, use_cache=False)
    assert [(f.code, f.path) for f in report.findings] == [("internal/error", "guideline/01-basics/door-knock.md")]
    assert report.files == 13
