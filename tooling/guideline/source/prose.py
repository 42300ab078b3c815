"""Views of a Markdown body with parts blanked out, offsets unchanged.

Checks on wording (terms, attribute lists) must not look inside code or link targets;
blanking with spaces keeps every offset, so positions stay exact.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>|^ {0,3}\[[^\]\n]+\]:.*$", re.M)
_QUOTED = re.compile(r"《[^》\n]*》|“[^”\n]*”|「[^」\n]*」")


def without_code(body: str) -> str:
    """Fenced code blocks and inline code spans replaced by spaces."""
    text = body
    if "```" in body or "~~~" in body:  # otherwise no line opens a fence
        lines = body.split("\n")
        fence = ""
        for i, line in enumerate(lines):
            m = _FENCE.match(line)
            if fence:
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                    fence = ""
                lines[i] = " " * len(line)
            elif m:
                fence = m.group(1)
                lines[i] = " " * len(line)
        text = "\n".join(lines)
    return _CODE_SPAN.sub(_blank, text) if "`" in text else text


def wording(body: str) -> str:
    """Prose only: no code, no link targets, no quotations or titles of documents."""
    return wording_of(without_code(body))


def wording_of(code_free: str) -> str:
    """`wording` of a text `without_code` has already blanked."""
    return _QUOTED.sub(_blank, _LINK_TARGET.sub(_blank, code_free))


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def position(body: str, body_line: int, offset: int) -> tuple[int, int]:
    """1-based file line and column of a body offset."""
    before = body[:offset]
    return body_line + before.count("\n"), offset - before.rfind("\n")
