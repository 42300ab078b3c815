"""What reviewers see in real git repositories: leftover conflicts as located errors (and as
broken files in the review summary), and the privacy-relevant values of a change."""

from __future__ import annotations

from pathlib import Path

from collab_helpers import commit_all, git, init_repo
from conftest import approve_all, run_cli

ALPHA = "worker@alpha.example.org"
BETA = "editor@beta.example.org"
CASE = "cases/alpha-demo/alpha-living-alone.md"
ORG = "organisations/alpha-demo.yaml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def conflicting_merge(root: Path, rel: str, old: str, ours: str, theirs: str) -> None:
    """Two branches change the same line; the merge conflicts and is committed with its markers."""
    git(root, "switch", "-q", "-c", "theirs")
    edit(root, rel, old, theirs)
    commit_all(root, "他们的改动", BETA)
    git(root, "switch", "-q", "main")
    edit(root, rel, old, ours)
    commit_all(root, "我们的改动", ALPHA)
    assert git(root, "merge", "-q", "theirs", check=False).returncode == 1  # a real conflict
    commit_all(root, "合并（冲突没有解决）", ALPHA)
    git(root, "branch", "-q", "-D", "theirs")


def markers(root: Path) -> list[tuple[str, int]]:
    result = run_cli(root, "validate", "--format", "json")
    assert result.code == 1
    return [(f["path"], f["line"]) for f in result.json()["findings"] if f["code"] == "file/conflict-marker"]


def lines_starting(root: Path, rel: str, *prefixes: str) -> list[int]:
    text = (root / rel).read_text(encoding="utf-8").split("\n")
    return [n for n, line in enumerate(text, start=1) if line.startswith(prefixes)]


def test_conflict_in_a_body_is_an_error_at_each_marker(corpus: Path) -> None:
    # A setext heading underline (=======) outside a conflict is Markdown, not a marker.
    edit(corpus, CASE, "## 案例背景\n", "## 案例背景\n\n小标题\n=======\n\n")
    init_repo(corpus)
    conflicting_merge(corpus, CASE, "王大爷（化名），78 岁，独居。", "王大爷（化名），78 岁，独居多年。", "王大爷（化名），78 岁，与老伴同住。")
    expected = lines_starting(corpus, CASE, "<<<<<<<", "=======", ">>>>>>>")
    assert len(expected) == 4  # the heading underline, then the three markers
    assert markers(corpus) == [(CASE, n) for n in expected[1:]]
    result = run_cli(corpus, "validate", CASE)
    assert "这一行是 git 合并冲突留下的标记「<<<<<<<」" in result.out and "[file/conflict-marker]" in result.out
    assert "yaml/syntax" not in result.out


def test_conflict_in_front_matter_is_not_a_yaml_error(corpus: Path) -> None:
    init_repo(corpus)
    conflicting_merge(corpus, CASE, "title: 独居的王大爷", "title: 独居多年的王大爷", "title: 与老伴同住的王大爷")
    found = markers(corpus)
    assert found == [(CASE, n) for n in lines_starting(corpus, CASE, "<<<<<<<", "=======", ">>>>>>>")]
    assert found[0][1] == 3
    codes = {f["code"] for f in run_cli(corpus, "validate", "--format", "json").json()["findings"] if f["path"] == CASE}
    assert codes == {"file/conflict-marker"}


def test_conflict_in_a_yaml_registry_and_diff_calls_it_broken(corpus: Path) -> None:
    init_repo(corpus)
    before = git(corpus, "rev-parse", "HEAD").stdout.strip()
    conflicting_merge(corpus, ORG, "district: 西城区", "district: 东城区", "district: 海淀区")
    assert markers(corpus) == [(ORG, n) for n in lines_starting(corpus, ORG, "<<<<<<<", "=======", ">>>>>>>")]
    diff = run_cli(corpus, "diff", before, "HEAD", "--format", "json")
    assert diff.code == 0, diff.err
    got = {(c["change"], c["kind"], c["path"]) for c in diff.json()["changes"]}
    assert ("broken", "organisation", ORG) in got
    assert not any(c["change"] == "removed" for c in diff.json()["changes"])
    md = run_cli(corpus, "diff", before, "HEAD").out
    assert "无法读取 1 项" in md and "文件无法读取（例如留有合并冲突标记）" in md


def test_diff_shows_consent_values_approval_and_editions(corpus: Path) -> None:
    approve_all(corpus)
    init_repo(corpus)
    git(corpus, "switch", "-q", "-c", "narrow-consent")
    edit(corpus, CASE, "    - 网站\n", "")
    edit(corpus, CASE, "  date: 2026-09-20", "  date: 2026-10-20")
    (corpus / "schemas").mkdir()
    (corpus / "schemas" / "extra.schema.json").write_text("{}\n", encoding="utf-8")
    (corpus / "privacy-allowlist.yaml").write_text("{}\n", encoding="utf-8")
    commit_all(corpus, "阿尔法：撤回网站发布的同意", ALPHA)
    result = run_cli(corpus, "diff", "main", "--format", "json")
    assert result.code == 0, result.err
    change = next(c for c in result.json()["changes"] if c["path"] == CASE)
    assert change["details"] == ["知情同意范围删除：「网站」", "去标识化审核：审核人或日期改变",
                                 "编辑组审阅：失效（审阅后有修改）", "离开正式版：网站、手册"]
    assert "@net/editors" in change["owners"]
    assert [(f["path"], f["change"]) for f in result.json()["maintainers"]] == [
        ("privacy-allowlist.yaml", "新增"), ("schemas/extra.schema.json", "新增")]
    md = run_cli(corpus, "diff", "main").out
    assert "知情同意范围删除：「网站」" in md and "### 需要维护者审阅的改动" in md

    # The editing group approves the narrowed case again: it returns to the handbook only.
    assert run_cli(corpus, "approve", CASE, "--reviewer", "net-editor").code == 0
    change = next(c for c in run_cli(corpus, "diff", "main", "--format", "json").json()["changes"] if c["path"] == CASE)
    assert "离开正式版：网站" in change["details"] and "编辑组审阅：失效（审阅后有修改）" not in change["details"]
