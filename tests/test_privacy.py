"""privacy/*: every category in every listed format, exact positions, values never echoed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli, write
from guideline import validate
from guideline.checks.privacy_patterns import value_hash

CASE = "cases/alpha-demo/alpha-living-alone.md"
FRONT = """---
id: alpha-living-alone
title: 独居老人与电话13812345678
org: alpha-demo
themes:
  - living-alone
procedures:
  - visit-prep
period: 2025-03
consent:
  given_by: 本人
  method: 书面同意
  scope:
    - 出版
  recorded_in: "档案柜，联系 010-65123456"
deidentified:
  reviewer: 编辑组
  date: 2026-09-20
status: approved
example: true
authors:
  - 社工，邮箱 shegong.li@163.com
---
"""
FRONT_EXPECTED = [  # (code, line, column) in the front matter above
    ("privacy/mobile", 3, 15),
    ("privacy/landline", 15, 24),
    ("privacy/email", 22, 11),
]

# (text, value, code, severity): value is what must be found at its exact column and never echoed.
SAMPLES = [
    ("身份证号110105194503121236，由女儿保管。", "110105194503121236", "privacy/id-number", "error"),
    ("身份证 110105 19450312 1236。", "110105 19450312 1236", "privacy/id-number", "error"),
    ("证件：１１０１０５１９４５０３１２１２３６", "１１０１０５１９４５０３１２１２３６", "privacy/id-number", "error"),
    ("号码42010619470101107X要核对。", "42010619470101107X", "privacy/id-number", "error"),
    ("残疾人证号11010519450312123621。", "11010519450312123621", "privacy/id-number", "error"),
    ("旧身份证 110105450312123 已过期。", "110105450312123", "privacy/id-number", "error"),
    ("抄错的号码110105194503121235。", "110105194503121235", "privacy/id-number-suspect", "warning"),
    ("女儿电话13912345678。", "13912345678", "privacy/mobile", "error"),
    ("手机 +86 139 1234 5678", "+86 139 1234 5678", "privacy/mobile", "error"),
    ("手机 +86-139-1234-5678", "+86-139-1234-5678", "privacy/mobile", "error"),
    ("电话１３９１２３４５６７８。", "１３９１２３４５６７８", "privacy/mobile", "error"),
    ("电话（０１０）６５１２－３４５６", "（０１０）６５１２－３４５６", "privacy/landline", "error"),
    ("居委会 021-62345678 转 802。", "021-62345678 转 802", "privacy/landline", "error"),
    ("座机 0571 8812 3456 找人。", "0571 8812 3456", "privacy/landline", "error"),
    ("电话：87654321（家）", "87654321", "privacy/landline", "error"),
    ("养老金打到银行卡6222021234567894里。", "6222021234567894", "privacy/bank-card", "error"),
    ("卡号 6222 0212 3456 7894", "6222 0212 3456 7894", "privacy/bank-card", "error"),
    ("邮箱 xiaofang1988@163.com 收材料。", "xiaofang1988@163.com", "privacy/email", "error"),
    ("邮箱 chen.family＠126.com", "chen.family＠126.com", "privacy/email", "error"),
    ("QQ号：123456789", "123456789", "privacy/qq", "error"),
    ("孙子的 qq 是 987654321。", "987654321", "privacy/qq", "error"),
    ("微信号：wangdaye_1945", "wangdaye_1945", "privacy/wechat", "error"),
    ("加 WeChat ID: fangfang_home 联系。", "fangfang_home", "privacy/wechat", "error"),
    ("儿子开京A12345的车来接。", "京A12345", "privacy/licence-plate", "error"),
    ("车牌沪B·D8765停在楼下。", "沪B·D8765", "privacy/licence-plate", "error"),
    ("病历号：A12345678", "A12345678", "privacy/record-number", "error"),
    ("单子上的号码 12345678901234 不明。", "12345678901234", "privacy/long-number", "warning"),
    ("住在阳光小区 3 号楼 2 单元 301 室。", "阳光小区 3 号楼 2 单元 301 室", "privacy/address", "warning"),
    ("地址：朝阳路12号", "朝阳路12号", "privacy/address", "warning"),
    ("家住幸福里小区。", "幸福里小区", "privacy/address", "warning"),
    ("儿子李明每周回来一次。", "李明", "privacy/name", "warning"),
    ("张建国老人今年 82 岁。", "张建国", "privacy/name", "warning"),
    ("2025年3月15日，社工第一次入户。", "2025年3月15日", "privacy/exact-date", "warning"),
    ("老人在 2024-12-03 摔倒。", "2024-12-03", "privacy/exact-date", "warning"),
]
CLEAN = [
    "王大爷（化名），78 岁，独居；刘某和陈姨（化名）常来。",
    "拨打 110、120、119、12345、96156、95588 或 400-810-8888。",
    "联系电话 138****5678，身份证号 110105********1236。",
    "MMSE 18 分，依据国卫家庭发〔2013〕41号和 GB/T 43153-2023。",
    "2025 年 3 月，每月养老金 3200 元；住在 6 楼，没有电梯。",
    "儿子小郑（化名）周末来，女儿周末也来。",
]
BODY_START = 24  # first body line of the file built below


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import FIXTURE

    root = tmp_path_factory.mktemp("privacy") / "repo"
    shutil.copytree(FIXTURE, root)
    lines = [s[0] for s in SAMPLES] + CLEAN
    write(root, CASE, FRONT + "\n".join(lines) + "\n")
    return root


@pytest.fixture(scope="module")
def found(repo: Path) -> list[tuple[str, str, int, int]]:
    report = validate.run(repo, use_cache=False)
    return [(f.code, f.severity.value, f.line, f.column) for f in report.findings
            if f.path == CASE and f.code.startswith("privacy/")]


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=[s[2] + ":" + s[0][:8] for s in SAMPLES])
def test_each_format_is_found_at_its_exact_place(found: list[tuple[str, str, int, int]], index: int) -> None:
    text, value, code, severity = SAMPLES[index]
    line = BODY_START + index
    assert (code, severity, line, text.index(value) + 1) in found


def test_clean_lines_and_public_numbers_pass(found: list[tuple[str, str, int, int]]) -> None:
    first_clean = BODY_START + len(SAMPLES)
    assert [f for f in found if f[2] >= first_clean] == []


def test_front_matter_values_are_placed_exactly(found: list[tuple[str, str, int, int]]) -> None:
    front = [(c, ln, col) for c, _s, ln, col in found if ln < BODY_START]
    assert front == FRONT_EXPECTED


def _forms(value: str) -> set[str]:
    """The value as written, normalised, and as bare digits (all must stay unprinted)."""
    import unicodedata

    norm = unicodedata.normalize("NFKC", value)
    forms = {value, norm, re.sub(r"[^0-9A-Za-z@.]", "", norm)}
    return {f for f in forms if len(f) >= 2}


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_no_detected_value_is_echoed(repo: Path, fmt: str, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    import os

    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_cli(repo, "validate", "--no-cache", "--format", fmt, env=env)
    output = result.out + result.err + (summary.read_text(encoding="utf-8") if summary.exists() else "")
    assert result.code == 1 and "privacy/" in output
    values = [s[1] for s in SAMPLES] + ["13812345678", "010-65123456", "shegong.li@163.com"]
    for value in values:
        for form in _forms(value):
            assert form not in output, (fmt, form)
    if fmt == "json":
        messages = {f["message"] for f in result.json()["findings"] if f["code"] == "privacy/mobile"}
        assert "这里有手机号：1*********8。" in messages


def test_reviewed_exception_silences_only_that_value(corpus: Path) -> None:
    write(corpus, "cases/alpha-demo/extra.md", FRONT.replace("alpha-living-alone", "extra") + "热线 021-62345678，手机 13912345678。\n")
    write(corpus, "privacy-allowlist.yaml",
          f"{value_hash('021-62345678')}:\n  reason: 机构公开的服务热线\n  reviewer: 编辑组\n"
          f"{value_hash('13912345678')}:\n  reason: 没有审核人的条目不算数\n")
    codes = [(f.code, f.line) for f in validate.run(corpus, use_cache=False).findings
             if f.path == "cases/alpha-demo/extra.md" and f.code in ("privacy/landline", "privacy/mobile")]
    assert ("privacy/landline", 15) in codes  # the one in front matter is another value
    assert ("privacy/landline", 24) not in codes
    assert ("privacy/mobile", 24) in codes


def test_allowlist_holds_hashes_not_values() -> None:
    h = value_hash("010-6512 3456")
    assert h == value_hash("01065123456") == value_hash("（０１０）６５１２３４５６")
    assert re.fullmatch(r"[0-9a-f]{64}", h)


def test_approved_case_needs_consent_and_deidentification(corpus: Path) -> None:
    text = (corpus / CASE).read_text(encoding="utf-8")
    no_consent = re.sub(r"consent:\n(?:  .*\n|    .*\n)+deidentified:\n(?:  .*\n)+", "", text)
    write(corpus, CASE, no_consent)
    write(corpus, "cases/beta-demo/draft.md", no_consent.replace("alpha-living-alone", "draft")
          .replace("org: alpha-demo", "org: beta-demo").replace("status: approved", "status: draft"))
    found = [(f.code, f.path, f.line, f.column) for f in validate.run(corpus, use_cache=False).findings
             if f.code.startswith("privacy/missing")]
    assert found == [("privacy/missing-consent", CASE, 11, 9), ("privacy/missing-deidentified", CASE, 11, 9)]


def test_exact_dates_only_matter_in_cases(corpus: Path) -> None:
    proc = corpus / "guideline/01-basics/visit-prep.md"
    proc.write_text(proc.read_text(encoding="utf-8") + "\n本办法自2024年1月1日起施行。\n", encoding="utf-8")
    assert not [f for f in validate.run(corpus, use_cache=False).findings if f.code.startswith("privacy/")]


def test_shipped_name_word_list_matches_jieba() -> None:
    """The pre-derived word list must be regenerated when jieba changes (python -m guideline.checks.privacy_names)."""
    from guideline.checks import privacy_names

    starting, ending = privacy_names.derive_words()
    assert privacy_names._words() == (frozenset(starting), frozenset(ending))


def test_every_detector_needs_what_detect_looks_for_first() -> None:
    """`detect` returns nothing for text without any of `_ANY_NEED` (most front-matter strings);
    a detector that can match other text must add what it needs there."""
    import sys

    import yaml

    from guideline.checks.privacy_patterns import _ANY_NEED, _detectors, normalise

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from privacy_faker import items

    data = yaml.safe_load((Path(__file__).parent / "data" / "privacy_eval.yaml").read_text(encoding="utf-8"))
    texts = [i["text"] for i in data["identifiers"]] + [i.text for i in items()] + [FRONT]
    # Each labelled value alone, and each with the characters around it, cut short in every way.
    texts += [t[a:b] for t in texts[:300] for a in range(0, 6) for b in range(len(t) - 5, len(t) + 1)]
    found = 0
    for text in texts:
        t = normalise(text)
        if _detectors(text, t, True):
            found += 1
            assert _ANY_NEED.search(t), text
    assert found > 1500
