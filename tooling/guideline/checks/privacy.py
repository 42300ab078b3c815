"""privacy/*: personal identifiers in front matter and body, consent and de-identification.

Messages name the category and a masked form only; the detected value never leaves
this module. Reviewed exceptions are sha256 hashes in `privacy-allowlist.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import Rule, make, register
from ..findings import Finding, Severity
from ..model import APPROVED, Source
from ..source.markdown import Outline
from .privacy_patterns import Hit, detect, mask, value_hash

E, W = Severity.ERROR, Severity.WARNING
MARKDOWN_KINDS = {"case", "note", "procedure", "chapter"}
ALLOWLIST_FILE = "privacy-allowlist.yaml"
_SLUG = re.compile(r"[a-z0-9-]*")

if TYPE_CHECKING:
    from . import Context

_FIX = "请删除或改写（例如写成「138****5678」「某小区」「张某」）；确属可以公开的信息（如机构的公开电话），请编辑组审核后登记在 privacy-allowlist.yaml。"
CATEGORIES: dict[str, tuple[Severity, str]] = {
    "privacy/id-number": (E, "身份证号"),
    "privacy/id-number-suspect": (W, "疑似身份证号（校验位不符）"),
    "privacy/record-number": (E, "证件或病历等编号"),
    "privacy/mobile": (E, "手机号"),
    "privacy/landline": (E, "固定电话"),
    "privacy/bank-card": (E, "银行卡号"),
    "privacy/email": (E, "电子邮箱"),
    "privacy/qq": (E, "QQ 号"),
    "privacy/wechat": (E, "微信号"),
    "privacy/licence-plate": (E, "车牌号"),
    "privacy/long-number": (W, "一长串数字（可能是证件号、病历号或账号）"),
    "privacy/address": (W, "详细地址"),
    "privacy/name": (W, "疑似真实姓名"),
    "privacy/exact-date": (W, "具体日期"),
}
_HINTS = {
    "privacy/name": "案例中的人物一律用化名，并在第一次出现时标注「（化名）」，例如「张某」「王大爷（化名）」。",
    "privacy/address": "地点只写到区（县）一级，例如「某区一个老旧小区」；不要写楼号、单元、门牌或具体小区名。",
    "privacy/exact-date": "时间只写到年或月，例如「2025 年 3 月」「入冬后」；不要写具体某一天。",
}
register(*(Rule(code, sev, f"{label}", f"这里有{label}：{{masked}}。", _HINTS.get(code, _FIX))
           for code, (sev, label) in CATEGORIES.items()))
register(
    Rule("privacy/missing-consent", E, "已通过的案例缺少知情同意记录",
         "案例状态是 approved，但没有填写 consent（知情同意）。",
         "写明 consent：given_by（谁同意）、method（方式）、scope（范围）、recorded_in（记录保存位置）；不要附上同意书本身。"),
    Rule("privacy/missing-deidentified", E, "已通过的案例缺少去标识化审核",
         "案例状态是 approved，但没有填写 deidentified（去标识化审核）。",
         "由编辑组审核去标识化后填写 deidentified：reviewer（审核人）和 date（日期）。"),
)


def _masked(hit: Hit) -> str:
    if hit.code == "privacy/name":
        return hit.value[0] + "*" * (len(hit.value) - 1)
    return mask(hit.value)


def load_allowlist(root: Path) -> set[str]:
    """Hashes of reviewed values; entries without a reason and a reviewer do not count."""
    from ..source.yamlparse import parse

    f = root / ALLOWLIST_FILE
    if not f.is_file():
        return set()
    data, _marks, problems = parse(f.read_text(encoding="utf-8"), ALLOWLIST_FILE)
    if problems or not isinstance(data, dict):
        return set()
    return {k.lower() for k, v in data.items()
            if re.fullmatch(r"[0-9a-fA-F]{64}", k) and isinstance(v, dict)
            and isinstance(v.get("reason"), str) and isinstance(v.get("reviewer"), str)}


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def _front_position(source: Source, path: tuple[Any, ...], hit: Hit) -> tuple[int, int]:
    """Line and column of the hit inside the raw front matter (which starts at line 2)."""
    line, col = source.marks.at(path)
    lines = source.front.split("\n")
    row = line - 2
    if 0 <= row < len(lines):
        offset = sum(len(x) + 1 for x in lines[:row]) + col - 1
        found = source.front.find(hit.value, offset)
        if found >= 0:
            before = source.front[:found]
            return before.count("\n") + 2, found - (before.rfind("\n") + 1) + 1
    return line, col


def check(source: Source, outline: Outline, context: Context) -> Iterator[Finding]:
    if source.kind not in MARKDOWN_KINDS:
        return
    is_case = source.kind == "case"
    for path, text in _strings(source.data, ()):
        if _SLUG.fullmatch(text):
            continue  # ids, themes, statuses: nothing personal fits in a slug
        for hit in detect(text, exact_dates=is_case and path == ("title",)):
            if value_hash(hit.value) not in context.allowlist:
                line, col = _front_position(source, path, hit)
                yield make(hit.code, source.path, line, col, masked=_masked(hit))
    body = source.body
    for hit in detect(body, exact_dates=is_case):
        if value_hash(hit.value) not in context.allowlist:
            before = body[:hit.start]
            line = source.body_line + before.count("\n")
            yield make(hit.code, source.path, line, hit.start - before.rfind("\n"), masked=_masked(hit))
    if is_case and source.data.get("status") == APPROVED:
        line, col = source.marks.at(("status",))
        if not isinstance(source.data.get("consent"), dict):
            yield make("privacy/missing-consent", source.path, line, col)
        if not isinstance(source.data.get("deidentified"), dict):
            yield make("privacy/missing-deidentified", source.path, line, col)
