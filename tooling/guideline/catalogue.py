"""Every finding code, with its severity and the Chinese texts contributors read.

This is the one place for user-facing check messages; `guideline rules` and the
contributors' rule reference page are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    message: str
    """Template filled with the finding's parameters (str.format)."""
    hint: str = ""


PRIVACY_CATEGORIES: dict[str, tuple[Severity, str]] = {
    "privacy/id-number": (E, "身份证号"),
    "privacy/id-number-suspect": (W, "疑似身份证号（校验位不符）"),
    "privacy/record-number": (E, "证件或病历等编号"),
    "privacy/mobile": (E, "手机号"),
    "privacy/landline": (E, "固定电话"),
    "privacy/bank-card": (E, "银行卡号"),
    "privacy/email": (E, "电子邮箱"),
    "privacy/qq": (E, "QQ 号"),
    "privacy/wechat": (E, "微信号"),
    "privacy/licence-plate": (E, "车牌号"),
    "privacy/long-number": (W, "一长串数字（可能是证件号、病历号或账号）"),
    "privacy/address": (W, "详细地址"),
    "privacy/name": (W, "疑似真实姓名"),
    "privacy/exact-date": (W, "具体日期"),
}
_PRIVACY_FIX = "请删除或改写（例如写成「138****5678」「某小区」「张某」）；确属可以公开的信息（如机构的公开电话），请编辑组审核后登记在 privacy-allowlist.yaml。"
_PRIVACY_HINTS = {
    "privacy/name": "案例中的人物一律用化名，并在第一次出现时标注「（化名）」，例如「张某」「王大爷（化名）」。",
    "privacy/address": "地点只写到区（县）一级，例如「某区一个老旧小区」；不要写楼号、单元、门牌或具体小区名。",
    "privacy/exact-date": "时间只写到年或月，例如「2025 年 3 月」「入冬后」；不要写具体某一天。",
}
_AUTOFIX = "运行 `guideline validate --fix` 可以自动修正。"

