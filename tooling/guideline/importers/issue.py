"""The body GitHub renders from an issue form (`### 栏目\n\n值`) to a case or note file.

The labels here must match .github/ISSUE_TEMPLATE/*.yml (a test checks that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import make
from ..findings import Finding
from ..model import CASE_SECTIONS, Corpus

NO_RESPONSE = "_No response_"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SPLIT = re.compile(r"\s*[,，、;；\n]\s*")

# label -> (front matter path, many values, required)
CASE_FIELDS: dict[str, tuple[tuple[str, ...], bool, bool]] = {
    "案例编号": (("id",), False, True),
    "案例标题": (("title",), False, True),
    "机构编号": (("org",), False, True),
    "主题": (("themes",), True, True),
    "相关程序": (("procedures",), True, True),
    "服务时间": (("period",), False, True),
    "同意人": (("consent", "given_by"), False, True),
    "同意方式": (("consent", "method"), False, True),
    "同意范围": (("consent", "scope"), True, True),
    "同意记录保存位置": (("consent", "recorded_in"), False, True),
}
NOTE_FIELDS: dict[str, tuple[tuple[str, ...], bool, bool]] = {
    "程序编号": (("procedure",), False, True),
    "机构编号": (("org",), False, True),
    "标题": (("title",), False, True),
}
NOTE_BODY = "实务经验"
CONFIRMATION = "提交前确认"
LABELS = {*CASE_FIELDS, *CASE_SECTIONS, *NOTE_FIELDS, NOTE_BODY, CONFIRMATION}


@dataclass
class Submission:
    kind: str
    values: dict[tuple[str, ...], Any] = field(default_factory=dict)
    body: str = ""
    findings: list[Finding] = field(default_factory=list)


def parse_form(text: str) -> dict[str, tuple[str, int]]:
    """{label: (value, line)} from the rendered form; 「_No response_」 is empty."""
    answers: dict[str, tuple[str, int]] = {}
    label, start, lines = "", 0, []  # type: ignore[var-annotated]
    for n, line in enumerate(text.replace("\r\n", "\n").split("\n") + ["### "], start=1):
        # Contributors may write ### headings inside a text area: only the forms' labels start a field.
        if line.startswith("### ") and (line[4:].strip() in LABELS or n > len(text.split("\n"))):
            if label:
                value = "\n".join(lines).strip()
                answers[label] = ("" if value == NO_RESPONSE else value, start)
            label, start, lines = line[4:].strip(), n, []
        else:
            lines.append(line)
    return answers


def submission(text: str, path: str, corpus: Corpus, kind: str | None = None) -> Submission:
    answers = parse_form(text)
    kind = kind or ("case" if "案例标题" in answers else "note" if NOTE_BODY in answers else "")
    if not kind:
        return Submission("", findings=[make("import/unknown-form", path, 1, 1, expected="案例标题」或「实务经验")])
    sub = Submission(kind)
    fields = CASE_FIELDS if kind == "case" else NOTE_FIELDS
    sections = CASE_SECTIONS if kind == "case" else [NOTE_BODY]
    for label in [*fields, *sections]:
        value, line = answers.get(label, ("", 1))
        if not value:
            sub.findings.append(make("import/missing-field", path, line, 1, label=label))
    if sub.findings:
        return sub
    themes = {label: key for key, label in corpus.settings.themes.items()}
    titles = {p.title: p.id for p in corpus.procedures.values()}
    for label, (key, many, _required) in fields.items():
        value, line = answers[label]
        if not many:
            sub.values[key] = value.strip()
            if key[-1] in ("id", "org", "procedure") and not SLUG.match(value.strip()):
                sub.findings.append(make("import/invalid-field", path, line, 1, label=label, value=value.strip()[:20],
                                         problem="只能用小写英文字母、数字和短横线，例如 wang-living-alone。"))
            continue
        items = [x.strip() for x in _SPLIT.split(value) if x.strip()]
        if key == ("themes",):
            items = [themes.get(x, x) for x in items]
        elif key == ("procedures",):
            items = [titles.get(x, x) for x in items]
        sub.values[key] = list(dict.fromkeys(items))
    if kind == "case":
        sub.body = "".join(f"\n## {s}\n\n{answers[s][0].strip()}\n" for s in CASE_SECTIONS)
    else:
        sub.body = f"\n{answers[NOTE_BODY][0].strip()}\n"
    return sub
