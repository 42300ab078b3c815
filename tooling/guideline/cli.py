"""The `guideline` command: parse arguments, run one command, return an exit code.

Exit codes: 0 success, 1 validation errors, 2 usage or internal failure.
Each command lives in `commands/<name>.py` with `add_arguments(parser)` and
`run(args) -> int`; heavy libraries are imported inside `run`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

from . import __version__

COMMANDS = {
    "validate": "检查全部内容（格式、引用、隐私、术语、排版）",
    "build": "检查后生成网站和手册",
    "rules": "列出全部检查规则",
    "serve": "本机实时预览网站（修改内容后自动刷新）",
    "new": "按模板新建案例、程序、实务经验或机构登记",
    "codeowners": "根据机构登记生成 .github/CODEOWNERS（--check：检查是否最新）",
    "diff": "比较两个版本的内容变更（供审阅）",
    "credits": "统计各共建机构的贡献（全部与各版次）",
    "release": "发布新版次：写入版本号和修订记录，提交并打标签",
    "import": "把 issue 表单或 Word 文件转成案例、实务经验文件",
}


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"用法错误：{message}\n运行 `guideline {self.prog.split()[-1]} --help` 查看说明。\n")
        sys.exit(2)


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "guideline" / "guideline.yaml").is_file():
            return folder
    return start


def build_parser() -> Parser:
    parser = Parser(prog="guideline", description="《老年人入户工作指引》与案例集的内容工具。")
    parser.add_argument("--version", action="version", version=f"guideline {__version__}")
    parser.add_argument("--root", type=Path, default=None, help="仓库根目录（默认：从当前目录向上查找）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f".commands.{name.replace('import', 'importer')}", __package__)
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "module", None):
        parser.print_help()
        return 2
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        return int(args.module.run(args))
    except KeyboardInterrupt:
        return 2
    except Exception:
        log = args.root / ".cache" / "crash.log"
        try:
            log.parent.mkdir(exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"详细信息已写入 {log}"
        except OSError:
            where = "无法写入详细日志"
        sys.stderr.write(f"工具内部错误：{sys.exc_info()[1]!r}。{where}，请在「报告问题」中附上它。\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
