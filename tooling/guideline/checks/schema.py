"""JSON Schema check, with each error placed at the offending key or value.

Most files are valid: jsonschema-rs (compiled, full 2020-12 with format assertions)
says so in microseconds. Only for an invalid file does jsonschema, which exposes each
error's keyword, path and subschema, explain what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import make
from ..findings import Finding
from ..kinds import kind_of
from ..model import Source

if TYPE_CHECKING:
    from . import Context

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"

_TYPES = {"string": "文字", "array": "列表（每项一行，以 - 开头）", "object": "「字段: 值」形式的映射",
          "integer": "整数", "number": "数字", "boolean": "true 或 false", "null": "空值"}


@lru_cache(maxsize=None)
def schema_of(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=None)
def fast_validator(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema_of(kind), validate_formats=True)


@lru_cache(maxsize=None)
def validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema_of(kind), format_checker=FormatChecker())


def _field(path: tuple[Any, ...], schema: dict[str, Any]) -> str:
    name = "".join(f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or "文件头"
    title = schema.get("title")
    return f"{name}（{title}）" if title and title not in name else name


def check(source: Source, context: Context) -> Iterator[Finding]:
    schema_name = kind_of(source.kind).schema
    if fast_validator(schema_name).is_valid(source.data):
        return
    v = validator(schema_name)
    marks = source.marks
    for err in sorted(v.iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path))):
        yield from _finding(source, err, marks, tuple(err.absolute_path))


def _finding(source: Source, err: Any, marks: Any, path: tuple[Any, ...]) -> Iterator[Finding]:
    p, kind, sch = source.path, err.validator, err.schema
    if kind == "required":
        props = sch.get("properties", {})
        for key in err.validator_value:
            if isinstance(err.instance, dict) and key not in err.instance:
                line, col = marks.at(path) if path else (source.marks.values.get((), (1, 1)))
                yield make("schema/required", p, line, col, key=key, title=props.get(key, {}).get("title", key))
        return
    if kind == "additionalProperties":
        allowed = "、".join(sch.get("properties", {})) or "（见说明）"
        unknown = [k for k in err.instance if k not in sch.get("properties", {})]
        for key in unknown:
            line, col = marks.key(path + (key,))
            yield make("schema/additional-property", p, line, col, key=key, allowed=allowed)
        return
    line, col = marks.at(path)
    field = _field(path, sch)
    if kind == "type":
        wanted = [str(t) for t in (err.validator_value if isinstance(err.validator_value, list) else [err.validator_value])]
        extra = "如果这里是文字，请用引号括起来。" if "string" in wanted else ""
        yield make("schema/type", p, line, col, field=field, expected="或".join(_TYPES.get(t, t) for t in wanted), extra=extra)
    elif kind == "enum":
        yield make("schema/enum", p, line, col, field=field, allowed="、".join(map(str, err.validator_value)))
    elif kind == "pattern":
        desc = sch.get("description", "")
        yield make("schema/pattern", p, line, col, field=field, detail=f"「{_short(err.instance)}」不符合要求。", extra=desc)
    elif kind == "format":
        yield make("schema/format", p, line, col, field=field)
    elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "uniqueItems"):
        detail = {
            "minItems": f"至少需要 {err.validator_value} 项。", "maxItems": f"最多 {err.validator_value} 项。",
            "minLength": "不能为空。", "maxLength": f"太长了，最多 {err.validator_value} 个字。",
            "minProperties": "不能为空。", "uniqueItems": "有重复的项。",
        }[kind]
        yield make("schema/length", p, line, col, field=field, detail=detail)
    elif kind == "anyOf" and not path:
        yield make("schema/invalid", p, line, col, field=field, detail=sch.get("description", "不符合任何一种允许的写法。"))
    else:
        detail = sch.get("description") or "不符合任何一种允许的写法。"
        yield make("schema/invalid", p, line, col, field=field, detail=detail)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"
