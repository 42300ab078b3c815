"""guideline import issue FILE | import docx FILE --org ORG: a submission becomes a corpus file.

(The module is `importer` because `import` is a Python keyword; cli.py maps the name.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..reporters import REPORTER_BY_NAME


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", choices=["issue", "docx"], help="issue：issue 表单的正文；docx：Word 文件")
    p.add_argument("file", type=Path, help="issue 正文文件（.md 或 .txt），或 Word 文件（.docx）")
    p.add_argument("--org", help="机构编号（导入 Word 文件时必填）")
    p.add_argument("--id", help="案例编号（导入 Word 文件时可选；默认由文件名或服务时间生成）")
    p.add_argument("--kind", choices=["case", "note"], help="issue 表单的类型（默认自动识别）")
    p.add_argument("--format", choices=sorted(REPORTER_BY_NAME), default="text", help="检查结果的输出格式")


def run(args: argparse.Namespace) -> int:
    from .. import validate
    from ..catalogue import make
    from ..findings import Finding
    from ..scaffold import create
    from ..snapshot import load_corpus

    root: Path = args.root
    source: Path = args.file
    if not source.is_file():
        sys.stderr.write(f"用法错误：找不到文件 {source}。\n")
        return 2
    corpus = load_corpus(root)
    shown = str(source)
    findings: list[Finding] = []
    if args.source == "issue":
        from ..importers.issue import submission

        text = source.read_bytes().decode("utf-8", errors="replace")
        sub = submission(text, shown, corpus, args.kind)
        if sub.findings:
            return _report(args, sub.findings, 1)
        kind, values, body = sub.kind, sub.values, sub.body
    else:
        if not args.org:
            sys.stderr.write("用法错误：导入 Word 文件需要 --org 机构编号，例如 --org ginkgo-demo。\n")
            return 2
        if args.org not in corpus.organisations:
            sys.stderr.write(f"用法错误：机构「{args.org}」没有在 organisations/ 中登记（可以先运行 guideline new org）。\n")
            return 2
        from ..importers import fill, word

        try:
            case = word.convert(source)
        except (RuntimeError, OSError, ValueError) as exc:
            sys.stderr.write(f"无法读取这个 Word 文件（{exc}）。请在 Word 中「另存为」.docx 格式后再试。\n")
            return 2
        kind, body = "case", "\n" + case.markdown
        values = fill.values(root, corpus, args.org, source, case.title, case.text, args.id)
        if case.images:
            findings.append(make("import/image-removed", shown, 1, 1, count=case.images))
    try:
        written = create(root, kind, values, body)
    except ValueError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except FileExistsError as exc:
        return _report(args, [make("import/exists", shown, 1, 1, target=str(exc))], 1)
    sys.stderr.write(f"已生成：{written}\n")
    report = validate.run(root, {written})
    findings += report.findings
    return _report(args, findings, 0 if report.ok else 1, report.files)


def _report(args: argparse.Namespace, findings: list, code: int, files: int = 1) -> int:  # type: ignore[type-arg]
    REPORTER_BY_NAME[args.format](findings, files, sys.stdout)
    return code
