"""Editions in real git repositories with one identity per organisation and one for the editing
group: only what the editing group approved, with the consent it has, reaches each output."""

from __future__ import annotations

from pathlib import Path

import pytest

from collab_helpers import CASE, commit_all, git, init_repo
from conftest import approve_all, run_cli, write

ALPHA = "worker@alpha.example.org"
BETA = "editor@beta.example.org"
EDITOR = "editor@net.example.org"
NEW_CASE = "cases/alpha-demo/alpha-weekly-visits.md"
TITLE = "每周探访的李奶奶"


def published(root: Path, out: Path) -> tuple[str, str, str]:
    """(site HTML, handbook EPUB text, stderr) of a published build."""
    from guideline.handbook.verify import epub_text

    result = run_cli(root, "build", "--edition", "published", "--out", str(out))
    assert result.code == 0, result.err
    html = "\n".join(p.read_text(encoding="utf-8") for p in (out / "site").rglob("*.html"))
    return html, epub_text(out / "handbook" / "handbook.epub"), result.err


@pytest.fixture
def repo(corpus: Path) -> Path:
    """The fixture corpus as a repository whose approved items the editing group has approved."""
    approve_all(corpus)
    init_repo(corpus)
    return corpus


def test_only_the_editing_groups_approval_publishes(repo: Path, tmp_path: Path) -> None:
    # An organisation's maintainer marks their own new case approved and merges it.
    git(repo, "switch", "-q", "-c", "alpha-case")
    write(repo, NEW_CASE, CASE.format(id="alpha-weekly-visits", title=TITLE, org="alpha-demo")
          .replace("    - 出版\n", "    - 出版\n    - 网站\n"))
    commit_all(repo, "阿尔法：新案例（自己标为已通过）", ALPHA)
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "合并阿尔法的案例", "alpha-case", email=ALPHA)
    assert run_cli(repo, "validate").code == 0

    preview = run_cli(repo, "build", "--site", "--out", str(tmp_path / "preview"))
    assert preview.code == 0, preview.err
    page = (tmp_path / "preview/site/cases/alpha-demo/alpha-weekly-visits.html").read_text(encoding="utf-8")
    assert "可进入正式版网站、手册；尚待编辑组审阅通过" in page
    site, book, err = published(repo, tmp_path / "before")
    assert TITLE not in site and TITLE not in book
    assert f"`{NEW_CASE}`「{TITLE}」：还没有编辑组的审阅记录" in err

    # The editing group approves it: a record under reviews/, in both published outputs.
    approved = run_cli(repo, "approve", NEW_CASE, "--reviewer", "net-editor", "--date", "2026-11-02")
    assert approved.code == 0, approved.err
    record = repo / "reviews" / f"{NEW_CASE}.yaml"
    assert "reviewer: net-editor\n" in record.read_text(encoding="utf-8")
    assert "consent_scope:\n  - 出版\n  - 网站\n" in record.read_text(encoding="utf-8")
    commit_all(repo, "编辑组审阅通过", EDITOR)
    site, book, err = published(repo, tmp_path / "approved")
    assert TITLE in site and TITLE in book
    assert "正式版没有收录" not in err

    # A later edit to its body (by the organisation) takes it out again, with a finding naming it.
    case = repo / NEW_CASE
    case.write_text(case.read_text(encoding="utf-8").replace("情绪稳定。", "情绪稳定，开始参加活动。"), encoding="utf-8")
    commit_all(repo, "阿尔法：补充成效", ALPHA)
    result = run_cli(repo, "validate", "--format", "json")
    assert result.code == 0
    assert [(f["code"], f["path"], f["line"]) for f in result.json()["findings"]] == [
        ("review/outdated", NEW_CASE, 20)]
    assert f"「{TITLE}」在编辑组审阅（2026-11-02）之后又被修改过" in result.json()["findings"][0]["message"]
    site, book, err = published(repo, tmp_path / "edited")
    assert TITLE not in site and TITLE not in book
    assert f"`{NEW_CASE}`「{TITLE}」：编辑组审阅后又被修改，需要重新审阅" in err


