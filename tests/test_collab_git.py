"""Parallel contributions in real git repositories: merge, duplicate keys, diff, credits, release."""

from __future__ import annotations

from pathlib import Path

from collab_helpers import CASE, NOTE, commit_all, git, init_repo
from conftest import approve_all, run_cli, write


def test_two_organisations_merge_without_losing_anything(corpus: Path, tmp_path: Path) -> None:
    init_repo(corpus)
    git(corpus, "switch", "-q", "-c", "alpha-work")
    write(corpus, "cases/alpha-demo/alpha-weekly-visits.md", CASE.format(id="alpha-weekly-visits", title="每周探访的李奶奶", org="alpha-demo"))
    write(corpus, "guideline/notes/alpha-demo/fall-response.md", NOTE.format(procedure="fall-response", org="alpha-demo", title="夜间跌倒的电话确认"))
    commit_all(corpus, "阿尔法：新增案例和实务经验", "worker@alpha.example.org")
    git(corpus, "switch", "-q", "main")
    git(corpus, "switch", "-q", "-c", "beta-work")
    write(corpus, "cases/beta-demo/beta-phone-checkin.md", CASE.format(id="beta-phone-checkin", title="电话问候的赵大爷", org="beta-demo"))
    write(corpus, "guideline/notes/beta-demo/visit-prep.md", NOTE.format(procedure="visit-prep", org="beta-demo", title="出发前的电话确认"))
    commit_all(corpus, "贝塔：新增案例和实务经验", "editor@beta.example.org")
    git(corpus, "switch", "-q", "main")
    assert git(corpus, "merge", "--no-ff", "-q", "-m", "合并阿尔法", "alpha-work").returncode == 0
    assert git(corpus, "merge", "--no-ff", "-q", "-m", "合并贝塔", "beta-work").returncode == 0

    result = run_cli(corpus, "validate", "--format", "json")
    assert result.code == 0, result.out
    assert result.json()["counts"]["error"] == 0
    titles = ["每周探访的李奶奶", "电话问候的赵大爷", "夜间跌倒的电话确认", "出发前的电话确认"]

    from guideline.snapshot import load_corpus

    model = load_corpus(corpus)
    assert {"alpha-weekly-visits", "beta-phone-checkin", "alpha-living-alone", "beta-fall-at-night"} <= set(model.cases)
    assert {(n.org, n.procedure) for n in model.notes} == {
        ("alpha-demo", "visit-prep"), ("alpha-demo", "fall-response"), ("beta-demo", "visit-prep")}
    # And everything merged reaches the built site.
    out = tmp_path / "out"
    built = run_cli(corpus, "build", "--site", "--out", str(out))
    assert built.code == 0, built.err
    html = "\n".join(p.read_text(encoding="utf-8") for p in (out / "site").rglob("*.html"))
    for title in titles:
        assert title in html


def test_clean_merge_leaving_duplicate_key_is_caught(corpus: Path) -> None:
    init_repo(corpus)
    case = "cases/alpha-demo/alpha-living-alone.md"
    original = (corpus / case).read_text(encoding="utf-8")
    git(corpus, "switch", "-q", "-c", "one")
    write(corpus, case, original.replace("title: 独居的王大爷\n", "title: 独居的王大爷\nauthors:\n  - 社工甲\n"))
    commit_all(corpus, "加撰写人甲")
    git(corpus, "switch", "-q", "main")
    write(corpus, case, original.replace("status: approved\n", "status: approved\nauthors:\n  - 社工乙\n"))
    commit_all(corpus, "加撰写人乙")
    assert git(corpus, "merge", "-q", "-m", "合并", "one").returncode == 0  # git sees no conflict
    result = run_cli(corpus, "validate", "--format", "json")
    assert result.code == 1
    dup = [f for f in result.json()["findings"] if f["code"] == "yaml/duplicate-key"]
    assert [(f["path"], f["line"]) for f in dup] == [(case, 24)]
    assert dup[0]["message"] == "字段「authors」写了两次：第 4 行和第 24 行。只会保留一个，另一个的内容会丢失。"


