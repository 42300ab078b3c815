"""The validate command through the real CLI: formats, exit codes, filters, cache."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import Cli, replace, write

CASE = "cases/alpha-demo/alpha-living-alone.md"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def test_exit_codes(cli: Cli, corpus: Path) -> None:
    assert cli(corpus, "validate").code == 0
    replace(corpus, CASE, "  - door-knock\n", "  - door-knok\n")
    assert cli(corpus, "validate").code == 1
    assert cli(corpus, "validate", "--format", "xml").code == 2
    assert cli(corpus / "cases", "validate").code == 2


def test_usage_errors_are_in_chinese(cli: Cli, corpus: Path) -> None:
    r = cli(corpus, "validate", "--format", "xml")
    assert "用法错误" in r.err


def test_text_report_is_grouped_and_located(cli: Cli, corpus: Path) -> None:
    replace(corpus, CASE, "  - door-knock\n", "  - door-knok\n")
    r = cli(corpus, "validate")
    assert r.out.splitlines()[:3] == [
        CASE,
        "  第 9 行第 5 列  错误  引用的程序「door-knok」不存在。  [ref/unknown-procedure]",
        "      提示：检查拼写；现有程序编号见网站「程序索引」或 guideline/ 下的文件名。",
    ]
    assert r.out.rstrip().endswith("检查未通过：共检查 13 个文件，1 个错误，0 个警告。")


def test_warnings_do_not_fail(cli: Cli, corpus: Path) -> None:
    replace(corpus, "guideline/01-basics/visit-prep.md", "  - door-knock\n", "  - visit-prep\n")
    r = cli(corpus, "validate", "--format", "json")
    assert r.code == 0 and r.json()["counts"] == {"error": 0, "warning": 1}


def test_json_shape(cli: Cli, corpus: Path) -> None:
    replace(corpus, CASE, "  - door-knock\n", "  - door-knok\n")
    doc = cli(corpus, "validate", "--format", "json").json()
    assert set(doc) == {"findings", "counts", "files"}
    assert doc["findings"][0] == {
        "code": "ref/unknown-procedure", "severity": "error", "path": CASE, "line": 9, "column": 5,
        "message": "引用的程序「door-knok」不存在。",
        "hint": "检查拼写；现有程序编号见网站「程序索引」或 guideline/ 下的文件名。",
    }


def test_github_format_aggregates_within_limits(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    for i in range(12):
        write(corpus, f"cases/alpha-demo/bad-{i}.md", f"---\nid: bad-{i}\n---\n")
    summary = tmp_path / "summary.md"
    r = cli(corpus, "validate", "--format", "github", env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert r.code == 1
    errors = [ln for ln in r.out.splitlines() if ln.startswith("::error")]
    assert len(errors) == 10
    assert "完整列表见本次运行的摘要" in errors[-1]
    table = summary.read_text(encoding="utf-8")
    assert table.count("schema/required") >= 12


def test_github_format_never_lets_content_start_a_command(cli: Cli, corpus: Path) -> None:
    write(corpus, "cases/alpha-demo/evil.md", '---\nid: evil\n"x\\n::stop-commands::token\\n%0A": 1\n---\n')
    r = cli(corpus, "validate", "--format", "github")
    lines = r.out.splitlines()
    assert all(ln.startswith(("::error ", "::warning ")) or not ln.startswith("::") for ln in lines)
    evil = [ln for ln in lines if "stop-commands" in ln]
    assert len(evil) == 1 and evil[0].startswith("::error file=cases/alpha-demo/evil.md")
    assert "%0A::stop-commands::token%0A%250A" in evil[0]


def test_path_filter_reports_only_those_files_but_resolves_everything(cli: Cli, corpus: Path) -> None:
    replace(corpus, CASE, "  - door-knock\n", "  - door-knok\n")
    replace(corpus, "guideline/01-basics/visit-prep.md", "  - door-knock\n", "  - nothing\n")
    r = cli(corpus, "validate", "--format", "json", str(corpus / "cases"))
    assert [(f["code"], f["path"]) for f in r.json()["findings"]] == [("ref/unknown-procedure", CASE)]


def test_changed_since(cli: Cli, corpus: Path) -> None:
    git(corpus, "init", "-q", "-b", "main")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-qm", "base")
    replace(corpus, "guideline/01-basics/visit-prep.md", "  - door-knock\n", "  - nothing\n")  # already broken on main
    git(corpus, "commit", "-qam", "break on main")
    git(corpus, "checkout", "-qb", "contribution")
    text = (corpus / CASE).read_text(encoding="utf-8").replace("alpha-living-alone", "alpha-new")
    write(corpus, "cases/alpha-demo/alpha-new.md", text.replace("  - door-knock\n", "  - door-knok\n"))
    r = cli(corpus, "validate", "--format", "json", "--changed-since", "main")
    assert [(f["code"], f["path"], f["line"]) for f in r.json()["findings"]] == [
        ("ref/unknown-procedure", "cases/alpha-demo/alpha-new.md", 9)]
    assert cli(corpus, "validate", "--changed-since", "no-such-rev").code == 2


def test_cache_gives_the_same_answer_and_notices_changes(cli: Cli, corpus: Path) -> None:
    replace(corpus, CASE, "given_by: 本人", "given_by: 邻居")
    first = cli(corpus, "validate", "--format", "json").json()
    assert (corpus / ".cache/validate.pickle").is_file()
    assert cli(corpus, "validate", "--format", "json").json() == first
    replace(corpus, CASE, "given_by: 邻居", "given_by: 本人")
    assert cli(corpus, "validate", "--format", "json").json()["findings"] == []
    # a glossary change invalidates cached file results (term checks depend on it)
    from guideline.validate import load_context

    before = load_context(corpus).digest
    replace(corpus, "guideline/glossary/cognitive-impairment.yaml", "带有污名。", "带有污名和歧视。")
    assert load_context(corpus).digest != before


def test_corrupt_cache_is_ignored(cli: Cli, corpus: Path) -> None:
    write(corpus, ".cache/validate.pickle", b"not a pickle")
    assert cli(corpus, "validate").code == 0


def test_rules_lists_every_code(cli: Cli, corpus: Path) -> None:
    r = cli(corpus, "rules")
    assert "yaml/duplicate-key" in r.out and "schema/required" in r.out and r.code == 0


def test_every_command_but_rules_needs_a_repository(cli: Cli, tmp_path: Path) -> None:
    for args in (["validate"], ["build"], ["serve"], ["codeowners"], ["credits"], ["diff"], ["release", "1.0.0"],
                 ["new", "org", "--id", "x"], ["import", "issue", "form.md"]):
        r = cli(tmp_path, *args)
        assert (r.code, r.err) == (2, f"用法错误：{tmp_path} 不是指引仓库（找不到 guideline/guideline.yaml）。\n"), args
    assert cli(tmp_path, "rules").code == 0


def test_library_errors_become_messages_and_exit_codes(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from guideline.cli import main

    outside = corpus.parent / "elsewhere.md"
    assert main(["--root", str(corpus), "validate", str(outside)]) == 2
    assert capsys.readouterr().err == f"用法错误：{outside} 不在仓库 {corpus} 之内。\n"
    assert main(["--root", str(corpus), "release", "1.0"]) == 2
    assert capsys.readouterr().err == "用法错误：版本号写成 1.0.0 这样的三段数字，日期写成 2026-10-15。\n"
    replace(corpus, CASE, "  - door-knock\n", "  - door-knok\n")
    assert main(["--root", str(corpus), "build", "--site", "--out", str(corpus / "out")]) == 1
    err = capsys.readouterr().err
    assert "[ref/unknown-procedure]" in err and err.endswith("内容检查未通过，没有生成任何输出。请先修正上面的错误。\n")
    assert not (corpus / "out").exists()
