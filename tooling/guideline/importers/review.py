"""Tracked changes and comments left in a Word file: found, located, never accepted or dropped silently.

Decision (docs/architecture.md): a Word file with unresolved revisions or comments is refused,
each one listed with its paragraph and a short excerpt. Which version of a sentence is right,
and whether a supervisor's remark belongs in a published case, is the author's call, made in
Word (accept or reject, resolve the comment), not the importer's.

Pandoc reads the file with `--track-changes=all`, which keeps each revision and comment as a
Span with class insertion, deletion, paragraph-insertion, paragraph-deletion or comment-start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = {"insertion": "插入", "deletion": "删除", "paragraph-insertion": "插入段落",
         "paragraph-deletion": "删除段落", "comment-start": "批注"}
EXCERPT = 20


@dataclass(frozen=True)
class Pending:
    kind: str
    """插入, 删除, 插入段落, 删除段落 or 批注."""
    paragraph: int
    """1-based number of the top-level paragraph (heading, list, table...) it is in."""
    excerpt: str


def pending(blocks: list[Any]) -> list[Pending]:
    """Every unresolved revision and comment, in document order."""
    from .word import stringify

    found: list[Pending] = []

    def walk(node: Any, paragraph: int, context: str) -> None:
        if isinstance(node, list):
            for n in node:
                walk(n, paragraph, context)
            return
        if not isinstance(node, dict):
            return
        if node.get("t") == "Span":
            classes = node["c"][0][1]
            kind = next((KINDS[c] for c in classes if c in KINDS), None)
            if kind:
                # Paragraph marks carry no text: show the paragraph they split or join.
                text = stringify(node["c"][1]).strip() or context
                found.append(Pending(kind, paragraph, _short(text)))
        walk(node.get("c"), paragraph, context)

    for n, block in enumerate(blocks, start=1):
        walk(block, n, stringify(block).strip())
    return found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "……"
