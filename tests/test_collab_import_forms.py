"""Issue forms round-trip: every field of every form, `###` lines typed inside text areas, the forms' own examples."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, run_cli
from test_collab_import import CASE_ANSWERS, FORMS, render_issue

NOTE_ANSWERS = {"程序编号": "fall-response", "机构编号": "beta-demo", "标题": "夜间电话的分工", "实务经验": "值班社工接电话。"}


def _spec(form: str) -> list[dict[str, Any]]:
    """The input fields of an issue form (GitHub's form schema: type, id, attributes)."""
    return [i for i in yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))["body"] if i["type"] != "markdown"]


def _typed(form: str, label: str) -> str:
    """What a contributor types into a text area: headings named like every *other* field, a quote, a table."""
    others = [i["attributes"]["label"] for i in _spec(form) if i["attributes"]["label"] != label]
    lines = [f"「{label}」的第一段。", ""]
    for other in others:
        lines += [f"### {other}", "", f"写在「{label}」里的「{other}」小标题下的一段。", ""]
    lines += ["### 自己的小标题", "", "> 引用一句话", "", "| 阶段 | 内容 |", "|---|---|", "| 一 | 建立关系 |"]
    return "\n".join(lines)


@pytest.mark.parametrize(("form", "answers", "written"), [
    ("case.yml", CASE_ANSWERS, "cases/alpha-demo/alpha-phone-visits.md"),
    ("note.yml", NOTE_ANSWERS, "guideline/notes/beta-demo/fall-response.md"),
])
def test_every_field_round_trips_with_typed_headings(corpus: Path, tmp_path: Path, form: str,
                                                     answers: dict[str, str], written: str) -> None:
    areas = [i["attributes"]["label"] for i in _spec(form) if i["type"] == "textarea"]
    typed = {label: _typed(form, label) for label in areas}
    body = tmp_path / "issue.md"
    body.write_text(render_issue(form, {**answers, **typed}), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    assert result.code in (0, 1), result.err
    # A heading named like the next field is kept where it was typed, with a warning to check it.
    assert {f["code"] for f in result.json()["findings"] if f["code"].startswith("import/")} <= {"import/typed-heading"}
    text = (corpus / written).read_text(encoding="utf-8")
    front, content = text.split("\n---\n", 1)
    for label in areas:
        assert typed[label] in content, label
    if form == "case.yml":
        for label in areas:  # each typed text is in its own section, in the form's order
            assert f"## {label}\n\n{typed[label]}\n" in content
    data = yaml.safe_load(front.removeprefix("---\n"))
    expected_scalars = {k: v for k, v in answers.items() if k not in areas and k not in ("主题", "相关程序", "同意范围")}
    from guideline.importers.issue import CASE_FIELDS, NOTE_FIELDS

    fields = CASE_FIELDS if form == "case.yml" else NOTE_FIELDS
    for label, value in expected_scalars.items():
        node = data
        for key in fields[label][0]:
            node = node[key]
        assert str(node) == value, label
    if form == "case.yml":
        assert (data["themes"], data["procedures"], data["consent"]["scope"]) == (
            ["living-alone", "emergency"], ["visit-prep", "door-knock"], ["出版", "网站"])


def test_a_fields_own_label_typed_inside_it_is_kept_and_flagged(corpus: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text(render_issue("case.yml", dict(CASE_ANSWERS, 服务成效="按时复诊。\n\n### 服务成效\n\n情绪稳定。")), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    typed = [f for f in result.json()["findings"] if f["code"] == "import/typed-heading"]
    assert len(typed) == 1 and "已作为「介入过程」的内容保留" in typed[0]["message"]
    text = (corpus / "cases/alpha-demo/alpha-phone-visits.md").read_text(encoding="utf-8")
    # Textually the same as 「### 服务成效」 typed at the end of 介入过程: read that way, nothing lost, flagged.
    assert "| 第一阶段 | 建立关系 |\n\n### 服务成效\n\n按时复诊。\n\n## 服务成效\n\n情绪稳定。\n" in text


def test_unticked_confirmation_is_refused(corpus: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    text = render_issue("case.yml", CASE_ANSWERS).replace("- [X] 服务对象（或其监护人", "- [ ] 服务对象（或其监护人")
    body.write_text(text, encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    assert result.code == 1 and [f["code"] for f in result.json()["findings"]] == ["import/unconfirmed"]
    assert result.json()["findings"][0]["message"] == (
        "「提交前确认」中的「服务对象（或其监护人、近亲属）已同意，同意记录保存在机构内。」没有勾选。")
    assert not (corpus / "cases/alpha-demo/alpha-phone-visits.md").exists()


@pytest.mark.parametrize(("written", "stored"), [
    ("2025年3月", "2025-03"), ("2025-03", "2025-03"), ("2025.3", "2025-03"), ("2025/03", "2025-03"),
    ("2025 年 3 月", "2025-03"), ("2025年", "2025"), ("2025年3月至6月", "2025-03"), ("2025-03-15", None), ("三月", None),
])
def test_periods_are_read_the_same_way_by_every_importer(corpus: Path, tmp_path: Path, written: str,
                                                         stored: str | None) -> None:
    from guideline.importers import period

    assert period.normalise(written) == stored
    if stored:  # the Word importer reads a 服务时间 line with the same function
        assert period.find(f"服务时间：{written}") == stored
    body = tmp_path / "issue.md"
    body.write_text(render_issue("case.yml", dict(CASE_ANSWERS, 服务时间=written)), encoding="utf-8")
    result = run_cli(corpus, "import", "issue", str(body), "--format", "json")
    if stored:
        text = (corpus / "cases/alpha-demo/alpha-phone-visits.md").read_text(encoding="utf-8")
        assert f"\nperiod: {stored}\n" in text or f"\nperiod: '{stored}'\n" in text
    else:
        assert [f["code"] for f in result.json()["findings"]] == ["import/invalid-field"]


def _examples(item: dict[str, Any]) -> list[str]:
    """The placeholder and every 例如 text of a field's description."""
    import re

    attrs = item["attributes"]
    found = [str(attrs["placeholder"])] if "placeholder" in attrs else []
    for after in re.findall(r"例如(.*?)(?:。|$)", attrs.get("description", "")):
        quoted = re.findall(r"「([^」]+)」", after)
        found += quoted or [re.split(r"[\s（(]", after.strip())[0]]
    return [f for f in found if f]


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    for part in ("organisations", "guideline", "cases"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "privacy-allowlist.yaml", root)
    return root


@pytest.mark.parametrize("form", ["case.yml", "note.yml"])
def test_every_example_in_the_forms_is_valid_as_written(shipped: Path, tmp_path: Path, form: str) -> None:
    from guideline.importers import import_issue

    items = _spec(form)
    first = {i["attributes"]["label"]: (_examples(i) or [i["attributes"].get("options", ["正文。"])[0]])[0]
             for i in items if i["type"] != "checkboxes"}
    first = {k: v if k not in ("案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思", "实务经验")
             else "王大爷（化名）独居。" for k, v in first.items()}
    tried = 0
    for item in items:
        label = item["attributes"]["label"]
        for example in _examples(item):
            answers = dict(first, **{label: example})
            source = tmp_path / f"issue-{tried}.md"
            source.write_text(render_issue(form, answers), encoding="utf-8")
            result = import_issue(shipped, source)
            assert result.ok, (label, example, [(f.code, f.message) for f in result.findings])
            (shipped / str(result.written)).unlink()
            tried += 1
    assert tried >= (9 if form == "case.yml" else 4)


GH_STUB = """#!/bin/sh
# Stand-in for the GitHub CLI (no network here): records calls; a PR exists once created.
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "pr view") test -f "$GH_STATE" && echo OPEN || exit 1 ;;
  "pr create") touch "$GH_STATE" ;;
esac
"""


def test_reimporting_an_issue_updates_its_branch_and_pull_request(corpus: Path, tmp_path: Path) -> None:
    """The workflow's git part, run for real against a bare 'origin'; only `gh` is a stand-in."""
    import os
    import subprocess

    from collab_helpers import git, init_repo

    init_repo(corpus)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(corpus), str(origin)], check=True)
    git(corpus, "remote", "add", "origin", str(origin))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(GH_STUB, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", GH_LOG=str(tmp_path / "gh.log"),
               GH_STATE=str(tmp_path / "pr-open"), GIT_AUTHOR_NAME="github-actions[bot]",
               GIT_COMMITTER_NAME="github-actions[bot]", GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com",
               GIT_COMMITTER_EMAIL="41898282+github-actions[bot]@users.noreply.github.com")
    script = REPO / ".github" / "scripts" / "import-pr.sh"
    body, report = tmp_path / "issue.md", tmp_path / "report.txt"
    report.write_text("没有发现问题。\n", encoding="utf-8")
    for title in ("电话回访的刘奶奶", "电话回访的刘奶奶（修改）"):
        git(corpus, "switch", "-q", "main")
        body.write_text(render_issue("case.yml", dict(CASE_ANSWERS, 案例标题=title)), encoding="utf-8")
        assert run_cli(corpus, "import", "issue", str(body)).code == 0
        done = subprocess.run(["sh", str(script), "7", title, str(report)], cwd=corpus, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        (corpus / "cases/alpha-demo/alpha-phone-visits.md").unlink(missing_ok=True)
    log = (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()
    assert [line.split()[:2] for line in log] == [["pr", "view"], ["pr", "create"], ["pr", "view"], ["pr", "edit"]]
    # One commit on top of main, holding the second version, crediting the organisation through its trailer.
    commits = subprocess.run(["git", "log", "--format=%s%n%(trailers:key=Guideline-Org,valueonly)", "main..import/issue-7"],
                             cwd=origin, capture_output=True, text=True, check=True).stdout.split()
    assert commits == ["导入投稿", "#7：电话回访的刘奶奶（修改）", "alpha-demo"]
    shown = subprocess.run(["git", "show", "import/issue-7:cases/alpha-demo/alpha-phone-visits.md"], cwd=origin,
                           capture_output=True, text=True, check=True).stdout
    assert "title: 电话回访的刘奶奶（修改）" in shown
