"""What the site and handbook renderers share: build metadata, errors, callouts.

Contributors write one callout syntax, GitHub's alerts (``> [!WARNING]``), which
GitHub's preview shows; each renderer converts it for its own engine.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import RenderError as RenderError  # raised by both renderers; defined with the other errors

EDITIONS = ("preview", "published")

CALLOUT_TITLES = {"NOTE": "说明", "TIP": "提示", "IMPORTANT": "重要", "WARNING": "警告", "CAUTION": "注意"}

_CALLOUT_START = re.compile(r"^ {0,3}> ?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(.*)$")
_QUOTE_LINE = re.compile(r"^ {0,3}>( ?)(.*)$")


class WarningCollector(logging.Handler):
    """Collects the warnings a rendering engine logs, so that the build can treat them as errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class BuildInfo:
    edition: str
    """preview (everything, drafts marked 征求意见稿) or published (approved only)."""
    revision: str
    """Short git commit of the sources, or 未提交 outside git."""
    date: str
    """ISO date of that commit, so that two builds of one commit are identical."""
    credits: dict[str, Any] = field(default_factory=dict)
    """Per organisation contributions (see `guideline.credits`)."""
    with_handbook: bool = False
    """The handbook is built in the same run, so the site offers it for download."""

    @property
    def preview(self) -> bool:
        return self.edition == "preview"


def convert_callouts(markdown: str, render: Callable[[str, str, str], str]) -> str:
    """Replace each GitHub alert block with render(kind, chinese_title, inner_markdown)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _CALLOUT_START.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        kind, custom = m.group(1), m.group(2).strip()
        inner: list[str] = []
        i += 1
        while i < len(lines) and (q := _QUOTE_LINE.match(lines[i])):
            inner.append(q.group(2))
            i += 1
        out.append(render(kind, custom or CALLOUT_TITLES[kind], "\n".join(inner).strip("\n")))
    return "\n".join(out)
