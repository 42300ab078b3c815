"""html/*: raw HTML, script, frames, event handlers, attribute lists, unsafe links, images.

Contributors write Markdown; the only raw HTML allowed is <br>, <sup>, <sub> and <kbd>
without attributes (line breaks in tables, footnote marks, key names). Anything else
could hide text from reviewers or run script on the published site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..catalogue import Rule, make, register
from ..findings import Finding, Severity
from ..model import Source
from ..source.markdown import Outline
from .prose import position, without_code

if TYPE_CHECKING:
    from . import Context

E = Severity.ERROR
ALLOWED_TAGS = {"br", "sup", "sub", "kbd"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "livescript:")

register(
    Rule("html/raw", E, "不允许的 HTML", "这里有 HTML 标签 <{tag}>。正文只允许不带属性的 <br>、<sup>、<sub>、<kbd>。",
         "请改用 Markdown 写法：加粗用 **文字**，列表用 - ，表格用 | 。"),
    Rule("html/script", E, "正文中有脚本", "这里有 <script> 脚本，它会在网站读者的浏览器中运行。", "删除整段 <script>…</script>。"),
    Rule("html/iframe", E, "正文中嵌入了外部页面", "这里用 <{tag}> 嵌入了其他页面或对象。",
         "网站不能加载外部内容；请删除它，需要时写一个普通链接。"),
    Rule("html/event-handler", E, "HTML 事件属性", "这里有事件属性 {attr}，它会在网站读者的浏览器中运行脚本。", "删除这个属性（以及整个 HTML 标签）。"),
    Rule("html/comment", E, "HTML 注释", "这里有 HTML 注释 <!-- -->：审阅者在预览中看不见它的内容，但它会进入发布的文件。",
         "删除注释；需要说明的内容请直接写进正文，或写在合并请求的讨论里。"),
    Rule("html/attr-list", E, "属性列表写法", "这里有 {{: …}} 或 {{#…}} 形式的属性列表，它会给网页元素加上属性。",
         "删除花括号里的内容；标题编号和样式由工具统一生成。"),
    Rule("html/unsafe-link", E, "不安全的链接", "这个链接使用了不安全的协议（{scheme}），点击后可能运行脚本或打开本地文件。",
         "链接只用 https://、http://、mailto: 或指向其他程序的相对路径。"),
    Rule("html/image", E, "正文中有图片", "这里插入了图片。本版本不发布图片：照片可能拍到面孔、门牌或病历，图片文件还可能带有拍摄时间和 GPS 位置（EXIF）。",
         "请改用文字描述；需要示意图时请联系编辑组。"),
    Rule("html/image-consent", E, "图片缺少肖像同意", "案例中插入了图片，但 consent.scope 里没有「照片」。",
         "只有取得照片使用同意（consent.scope 中包含「照片」）后，案例才可以考虑使用图片。"),
)

_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?|<[!?]")
_EVENT = re.compile(r"(?<![A-Za-z0-9-])(on[a-z]+)\s*=", re.I)
_URL_ATTR = re.compile(r"(?:href|src|action|formaction|xlink:href|data|poster|background)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_ATTR_LIST = re.compile(r"\{:[^}\n]*\}|\{\s*[#.][A-Za-z][^}\n]*\}|\{[^}\n]*\bon[a-z]+\s*=[^}\n]*\}", re.I)
_LINK_DEST = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]*)|^ {0,3}\[[^\]\n]+\]:\s*(\S+)|<([A-Za-z][A-Za-z0-9+.\-\s&#;]*:[^>\n]*)>", re.M)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")


def unsafe_scheme(target: str) -> str | None:
    """The dangerous scheme a link target resolves to, seeing through entities, whitespace and case."""
    t = target.strip("<>\"'")
    for _ in range(3):
        t = html.unescape(t)
    t = re.sub(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2060\ufeff]", "", t).lower()
    for candidate in (t, unquote(t)):
        for scheme in UNSAFE_SCHEMES:
            if candidate.startswith(scheme):
                return scheme
    return None


def _tags(source: Source, fragment: str, line: int, col: int) -> Iterator[Finding]:
    for m in _TAG.finditer(fragment):
        before = fragment[:m.start()]
        row = line + before.count("\n")
        column = col + m.start() if "\n" not in before else m.start() - before.rfind("\n")
        name, attrs = (m.group(2) or "").lower(), m.group(3) or ""
        if m.group() == "<!--":
            yield make("html/comment", source.path, row, column)
        elif not name:
            yield make("html/raw", source.path, row, column, tag=m.group()[1:] or "!")
        elif m.group(1):
            continue  # a closing tag belongs to the finding on its opening tag
        elif name == "script":
            yield make("html/script", source.path, row, column)
        elif name in FRAMES:
            yield make("html/iframe", source.path, row, column, tag=name)
        else:
            events = _EVENT.findall(attrs)
            for attr in events:
                yield make("html/event-handler", source.path, row, column, attr=attr.lower())
            for u in _URL_ATTR.finditer(attrs):
                scheme = unsafe_scheme(u.group(1))
                if scheme:
                    yield make("html/unsafe-link", source.path, row, column, scheme=scheme)
            if not events and (name not in ALLOWED_TAGS or attrs.strip(" /")):
                yield make("html/raw", source.path, row, column, tag=name)


def check(source: Source, outline: Outline, context: Context) -> Iterator[Finding]:
    if not source.body:
        return
    for fragment, line, col in outline.html:
        yield from _tags(source, fragment, line, col)
    text = without_code(source.body)
    for m in _ATTR_LIST.finditer(text):
        yield make("html/attr-list", source.path, *position(text, source.body_line, m.start()))
    for m in _LINK_DEST.finditer(text):
        group = next(g for g in (m.group(1), m.group(2), m.group(3)) if g is not None)
        scheme = unsafe_scheme(group)
        if scheme:
            start = m.start(1) if m.group(1) is not None else m.start(2) if m.group(2) is not None else m.start(3)
            yield make("html/unsafe-link", source.path, *position(text, source.body_line, start), scheme=scheme)
    scope = (source.data.get("consent") or {}).get("scope") if isinstance(source.data.get("consent"), dict) else None
    for m in _IMAGE.finditer(text):
        line, col = position(text, source.body_line, m.start())
        yield make("html/image", source.path, line, col)
        if source.kind == "case" and not (isinstance(scope, list) and "照片" in scope):
            yield make("html/image-consent", source.path, line, col)