_RULES = [
    # --- files and encoding -------------------------------------------------
    Rule("encoding/not-utf8", E, "文件不是 UTF-8 编码",
         "文件不是 UTF-8 编码（看起来是 {guess}），从第 {at} 行起无法读取。",
         "请用 UTF-8 重新保存：在记事本中选择「另存为」→ 编码选「UTF-8」；在 VS Code 中点右下角的编码 →「通过编码保存」→「UTF-8」。"),
    Rule("encoding/control-char", E, "不可见或双向控制字符",
         "这里有一个看不见的控制字符 {char}（{name}），它可能让审阅者看到的内容与实际内容不同。",
         "请删除该字符；它常来自从网页或聊天软件复制的文字。"),
    Rule("file/unrecognised", E, "无法识别的文件",
         "这个文件不在任何约定的位置，不会出现在指引或案例集中：{reason}",
         "案例放在 cases/<机构编号>/<案例编号>.md，实务经验放在 guideline/notes/<机构编号>/<程序编号>.md；详见 CONTRIBUTING.md。"),
    Rule("file/unreadable", E, "无法读取文件", "无法读取这个文件：{reason}", "请确认文件存在且有读取权限。"),
    Rule("internal/error", E, "工具内部错误",
         "检查这个文件时工具出错（{error}），其余文件的检查照常进行。",
         "这不是你的错误。请把这条信息告诉维护者（在仓库中新建「报告问题」）。"),
    # --- front matter and YAML ---------------------------------------------
    Rule("frontmatter/missing", E, "缺少文件头信息",
         "文件开头缺少用 --- 包围的文件头信息（front matter）。",
         "第 1 行写 ---，接着写字段，再用一行 --- 结束；可以用 `guideline new` 生成模板。"),
    Rule("frontmatter/unterminated", E, "文件头信息没有结束",
         "文件头信息从第 1 行的 --- 开始，但找不到结束的 --- 行。",
         "在最后一个字段之后单独写一行 ---，再开始正文。"),
    Rule("frontmatter/too-large", E, "文件头信息过长",
         "文件头信息有 {size} 字节，超过上限 {limit} 字节。",
         "文件头只放简短的字段，长文字请写进正文。"),
    Rule("frontmatter/not-mapping", E, "文件头信息不是「字段: 值」的形式",
         "文件头信息应当是「字段: 值」的列表，这里却是{kind}。",
         "每行写一个字段，例如 `title: 入户前风险评估`。"),
    Rule("yaml/syntax", E, "YAML 格式错误", "YAML 格式错误：{problem}。",
         "常见原因：冒号后缺少空格、缩进不一致（请用 2 个空格，不要用 Tab）、引号没有配对。"),
    Rule("yaml/duplicate-key", E, "字段重复",
         "字段「{key}」写了两次：第 {first} 行和第 {second} 行。只会保留一个，另一个的内容会丢失。",
         "删除其中一个，或把两处内容合并；合并两个分支后常出现这种情况。"),
    Rule("yaml/anchor", E, "不支持 YAML 锚点", "这里使用了 YAML 锚点（&{name}）。",
         "请直接写出完整的值，不要用 & 和 * 引用。"),
    Rule("yaml/alias", E, "不支持 YAML 别名", "这里使用了 YAML 别名（*{name}）。",
         "请直接写出完整的值，不要用 & 和 * 引用。"),
    Rule("yaml/merge-key", E, "不支持 YAML 合并键", "这里使用了合并键 <<。", "请逐个写出字段。"),
    Rule("yaml/tag", E, "不支持 YAML 标签", "这里使用了 YAML 标签 {tag}。",
         "删除以 ! 开头的标签；需要文字时请用引号括起来。"),
    Rule("yaml/directive", E, "不支持 YAML 指令", "这里使用了 YAML 指令（以 % 开头的行）。",
         "删除以 % 开头的行。"),
    Rule("yaml/too-deep", E, "嵌套层级过深", "这里的嵌套超过 {limit} 层。",
         "文件头字段最多嵌套几层；请对照模板检查缩进。"),
    Rule("yaml/multiple-documents", E, "一个文件里有多段 YAML", "这个文件包含多段 YAML 文档。",
         "删除多余的 --- 分隔行。"),
    # --- schema --------------------------------------------------------------
    Rule("schema/required", E, "缺少必填字段", "缺少必填字段「{key}」（{title}）。",
         "请补上「{key}」；各字段的说明见 schemas/ 或 CONTRIBUTING.md。"),
    Rule("schema/additional-property", E, "未知字段", "「{key}」不是这里允许的字段。",
         "检查字段名是否拼错；允许的字段有：{allowed}。"),
    Rule("schema/type", E, "值的类型不对", "「{field}」应当是{expected}。", "{extra}"),
    Rule("schema/enum", E, "值不在可选范围内", "「{field}」的值不在可选范围内。",
         "可选的值有：{allowed}。"),
    Rule("schema/pattern", E, "值的格式不对", "「{field}」的格式不对：{detail}", "{extra}"),
    Rule("schema/format", E, "日期格式不对", "「{field}」不是有效的日期。",
         "日期写成 年-月-日，例如 2026-10-15。"),
    Rule("schema/length", E, "数量或长度不符合要求", "「{field}」{detail}", ""),
    Rule("schema/invalid", E, "不符合格式要求", "「{field}」不符合要求：{detail}", ""),
    # --- ids and references ----------------------------------------------------
    Rule("id/file-name-mismatch", E, "编号与文件名不一致",
         "编号「{id}」与文件名「{name}」不一致。", "把文件改名为 {id}.md，或把 id 改成 {name}。"),
    Rule("id/duplicate", E, "编号重复", "编号「{id}」已被 {other} 使用。",
         "编号在整个仓库中必须唯一，请换一个编号（同时修改文件名）。"),
    Rule("ref/unknown-procedure", E, "引用了不存在的程序", "引用的程序「{id}」不存在。",
         "检查拼写；现有程序编号见网站「程序索引」或 guideline/ 下的文件名。"),
    Rule("ref/unknown-org", E, "引用了未登记的机构", "机构「{id}」没有在 organisations.yaml 中登记。",
         "先在 organisations.yaml 登记机构（可用 `guideline new org`），或检查拼写。"),
    Rule("ref/org-folder-mismatch", E, "机构与所在文件夹不一致",
         "这里写的机构是「{org}」，但文件放在「{folder}」文件夹里。",
         "把文件移到 {org} 对应的文件夹，或把 org 改成 {folder}。"),
    Rule("ref/unknown-theme", E, "主题不在词表中", "主题「{value}」不在 guideline.yaml 的主题词表中。",
         "可用的主题有：{allowed}。需要新主题请先联系编辑组。"),
    Rule("ref/unknown-risk-level", E, "风险等级不在词表中", "风险等级「{value}」不在词表中。",
         "可用的风险等级有：{allowed}。"),
    Rule("ref/unknown-status", E, "状态不在词表中", "状态「{value}」不在词表中。", "可用的状态有：{allowed}。"),
    Rule("ref/self-reference", W, "引用了自己", "相关程序里写了自己（{id}）。", "删除这一项。"),
    Rule("ref/unknown-chapter", E, "章节不存在", "章节顺序中的「{id}」找不到对应的文件夹或 index.md。",
         "检查 guideline/guideline.yaml 的 chapters 与 guideline/ 下的文件夹名。"),
    Rule("ref/unlisted-chapter", E, "章节没有列入顺序", "文件夹「{folder}」没有列在 guideline.yaml 的 chapters 中，不会出现在指引里。",
         "在 guideline/guideline.yaml 的 chapters 中加入「{folder}」。"),
    Rule("ref/unlisted-procedure", E, "程序没有列入章节", "程序「{id}」没有列在本章 index.md 的 procedures 中，不会出现在指引里。",
         "在 {index} 的 procedures 中加入「{id}」。"),
    Rule("ref/unknown-term", E, "引用了不存在的术语", "术语「{id}」不在术语表中。", "检查 see_also 的拼写。"),
    Rule("ref/duplicate-note", E, "同一机构对同一程序有两篇实务经验",
         "机构「{org}」对程序「{procedure}」已有实务经验 {other}。", "请合并为一篇。"),
    Rule("ref/note-path-mismatch", E, "实务经验的位置与内容不一致",
         "文件放在 {expected}，但文件头写的是「{actual}」。",
         "实务经验的路径是 guideline/notes/<机构编号>/<程序编号>.md，请让路径与 org、procedure 一致。"),
    # --- body structure and links ---------------------------------------------
    Rule("structure/missing-section", E, "缺少必需的小节", "正文缺少必需的小节「## {section}」。",
         "按顺序写出这些小节：{expected}。"),
    Rule("structure/section-order", E, "小节顺序不对", "小节「## {section}」应当在「## {after}」之后。",
         "按顺序排列：{expected}。"),
    Rule("structure/unknown-section", W, "不认识的小节", "「## {section}」不是约定的小节名。",
         "可用的二级标题有：{expected}；更细的内容请用 ### 三级标题。"),
    Rule("structure/duplicate-section", E, "小节重复", "小节「## {section}」出现了两次（另一处在第 {first} 行）。",
         "把两处内容合并到一个小节。"),
    Rule("structure/h1-in-body", W, "正文里有一级标题", "正文不需要一级标题（# ），标题来自文件头的 title。",
         "删除这一行，或改成 ## 二级标题。"),
    Rule("link/broken", E, "链接指向不存在的文件", "链接「{target}」指向的文件不存在。",
         "链接其他程序请写相对路径，例如 ../02-preparation/pre-visit-risk-assessment.md。"),
    Rule("link/empty", E, "链接没有目标", "链接「{text}」的括号里没有地址。",
         "在 ( ) 里写上地址，例如 [相关表格](../02-preparation/pre-visit-risk-assessment.md)；不需要链接时去掉方括号。"),
    Rule("link/anchor", E, "链接指向本文中不存在的标题", "链接「#{anchor}」在本文中找不到对应的标题。",
         "「#」后面写本文某个标题的文字（英文小写，空格换成 -，标点省去），例如 [见操作步骤](#操作步骤)；标题改过名时请一并修改链接。"),
    Rule("link/scheme", E, "链接的地址类型不受支持", "链接「{target}」不是网址、邮箱或仓库里的文件，网站和手册都不会保留它。",
         "链接只用 https://、http://、mailto: 开头的地址，或指向其他程序的相对路径，例如 ../02-preparation/pre-visit-risk-assessment.md。"),
    Rule("link/not-content", E, "链接指向的不是指引内容", "链接「{target}」指向的文件不会出现在网站和手册中。",
         "只链接程序、章节或案例的 .md 文件。"),
    # --- privacy (checks/privacy.py) -------------------------------------------
    *[Rule(code, sev, label, f"这里有{label}：{{masked}}。", _PRIVACY_HINTS.get(code, _PRIVACY_FIX))
      for code, (sev, label) in PRIVACY_CATEGORIES.items()],
    Rule("privacy/missing-consent", E, "已通过的案例缺少知情同意记录",
         "案例状态是 approved，但没有填写 consent（知情同意）。",
         "写明 consent：given_by（谁同意）、method（方式）、scope（范围）、recorded_in（记录保存位置）；不要附上同意书本身。"),
    Rule("privacy/missing-deidentified", E, "已通过的案例缺少去标识化审核",
         "案例状态是 approved，但没有填写 deidentified（去标识化审核）。",
         "由编辑组审核去标识化后填写 deidentified：reviewer（审核人）和 date（日期）。"),
    # --- html (checks/html.py) -----------------------------------------------
    Rule("html/raw", E, "不允许的 HTML", "这里有 HTML 标签 <{tag}>。正文只允许不带属性的 <br>、<sup>、<sub>、<kbd>。",
         "请改用 Markdown 写法：加粗用 **文字**，列表用 - ，表格用 | 。"),
    Rule("html/script", E, "正文中有脚本", "这里有 <script> 脚本，它会在网站读者的浏览器中运行。", "删除整段 <script>…</script>。"),
    Rule("html/iframe", E, "正文中嵌入了外部页面", "这里用 <{tag}> 嵌入了其他页面或对象。",
         "网站不能加载外部内容；请删除它，需要时写一个普通链接。"),
    Rule("html/event-handler", E, "HTML 事件属性", "这里有事件属性 {attr}，它会在网站读者的浏览器中运行脚本。", "删除这个属性（以及整个 HTML 标签）。"),
    Rule("html/comment", E, "HTML 注释", "这里有 HTML 注释 <!-- -->：审阅者在预览中看不见它的内容，但它会进入发布的文件。",
         "删除注释；需要说明的内容请直接写进正文，或写在合并请求的讨论里。"),
    Rule("html/attr-list", E, "属性列表写法", "这里有 {{: …}}、{{#…}}、{{.…}} 或 {{=…}} 形式的属性列表（可能跨行），它会给网页或手册的元素加上属性。",
         "删除花括号里的内容；标题编号和样式由工具统一生成。"),
    Rule("html/raw-format", E, "原始格式代码块", "这里的代码块写成了 {info}：它会让某种输出格式（网页、Word、PDF 排版）把内容当作指令执行。",
         "把 ``` 后面的 {{…}} 删去，或改成普通的语言名（例如 ```text）。"),
    Rule("html/unsafe-link", E, "不安全的链接", "这个链接使用了不安全的协议（{scheme}），点击后可能运行脚本或打开本地文件。",
         "链接只用 https://、http://、mailto: 或指向其他程序的相对路径。"),
    Rule("html/image", E, "正文中有图片", "这里插入了图片（包括 ![说明][标记] 这种引用写法）。本版本不发布图片：照片可能拍到面孔、门牌或病历，图片文件还可能带有拍摄时间和 GPS 位置（EXIF）。",
         "请改用文字描述；需要示意图时请联系编辑组。"),
    Rule("html/image-consent", E, "图片缺少肖像同意", "案例中插入了图片，但 consent.scope 里没有「照片」。",
         "只有取得照片使用同意（consent.scope 中包含「照片」）后，案例才可以考虑使用图片。"),
    # --- terms, typography, placeholders ---------------------------------------
    Rule("term/deprecated", W, "不推荐的用语",
         "「{term}」不推荐使用（{reason}），请改用「{preferred}」。", "{fix}"),
    Rule("typography/spacing", W, "中文与英文、数字之间的空格",
         "中文与英文字母或数字之间应有一个空格（或多了不该有的空格）。", _AUTOFIX),
    Rule("typography/punctuation", W, "中文里的标点",
         "中文句子里应使用全角标点（，。：；！？），标点前后不留空格。", _AUTOFIX),
    Rule("typography/emphasis-hazard", W, "加粗或斜体不会生效",
         "这里的 {marker} 紧挨着全角标点「{punct}」，GitHub、网站和手册都会把 {marker} 原样显示出来，而不是加粗或斜体。",
         "把标点移到 {marker} 外面，例如把 **注意：**先敲门 写成 **注意**：先敲门。" + _AUTOFIX),
    Rule("font/missing-glyph", E, "手册字体里没有这个字符",
         "字符「{char}」（U+{codepoint}）在手册所用字体中没有，印出来会是空白方块，手册也无法生成。",
         "请改用常用字或用文字说明（例如生僻字写成拆字说明），或删去表情、私用区等特殊字符。"),
    Rule("placeholder/unfilled", E, "模板占位文字没有替换",
         "{where}还是模板占位文字「待填写」。",
         "把「待填写」换成实际内容（文件中的注释说明了怎么写）；确实不需要的可选内容可以整段删除。"),
    # --- importing issue forms and Word files (importers/) ----------------------
    Rule("import/missing-field", E, "表单缺少必填内容",
         "表单中「{label}」没有填写。",
         "请编辑 issue，补上「{label}」，然后请编辑组重新添加「导入」标签。"),
    Rule("import/invalid-field", E, "表单内容的格式不对",
         "表单中「{label}」的值「{value}」{problem}",
         "请编辑 issue，改正「{label}」，然后请编辑组重新添加「导入」标签。"),
    Rule("import/unknown-form", E, "无法识别的表单",
         "这不是「提交案例」或「提交实务经验」表单生成的内容（找不到「{expected}」等栏目）。",
         "请用仓库「Issues → New issue」中的「提交案例」或「提交实务经验」表单重新提交。"),
    Rule("import/exists", E, "文件已经存在",
         "{target} 已经存在，导入不会覆盖已有内容。",
         "请换一个编号；如果是修改已有内容，请直接编辑那个文件。"),
    Rule("import/image-removed", W, "图片没有导入",
         "Word 文件中有 {count} 张图片，没有导入。",
         "案例不随附图片：照片可能拍到面孔、门牌或病历，还可能带有拍摄时间和位置。文件中相应位置留了「待填写」，请改用文字描述或删除。"),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def make(code: str, path: str, line: int, column: int = 1, **params: object) -> Finding:
    """Build a finding from its catalogue entry; parameters fill the Chinese texts."""
    rule = RULES[code]
    return Finding(
        path=path, line=max(1, line), column=max(1, column), code=code, severity=rule.severity,
        message=rule.message.format(**params), hint=rule.hint.format(**params),
    )
