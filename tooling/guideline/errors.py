"""Errors that library code raises and `cli.main` turns into a message and an exit code.

Library modules never print or exit: they raise one of these with a Chinese message a
contributor can act on. Exit codes: 2 for a usage problem (wrong arguments, not a
repository, unknown git revision), 1 for content that fails its checks or a failed build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .findings import Finding


class GuidelineError(Exception):
    """A problem explained in Chinese; `str(error)` is the message without its prefix."""

    exit_code = 2
    prefix = ""

    def write(self, stream: TextIO) -> None:
        stream.write(f"{self.prefix}{self}\n")


class UsageError(GuidelineError):
    """The command cannot run as asked: a wrong argument, or a folder or file that is not there."""

    prefix = "用法错误："


class HistoryError(UsageError):
    """A git problem: not a repository, or a revision that does not exist."""


class Failure(GuidelineError):
    """The command ran and did not succeed (content with errors, a failed build or release)."""

    exit_code = 1


class FindingsError(Failure):
    """Content has errors: the findings are printed, then what that means for the command."""

    def __init__(self, message: str, findings: list[Finding], files: int) -> None:
        super().__init__(message)
        self.findings = findings
        self.files = files

    def write(self, stream: TextIO) -> None:
        from .reporters import text

        text(self.findings, self.files, stream)
        super().write(stream)


class RenderError(Failure):
    """A build failure explained in Chinese (missing font, incomplete output, ...)."""

    prefix = "生成失败："


# Messages raised from more than one place.
NOT_A_REPOSITORY = "{root} 不是指引仓库（找不到 guideline/guideline.yaml）。"
UNKNOWN_REVISION = "找不到 git 版本「{rev}」。"
CONTENT_FAILED = "内容检查未通过，{consequence}"