def test_diff_names_every_added_and_changed_item(corpus: Path) -> None:
    init_repo(corpus)
    git(corpus, "switch", "-q", "-c", "work")
    write(corpus, "cases/alpha-demo/alpha-weekly-visits.md", CASE.format(id="alpha-weekly-visits", title="每周探访的李奶奶", org="alpha-demo"))
    write(corpus, "guideline/notes/beta-demo/visit-prep.md", NOTE.format(procedure="visit-prep", org="beta-demo", title="出发前的电话确认"))
    proc = corpus / "guideline/01-basics/visit-prep.md"
    proc.write_text(proc.read_text(encoding="utf-8").replace("status: approved", "status: review")
                    .replace("所有入户探访。", "所有入户探访和电话回访。"), encoding="utf-8")
    commit_all(corpus, "改动")
    (corpus / "cases/beta-demo/beta-fall-at-night.md").unlink()  # uncommitted: the working tree counts

    result = run_cli(corpus, "diff", "--format", "json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["counts"] == {"added": 2, "changed": 1, "removed": 1, "broken": 0}
    got = {(c["change"], c["kind"], c["id"]): c for c in doc["changes"]}
    assert set(got) == {("added", "case", "alpha-weekly-visits"), ("added", "note", "beta-demo/visit-prep"),
                        ("changed", "procedure", "visit-prep"), ("removed", "case", "beta-fall-at-night")}
    changed = got[("changed", "procedure", "visit-prep")]
    assert (changed["fields"], changed["sections"], changed["status"]) == (["status"], ["适用情形"], {"from": "approved", "to": "review"})
    assert changed["orgs"] == ["alpha-demo"] and changed["owners"] == ["@net/editors"]
    assert got[("added", "case", "alpha-weekly-visits")]["owners"] == ["@alpha-lead", "@net/editors"]
    assert got[("added", "note", "beta-demo/visit-prep")]["owners"] == ["@beta-lead", "@net/editors"]

    md = run_cli(corpus, "diff", "main", "--format", "md").out
    assert "## 内容变更：新增 2 项，修改 1 项，删除 1 项" in md
    assert ("| 修改 | 程序 | 入户前准备<br>`guideline/01-basics/visit-prep.md` | 阿尔法（示例） "
            "| 字段：status；小节：适用情形；状态：已通过 → 审阅中 | @net/editors |") in md
    assert "每周探访的李奶奶" in md and "出发前的电话确认" in md
    bad = run_cli(corpus, "diff", "no-such-rev")
    assert (bad.code, bad.err) == (2, "用法错误：找不到 git 版本「no-such-rev」。\n")
    bad_base = run_cli(corpus, "diff", "no-such-rev", "main")  # the message names the revision that is missing
    assert (bad_base.code, bad_base.err) == (2, "用法错误：找不到 git 版本「no-such-rev」。\n")


def test_credits_attribute_authors_and_co_authors(corpus: Path) -> None:
    init_repo(corpus)  # lead@net.example.org: no organisation
    write(corpus, "cases/alpha-demo/alpha-weekly-visits.md", CASE.format(id="alpha-weekly-visits", title="每周探访的李奶奶", org="alpha-demo"))
    commit_all(corpus, "阿尔法的案例", "someone@alpha.example.org")
    git(corpus, "tag", "-a", "v0.1.0", "-m", "首版")
    write(corpus, "guideline/notes/beta-demo/visit-prep.md", NOTE.format(procedure="visit-prep", org="beta-demo", title="出发前的电话确认"))
    commit_all(corpus, "贝塔的经验\n\nCo-authored-by: 阿尔法社工 <helper@alpha.example.org>", "editor@beta.example.org")
    result = run_cli(corpus, "credits", "--format", "json")
    assert result.code == 0, result.err
    credits = result.json()
    assert (credits["alpha-demo"]["commits"], credits["alpha-demo"]["by_edition"]) == (2, {"v0.1.0": 1, "未发布": 1})
    assert (credits["beta-demo"]["commits"], credits["beta-demo"]["by_edition"]) == (1, {"未发布": 1})
    assert credits["beta-demo"]["notes"] == ["visit-prep"] and "alpha-weekly-visits" in credits["alpha-demo"]["cases"]
    md = run_cli(corpus, "credits").out
    assert "| 阿尔法（示例）（`alpha-demo`） | 3 | 1 | 2 | 2 |" in md
    assert "| 机构 | v0.1.0 | 未发布 |" in md and "| 贝塔（示例） | 0 | 1 |\n" in md


def test_release_is_prepared_on_a_branch_and_tagged_on_merge(corpus: Path) -> None:
    settings = corpus / "guideline/guideline.yaml"
    settings.write_text("# 指引的总体设置（这行注释必须保留）。\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    approve_all(corpus)
    init_repo(corpus)
    git(corpus, "tag", "-a", "v0.1.0", "-m", "首版")
    write(corpus, "cases/alpha-demo/alpha-weekly-visits.md", CASE.format(id="alpha-weekly-visits", title="每周探访的李奶奶", org="alpha-demo"))
    proc = corpus / "guideline/01-basics/visit-prep.md"
    proc.write_text(proc.read_text(encoding="utf-8").replace("所有入户探访。", "所有入户探访和电话回访。"), encoding="utf-8")
    assert run_cli(corpus, "approve", "cases/alpha-demo/alpha-weekly-visits.md", "guideline/01-basics/visit-prep.md",
                   "--reviewer", "net-editor").code == 0
    commit_all(corpus, "新内容")
    main_settings = settings.read_text(encoding="utf-8")

    result = run_cli(corpus, "release", "0.2.0", "--date", "2026-11-01", "--edition", "2026 年版")
    assert result.code == 0, result.err + result.out
    assert "git push -u origin release/v0.2.0" in result.out  # no gh here: the PR step is printed
    assert git(corpus, "branch", "--show-current").stdout.strip() == "release/v0.2.0"
    assert git(corpus, "tag", "--list", "v0.2.0").stdout.strip() == ""  # tagged only on merge
    assert git(corpus, "show", "main:guideline/guideline.yaml").stdout == main_settings  # main untouched
    assert git(corpus, "status", "--porcelain", "--untracked-files=no").stdout == ""
    text = settings.read_text(encoding="utf-8")
    assert text.startswith("# 指引的总体设置（这行注释必须保留）。\n")
    assert "version: 0.2.0\n" in text and "edition: 2026 年版\n" in text
    from guideline.model import Release
    from guideline.snapshot import load_corpus

    changes = ("修改程序「入户前准备」（visit-prep）：小节：适用情形", "新增案例「每周探访的李奶奶」（alpha-weekly-visits）")
    assert load_corpus(corpus).settings.releases[0] == Release("0.2.0", "2026-11-01", "2026 年版", changes)
    again = run_cli(corpus, "release", "0.2.0")
    assert again.code == 2 and "分支 release/v0.2.0 已经存在" in again.err

    # The pull request is merged; the main workflow tags the merge and writes the release text.
    git(corpus, "switch", "-q", "main")
    assert run_cli(corpus, "release", "--tag").out == ""  # nothing to tag before the merge
    git(corpus, "merge", "-q", "--no-ff", "-m", "合并发布 v0.2.0", "release/v0.2.0")
    tagged = run_cli(corpus, "release", "--tag")
    assert (tagged.code, tagged.out) == (0, "v0.2.0\n")
    assert git(corpus, "rev-parse", "v0.2.0^{commit}").stdout == git(corpus, "rev-parse", "HEAD").stdout
    assert "新增案例「每周探访的李奶奶」" in git(corpus, "tag", "-n5", "--list", "v0.2.0").stdout
    assert run_cli(corpus, "release", "--tag").out == ""  # once only
    notes = run_cli(corpus, "release", "--notes")
    assert notes.out == "**2026 年版**（2026-11-01）\n\n" + "".join(f"- {line}\n" for line in changes)
    assert run_cli(corpus, "validate").code == 0
    exists = run_cli(corpus, "release", "0.2.0")
    assert exists.code == 2 and "标签 v0.2.0 已经存在" in exists.err


def test_diff_sections_are_the_headings_the_checks_see() -> None:
    from guideline.changes import sections

    body = "引子\n\n## 目的\n\n甲\n\n```\n## 代码里的井号\n```\n\n## 操作步骤\n\n乙\n"
    assert sections(body) == {"引言": "引子", "目的": "甲\n\n```\n## 代码里的井号\n```", "操作步骤": "乙"}
