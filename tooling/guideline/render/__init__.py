"""What the site and handbook renderers share: build metadata, errors, callout titles,
the guards against control characters and unsafe link targets.

Contributors write one callout syntax, GitHub's alerts (``> [!WARNING]``), which
GitHub's preview shows; the parser (`source.markdown`) reads them and each renderer
gives them its own form with the Chinese titles below.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2

from ..errors import RenderError as RenderError  # raised by both renderers; defined with the other errors

EDITIONS = ("preview", "published")

CALLOUT_TITLES = {"NOTE": "说明", "TIP": "提示", "IMPORTANT": "重要", "WARNING": "警告", "CAUTION": "注意"}

# C0 and C1 controls other than tab and line feed: XML 1.0 forbids most of them (an EPUB
# chapter with one is not a valid document), and Python-Markdown deletes them, which turns
# "java\x01script:" into "javascript:" after the sanitiser let it pass as a relative URL.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """Text with control characters removed, before any renderer parses it. `validate` refuses
    them (encoding/control-char); this is each renderer's own guard."""
    return _CONTROLS.sub("", text)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory for the life of the process, for environments
    made afresh for each render (`guideline serve` renders again after every save, and MkDocs
    makes a new environment for every build). A template whose source changed is compiled again
    (the bucket's checksum is the source's)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


# Fields the outputs turn into links. The schemas refuse anything else; these are each
# renderer's own guard (defence in depth: a renderer also runs on content validate never saw).
_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+")
_PHONE = re.compile(r"\+?[0-9][0-9-]{1,19}")


def web_url(url: str) -> str:
    """An http(s) URL that can stand in a link or an autolink, or nothing."""
    return url if _WEB_URL.fullmatch(url) else ""


def phone_href(number: str) -> str:
    """A `tel:` link target for a number of digits and dashes, or nothing (then it is shown as text)."""
    return f"tel:{number}" if _PHONE.fullmatch(number) else ""


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
