"""The body GitHub renders from an issue form (`### 栏目\n\n值`) to a case or note file.

GitHub renders every field of a form, in the form's order, as `### label`, a blank
line and the answer. A contributor may type the very same `### label` line inside a
text area, so a heading starts a field only where the form's order allows it: the
fields are found from the last one backwards, each at the last matching line before
the field after it. Whatever else was typed stays in the field it was typed in.

The labels here must match .github/ISSUE_TEMPLATE/*.yml (a test checks that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..catalogue import make
from ..findings import Finding
from ..model import CASE_SECTIONS, Corpus
from . import period

NO_RESPONSE = "_No response_"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SPLIT = re.compile(r"\s*[,，、;；\n]\s*")
_BOX = re.compile(r"^\s*[-*] \[([ xX])\] (.*)$")

# label -> (front matter path, many values)
CASE_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "案例编号": (("id",), False),
    "案例标题": (("title",), False),
    "机构编号": (("org",), False),
    "主题": (("themes",), True),
    "相关程序": (("procedures",), True),
    "服务时间": (("period",), False),
    "同意人": (("consent", "given_by"), False),
    "同意方式": (("consent", "method"), False),
    "同意范围": (("consent", "scope"), True),
    "同意记录保存位置": (("consent", "recorded_in"), False),
}
NOTE_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "程序编号": (("procedure",), False),
    "机构编号": (("org",), False),
    "标题": (("title",), False),
}
NOTE_BODY = "实务经验"
CONFIRMATION = "提交前确认"
FORMS: dict[str, list[str]] = {
    "case": [*CASE_FIELDS, *CASE_SECTIONS, CONFIRMATION],
    "note": [*NOTE_FIELDS, NOTE_BODY, CONFIRMATION],
}
"""Every form's labels in the order GitHub renders them."""


@dataclass
class Answer:
    value: str
    line: int
    """1-based line of the field's `### label` in the issue body."""


@dataclass
class Submission:
    kind: str
    values: dict[tuple[str, ...], Any] = field(default_factory=dict)
    body: str = ""
    findings: list[Finding] = field(default_factory=list)


def parse_form(text: str, labels: list[str], path: str = "") -> tuple[dict[str, Answer], list[Finding]]:
    """{label: Answer} from the rendered form, and a warning for each typed line that looks like a label."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at: dict[str, list[int]] = {label: [] for label in labels}
    for n, line in enumerate(lines):
        if line.startswith("### ") and line[4:].strip() in at:
            at[line[4:].strip()].append(n)
    answers: dict[str, Answer] = {}
    notes: list[Finding] = []
    end = len(lines)
    for label in reversed(labels):
        candidates = [n for n in at[label] if n < end]
        if not candidates:
            continue
        start = candidates[-1]
        value = "\n".join(lines[start + 1:end]).strip("\n")
        answers[label] = Answer("" if value.strip() == NO_RESPONSE else value, start + 1)
        end = start
    # Ambiguous only where the typed line could have been the field's start: between the
    # field before it and the field itself (a line further up is out of the form's order).
    starts = sorted((a.line, label) for label, a in answers.items())
    for (before_at, before), (field_at, label) in pairwise(starts):
        notes += [make("import/typed-heading", path, n + 1, 1, label=label, field=before)
                  for n in at[label] if before_at < n + 1 < field_at]
    return answers, notes


def detect(text: str) -> str:
    """"case" or "note" from the labels present, "" when neither form fits."""
    lines = {line.strip() for line in text.splitlines()}
    return "case" if "### 案例标题" in lines else "note" if f"### {NOTE_BODY}" in lines else ""


def submission(text: str, path: str, corpus: Corpus, kind: str | None = None) -> Submission:
    kind = kind or detect(text)
    if not kind:
        return Submission("", findings=[make("import/unknown-form", path, 1, 1, expected="案例标题」或「实务经验")])
    answers, notes = parse_form(text, FORMS[kind], path)
    sub = Submission(kind)
    for label in FORMS[kind]:
        answer = answers.get(label, Answer("", 1))
        if not answer.value.strip():
            sub.findings.append(make("import/missing-field", path, answer.line, 1, label=label))
    if sub.findings:
        return sub
    sub.findings += _confirmed(answers[CONFIRMATION], path)
    fields = CASE_FIELDS if kind == "case" else NOTE_FIELDS
    for label, (key, many) in fields.items():
        answer = answers[label]
        sub.values[key] = _items(answer.value, key, corpus) if many else answer.value.strip()
        problem = _problem(key, answer.value.strip())
        if problem:
            sub.findings.append(make("import/invalid-field", path, answer.line, 1, label=label,
                                     value=answer.value.strip()[:20], problem=problem))
        elif key == ("period",):
            sub.values[key] = period.normalise(answer.value)
    if sub.findings:
        return sub
    sub.findings = notes
    if kind == "case":
        sub.body = "".join(f"\n## {s}\n\n{answers[s].value}\n" for s in CASE_SECTIONS)
    else:
        sub.body = f"\n{answers[NOTE_BODY].value}\n"
    return sub


def _problem(key: tuple[str, ...], value: str) -> str:
    if "\n" in value and key[0] != "themes" and key[0] != "procedures" and key[-1] != "scope":
        return "只能写一行（如果在下面的文本框里输入了与这一栏同名的「### 」标题，请改掉那个标题）。"
    if key[-1] in ("id", "org", "procedure") and not SLUG.match(value):
        return "只能用小写英文字母、数字和短横线，例如 wang-living-alone。"
    if key == ("period",) and period.normalise(value) is None:
        return "不是年或年月。请写成 2025-03、2025年3月 或 2025 这样的形式，不要写到具体日期。"
    return ""


def _confirmed(answer: Answer, path: str) -> list[Finding]:
    boxes = [(m.group(1) != " ", m.group(2).strip()) for m in map(_BOX.match, answer.value.split("\n")) if m]
    if not boxes:
        return [make("import/unconfirmed", path, answer.line, 1, item="全部确认项")]
    return [make("import/unconfirmed", path, answer.line, 1, item=text) for ticked, text in boxes if not ticked]


def _items(value: str, key: tuple[str, ...], corpus: Corpus) -> list[str]:
    """A list answer: known names first (a theme name may itself contain 、), then what is left, split."""
    known: dict[str, str] = {}
    if key == ("themes",):
        known = {label: k for k, label in corpus.settings.themes.items()}
    elif key == ("procedures",):
        known = {p.title: p.id for p in corpus.procedures.values() if p.title}
    found: list[tuple[int, str]] = []
    rest = value
    for name in sorted(known, key=len, reverse=True):
        for m in re.finditer(re.escape(name), rest):
            found.append((m.start(), known[name]))
        rest = rest.replace(name, "\0" * len(name))
    pos = 0
    for part in _SPLIT.split(rest):
        start = rest.index(part, pos) if part else pos
        pos = start + len(part)
        if part.strip("\0 ").strip():
            found.append((start, part.strip("\0").strip()))
    return list(dict.fromkeys(item for _, item in sorted(found)))
