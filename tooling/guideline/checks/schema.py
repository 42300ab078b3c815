"""JSON Schema check, with each error placed at the offending key or value.

Most files are valid: jsonschema-rs (compiled, full 2020-12 with format assertions)
says so in microseconds. Only for an invalid file does jsonschema, which exposes each
error's keyword, path and subschema, explain what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import (
    SCHEMA_LIMITS,
    SCHEMA_NO_ALTERNATIVE,
    SCHEMA_QUOTE,
    SCHEMA_ROOT,
    SCHEMA_SEE_DESCRIPTION,
    SCHEMA_TYPES,
    make,
)
from ..findings import Finding
from ..kinds import kind_of
from ..model import Source

if TYPE_CHECKING:
    from . import Context

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"

@cache
def schema_of(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def fast_validator(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema_of(kind), validate_formats=True)


@cache
def validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema_of(kind), format_checker=FormatChecker())


def _field(path: tuple[Any, ...], schema: dict[str, Any]) -> str:
    name = "".join(f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or SCHEMA_ROOT
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
        allowed = "、".join(sch.get("properties", {})) or SCHEMA_SEE_DESCRIPTION
        unknown = [k for k in err.instance if k not in sch.get("properties", {})]
        for key in unknown:
            line, col = marks.key(path + (key,))
            yield make("schema/additional-property", p, line, col, key=key, allowed=allowed)
        return
    line, col = marks.at(path)
    field = _field(path, sch)
    if kind == "type":
        wanted = [str(t) for t in (err.validator_value if isinstance(err.validator_value, list) else [err.validator_value])]
        quote = SCHEMA_QUOTE if "string" in wanted else ""
        yield make("schema/type", p, line, col, field=field, expected="或".join(SCHEMA_TYPES.get(t, t) for t in wanted),
                   quote=quote)
    elif kind == "enum":
        yield make("schema/enum", p, line, col, field=field, allowed="、".join(map(str, err.validator_value)))
    elif kind == "pattern":
        yield make("schema/pattern", p, line, col, field=field, value=_short(err.instance),
                   explanation=sch.get("description", ""))
    elif kind == "format":
        yield make("schema/format", p, line, col, field=field)
    elif kind in SCHEMA_LIMITS:
        detail = SCHEMA_LIMITS[kind].format(limit=err.validator_value)
        yield make("schema/length", p, line, col, field=field, detail=detail)
    elif kind == "anyOf" and not path:
        yield make("schema/invalid", p, line, col, field=field, detail=sch.get("description", SCHEMA_NO_ALTERNATIVE))
    else:
        detail = sch.get("description") or SCHEMA_NO_ALTERNATIVE
        yield make("schema/invalid", p, line, col, field=field, detail=detail)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"
