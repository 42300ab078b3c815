"""The `guideline` command: parse arguments, run one command, return an exit code.

Exit codes: 0 success, 1 content with errors or a failed build, 2 usage or internal failure.
Each command lives in `commands/<name>.py` with `add_arguments(parser)` and
`run(args) -> int`; heavy libraries are imported inside `run`. Library code raises
`errors.GuidelineError`, which is reported here with its own exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import NOT_A_REPOSITORY, GuidelineError, UsageError

COMMANDS = {
    "validate": "检查全部内容（格式、引用、隐私、术语、排版）",
    "build": "检查后生成网站和手册",
    "rules": "列出全部检查规则",
    "serve": "本机实时预览网站（修改内容后自动刷新）",
    "new": "按模板新建案例、程序、实务经验或机构登记",
    "codeowners": "根据机构登记生成 .github/CODEOWNERS（--check：检查是否最新）",
    "diff": "比较两个版本的内容变更（供审阅）",
    "approve": "编辑组审阅通过：为程序、实务经验或案例写入审阅记录（正式版只收录有记录的内容）",
    "credits": "统计各共建机构的贡献（全部与各版次）",
    "release": "准备新版次：在发布分支上写入版本号和修订记录并开启合并请求（--tag：合并后打标签）",
    "import": "把 issue 表单或 Word 文件转成案例、实务经验文件",
}
OUTSIDE_REPOSITORY = {"rules"}
"""Commands that read no repository; every other one needs guideline/guideline.yaml under the root."""


# argparse's own words, in Chinese: it looks its texts up through a module-level gettext
# alias at call time, so replacing that alias translates usage, help and errors.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可以是 %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"用法错误：{message}\n运行 `{self.prog} --help` 查看说明。\n")
        sys.exit(2)


def is_repository(folder: Path) -> bool:
    return (folder / "guideline" / "guideline.yaml").is_file()


def find_root(start: Path) -> Path:
    return next((folder for folder in (start, *start.parents) if is_repository(folder)), start)


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
        if args.command not in OUTSIDE_REPOSITORY and not is_repository(args.root):
            raise UsageError(NOT_A_REPOSITORY.format(root=args.root))
        return int(args.module.run(args))
    except GuidelineError as exc:
        exc.write(sys.stderr)
        return exc.exit_code
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
        # The type only: the exception's text can quote content (the log keeps the rest).
        sys.stderr.write(f"工具内部错误：{type(sys.exc_info()[1]).__name__}。{where}，请在「报告问题」中附上它。\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
