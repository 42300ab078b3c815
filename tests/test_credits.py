"""Credits on a realistic history in a real git repository: every commit to the right organisation or to none."""

from __future__ import annotations

from pathlib import Path

from collab_helpers import git, init_repo
from conftest import run_cli, write

BOT = "41898282+github-actions[bot]@users.noreply.github.com"


def commit(root: Path, message: str, email: str, name: str = "测试者", rel: str | None = None) -> str:
    """Commit one new file as NAME <EMAIL>; returns the commit's hash."""
    import hashlib

    rel = rel or hashlib.sha1(message.encode()).hexdigest()[:12] + ".txt"
    write(root, f"scratch/{rel}", message)
    git(root, "add", "-A")
    git(root, "-c", f"user.name={name}", "commit", "-q", "-m", message, email=email)
    return git(root, "rev-parse", "HEAD").stdout.strip()


def test_every_commit_goes_to_the_right_organisation_or_to_none(corpus: Path) -> None:
    from guideline.credits import commit_orgs, read_log
    from guideline.history import open_repo
    from guideline.snapshot import load_corpus

    init_repo(corpus)  # lead@net.example.org: the editing group, no organisation
    expected: dict[str, set[str]] = {}
    # 1. a domain listed by alpha; 2. an address listed by beta
    expected[commit(corpus, "阿尔法：修改案例", "worker@alpha.example.org")] = {"alpha-demo"}
    expected[commit(corpus, "贝塔：新增经验", "editor@beta.example.org")] = {"beta-demo"}
    # 3. GitHub's web editor: noreply address with an id, the handle is alpha's maintainer (case differs)
    expected[commit(corpus, "Update alpha-living-alone.md", "123456+Alpha-Lead@users.noreply.github.com", "Alpha Lead")] = {"alpha-demo"}
    # 4. a squash merge on GitHub: the contributor's noreply address, a real co-author trailer from beta
    expected[commit(corpus, "贝塔的改动 (#12)\n\n* 第一处修改\n\n* 第二处修改\n\nCo-authored-by: 贝塔编辑 <editor@beta.example.org>",
                    "beta-lead@users.noreply.github.com", "beta-lead")] = {"beta-demo"}
    # 5. a Co-authored-by quoted inside a PR description (not the last paragraph): not a trailer
    expected[commit(corpus, "合并说明\n\n按约定应写成：\nCo-authored-by: 阿尔法 <worker@alpha.example.org>\n\n谢谢大家。",
                    "someone@gmail.com")] = set()
    # 6. a personal public address and an unknown noreply handle: nobody
    expected[commit(corpus, "个人邮箱的提交", "zhang.san@163.com")] = set()
    expected[commit(corpus, "陌生账号", "999+stranger@users.noreply.github.com", "stranger")] = set()
    # 7. the import bot: the organisation its trailer names; another bot: nobody, whatever its trailers say
    expected[commit(corpus, "导入投稿 #7：电话回访\n\nGuideline-Org: beta-demo", BOT, "github-actions[bot]")] = {"beta-demo"}
    expected[commit(corpus, "Bump actions/checkout\n\nGuideline-Org: alpha-demo",
                    "49699333+dependabot[bot]@users.noreply.github.com", "dependabot[bot]")] = set()
    # 8. a merge commit made by alpha's worker: nobody (the merged work is credited in its own commits)
    git(corpus, "switch", "-q", "-c", "side")
    expected[commit(corpus, "侧分支上的工作", "worker@alpha.example.org")] = {"alpha-demo"}
    git(corpus, "switch", "-q", "main")
    expected[commit(corpus, "主分支上的工作", "editor@beta.example.org")] = {"beta-demo"}
    git(corpus, "merge", "--no-ff", "-q", "-m", "Merge branch 'side'\n\nCo-authored-by: 贝塔 <editor@beta.example.org>", "side",
        email="worker@alpha.example.org")
    expected[git(corpus, "rev-parse", "HEAD").stdout.strip()] = set()

    model = load_corpus(corpus)
    got = {c.sha: commit_orgs(model, c) for c in read_log(open_repo(corpus))}
    initial = git(corpus, "rev-list", "--max-parents=0", "HEAD").stdout.strip()
    assert got.pop(initial) == set()
    assert got == expected

    counts = run_cli(corpus, "credits", "--format", "json").json()
    assert (counts["alpha-demo"]["commits"], counts["beta-demo"]["commits"]) == (
        sum("alpha-demo" in v for v in expected.values()), sum("beta-demo" in v for v in expected.values()))


def test_public_mail_domains_are_refused_in_an_organisation(corpus: Path) -> None:
    path = corpus / "organisations/alpha-demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - alpha.example.org\n",
                                                             "  - alpha.example.org\n  - 163.com\n  - users.noreply.github.com\n  - mail.qq.com\n"),
                    encoding="utf-8")
    result = run_cli(corpus, "validate", "organisations/alpha-demo.yaml", "--format", "json")
    assert result.code == 1
    found = [(f["code"], f["line"]) for f in result.json()["findings"]]
    assert found == [("schema/invalid", 11), ("schema/invalid", 12), ("schema/invalid", 13)]
    message = result.json()["findings"][0]["message"]
    assert "不能写 163.com、qq.com、gmail.com、outlook.com 这类公共邮箱" in message and "别人的提交会被算到本机构" in message


