"""Labelled sentences with values the detector's authors did not write: Faker (zh_CN) makes the
values, fixed templates of case prose carry them, and each value is then written in the forms
people type (spaces, dashes, dots, full-width digits, +86, ...).

Used by benchmarks/privacy_eval.py and tests/test_privacy_eval.py; the toolkit never imports
Faker (a test-only dependency, pinned in the `test` extra). Deterministic for a given seed and
Faker version.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from faker import Faker

SEED = 15
PER_FORM = 40  # sentences per (category, form)


@dataclass(frozen=True)
class Item:
    code: str
    form: str
    text: str
    value: str

    @property
    def span(self) -> tuple[int, int]:
        start = self.text.index(self.value)
        return start, start + len(self.value)


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "@" else c for c in s)


def _groups(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(digits[i:i + n])
        i += n
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(out)


# Case prose around each category; {v} is the value. The wording is ours, the values are Faker's.
TEMPLATES: dict[str, list[str]] = {
    "privacy/mobile": ["女儿留下的电话是{v}，晚上才接。", "有事可以打{v}找她。", "老人把{v}写在门后的纸上。",
                       "联系方式：{v}（儿子）", "他反复拨打{v}，一直没人接。"],
    "privacy/landline": ["居委会的座机{v}平时有人值班。", "老人家里的电话{v}已经停机。", "请拨{v}联系街道。",
                         "登记表上的固定电话是{v}。"],
    "privacy/id-number": ["老人的身份证号{v}由女儿保管。", "申请表上填了{v}这个号码。", "证件号码：{v}",
                          "他报出的身份证号是{v}，需要核对。"],
    "privacy/bank-card": ["养老金打到银行卡{v}里。", "卡号{v}是儿子办的。", "他把{v}（工资卡）交给了邻居。",
                          "存折对应的账户{v}已冻结。"],
    "privacy/email": ["材料发到{v}即可。", "孙女的邮箱是{v}，她负责联系。", "请把照片发送至{v}。"],
    "privacy/qq": ["孙子的QQ号是{v}。", "加了QQ {v}以后方便联系。", "QQ：{v}（家属群主）"],
    "privacy/wechat": ["女儿的微信号是{v}。", "加微信{v}进家属群。", "微信：{v}"],
    "privacy/licence-plate": ["儿子开着{v}的车来接。", "楼下停着一辆{v}。", "车牌号{v}的车堵住了通道。"],
    "privacy/record-number": ["病历号{v}的记录已调出。", "住院号：{v}", "他的医保卡号是{v}。"],
    "privacy/address": ["老人一个人住在{v}。", "地址：{v}", "社工第一次到{v}入户。", "他搬去了{v}，离女儿近。"],
    "privacy/exact-date": ["{v}，社工第一次入户。", "老人在{v}摔倒后住院。", "回访定在{v}。"],
}
NAME_TEMPLATES = {
    "before-role": ["{v}阿姨每周来送饭。", "{v}老人今年八十二岁。", "{v}奶奶不愿意去医院。", "{v}老师带学生来探访。",
                    "{v}医生说要复查。", "{v}大爷一个人住。"],
    "after-kinship": ["签字的是女儿{v}。", "儿子{v}在外地工作。", "老伴{v}去年去世了。", "邻居{v}帮忙买菜，",
                      "长子{v}很少回来。", "联系人：{v}（侄女）", "紧急联系人{v}说不方便。", "患者{v}入院观察。"],
}


def _values(fake: Faker, rng: random.Random) -> dict[str, Callable[[], list[tuple[str, str]]]]:
    """Per category: a function returning (form, written value) pairs for one Faker value."""

    def mobile() -> list[tuple[str, str]]:
        v = fake.phone_number()
        return [("plain", v), ("3-4-4 spaces", _groups(v, (3, 4), " ")), ("dashes", _groups(v, (3, 4), "-")),
                ("dots", _groups(v, (3, 4), ".")), ("em dashes", _groups(v, (3, 4), "—")),
                ("+86", "+86 " + _groups(v, (3, 4), " ")), ("full-width", _full_width(v))]

    def landline() -> list[tuple[str, str]]:
        area = fake.random_element(("010", "021", "022", "023", "020", "024", "027", "028", "029", "0755",
                                    "0571", "0512", "0731", "0871", "0951"))
        local = fake.numerify(fake.random_element(("2#######", "6#######", "8#######", "5######")))
        return [("area-local dash", f"{area}-{local}"), ("parentheses", f"({area}){local}"),
                ("spaces", f"{area} {local[:-4]} {local[-4:]}"), ("+86", f"+86-{area[1:]}-{local}"),
                ("extension", f"{area}-{local}转{fake.numerify('###')}")]

    def id_number() -> list[tuple[str, str]]:
        v = fake.ssn()
        forms = [("plain", v), ("6-8-4", _groups(v, (6, 8), " ")), ("6-4-4-4", _groups(v, (6, 4, 4), " ")),
                 ("full-width", _full_width(v))]
        if v.endswith("X"):
            forms.append(("lower-case x", v[:-1] + "x"))
        return forms

    def bank_card() -> list[tuple[str, str]]:
        v = fake.credit_card_number()  # zh_CN: UnionPay, Visa, Mastercard, 16 digits, Luhn-valid
        return [("plain", v), ("groups of four", _groups(v, (4, 4, 4, 4), " "))]

    def email() -> list[tuple[str, str]]:
        v = fake.free_email()
        return [("plain", v), ("full-width @", v.replace("@", "＠"))]

    def qq() -> list[tuple[str, str]]:
        return [("5-10 digits", str(fake.random_int(10000, 9_999_999_999))),
                ("11 digits", str(fake.random_int(10_000_000_000, 99_999_999_999)))]

    def wechat() -> list[tuple[str, str]]:
        name = fake.user_name()
        v = name if len(name) >= 6 else name + fake.numerify("####")[: 6 - len(name)]
        return [("user name", v), ("user name + year", v + "_" + str(fake.year()))]

    def plate() -> list[tuple[str, str]]:
        v = fake.license_plate()  # 京M-99205
        bare = v.replace("-", "")
        return [("dash", v), ("plain", bare), ("middle dot", bare[:2] + "·" + bare[2:]),
                ("lower-case letter", bare[0] + bare[1].lower() + bare[2:])]

    def record() -> list[tuple[str, str]]:
        return [("letters+digits", fake.bothify("??########").upper()), ("digits", fake.numerify("2#######"))]

    def address() -> list[tuple[str, str]]:
        street = fake.street_name()
        return [
            ("road and number", f"{fake.city()}{fake.district()}区{street}{fake.random_int(1, 300)}号"),
            ("building-unit-room", f"{fake.last_name()}家园{fake.random_int(1, 30)}号楼{fake.random_int(1, 6)}单元"
                                   f"{fake.random_int(1, 18)}0{fake.random_int(1, 4)}室"),
            ("village-group-number", f"{fake.city_name()}{fake.last_name()}家镇{fake.last_name()}家村"
                                     f"{fake.random_int(1, 12)}组{fake.random_int(1, 120)}号"),
        ]

    def exact_date() -> list[tuple[str, str]]:
        d = fake.date_between("-30y", "today")
        return [("年月日", f"{d.year}年{d.month}月{d.day}日"), ("ISO", d.isoformat()), ("月日", f"{d.month}月{d.day}日")]

    return {"privacy/mobile": mobile, "privacy/landline": landline, "privacy/id-number": id_number,
            "privacy/bank-card": bank_card, "privacy/email": email, "privacy/qq": qq, "privacy/wechat": wechat,
            "privacy/licence-plate": plate, "privacy/record-number": record, "privacy/address": address,
            "privacy/exact-date": exact_date}


def items(seed: int = SEED, per_form: int = PER_FORM) -> Iterator[Item]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    for code, make in _values(fake, rng).items():
        counts: dict[str, int] = {}
        while not counts or min(counts.values()) < per_form:
            for form, value in make():
                if counts.get(form, 0) < per_form:
                    counts[form] = counts.get(form, 0) + 1
                    yield Item(code, form, rng.choice(TEMPLATES[code]).format(v=value), value)
    for form, templates in NAME_TEMPLATES.items():
        counts = {2: 0, 3: 0}
        while min(counts.values()) < per_form:
            name = fake.name()
            if len(name) in counts and counts[len(name)] < per_form:
                counts[len(name)] += 1
                yield Item("privacy/name", f"{form}, {len(name)} characters", rng.choice(templates).format(v=name), name)
