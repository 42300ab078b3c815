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
    from ..importers import import_issue, import_word

    result = (import_issue(args.root, args.file, args.kind) if args.source == "issue"
              else import_word(args.root, args.file, args.org, args.id))
    if result.written:
        sys.stderr.write(f"已生成：{result.written}\n")
    REPORTER_BY_NAME[args.format](result.findings, result.files, sys.stdout, [])
    return 0 if result.ok else 1
