"""Reporters turn findings into text, JSON or GitHub workflow commands.

They know nothing about checks: only `Finding` and its fields.
"""

from __future__ import annotations

import json
import os
from itertools import groupby
from typing import Protocol, TextIO

from .findings import Finding, Severity, count

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


ELSEWHERE = "本次修改导致以下文件出错"
"""Heads the files a change broke without touching them (validate --changed-since)."""


class Reporter(Protocol):
    def __call__(self, findings: list[Finding], files: int, out: TextIO, elsewhere: list[str] | None = None) -> None: ...


def _elsewhere_line(elsewhere: list[str]) -> str:
    return f"{ELSEWHERE}（这些文件本身没有改动，是本次修改让它们出错的）：{'、'.join(elsewhere)}。\n"


def text(findings: list[Finding], files: int, out: TextIO, elsewhere: list[str] | None = None) -> None:
    for path, group in groupby(sorted(findings), key=lambda f: f.path):
        out.write(f"{path}\n")
        for f in group:
            out.write(f"  第 {f.line} 行第 {f.column} 列  {SEVERITY_ZH[f.severity]}  {f.message}  [{f.code}]\n")
            if f.hint:
                out.write(f"      提示：{f.hint}\n")
        out.write("\n")
    c = count(findings)
    verdict = "检查未通过" if c["error"] else "检查通过"
    if elsewhere:
        out.write(_elsewhere_line(elsewhere))
    out.write(f"{verdict}：共检查 {files} 个文件，{c['error']} 个错误，{c['warning']} 个警告。\n")


def as_json(findings: list[Finding], files: int, out: TextIO, elsewhere: list[str] | None = None) -> None:
    doc: dict[str, object] = {"findings": [f.as_dict() for f in sorted(findings)], "counts": count(findings),
                              "files": files}
    if elsewhere:
        doc["elsewhere"] = elsewhere
    # One write: json.dump writes each token separately (600,000 writes for 20,000 findings).
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


# GitHub shows at most 10 error and 10 warning annotations per step.
ANNOTATIONS_PER_SEVERITY = 10


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _annotation(kind: str, f: Finding | None, message: str, title: str) -> str:
    props = [f"title={_escape_property(title)}"]
    if f is not None:
        props = [f"file={_escape_property(f.path)}", f"line={f.line}", f"col={f.column}"] + props
    return f"::{kind} {','.join(props)}::{_escape_data(message)}\n"


def github(findings: list[Finding], files: int, out: TextIO, elsewhere: list[str] | None = None) -> None:
    """Workflow annotations within GitHub's limits; the full report goes to the job summary."""
    for severity, kind in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        group = sorted(f for f in findings if f.severity is severity)
        shown = group if len(group) <= ANNOTATIONS_PER_SEVERITY else group[: ANNOTATIONS_PER_SEVERITY - 1]
        for f in shown:
            out.write(_annotation(kind, f, f"{f.message} {f.hint}".strip(), f"{f.code}"))
        rest = len(group) - len(shown)
        if rest:
            out.write(_annotation(kind, None, f"另有 {rest} 条{SEVERITY_ZH[severity]}未逐条标注，完整列表见本次运行的摘要（Summary）。",
                                  f"还有 {rest} 条{SEVERITY_ZH[severity]}"))
    c = count(findings)
    # Plain lines are escaped too, so nothing from the content can start a workflow command.
    if elsewhere:
        out.write(_escape_data(_elsewhere_line(elsewhere).rstrip("\n")) + "\n")
    out.write(_escape_data(f"检查了 {files} 个文件：{c['error']} 个错误，{c['warning']} 个警告。") + "\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(markdown_summary(findings, files, elsewhere))


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def markdown_summary(findings: list[Finding], files: int, elsewhere: list[str] | None = None) -> str:
    c = count(findings)
    lines = [f"## 内容检查：{c['error']} 个错误，{c['warning']} 个警告（{files} 个文件）", ""]
    if elsewhere:
        lines += [f"**{ELSEWHERE}**（这些文件本身没有改动，是本次修改让它们出错的，例如引用了被改名或删除的程序）：", ""]
        lines += [f"- `{_cell(p)}`" for p in elsewhere] + [""]
    if findings:
        lines += ["| 文件 | 位置 | 级别 | 问题 | 提示 | 代码 |", "|---|---|---|---|---|---|"]
        for f in sorted(findings):
            lines.append(f"| `{_cell(f.path)}` | {f.line}:{f.column} | {SEVERITY_ZH[f.severity]} "
                         f"| {_cell(f.message)} | {_cell(f.hint)} | `{f.code}` |")
    return "\n".join(lines) + "\n\n"


REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text,
    "json": as_json,
    "github": github,
}