def test_consent_scope_decides_each_output(repo: Path, tmp_path: Path) -> None:
    training = CASE.format(id="beta-training-only", title="只用于培训的案例", org="beta-demo").replace("    - 出版\n", "    - 培训\n")
    website = CASE.format(id="beta-website-only", title="只上网站的案例", org="beta-demo").replace("    - 出版\n", "    - 网站\n")
    write(repo, "cases/beta-demo/beta-training-only.md", training)
    write(repo, "cases/beta-demo/beta-website-only.md", website)
    commit_all(repo, "贝塔：两个案例", BETA)
    assert run_cli(repo, "approve", "cases/beta-demo/beta-training-only.md", "cases/beta-demo/beta-website-only.md",
                   "--reviewer", "net-editor").code == 0
    commit_all(repo, "编辑组审阅通过", EDITOR)
    assert run_cli(repo, "validate").code == 0

    site, book, _ = published(repo, tmp_path / "published")
    assert "只用于培训的案例" not in site and "只用于培训的案例" not in book
    assert "只上网站的案例" in site and "只上网站的案例" not in book
    assert "独居的王大爷" in site and "独居的王大爷" in book  # 出版 and 网站

    from guideline.editions import HANDBOOK, PUBLISHED, SITE, edition
    from guideline.snapshot import load_corpus

    model = load_corpus(repo)
    assert "beta-website-only" in edition(model, PUBLISHED, SITE).cases
    assert "beta-website-only" not in edition(model, PUBLISHED, HANDBOOK).cases
    assert "beta-training-only" not in edition(model, PUBLISHED).cases
    preview = run_cli(repo, "build", "--site", "--out", str(tmp_path / "preview"))
    assert preview.code == 0, preview.err
    page = (tmp_path / "preview/site/cases/beta-demo/beta-training-only.html").read_text(encoding="utf-8")
    assert "不进入正式版网站和手册（知情同意范围不含「网站」或「出版」）" in page
    page = (tmp_path / "preview/site/cases/beta-demo/beta-website-only.html").read_text(encoding="utf-8")
    assert "可进入正式版网站（知情同意范围不含「出版」，不进入手册）" in page


def test_canonical_hash_ignores_bom_and_line_endings(repo: Path) -> None:
    path = repo / "cases/alpha-demo/alpha-living-alone.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli(repo, "validate", "--format", "json")
    assert "review/outdated" not in {f["code"] for f in result.json()["findings"]}


def test_approve_refuses_what_it_cannot_approve(repo: Path) -> None:
    assert run_cli(repo, "approve", "organisations/alpha-demo.yaml", "--reviewer", "x").code == 2
    draft = repo / "guideline/02-visits/fall-response.md"
    assert "status: approved" not in draft.read_text(encoding="utf-8")
    done = run_cli(repo, "approve", "guideline/02-visits/fall-response.md", "--reviewer", "x")
    assert done.code == 0, done.err
    assert "status: approved\n" in draft.read_text(encoding="utf-8")  # approving sets the status
    assert (repo / "reviews/guideline/02-visits/fall-response.md.yaml").is_file()
    draft.unlink()
    orphan = run_cli(repo, "validate", "--format", "json")
    assert ("review/orphan", "reviews/guideline/02-visits/fall-response.md.yaml", 1) in orphan.findings()


def merge_pr(root: Path, branch: str, email: str) -> None:
    git(root, "switch", "-q", "main")
    assert git(root, "merge", "-q", "--no-ff", "-m", f"合并 {branch}", branch, email=email).returncode == 0


def release(root: Path, version: str, date: str) -> None:
    """A maintainer prepares the release; its pull request is merged; the main workflow tags it."""
    prepared = run_cli(root, "release", version, "--date", date, "--edition", f"{version} 版")
    assert prepared.code == 0, prepared.err + prepared.out
    merge_pr(root, f"release/v{version}", "maintainer@net.example.org")
    assert run_cli(root, "release", "--tag").out == f"v{version}\n"


def test_two_releases_in_the_changelog_and_later_changes_only_in_the_preview(repo: Path, tmp_path: Path) -> None:
    release(repo, "1.0.0", "2026-11-01")
    git(repo, "switch", "-q", "-c", "alpha-case")
    write(repo, NEW_CASE, CASE.format(id="alpha-weekly-visits", title=TITLE, org="alpha-demo").replace("    - 出版\n", "    - 网站\n"))
    assert run_cli(repo, "approve", NEW_CASE, "--reviewer", "net-editor").code == 0
    commit_all(repo, "阿尔法的案例，编辑组审阅通过", ALPHA)
    merge_pr(repo, "alpha-case", EDITOR)
    release(repo, "1.1.0", "2026-12-01")
    # Merged after the second release: approved, but not released yet.
    git(repo, "switch", "-q", "-c", "late")
    write(repo, "cases/beta-demo/beta-late.md", CASE.format(id="beta-late", title="发布之后才合并的案例", org="beta-demo")
          .replace("    - 出版\n", "    - 网站\n"))
    assert run_cli(repo, "approve", "cases/beta-demo/beta-late.md", "--reviewer", "net-editor").code == 0
    commit_all(repo, "贝塔的案例", BETA)
    merge_pr(repo, "late", EDITOR)

    built = run_cli(repo, "build", "--site", "--edition", "published", "--out", str(tmp_path / "published"))
    assert built.code == 0, built.err
    assert "正式版内容来自发布标签 v1.1.0。" in built.err
    site = tmp_path / "published" / "site"
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert changelog.index("1.1.0") < changelog.index("1.0.0")
    assert f"新增案例「{TITLE}」（alpha-weekly-visits）" in changelog
    assert "首次发布：2 个程序、1 条实务经验、2 个案例，2 家共建机构。" in changelog
    html = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert TITLE in html and "发布之后才合并的案例" not in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "1.1.0 版（1.1.0）" in home

    preview = run_cli(repo, "build", "--site", "--out", str(tmp_path / "preview"))
    assert preview.code == 0, preview.err
    assert (tmp_path / "preview/site/cases/beta-demo/beta-late.html").is_file()
