"""guideline new case|procedure|note|org|resource|form: scaffold a file from a commented template.

Values come from options; when stdin is a terminal, missing ones are asked for.
Whatever is still missing stays 「待填写」 and is reported by validation.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SPLIT = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]
    option: str
    prompt: str
    many: bool = False
    place: bool = False
    """Decides where the file goes: cannot be left unfilled."""


FIELDS: dict[str, list[Field]] = {
    "case": [
        Field(("org",), "org", "所属机构编号", place=True),
        Field(("id",), "id", "案例编号（小写英文字母、数字和短横线，例如 wang-living-alone）", place=True),
        Field(("title",), "title", "案例标题（不出现真实姓名）"),
        Field(("themes",), "theme", "主题编号（多个用逗号分隔）", many=True),
        Field(("procedures",), "procedure", "相关程序编号（多个用逗号分隔）", many=True),
        Field(("period",), "period", "服务时间（年或年月，例如 2025-03）"),
        Field(("consent", "given_by"), "consent_by", "同意人（本人、监护人、意定监护人或近亲属）"),
        Field(("consent", "method"), "consent_method", "同意方式（例如 书面同意）"),
        Field(("consent", "scope"), "consent_scope", "同意范围（出版、网站、培训、照片，可多选）", many=True),
        Field(("consent", "recorded_in"), "consent_record", "同意记录保存位置（例如 机构个案档案（不公开））"),
    ],
    "note": [
        Field(("org",), "org", "机构编号", place=True),
        Field(("procedure",), "procedure", "所属程序编号", place=True),
        Field(("title",), "title", "标题（一句话概括这条经验）"),
    ],
    "procedure": [
        Field(("chapter",), "chapter", "所在章的文件夹（例如 02-preparation）", place=True),
        Field(("id",), "id", "程序编号（小写英文字母、数字和短横线）", place=True),
        Field(("title",), "title", "程序标题"),
        Field(("contributors",), "org", "参与编写的机构编号（多个用逗号分隔）", many=True),
        Field(("themes",), "theme", "主题编号（多个用逗号分隔）", many=True),
        Field(("risk_level",), "risk_level", "风险等级（low、medium 或 high）"),
    ],
    "org": [
        Field(("id",), "id", "机构编号（小写英文字母、数字和短横线，也是 cases/ 下的文件夹名）", place=True),
        Field(("name",), "name", "机构全称"),
        Field(("short_name",), "short_name", "简称"),
        Field(("district",), "district", "所在区（例如 西城区）"),
        Field(("specialties",), "specialty", "专长主题编号（多个用逗号分隔）", many=True),
        Field(("maintainers",), "maintainer", "维护人的 GitHub 账号（不带 @，多个用逗号分隔）", many=True),
        Field(("domains",), "domain", "机构邮箱域名（例如 example.org）", many=True),
    ],
    "resource": [
        Field(("id",), "id", "编号（小写英文字母、数字和短横线，例如 mental-health-hotline）", place=True),
        Field(("name",), "name", "名称（例如 全国统一心理援助热线）"),
        Field(("number",), "number", "号码（只写数字和短横线）"),
        Field(("scope",), "scope", "适用范围（全国、北京市或某个区）"),
        Field(("source", "title"), "source_title", "来源标题（官方文件或网页的标题）"),
        Field(("source", "url"), "source_url", "来源网址"),
    ],
    "form": [
        Field(("id",), "id", "编号（小写英文字母、数字和短横线，例如 visit-record）", place=True),
        Field(("title",), "title", "表单名称"),
    ],
}
KIND_ZH = {"case": "案例", "note": "实务经验", "procedure": "程序", "org": "机构", "resource": "热线或资源", "form": "表单"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=sorted(FIELDS), help="case 案例、note 实务经验、procedure 程序、org 机构、resource 热线或资源、form 表单")
    options = {f.option: f for fields in FIELDS.values() for f in fields}
    for name, f in sorted(options.items()):
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, action="append", metavar="值", help=f.prompt)


def collect(kind: str, args: argparse.Namespace, ask: bool) -> dict[tuple[str, ...], Any]:
    """Values by field path: from options, else asked for (terminal only)."""
    values: dict[tuple[str, ...], Any] = {}
    for f in FIELDS[kind]:
        given: list[str] = [x for v in getattr(args, f.option) or [] for x in (_SPLIT.split(v) if f.many else [v.strip()]) if x]
        if not given and ask:
            answer = input(f"{f.prompt}：").strip()
            given = [x for x in _SPLIT.split(answer) if x] if f.many else ([answer] if answer else [])
        if given:
            values[f.path] = given if f.many else given[-1]
    return values


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..scaffold import create

    root: Path = args.root
    ask = sys.stdin.isatty()
    values = collect(args.kind, args, ask)
    for f in FIELDS[args.kind]:
        if f.place and f.path not in values:
            raise UsageError(f"缺少「{f.prompt.split('（')[0]}」，请加上 --{f.option.replace('_', '-')} 选项。")
    try:
        written = create(root, args.kind, values)
    except FileExistsError as exc:
        raise UsageError(f"{exc} 已经存在，请换一个编号，或直接编辑这个文件。") from exc
    sys.stderr.write(f"已生成{KIND_ZH[args.kind]}：{written}\n")
    return report_file(root, written)


def report_file(root: Path, path: str) -> int:
    """Print the validation findings of one file; the scaffold itself never fails on them."""
    from .. import validate
    from ..reporters import text

    report = validate.run(root, {path})
    text(report.findings, report.files, sys.stdout)
    if report.findings:
        sys.stdout.write("请按上面的提示补全文件（把「待填写」换成实际内容），再运行 guideline validate。\n")
    return 0
