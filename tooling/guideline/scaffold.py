"""Templates for new files: YAML with Chinese comments, filled by ruamel.yaml round-trip.

ruamel keeps the comments that explain each field; PyYAML (the fast loader used
for validation) would drop them. Unfilled values stay 「待填写」 and are findings.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import UsageError
from .model import PLACEHOLDER

TEMPLATES = Path(__file__).parent / "templates" / "new"
YAML_FILES = {"org": "organisations/{id}.yaml", "resource": "guideline/resources/{id}.yaml",
              "form": "guideline/forms/{id}.yaml"}
"""Kinds that are one YAML file named by id, and where that file goes."""


def round_trip() -> YAML:
    """A YAML instance that writes the way contributors' files are written (2-space lists)."""
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load_template(kind: str) -> tuple[CommentedMap, str]:
    """(front matter, body) of templates/new/<kind>.md, or (mapping, "") for a YAML kind."""
    if kind in YAML_FILES:
        return round_trip().load((TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")), ""
    return split_markdown((TEMPLATES / f"{kind}.md").read_text(encoding="utf-8"))


def split_markdown(text: str) -> tuple[CommentedMap, str]:
    """Front matter (round-trip) and body of a Markdown file that starts with ---."""
    _, front, body = text.split("---\n", 2)
    return round_trip().load(front), body


def set_value(data: CommentedMap, path: tuple[str, ...], value: Any) -> None:
    """Set a (nested) field, keeping the comments attached around it."""
    target = data
    for key in path[:-1]:
        if not isinstance(target.get(key), CommentedMap):
            target[key] = CommentedMap()
        target = target[key]
    old = target.get(path[-1])
    if isinstance(value, list) and isinstance(old, CommentedSeq):
        # The comment above the next field hangs on the last item: move it to the new last item.
        tail = old.ca.items.pop(len(old) - 1, None) if len(old) else None
        del old[:]
        old.extend(value)
        if tail is not None and len(old):
            old.ca.items[len(old) - 1] = tail
        return
    target[path[-1]] = value


def is_unfilled(value: Any) -> bool:
    if isinstance(value, list):
        return not value or any(is_unfilled(v) for v in value)
    return value is None or (isinstance(value, str) and PLACEHOLDER in value)


def dump(data: CommentedMap) -> str:
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


def markdown(front: CommentedMap, body: str) -> str:
    return f"---\n{dump(front)}---\n{body}"


def create(root: Path, kind: str, values: dict[tuple[str, ...], Any], body: str | None = None) -> str:
    """Write a new file (or registry entry) from its template; returns the path written.

    `body` replaces the template's body (importers bring their own text).

    Raises UsageError when the place is wrong, FileExistsError when it is taken.
    """
    import re

    slug = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    for key in ("id", "org", "procedure"):
        value = values.get((key,))
        if isinstance(value, str) and not slug.match(value):
            raise UsageError(f"编号「{value}」只能用小写英文字母、数字和短横线，例如 wang-living-alone。")
    front, template_body = load_template(kind)
    body = template_body if body is None else body
    if kind in YAML_FILES:
        return _add_record(root, kind, front, values)
    if kind == "case":
        rel = f"cases/{values[('org',)]}/{values[('id',)]}.md"
    elif kind == "note":
        rel = f"guideline/notes/{values[('org',)]}/{values[('procedure',)]}.md"
    else:
        chapter = str(values.pop(("chapter",)))
        if not (root / "guideline" / chapter / "index.md").is_file():
            raise UsageError(f"找不到章「{chapter}」（guideline/{chapter}/index.md）。")
        rel = f"guideline/{chapter}/{values[('id',)]}.md"
        values.setdefault(("last_reviewed",), datetime.date.today().isoformat())
        values.setdefault(("order",), next_order(root / "guideline" / chapter))
    if (root / rel).exists():
        raise FileExistsError(rel)
    for path, value in values.items():
        set_value(front, path, value)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(markdown(front, body), encoding="utf-8")
    return rel


def next_order(chapter: Path) -> int:
    """After the last procedure of the chapter, leaving room (10, 20, ...) for insertions."""
    import re

    found = [int(m.group(1)) for f in chapter.glob("*.md") if f.name != "index.md"
             for m in [re.search(r"^order:\s*(\d+)\s*$", f.read_text(encoding="utf-8"), re.M)] if m]
    return (max(found, default=0) // 10 + 1) * 10


def _add_record(root: Path, kind: str, entry: CommentedMap, values: dict[tuple[str, ...], Any]) -> str:
    record_id = str(values.pop(("id",)))
    rel = YAML_FILES[kind].format(id=record_id)
    if (root / rel).exists():
        raise UsageError(f"编号「{record_id}」已经登记过了（{rel}）。")
    for path, value in values.items():
        set_value(entry, path, value)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(dump(entry), encoding="utf-8")
    return rel
