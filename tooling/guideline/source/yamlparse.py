"""YAML parsing with positions and YAML 1.2 scalar meaning, on PyYAML's C parser.

We consume libyaml's event stream ourselves instead of using a constructor, so that
anchors, aliases, tags, merge keys, directives and duplicate keys can each become a
located finding, and so that plain scalars resolve the YAML 1.2 core way: ``no``,
``on``, ``010010`` and ``10:30`` stay strings, dates stay strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from ..catalogue import make
from ..findings import Finding
from .decode import INVISIBLE, control_char

MAX_DEPTH = 12

Path = tuple[Any, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?")

try:  # the C parser is the fast path; the pure-Python one gives the same events
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Parser = yaml.SafeLoader


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars; everything else stays as written."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if ("." in value or "e" in value or "E" in value) and _FLOAT.fullmatch(value):
        return float(value)
    return value


@dataclass
class Marks:
    """1-based (line, column) of every value and every mapping key, by JSON path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path) -> tuple[int, int]:
        """Position of the value at path, or of its nearest located ancestor."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """Position of the key naming path (falls back to the value, then ancestors)."""
        path = tuple(path)
        return self.keys.get(path) or self.at(path)


_Scalar, _Alias, _SequenceStart, _SequenceEnd, _MappingEnd = (
    ev.ScalarEvent, ev.AliasEvent, ev.SequenceStartEvent, ev.SequenceEndEvent, ev.MappingEndEvent)


class _Builder:
    def __init__(self, text: str, path: str, line_offset: int) -> None:
        self.loader = _Parser(text)
        self.get_event = self.loader.get_event
        self.peek_event = self.loader.peek_event
        self.text = text
        self.path = path
        self.offset = line_offset - 1
        self.line1 = line_offset  # a mark's 0-based line plus this is the file line
        self.marks = Marks()
        self.values = self.marks.values
        self.findings: list[Finding] = []

    def pos(self, event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1

    def report(self, code: str, event: Any, **params: object) -> None:
        line, col = self.pos(event)
        self.findings.append(make(code, self.path, line, col, **params))

    def next(self) -> Any:
        return self.loader.get_event()

    def skip(self, event: Any) -> None:
        """Consume the rest of a collection without recursing (runaway nesting)."""
        depth = 1
        while depth:
            e = self.next()
            if isinstance(e, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                depth += 1
            elif isinstance(e, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                depth -= 1

    # node() runs once per value of every file: attribute lookups are bound once and
    # scalars, by far the most events, are tested first.
    def node(self, path: Path, depth: int) -> Any:
        e = self.get_event()
        mark = e.start_mark
        self.values[path] = (mark.line + self.line1, mark.column + 1)
        if isinstance(e, _Scalar):
            if e.anchor is not None:
                self.report("yaml/anchor", e, name=e.anchor)
            if e.tag is not None and e.tag != "!":
                self.report("yaml/tag", e, tag=e.tag)
            value = e.value
            if INVISIBLE.search(value):
                raw = self.text[mark.index:e.end_mark.index]
                for ch in dict.fromkeys(INVISIBLE.findall(value)):
                    if ch not in raw:  # written as an escape ("\u0001", "\x85"): decode never saw it
                        self.findings.append(control_char(ch, self.path, *self.pos(e)))
            if not e.style and e.implicit[0]:
                return resolve_plain(value)
            return value
        if isinstance(e, _Alias):
            self.report("yaml/alias", e, name=e.anchor)
            return None
        if e.anchor is not None:
            self.report("yaml/anchor", e, name=e.anchor)
        if e.tag is not None and e.tag != "!":
            self.report("yaml/tag", e, tag=e.tag)
        if depth >= MAX_DEPTH:
            self.report("yaml/too-deep", e, limit=MAX_DEPTH)
            self.skip(e)
            return None
        if isinstance(e, _SequenceStart):
            items: list[Any] = []
            peek, node = self.peek_event, self.node
            while not isinstance(peek(), _SequenceEnd):
                items.append(node(path + (len(items),), depth + 1))
            self.get_event()
            return items
        return self.mapping(e, path, depth)

    def mapping(self, start: Any, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        peek, node, keys = self.peek_event, self.node, self.marks.keys
        key_path = path + ("\0key",)
        while not isinstance(k := peek(), _MappingEnd):
            if isinstance(k, _Scalar) and k.value == "<<" and not k.style:
                self.report("yaml/merge-key", k)
            key_raw = node(key_path, depth + 1)
            kpos = self.values.pop(key_path)
            key = "" if key_raw is None else str(key_raw)
            if key in first_line:
                self.findings.append(make("yaml/duplicate-key", self.path, kpos[0], kpos[1],
                                          key=key, first=first_line[key], second=kpos[0]))
            else:
                first_line[key] = kpos[0]
            keys[path + (key,)] = kpos
            value = node(path + (key,), depth + 1)
            if key not in result:
                result[key] = value
        self.get_event()
        return result

    def document(self) -> Any:
        self.next()  # StreamStart
        start = self.next()
        if isinstance(start, ev.StreamEndEvent):
            return None
        if start.version is not None or start.tags:
            self.report("yaml/directive", start)
        data = self.node((), 0)
        self.next()  # DocumentEnd
        more = self.next()
        if not isinstance(more, ev.StreamEndEvent):
            self.report("yaml/multiple-documents", more)
        return data


# Line breaks to YAML only (decode reports each one where it is): a space in their place keeps
# every line and column where Git and editors show it, instead of a syntax error lines below.
_YAML_ONLY_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def parse(text: str, path: str, line_offset: int = 1) -> tuple[Any, Marks, list[Finding]]:
    """Parse one YAML document; syntax errors become findings, never exceptions."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_YAML_ONLY_BREAKS)
    builder = _Builder(text, path, line_offset)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + line_offset) if mark else line_offset
        col = (mark.column + 1) if mark else 1
        problem = str(exc.problem or exc.context or "")
        if "nesting depth" in problem:  # libyaml's own limit, far beyond ours
            builder.findings.append(make("yaml/too-deep", path, line, col, limit=MAX_DEPTH))
        else:
            builder.findings.append(make("yaml/syntax", path, line, col, problem=_translate(problem)))
        data = None
    except yaml.YAMLError as exc:  # reader errors (e.g. a NUL byte) carry no mark
        builder.findings.append(make("yaml/syntax", path, line_offset, 1, problem=_translate(str(exc))))
        data = None
    finally:
        builder.loader.dispose()
    return data, builder.marks, builder.findings


_PROBLEMS = [
    ("mapping values are not allowed here", "这里不能出现「字段: 值」（可能是冒号后缺少空格，或值里有冒号需要加引号）"),
    ("could not find expected ':'", "找不到字段后面的冒号"),
    ("found character '\\t' that cannot start any token", "这里有 Tab 字符，请改用空格缩进"),
    ("found a tab character", "这里有 Tab 字符，请改用空格缩进"),
    ("did not find expected key", "缩进不一致，找不到下一个字段"),
    ("did not find expected '-' indicator", "列表缩进不一致"),
    ("found unexpected end of stream", "文件意外结束（可能是引号没有配对）"),
    ("found undefined alias", "使用了未定义的别名"),
    ("expected <block end>, but found", "缩进不一致"),
    ("found unknown escape character", "双引号里有无法识别的反斜杠转义，可改用单引号"),
]


def _translate(problem: str) -> str:
    for en, zh in _PROBLEMS:
        if en in problem:
            return zh
    return f"无法解析（{problem}）"
