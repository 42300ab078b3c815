"""Detectors for personal identifiers in Chinese case prose: text in, hits out.

Text is normalised character by character (NFKC where a character maps to exactly one
character), so full-width digits and punctuation match and every offset still points
at the same character in the original text. Digit boundaries are explicit lookarounds:
`\\b` does not separate digits from Chinese characters.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

from . import privacy_names


class _Nfkc(dict[int, str]):
    """str.translate table: one character to one character, computed on first use."""

    def __missing__(self, key: int) -> str:
        n = unicodedata.normalize("NFKC", chr(key))
        value = n if len(n) == 1 else chr(key)
        self[key] = value
        return value


_TABLE = _Nfkc({0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x3000: " "})


# Full-width punctuation that nearly every text holds, often: always replaced.
_COMMON = {c: _TABLE[ord(c)] for c in "，：；（）？！"}
# Characters that map to themselves in _TABLE (ASCII, CJK unified ideographs, common CJK
# punctuation such as 、。《》“”) or are in _COMMON: nearly all of the prose, so only the
# rest is looked up.
_MAYBE_CHANGED = re.compile("[^\x00-\x7f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2018\u2019\u201c\u201d"
                            "\u2014\u2026\u00b7" + "".join(_COMMON) + "]")


def normalise(text: str) -> str:
    """Length-preserving NFKC: ``１３８－`` becomes ``138-``, ``（`` becomes ``(``."""
    if len(text) < 64:  # a value or a message: one translate beats the bookkeeping below
        return text.translate(_TABLE)
    # str.translate looks every character up in a dict (slow for long text); prose holds a
    # handful of distinct characters that change (，：（）), so replace just those.
    rare = {c: _TABLE[ord(c)] for c in set(_MAYBE_CHANGED.findall(text))}
    changes = _COMMON | {c: v for c, v in rare.items() if v != c}
    if any(v in changes for v in changes.values()):  # a chain (︲ to – to -): replace would apply both
        return text.translate(_TABLE)
    for c, v in changes.items():
        text = text.replace(c, v)
    return text


def canonical(value: str) -> str:
    """The form hashed for the reviewed-exceptions file: separators removed, lower case."""
    return _CANONICAL_DROP.sub("", normalise(value)).lower()


_CANONICAL_DROP = re.compile(r"[\s\-()·.\u2014]")


def value_hash(value: str) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def mask(value: str) -> str:
    """First and last character only (``1*********8``); short values are fully masked."""
    v = re.sub(r"\s", "", value)
    if len(v) <= 2:
        return v[:1] + "*"
    return v[0] + "*" * (len(v) - 2) + v[-1]


@dataclass(frozen=True)
class Hit:
    code: str
    start: int
    end: int
    value: str


def masked(hit: Hit) -> str:
    """What a message may show of a hit: a name keeps its surname, other values their ends."""
    if hit.code == "privacy/name":
        return hit.value[0] + "*" * (len(hit.value) - 1)
    return mask(hit.value)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_ok(digits: str) -> bool:
    """MOD 11-2 check digit of an 18-character resident ID number."""
    total = sum(int(d) * w for d, w in zip(digits[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == digits[17].upper()


_ND, _NA = r"(?<![0-9])", r"(?![0-9])"
_SEP = r"[ -]?"
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
# Spans that look numeric but are references: standards, document numbers, ranges of years.
SAFE = re.compile(
    r"(?:GB|GB/T|GB/Z|MZ/T|WS/T|WS|DB[0-9]{2}(?:/T)?|T/[A-Z]+|ISO|YY/T)\s*[0-9.]+(?:-[0-9]{4})?"
    r"|〔[0-9]{4}〕[0-9]+号|\[[0-9]{4}\][0-9]+号|第[0-9]+号"
)
# 6-8-4 and 6-4-4-4 groupings both occur (540228 1992 1017 2841).
ID18 = re.compile(_ND + r"[1-9][0-9]{5}" + _SEP + r"(?:18|19|20)[0-9]{2}" + _SEP + r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
                  + _SEP + r"[0-9]{3}[0-9Xx](?:[1-7][1-4])?(?![0-9A-Za-z])")
ID15 = re.compile(_ND + r"[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}" + _NA)
# Separators people type inside a phone number: space, dash, dot, em dash (138.1234.5678, 138—1234—5678).
_PSEP = "[ .\u2014-]"
MOBILE = re.compile(r"(?<![0-9+.])(?:(?:(?:\+|00)86|\(\+?86\)|86(?=[ -]))[ -]?)?1[3-9][0-9]"
                    r"(?:" + _PSEP + r"?[0-9]{4}){2}(?![0-9]|\.[0-9])")
# With +86 the area code loses its 0 (+86-755-2678-1234, +86 (10) 6512 3456).
LANDLINE = re.compile(r"(?<![0-9+.])(?:(?:\(" + _AREA + r"\)|" + _AREA + r")|(?:(?:\+|00)86[ -]?)\(?0?"
                      r"(?:10|2[0-9]|[3-9][0-9]{2})\)?)" + _PSEP + r"?[2-9][0-9]{2,3}" + _PSEP + r"?[0-9]{4}"
                      r"(?:[ ]?(?:转|分机|ext\.?|-)[ ]?[0-9]{1,5})?(?![0-9]|\.[0-9])")
LOCAL_PHONE = re.compile(r"(?:电话|座机|固话|tel|Tel|TEL)(?:号码?)?[:\s]*(?:是|为)?[:\s]*"
                         r"([2-9][0-9]{2,3}[ -]?[0-9]{4}(?:[ ]?(?:转|分机)[ ]?[0-9]{1,5})?)" + _NA)
CARD = re.compile(_ND + r"(?:[0-9]{4}[ -]?){3}[0-9]{4}(?:[ -]?[0-9]{1,3})?" + _NA + r"|" + _ND + r"[0-9]{16,19}" + _NA)
CARD_CONTEXT = re.compile(r"银行|卡号|账号|帐号|账户|帐户|储蓄卡|信用卡|借记卡|存折|社保卡|工资卡|养老金卡|card", re.I)
RECORD = re.compile(r"(?:病历|病案|住院|门诊|医保卡?|社保卡?|残疾人?证|证件|身份证|档案|护照|老年[人]?证|优待证)(?:号码?|编号)"
                    r"[:\s]*(?:是|为)?[:\s]*([A-Za-z0-9][A-Za-z0-9-]{3,})(?![*A-Za-z0-9])")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EXAMPLE_DOMAIN = re.compile(r"@(?:[a-z0-9-]+\.)*example\.(?:com|org|net)$", re.I)
QQ = re.compile(r"(?:QQ|qq|扣扣)\s*(?:号码?)?[:\s]*(?:是|为)?[:\s]*([1-9][0-9]{4,11})" + _NA)
_WECHAT_KEYS = ("wechat", "weixin", "vx", "wx")
WECHAT = re.compile(r"(?:微信|wechat|weixin|vx|wx)\s*(?:号码?|id)?[:\s]*(?:是|为)?[:\s]*([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])", re.I)
# Letters in either case, with or without a separator (粤G-71648, 粤b12345).
PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z][ ·.-]?"
                   r"(?=[A-Za-z0-9]{0,5}[0-9])[A-Za-z0-9]{5,6}(?![A-Za-z0-9])")
LONG_NUMBER = re.compile(_ND + r"[0-9]{11,}" + _NA)
_HAN = r"\u4e00-\u9fff"
_CN = "0-9一二三四五六七八九十"
# Each address form with the literals it needs: most prose has none of them, so most
# patterns never scan (this keeps validation of 1,000 cases fast). The flag marks patterns
# whose every match begins where a run of digits begins (see _at_runs).
ADDRESSES = [
    (("号楼", "单元", "号院"), False, re.compile(rf"(?<![第{_CN}] )(?<![第{_CN}])[{_CN}]+ ?(?:号楼|单元|号院)")),
    # 栋 is also a measure word: 共有13栋住宅楼 counts buildings.
    (("栋", "幢"), True, re.compile(rf"{_ND}[0-9]+ ?(?:栋|幢)(?!住宅|楼房|房屋|建筑|高层|多层|平房|民房|宿舍|以上|左右|之多|[楼房屋])")),
    (("-",), True, re.compile(rf"{_ND}[0-9]{{1,3}}-[0-9]{{1,2}}-[0-9]{{3,4}}(?![0-9-])")),
    # 房树人 is a drawing test (003房树人), 房屋/房产/房租 are not room numbers.
    (("室", "房"), True, re.compile(rf"{_ND}[0-9]{{3,4}} ?(?:室|房间|房(?![树屋产价租贷源源]))")),
    (("号",), False, re.compile(r"(?:路|街|大街|大道|巷|胡同|弄|里) ?[0-9]+(?:之[0-9]+|-[0-9]+)? ?号")),
    # Rural addresses: a village with a group and/or house number (李家村5组74号, 王庄村三组).
    (("村", "庄", "屯"), False, re.compile(rf"(?:村|庄|屯)(?:(?: ?[{_CN}]+ ?(?:组|队|社))(?: ?[0-9]+ ?号)?| ?[0-9]+ ?号)")),
]
_NAMED_PLACE = "路街大巷胡弄里村庄屯"  # matches that begin with these take the place's name too
# The name before a road or village, stopping at a larger unit or a verb (某镇|李家村, 住在|朝阳路).
_ROAD_NAME = re.compile(rf"(?:(?![省市县区镇乡住在到于是的])[{_HAN}]){{1,8}}$")
# 地址 only when a value follows it (地址：…, 地址是…): 「具体地址」 names the field, not a place.
# Every alternative starts with a literal character, so a search skips to the candidates
# (住址|地址 grouped would hide that from the regex compiler and try every position).
RESIDENCE = re.compile(rf"(?:家住|住在|居住在|住于|搬到|搬回(?:了|到)?|老家在|住址(?=[:\s是为在])|地址(?=[:\s是为在]))"
                       rf"[:\s]*(?:是|为)?在?([{_HAN}0-9]{{2,12}}?(?:小区|社区|花园|家园|公寓|大院|新村|胡同|路|街|村|苑))")
_GENERIC_PLACE = re.compile(r"某|该|本|这|那|一个|一处|老旧|附近|周边|同一|农村|城中村|城市|原来|原|的|所在|当地|郊区"
                            r"|乡村|普通|别的|其他|马路|街道")
EXACT_DATES = [
    (("月",), True, re.compile(r"(?<![0-9])(?:(?:19|20)[0-9]{2}\s*年\s*)?[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]")),
    (("-", "/", "."), True, re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])")),
]
# Runs of five or more digits: the number detectors only look near them.
_DIGIT_RUN = re.compile(r"[0-9](?:[ .\u2014-]?[0-9]){4,}")
_DIGITS = re.compile(r"[0-9][0-9]*")  # not [0-9]+: a leading class lets the engine skip ahead fast
# Literals a detector needs before it can match; checking them with `in` is much cheaper
# than letting the pattern try every position of text that has none.
_RECORD_NEEDS = ("号",)
_LOCAL_PHONE_NEEDS = ("电话", "座机", "固话", "tel", "Tel", "TEL")
_QQ_NEEDS = ("QQ", "qq", "扣扣")
_RESIDENCE_NEEDS = ("住", "地址", "搬", "老家在")
_WECHAT_LETTERS = ("w", "W", "v", "V")  # every keyword has one; no other character lowercases to w or v

_Patterns = list[tuple[tuple[str, ...], bool, re.Pattern[str]]]

# Something every detector needs, in one scan: an ASCII digit (every number, date and plate,
# digit-led addresses), 号 (record numbers, 号楼/号院), 单元, 村/庄/屯 (rural addresses written
# in Chinese numerals), @ (e-mail), a WeChat keyword in any case, a residence word (住, 地址, 搬,
# 老家在), or a surname next to a role or kinship word (privacy_names.NEED). Text without any of
# them has no hit, so `detect` stops there: most front-matter strings (keys, vocabulary values,
# titles) are such text.
_ANY_NEED = re.compile("[0-9@号住搬村庄屯]|单元|地址|老家在|微信"
                       "|[wW](?:[eE](?:[cC][hH][aA][tT]|[iI][xX][iI][nN])|[xX])|[vV][xX]|" + privacy_names.NEED)

# Emergency and public service numbers are never personal.
_PUBLIC = re.compile(r"(?:110|119|120|122|1[0-9]{4}|95[0-9]{3,4}|96[0-9]{3}|[48]00[0-9]{7})")


def _digits(s: str) -> str:
    return re.sub(r"[^0-9Xx]", "", s)


class _Intervals:
    """Disjoint spans kept sorted: whether a new span overlaps one is two bisections, so a text
    with thousands of hits costs linear time, not a scan of every earlier hit per hit."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one already taken; say whether it was added."""
        i = bisect.bisect_right(self.starts, start)
        if (i and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end):
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def maybe_personal(texts: list[str]) -> list[int]:
    """Indices of the texts in which `detect` may find something (with or without exact dates);
    in the others it certainly finds nothing. One scan of all of them, joined by NUL, which no
    need contains (and normalising maps each character on its own, so offsets stay aligned)."""
    t = normalise("\0".join(texts))
    starts = list(accumulate((len(x) + 1 for x in texts), initial=0))
    out: list[int] = []
    pos = 0
    while (m := _ANY_NEED.search(t, pos)) is not None:
        i = bisect.bisect_right(starts, m.start()) - 1
        out.append(i)
        pos = starts[i + 1]  # the next text's start: one hit is enough
    return out


def detect(text: str, exact_dates: bool = False) -> list[Hit]:
    """Every identifier in text (already normalised or not), earliest and longest first, no overlaps."""
    t = normalise(text)
    return _detectors(text, t, exact_dates) if _ANY_NEED.search(t) else []


def _detectors(text: str, t: str, exact_dates: bool) -> list[Hit]:
    """Every detector on text, normalised as t (tests/test_privacy.py holds them to _ANY_NEED)."""
    found: list[Hit] = []
    taken = _Intervals()
    safe_done = False

    def add(code: str, start: int, end: int) -> None:
        nonlocal safe_done
        if not safe_done:  # SAFE spans only matter once there is a hit to block: find them late
            for m in SAFE.finditer(t):
                taken.take(*m.span())
            safe_done = True
        if start < end and taken.take(start, end):
            found.append(Hit(code, start, end, text[start:end]))

    # Most detectors need an ASCII digit; prose without one skips them all.
    has_digit = any(map(t.__contains__, "0123456789"))
    runs = [m.start() for m in _DIGITS.finditer(t)] if has_digit else []
    if has_digit and _has_any(t, _QQ_NEEDS):  # before the number detectors: QQ 12345678901 is no mere long number
        for m in QQ.finditer(t):
            if not ID18.match(t, m.start(1)):
                add("privacy/qq", *m.span(1))
    if has_digit:
        for start, end in _windows(t):
            _numbers(t, start, end, add)
    if _has_any(t, _RECORD_NEEDS):
        for m in RECORD.finditer(t):
            add("privacy/record-number", *m.span(1))
    if has_digit and _has_any(t, _LOCAL_PHONE_NEEDS):
        for m in LOCAL_PHONE.finditer(t):
            add("privacy/landline", *m.span(1))
    if has_digit:
        for m in PLATE.finditer(t):
            add("privacy/licence-plate", *m.span())
    if "@" in t:
        for m in EMAIL.finditer(t):
            if not _EXAMPLE_DOMAIN.search(m.group()):
                add("privacy/email", *m.span())
    # A case-insensitive alternation tried at every position is slow; most text has no keyword.
    if "微信" in t or (_has_any(t, _WECHAT_LETTERS) and _has_any(t.lower(), _WECHAT_KEYS)):
        for m in WECHAT.finditer(t):
            add("privacy/wechat", *m.span(1))
    if exact_dates:
        for m in _triggered(t, EXACT_DATES, runs):
            add("privacy/exact-date", *m.span())
    for m in _triggered(t, ADDRESSES, runs):
        start = m.start()
        if m.group()[0] in _NAMED_PLACE:  # a road and house number: take the road's name too
            name = _ROAD_NAME.search(t, max(0, start - 8), start)
            start = name.start() if name else start
        add("privacy/address", start, m.end())
    if _has_any(t, _RESIDENCE_NEEDS):
        for m in RESIDENCE.finditer(t):
            if not _GENERIC_PLACE.search(m.group(1)):
                add("privacy/address", *m.span(1))
    for start, end in privacy_names.find(t):
        add("privacy/name", start, end)
    return _merge_addresses(sorted(found, key=lambda h: h.start), text)


def _has_any(t: str, literals: tuple[str, ...] | str) -> bool:
    return any(map(t.__contains__, literals))  # no generator frame: detect runs on many short strings


def _triggered(t: str, patterns: _Patterns, runs: list[int]) -> Iterator[re.Match[str]]:
    for triggers, digit_led, pattern in patterns:
        if _has_any(t, triggers):
            yield from _at_runs(pattern, t, runs) if digit_led else pattern.finditer(t)


def _at_runs(pattern: re.Pattern[str], t: str, runs: list[int]) -> Iterator[re.Match[str]]:
    """The same matches as pattern.finditer(t), for a pattern whose matches all begin where a
    run of digits begins (``(?<![0-9])[0-9]...``): a leading lookbehind stops the regex engine
    from skipping ahead to candidate characters, so trying only the run starts is far cheaper."""
    end = 0
    for start in runs:
        if start >= end:
            m = pattern.match(t, start)
            if m:
                end = m.end()
                yield m


def _windows(t: str) -> list[tuple[int, int]]:
    """Stretches around long digit runs, widened so that no digit run is cut."""
    out: list[tuple[int, int]] = []
    for m in _DIGIT_RUN.finditer(t):
        start, end = max(0, m.start() - 12), min(len(t), m.end() + 12)
        while start > 0 and t[start - 1].isdigit():
            start -= 1
        while end < len(t) and t[end].isdigit():
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _numbers(t: str, start: int, end: int, add: Callable[[str, int, int], None]) -> None:
    """The detectors for long numbers, on one window; earlier ones win overlaps."""
    for m in ID18.finditer(t, start, end):
        d = _digits(m.group())
        add("privacy/id-number" if id_check_ok(d[:18]) else "privacy/id-number-suspect", *m.span())
    for m in ID15.finditer(t, start, end):
        add("privacy/id-number", *m.span())
    # The context word may come before the number or after it (6222…7894（工商银行卡）).
    if CARD_CONTEXT.search(t, max(0, start - 20), end + 12):
        for m in CARD.finditer(t, start, end):
            if _luhn(_digits(m.group())) and (CARD_CONTEXT.search(t, max(0, m.start() - 20), m.start())
                                              or CARD_CONTEXT.search(t, m.end(), m.end() + 12)):
                add("privacy/bank-card", *m.span())
    for m in MOBILE.finditer(t, start, end):
        add("privacy/mobile", *m.span())
    for m in LANDLINE.finditer(t, start, end):
        if not _PUBLIC.fullmatch(_digits(m.group())):
            add("privacy/landline", *m.span())
    for m in LONG_NUMBER.finditer(t, start, end):
        if not _PUBLIC.fullmatch(m.group()):
            add("privacy/long-number", *m.span())


def _merge_addresses(hits: list[Hit], text: str) -> list[Hit]:
    """3号楼2单元301室 is one address, not three."""
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev and prev.code == h.code == "privacy/address" and not text[prev.end:h.start].strip(" -"):
            out[-1] = Hit(h.code, prev.start, h.end, text[prev.start:h.end])
        else:
            out.append(h)
    return out
