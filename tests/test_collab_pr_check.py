"""The pull-request check judges the merged result: a change that breaks a file it did not
touch (another organisation's case citing a renamed procedure) is red, with that case named."""

from __future__ import annotations

from pathlib import Path

from collab_helpers import CASE, commit_all, git, init_repo
from conftest import run_cli, write

EDITOR = "editor@net.example.org"
BETA = "editor@beta.example.org"
CITING = "cases/beta-demo/beta-weekly-calls.md"


def rename_procedure(root: Path, old: str, new: str) -> None:
    """Rename a procedure everywhere it is known: its file, id, note and every reference."""
    git(root, "mv", f"guideline/01-basics/{old}.md", f"guideline/01-basics/{new}.md")
    git(root, "mv", f"guideline/notes/alpha-demo/{old}.md", f"guideline/notes/alpha-demo/{new}.md")
    for path in [*root.glob("guideline/**/*.md"), *root.glob("cases/**/*.md")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(f"  - {old}\n", f"  - {new}\n").replace(f"id: {old}\n", f"id: {new}\n")
                            .replace(f"procedure: {old}\n", f"procedure: {new}\n"), encoding="utf-8")


def test_renaming_pr_that_breaks_another_organisations_case_is_red(corpus: Path, tmp_path: Path) -> None:
    init_repo(corpus)
    # The editing group renames a procedure on a branch, updating every reference it can see.
    git(corpus, "switch", "-q", "-c", "rename")
    rename_procedure(corpus, "visit-prep", "home-visit-prep")
    commit_all(corpus, "改名：visit-prep → home-visit-prep", EDITOR)
    # Meanwhile another organisation's case citing the old id is merged into main.
    git(corpus, "switch", "-q", "main")
    write(corpus, CITING, CASE.format(id="beta-weekly-calls", title="每周电话问候的赵大爷", org="beta-demo"))
    commit_all(corpus, "贝塔：新案例", BETA)

    # The branch alone is fine (its merge base knows no such case) ...
    git(corpus, "switch", "-q", "rename")
    assert run_cli(corpus, "validate", "--changed-since", "main").code == 0
    # ... but GitHub checks out the merge of the PR into main, and that is what is judged.
    git(corpus, "switch", "-q", "--detach", "main")
    assert git(corpus, "merge", "-q", "--no-ff", "-m", "GitHub 的试合并", "rename", email=EDITOR).returncode == 0
    summary = tmp_path / "summary.md"
    result = run_cli(corpus, "validate", "--changed-since", "main", "--format", "github",
                     env={**__import__("os").environ, "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 1, result.out
    line = next(n for n, text in enumerate((corpus / CITING).read_text(encoding="utf-8").split("\n"), start=1)
                if text == "  - visit-prep")
    assert f"::error file={CITING},line={line},col=5,title=ref/unknown-procedure::引用的程序「visit-prep」不存在。" in result.out
    text = summary.read_text(encoding="utf-8")
    assert "**本次修改导致以下文件出错**" in text and f"- `{CITING}`" in text
    as_json = run_cli(corpus, "validate", "--changed-since", "main", "--format", "json").json()
    assert as_json["elsewhere"] == [CITING]
    assert [(f["code"], f["path"], f["line"]) for f in as_json["findings"]] == [("ref/unknown-procedure", CITING, line)]
    plain = run_cli(corpus, "validate", "--changed-since", "main")
    assert f"本次修改导致以下文件出错（这些文件本身没有改动，是本次修改让它们出错的）：{CITING}。" in plain.out


def test_findings_already_on_the_base_are_not_the_changes(corpus: Path) -> None:
    path = corpus / "cases/beta-demo/beta-fall-at-night.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  - visit-prep\n", "  - no-such-procedure\n"), encoding="utf-8")
    init_repo(corpus)  # main is already broken there
    git(corpus, "switch", "-q", "-c", "unrelated")
    write(corpus, "cases/alpha-demo/alpha-weekly-visits.md", CASE.format(id="alpha-weekly-visits", title="每周探访", org="alpha-demo"))
    commit_all(corpus, "阿尔法：新案例", "worker@alpha.example.org")
    result = run_cli(corpus, "validate", "--changed-since", "main", "--format", "json")
    assert result.code == 0 and result.json()["findings"] == [] and "elsewhere" not in result.json()
