"""privacy/*: the written forms and false alarms found by the independent evaluation (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from guideline import validate
from guideline.checks.privacy_patterns import detect

# (text, value, code): value must be found exactly, with that code.
FORMS = [
    # two-character names before a role word, and after kinship words with punctuation following
    ("王芳阿姨每周来一次。", "王芳", "privacy/name"),
    ("张路老师带着学生来访。", "张路", "privacy/name"),
    ("签字的是女儿王芳。", "王芳", "privacy/name"),
    ("女儿王芳，今年五十岁。", "王芳", "privacy/name"),
    ("女儿王芳说不用麻烦。", "王芳", "privacy/name"),
    ("女儿王芳每周回来。", "王芳", "privacy/name"),
    ("长子王强在外地工作。", "王强", "privacy/name"),
    ("患者张建国入院观察。", "张建国", "privacy/name"),
    ("户主李娟签了字。", "李娟", "privacy/name"),
    ("紧急联系人：王小明。", "王小明", "privacy/name"),
    ("居民赵敏反映了情况。", "赵敏", "privacy/name"),
    ("高秀英老人独居多年。", "高秀英", "privacy/name"),
    ("老伴高建华去年去世。", "高建华", "privacy/name"),
    # identifiers as people type them
    ("身份证 540228 1992 1017 2841。", "540228 1992 1017 2841", "privacy/id-number"),
    ("手机 138.1234.5678。", "138.1234.5678", "privacy/mobile"),
    ("手机 138—1234—5678。", "138—1234—5678", "privacy/mobile"),
    ("座机 +86-755-2678-1234。", "+86-755-2678-1234", "privacy/landline"),
    ("电话 +86 10 6512 3456。", "+86 10 6512 3456", "privacy/landline"),
    ("车牌粤G-71648停在楼下。", "粤G-71648", "privacy/licence-plate"),
    ("儿子开粤b12345的车。", "粤b12345", "privacy/licence-plate"),
    ("QQ号：12345678901。", "12345678901", "privacy/qq"),
    ("老人住某镇李家村5组74号。", "李家村5组74号", "privacy/address"),
    ("老家是王庄村三组的。", "王庄村三组", "privacy/address"),
    ("养老金打到6222021234567894（工商银行卡）。", "6222021234567894", "privacy/bank-card"),
]

CLEAN = [
    "小区共有13栋住宅楼，多为老旧房屋。",
    "他又搬回到马路上睡。",
    "登记表要写具体地址。",
    "评估用了003房树人测验。",
    "张甲和李乙都是化名。",
    "高龄老人和高血压患者需要更多关照。",
    "希望监护人管哪些事；建议其与督导谈一谈。",
    "照顾独居老人、社区居民和农村居民。",
]


@pytest.mark.parametrize("text,value,code", FORMS, ids=[f[1] for f in FORMS])
def test_form_is_found_exactly(text: str, value: str, code: str) -> None:
    hits = [(h.code, h.value) for h in detect(text, exact_dates=True)]
    assert (code, value) in hits


@pytest.mark.parametrize("text", CLEAN)
def test_no_false_alarm(text: str) -> None:
    assert detect(text, exact_dates=True) == []


SLUG_LIKE = """---
id: slug-like
title: 走访记录
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
  recorded_in: 139-1234-5678
deidentified:
  reviewer: 编辑组
  date: 2026-09-20
status: draft
example: true
authors: ["13912345678", "0755-26781234", "110105194503121236"]
---
正文。
"""


def test_slug_shaped_front_matter_values_are_checked(corpus: Path) -> None:
    write(corpus, "cases/alpha-demo/slug-like.md", SLUG_LIKE)
    found = [(f.code, f.line, f.column) for f in validate.run(corpus, use_cache=False).findings
             if f.path == "cases/alpha-demo/slug-like.md" and f.code.startswith("privacy/")]
    assert found == [("privacy/mobile", 15, 16), ("privacy/mobile", 21, 12),
                     ("privacy/landline", 21, 27), ("privacy/id-number", 21, 44)]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085"])
def test_yaml_line_break_characters_are_invisible_characters_where_they_are(corpus: Path, char: str) -> None:
    case = (corpus / "cases/alpha-demo/alpha-living-alone.md").read_text(encoding="utf-8")
    write(corpus, "cases/alpha-demo/alpha-living-alone.md", case.replace("title: 独居的王大爷", f"title: 独居的{char}王大爷"))
    found = [(f.code, f.line, f.column) for f in validate.run(corpus, use_cache=False).findings
             if f.path == "cases/alpha-demo/alpha-living-alone.md"]
    assert found == [("encoding/control-char", 3, 11)]
