"""Every finding code, with its severity and the Chinese texts contributors read.

This is the one place for user-facing check messages; `guideline rules` and the
contributors' rule reference page are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """How to fix this finding: a template like `message`, shown beside it."""
    description: str = field(kw_only=True)
    """What the rule means and how to fix it, for the rule reference (docs/rules.md): plain text, no placeholders."""


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
         "请用 UTF-8 重新保存：在记事本中选择「另存为」→ 编码选「UTF-8」；在 VS Code 中点右下角的编码 →「通过编码保存」→「UTF-8」。",
         description="工具只能读取 UTF-8 编码的文本；用其他编码（如 GBK）保存的文件，中文会变成乱码。请用 UTF-8 重新保存：在记事本中「另存为」并把编码选为「UTF-8」，在 VS Code 中点右下角的编码，选「通过编码保存」→「UTF-8」。"),
    Rule("encoding/control-char", E, "不可见或双向控制字符",
         "这里有一个看不见的控制字符 {char}（{name}），它可能让审阅者看到的内容与实际内容不同。",
         "请删除该字符；它常来自从网页或聊天软件复制的文字。",
         description="文字里夹着看不见的控制字符（例如改变文字方向的字符），审阅者看到的内容可能与实际发布的不同。它们常来自从网页或聊天软件复制的文字；请删除该字符，必要时把这一句重新输入一遍。"),
    Rule("file/unrecognised", E, "无法识别的文件",
         "这个文件不在任何约定的位置，不会出现在指引或案例集中：{reason}",
         "案例放在 cases/<机构编号>/<案例编号>.md，实务经验放在 guideline/notes/<机构编号>/<程序编号>.md；详见 CONTRIBUTING.md。",
         description="文件放在了工具不认识的位置，不会出现在指引或案例集中。案例放在 cases/<机构编号>/<案例编号>.md，实务经验放在 guideline/notes/<机构编号>/<程序编号>.md；请把文件移到约定的位置，详见 CONTRIBUTING.md。"),
    Rule("file/conflict-marker", E, "合并冲突没有解决",
         "这一行是 git 合并冲突留下的标记「{marker}」：冲突没有解决，文件里同时留着两个版本的内容。",
         "在 <<<<<<< 与 ======= 之间（一个版本）和 ======= 与 >>>>>>> 之间（另一个版本）选定应保留的内容，删掉另一个版本和这几行标记；在 GitHub 网页上可以用合并请求的「Resolve conflicts」。",
         description="两个分支改了同一处，git 合并时无法自动决定，就在文件里写下 <<<<<<<、=======、>>>>>>> 三行标记，两个版本的内容都留在中间。这样的文件不能读取，也不能发布。请选定应保留的内容，删掉另一个版本和全部标记行；在 GitHub 网页上可以用合并请求的「Resolve conflicts」。单独一行 ======= 在 Markdown 中也可以是标题下划线，只有出现在 <<<<<<< 与 >>>>>>> 之间时才算冲突标记。"),
    Rule("file/unreadable", E, "无法读取文件", "无法读取这个文件：{reason}", "请确认文件存在且有读取权限。",
         description="工具无法打开这个文件，通常是文件已被删除、改名，或没有读取权限。请确认文件存在且可以打开。"),
    Rule("internal/error", E, "工具内部错误",
         "检查这个文件时工具出错（{error}），其余文件的检查照常进行。",
         "这不是你的错误。请把这条信息告诉维护者（在仓库中新建「报告问题」）。",
         description="检查某个文件时工具本身出了错，这不是你的错误；其余文件的检查照常进行。请把这条信息告诉维护者（在仓库中新建「报告问题」）。"),
    # --- front matter and YAML ---------------------------------------------
    Rule("frontmatter/missing", E, "缺少文件头信息",
         "文件开头缺少用 --- 包围的文件头信息（front matter）。",
         "第 1 行写 ---，接着写字段，再用一行 --- 结束；可以用 `guideline new` 生成模板。",
         description="每个内容文件都以用 --- 包围的文件头信息（front matter）开始，里面写标题、编号等字段。请在第 1 行写 ---，接着写字段，再用一行 --- 结束；可以用 `guideline new` 生成带说明的模板。"),
    Rule("frontmatter/unterminated", E, "文件头信息没有结束",
         "文件头信息从第 1 行的 --- 开始，但找不到结束的 --- 行。",
         "在最后一个字段之后单独写一行 ---，再开始正文。",
         description="文件头信息以第 1 行的 --- 开始，却没有结束的 --- 行，工具无法分清哪里是字段、哪里是正文。请在最后一个字段之后单独写一行 ---，再开始正文。"),
    Rule("frontmatter/too-large", E, "文件头信息过长",
         "文件头信息有 {size} 字节，超过上限 {limit} 字节。",
         "文件头只放简短的字段，长文字请写进正文。",
         description="文件头信息超过了长度上限。文件头只放简短的字段，长段文字请写进正文。"),
    Rule("frontmatter/not-mapping", E, "文件头信息不是「字段: 值」的形式",
         "文件头信息应当是「字段: 值」的列表，这里却是{kind}。",
         "每行写一个字段，例如 `title: 入户前风险评估`。",
         description="文件头信息应当是「字段: 值」的列表，这里却是一段文字或一个列表。请每行写一个字段，例如 `title: 入户前风险评估`。"),
    Rule("yaml/syntax", E, "YAML 格式错误", "YAML 格式错误：{problem}。",
         "常见原因：冒号后缺少空格、缩进不一致（请用 2 个空格，不要用 Tab）、引号没有配对。",
         description="文件头（或 .yaml 文件）不符合 YAML 格式，工具无法读取。常见原因：冒号后缺少空格、缩进不一致（请用 2 个空格，不要用 Tab）、引号没有配对。"),
    Rule("yaml/duplicate-key", E, "字段重复",
         "字段「{key}」写了两次：第 {first} 行和第 {second} 行。只会保留一个，另一个的内容会丢失。",
         "删除其中一个，或把两处内容合并；合并两个分支后常出现这种情况。",
         description="同一个字段写了两次，只会保留其中一个，另一个的内容会丢失；合并两个分支后常出现这种情况。请删除其中一个，或把两处内容合并。"),
    Rule("yaml/anchor", E, "不支持 YAML 锚点", "这里使用了 YAML 锚点（&{name}）。",
         "请直接写出完整的值，不要用 & 和 * 引用。",
         description="YAML 锚点（以 & 开头）让一处内容引用另一处，审阅时不容易看出实际的值，因此不允许使用。请直接写出完整的值。"),
    Rule("yaml/alias", E, "不支持 YAML 别名", "这里使用了 YAML 别名（*{name}）。",
         "请直接写出完整的值，不要用 & 和 * 引用。",
         description="YAML 别名（以 * 开头）引用别处定义的内容，审阅时不容易看出实际的值，因此不允许使用。请直接写出完整的值。"),
    Rule("yaml/merge-key", E, "不支持 YAML 合并键", "这里使用了合并键 <<。", "请逐个写出字段。",
         description="YAML 合并键（<<）把别处的字段并入这里，审阅时看不出实际有哪些字段，因此不允许使用。请逐个写出字段。"),
    Rule("yaml/tag", E, "不支持 YAML 标签", "这里使用了 YAML 标签 {tag}。",
         "删除以 ! 开头的标签；需要文字时请用引号括起来。",
         description="YAML 标签（以 ! 开头）会改变值的类型，不允许使用。请删除标签；需要文字时用引号括起来。"),
    Rule("yaml/directive", E, "不支持 YAML 指令", "这里使用了 YAML 指令（以 % 开头的行）。",
         "删除以 % 开头的行。",
         description="以 % 开头的 YAML 指令在这里没有用处，不允许使用。请删除这一行。"),
    Rule("yaml/too-deep", E, "嵌套层级过深", "这里的嵌套超过 {limit} 层。",
         "文件头字段最多嵌套几层；请对照模板检查缩进。",
         description="字段嵌套的层级超过了上限，通常是缩进写错了。请对照模板检查缩进。"),
    Rule("yaml/multiple-documents", E, "一个文件里有多段 YAML", "这个文件包含多段 YAML 文档。",
         "删除多余的 --- 分隔行。",
         description="一个文件里只能有一段 YAML，多出来的 --- 分隔行会让工具读到多段内容。请删除多余的 --- 行。"),
    # --- schema --------------------------------------------------------------
    Rule("schema/required", E, "缺少必填字段", "缺少必填字段「{key}」（{title}）。",
         "请补上「{key}」；各字段的说明见 schemas/ 或 CONTRIBUTING.md。",
         description="这类文件必须填写某个字段，而文件里没有。请补上这个字段；各字段的含义见 schemas/ 下的说明或 CONTRIBUTING.md，也可以对照 `guideline new` 生成的模板。"),
    Rule("schema/additional-property", E, "未知字段", "「{key}」不是这里允许的字段。",
         "检查字段名是否拼错；允许的字段有：{allowed}。",
         description="文件头里有一个这类文件不认识的字段，常见原因是字段名拼错。请检查拼写；检查结果会列出允许的字段。"),
    Rule("schema/type", E, "值的类型不对", "「{field}」应当是{expected}。", "{quote}",
         description="字段的值类型不对，例如应当是列表却写成了一行文字。请按检查结果的提示改写；如果值是文字，用引号括起来通常就能解决。"),
    Rule("schema/enum", E, "值不在可选范围内", "「{field}」的值不在可选范围内。",
         "可选的值有：{allowed}。",
         description="字段只能取几个固定的值之一，这里写了别的值。请从检查结果列出的可选值中选一个。"),
    Rule("schema/pattern", E, "值的格式不对", "「{field}」的格式不对：「{value}」不符合要求。", "{explanation}",
         description="字段的写法不符合约定，例如编号只能用小写英文字母、数字和短横线。请按检查结果给出的格式改写。"),
    Rule("schema/format", E, "日期格式不对", "「{field}」不是有效的日期。",
         "日期写成 年-月-日，例如 2026-10-15。",
         description="日期无法识别。日期写成 年-月-日，例如 2026-10-15。"),
    Rule("schema/length", E, "数量或长度不符合要求", "「{field}」{detail}", "",
         description="列表的项数或文字的长度不符合要求，例如必填的列表是空的，或文字太长。请按检查结果的提示补充或删减。"),
    Rule("schema/invalid", E, "不符合格式要求", "「{field}」不符合要求：{detail}", "",
         description="字段的值不符合要求，检查结果会说明应当怎样写。请对照说明或模板改写。"),
    # --- ids and references ----------------------------------------------------
    Rule("id/file-name-mismatch", E, "编号与文件名不一致",
         "编号「{id}」与文件名「{name}」不一致。", "把文件改名为 {id}.md，或把 id 改成 {name}。",
         description="程序和案例的编号必须与文件名一致（文件名是编号加 .md），否则链接和网址会出错。请把文件改名，或修改文件头里的 `id`，让两者相同。"),
    Rule("id/duplicate", E, "编号重复", "编号「{id}」已被 {other} 使用。",
         "编号在整个仓库中必须唯一，请换一个编号（同时修改文件名）。",
         description="编号在整个仓库中必须唯一，这个编号已经被另一个文件使用。请换一个编号，并同时修改文件名。"),
    Rule("review/outdated", W, "审阅后又有修改，暂不进入正式版",
         "「{title}」在编辑组审阅（{approved_on}）之后又被修改过，正式版暂时不包含它，直到编辑组重新审阅。",
         "编辑组核对改动（`guideline diff`）后运行 `guideline approve {item_path}`，并提交更新后的审阅记录。",
         description="正式版只收录编辑组审阅过的内容：审阅记录（reviews/ 下）保存了审阅时条目全文的指纹，之后条目再有任何改动，指纹就对不上，条目暂时离开正式版网站和手册（预览版仍然包含它）。请编辑组核对改动后运行 `guideline approve <文件>`，把更新后的审阅记录一起提交。"),
    Rule("review/orphan", W, "审阅记录没有对应的条目",
         "这条审阅记录对应的文件 {target} 不存在，或者不是程序、实务经验或案例。",
         "条目改名、移动或删除后，请删除这条记录；改名或移动的条目需要编辑组重新审阅（`guideline approve`）。",
         description="审阅记录的位置与它审阅的条目对应（reviews/cases/<机构>/<案例>.md.yaml 对应 cases/<机构>/<案例>.md）。条目改名、移动或删除后，旧记录就没有对应的条目了。请删除这条记录；改名或移动的条目需要编辑组重新审阅。"),
    Rule("ref/unknown-procedure", E, "引用了不存在的程序", "引用的程序「{id}」不存在。",
         "检查拼写；现有程序编号见网站「程序索引」或 guideline/ 下的文件名。",
         description="引用的程序编号不存在，常见原因是拼写错误，或程序已改名。请检查拼写；现有程序的编号见网站「程序索引」或 guideline/ 下的文件名。"),
    Rule("ref/unknown-org", E, "引用了未登记的机构", "机构「{id}」没有在 organisations/ 中登记。",
         "先在 organisations/ 中登记机构（可用 `guideline new org`），或检查拼写。",
         description="文件里写的机构没有在 organisations/ 中登记。请先登记机构（可以运行 `guideline new org`），或检查机构编号的拼写。"),
    Rule("ref/org-folder-mismatch", E, "机构与所在文件夹不一致",
         "这里写的机构是「{org}」，但文件放在「{folder}」文件夹里。",
         "把文件移到 {org} 对应的文件夹，或把 org 改成 {folder}。",
         description="案例和实务经验放在所属机构的文件夹里，文件头写的 `org` 必须与文件夹名一致。请把文件移到正确的文件夹，或改正 `org`。"),
    Rule("ref/unknown-theme", E, "主题不在词表中", "主题「{value}」不在 guideline.yaml 的主题词表中。",
         "可用的主题有：{allowed}。需要新主题请先联系编辑组。",
         description="主题必须来自 guideline/guideline.yaml 的主题词表。请从词表中选择；需要新主题请先联系编辑组。"),
    Rule("ref/unknown-risk-level", E, "风险等级不在词表中", "风险等级「{value}」不在词表中。",
         "可用的风险等级有：{allowed}。",
         description="风险等级必须来自 guideline/guideline.yaml 的词表。请从检查结果列出的等级中选择。"),
    Rule("ref/unknown-status", E, "状态不在词表中", "状态「{value}」不在词表中。", "可用的状态有：{allowed}。",
         description="状态必须来自 guideline/guideline.yaml 的词表。请从检查结果列出的状态中选择。"),
    Rule("ref/self-reference", W, "引用了自己", "相关程序里写了自己（{id}）。", "删除这一项。",
         description="程序的相关程序里列出了它自己，这没有意义。请删除这一项。"),
    Rule("ref/unknown-chapter", E, "章节不存在", "章节顺序中的「{id}」找不到对应的文件夹或 index.md。",
         "检查 guideline/guideline.yaml 的 chapters 与 guideline/ 下的文件夹名。",
         description="guideline/guideline.yaml 的章节顺序里列了一个找不到的章。请检查章节名与 guideline/ 下的文件夹名是否一致，并确认文件夹里有 `index.md`。"),
    Rule("ref/unlisted-chapter", E, "章节没有列入顺序", "文件夹「{folder}」没有列在 guideline.yaml 的 chapters 中，不会出现在指引里。",
         "在 guideline/guideline.yaml 的 chapters 中加入「{folder}」。",
         description="guideline/ 下有一个章节文件夹没有列入 guideline/guideline.yaml 的章节顺序，它不会出现在指引里。请把它加入章节顺序。"),
    Rule("ref/no-chapter", E, "程序所在的文件夹不是一章", "程序「{id}」所在的文件夹「{folder}」没有 index.md 或没有列入章节顺序，不会出现在指引里。",
         "把文件移到已有的章文件夹中，或为这一章补上 index.md 并把文件夹加入 guideline/guideline.yaml 的 chapters。",
         description="程序文件所在的文件夹不是指引的一章（没有 `index.md`，或没有列入 guideline/guideline.yaml 的章节顺序），它不会出现在网站和手册中。请把文件移到已有的章文件夹。"),
    Rule("ref/duplicate-order", W, "两个程序的顺序号相同", "本章的程序「{other}」也用了顺序号 {order}，两者按编号排列。",
         "给其中一个程序换一个没人用的 order（例如取两个相邻数字的中间值），顺序就确定了。",
         description="同一章里两个程序的 `order` 相同（常见于两家机构同时新增程序），两者暂按编号排列。请给其中一个换一个没人用的数字，例如取两个相邻数字的中间值。"),
    Rule("ref/unknown-term", E, "引用了不存在的术语", "术语「{id}」不在术语表中。", "检查 see_also 的拼写。",
         description="术语表里的「另见」引用了一个不存在的术语。请检查拼写。"),
    Rule("ref/duplicate-note", E, "同一机构对同一程序有两篇实务经验",
         "机构「{org}」对程序「{procedure}」已有实务经验 {other}。", "请合并为一篇。",
         description="每家机构对每个程序只写一篇实务经验，这里出现了第二篇。请把两篇合并为一篇。"),
    Rule("ref/note-path-mismatch", E, "实务经验的位置与内容不一致",
         "文件放在 {expected}，但文件头写的是「{actual}」。",
         "实务经验的路径是 guideline/notes/<机构编号>/<程序编号>.md，请让路径与 org、procedure 一致。",
         description="实务经验的路径是 guideline/notes/<机构编号>/<程序编号>.md，必须与文件头的 `org` 和 `procedure` 一致。请移动文件或改正文件头。"),
    # --- body structure and links ---------------------------------------------
    Rule("structure/missing-section", E, "缺少必需的小节", "正文缺少必需的小节「## {section}」。",
         "按顺序写出这些小节：{expected}。",
         description="这类文件的正文必须包含约定的几个小节（## 二级标题），这里缺少一个。请按检查结果列出的顺序补上缺少的小节。"),
    Rule("structure/section-order", E, "小节顺序不对", "小节「## {section}」应当在「## {after}」之后。",
         "按顺序排列：{expected}。",
         description="约定的小节顺序不对，读者会在错误的位置找内容。请按检查结果列出的顺序调整。"),
    Rule("structure/unknown-section", W, "不认识的小节", "「## {section}」不是约定的小节名。",
         "可用的二级标题有：{expected}；更细的内容请用 ### 三级标题。",
         description="这个二级标题不是约定的小节名，网站和手册无法把它放到正确位置。请改用约定的小节名；更细的内容请用 ### 三级标题。"),
    Rule("structure/duplicate-section", E, "小节重复", "小节「## {section}」出现了两次（另一处在第 {first} 行）。",
         "把两处内容合并到一个小节。",
         description="同一个小节出现了两次。请把两处内容合并到一个小节里。"),
    Rule("structure/h1-in-body", W, "正文里有一级标题", "正文不需要一级标题（# ），标题来自文件头的 title。",
         "删除这一行，或改成 ## 二级标题。",
         description="正文不需要一级标题（# 开头），页面标题来自文件头的 `title`。请删除这一行，或改成 ## 二级标题。"),
    Rule("link/broken", E, "链接指向不存在的文件", "链接「{target}」指向的文件不存在。",
         "链接其他程序请写相对路径，例如 ../02-preparation/pre-visit-risk-assessment.md。",
         description="链接指向的文件不存在，读者点开会找不到页面。链接其他程序请写相对路径，例如 ../02-preparation/pre-visit-risk-assessment.md。"),
    Rule("link/empty", E, "链接没有目标", "链接「{text}」的括号里没有地址。",
         "在 ( ) 里写上地址，例如 [相关表格](../02-preparation/pre-visit-risk-assessment.md)；不需要链接时去掉方括号。",
         description="链接的括号里没有地址，读者点开不会去任何地方。请写上地址；不需要链接时去掉方括号。"),
    Rule("link/anchor", E, "链接指向本文中不存在的标题", "链接「#{anchor}」在本文中找不到对应的标题。",
         "「#」后面写本文某个标题的文字（英文小写，空格换成 -，标点省去），例如 [见操作步骤](#操作步骤)；标题改过名时请一并修改链接。",
         description="以 # 开头的链接指向本文的某个标题；找不到这个标题时，网站上点了没有反应，手册里也无法跳转。请改成本文实际有的标题，例如 [见操作步骤](#操作步骤)。"),
    Rule("link/scheme", E, "链接的地址类型不受支持", "链接「{target}」不是网址、邮箱或仓库里的文件，网站和手册都不会保留它。",
         "链接只用 https://、http://、mailto: 开头的地址，或指向其他程序的相对路径，例如 ../02-preparation/pre-visit-risk-assessment.md。",
         description="网站和手册只保留网址（https://、http://）、邮箱（mailto:）和仓库内文件的链接，其他类型（例如 tel:、ftp:）会被去掉。请改成这几种链接，或直接写成文字。"),
    Rule("link/not-content", E, "链接指向的不是指引内容", "链接「{target}」指向的文件不会出现在网站和手册中。",
         "只链接程序、章节或案例的 .md 文件，或 guideline/resources/、guideline/forms/ 下的热线和表单。",
         description="链接指向的文件不会出现在网站和手册中，读者点开会找不到页面。只链接程序、章节或案例的 .md 文件，或 guideline/resources/、guideline/forms/ 下的热线和表单（.yaml）。"),
    # --- resources, forms and the pocket card (checks/resources.py, checks/links.py) ----
    Rule("ref/unknown-resource", E, "引用了不存在的热线或资源",
         "链接「{target}」引用的热线或资源「{id}」没有登记。",
         "检查编号拼写；现有的号码见 guideline/resources/，新号码请用 `guideline new resource` 登记并写明来源。",
         description="正文用链接引用热线或资源（例如 [12356](../resources/mental-health-hotline.yaml)），但 guideline/resources/ 下没有这个编号的文件。请检查拼写，或先登记这个号码并写明公开来源。"),
    Rule("ref/unknown-form", E, "引用了不存在的表单",
         "链接「{target}」引用的表单「{id}」不存在。",
         "检查编号拼写；现有的表单见 guideline/forms/，新表单可用 `guideline new form` 生成。",
         description="正文用链接引用表单（例如 [入户探访记录表](../forms/visit-record.yaml)），但 guideline/forms/ 下没有这个编号的文件。请检查拼写，或先建立这张表单。"),
    Rule("resource/stale", W, "号码超过 12 个月没有核实",
         "「{name}」上次核实是 {verified}，已超过 12 个月。",
         "请对照来源（或新的官方来源）重新核实号码，把 verified 改为核实当天的日期；号码已停用的请删除文件并修改引用它的程序。",
         description="热线和资源的号码会变化，印在随身卡上的错误号码比没有号码更危险。每个号码至少每 12 个月对照公开来源核实一次；核实后把 `verified`（核实日期）改为当天的日期。"),
    Rule("resource/verified-in-future", E, "核实日期晚于今天",
         "核实日期 {verified} 晚于今天（{today}）。", "写实际核实的日期。",
         description="核实日期不能晚于今天。请写实际对照来源核实号码的日期。"),
    Rule("form/forbidden-field", E, "表单要求填写不应收集的信息",
         "表单栏目「{label}」要求填写{name}：{reason}",
         "删除这个栏目，或改成不需要这项信息的写法（例如「服务对象编号」代替姓名和证件号）；依据见程序「{procedure}」。",
         description="表单只收集服务确实需要的信息。栏目名称命中了 guideline/forbidden-fields.yaml 中不得收集的信息（如身份证号、银行卡号、密码、详细门牌），请删除这个栏目或改写。"),
    Rule("form/field-type", E, "栏目类型与内容不符",
         "栏目「{label}」{problem}", "checkboxes 栏目要写 options（选项）；只有 text 栏目可以写 lines。",
         description="勾选框栏目（`checkboxes`）必须列出选项（`options`），只有填写栏目（`text`）可以指定行数（`lines`）。请按说明改写。"),
    Rule("ref/unknown-checklist-item", E, "随身卡引用的清单条目不在程序中",
         "程序「{procedure}」的核对清单里没有「{item}」。",
         "随身卡的条目须与程序 checklist 中的原句一字不差；程序改过清单后，请同步修改 guideline/pocket-card.yaml。",
         description="随身卡背面的规则引用程序核对清单中的原句，以免两处说法不一致。程序的清单改过后，请同步修改 guideline/pocket-card.yaml 中对应的条目。"),
    # --- privacy (checks/privacy.py) -------------------------------------------
    *[Rule(code, sev, label, f"这里有{label}：{{masked}}。", _PRIVACY_HINTS.get(code, _PRIVACY_FIX),
           description=f"文字里出现了{label}，公开发布会泄露服务对象或他人的个人信息。{_PRIVACY_HINTS.get(code, _PRIVACY_FIX)}")
      for code, (sev, label) in PRIVACY_CATEGORIES.items()],
    Rule("privacy/missing-consent", E, "已通过的案例缺少知情同意记录",
         "案例状态是 approved，但没有填写 consent（知情同意）。",
         "写明 consent：given_by（谁同意）、method（方式）、scope（范围）、recorded_in（记录保存位置）；不要附上同意书本身。",
         description="状态为已通过（approved）的案例必须记录服务对象的知情同意，否则不能发布。请写明 `consent`：given_by（谁同意）、method（方式）、scope（范围）、recorded_in（记录保存位置）；不要附上同意书本身。"),
    Rule("privacy/missing-deidentified", E, "已通过的案例缺少去标识化审核",
         "案例状态是 approved，但没有填写 deidentified（去标识化审核）。",
         "由编辑组审核去标识化后填写 deidentified：reviewer（审核人）和 date（日期）。",
         description="状态为已通过（approved）的案例必须经过编辑组的去标识化审核，否则不能发布。由编辑组审核后填写 `deidentified`：reviewer（审核人）和 date（日期）。"),
    # --- html (checks/html.py) -----------------------------------------------
    Rule("html/raw", E, "不允许的 HTML", "这里有 HTML 标签 <{tag}>。正文只允许不带属性的 <br>、<sup>、<sub>、<kbd>。",
         "请改用 Markdown 写法：加粗用 **文字**，列表用 - ，表格用 | 。",
         description="正文里只允许不带属性的 <br>、<sup>、<sub>、<kbd> 这几种 HTML 标签，其余标签可能改变网站的显示或带来安全问题。请改用 Markdown 写法：加粗用 **文字**，列表用 - ，表格用 |。"),
    Rule("html/script", E, "正文中有脚本", "这里有 <script> 脚本，它会在网站读者的浏览器中运行。", "删除整段 <script>…</script>。",
         description="正文里的脚本会在网站读者的浏览器中运行，绝不允许。请删除整段脚本。"),
    Rule("html/iframe", E, "正文中嵌入了外部页面", "这里用 <{tag}> 嵌入了其他页面或对象。",
         "网站不能加载外部内容；请删除它，需要时写一个普通链接。",
         description="正文里嵌入了其他网页或对象；网站不加载外部内容。请删除它，需要时写一个普通链接。"),
    Rule("html/event-handler", E, "HTML 事件属性", "这里有事件属性 {attr}，它会在网站读者的浏览器中运行脚本。", "删除这个属性（以及整个 HTML 标签）。",
         description="HTML 标签上的事件属性（例如 onclick）会在读者的浏览器中运行脚本，不允许使用。请删除这个属性以及整个 HTML 标签。"),
    Rule("html/comment", E, "HTML 注释", "这里有 HTML 注释 <!-- -->：审阅者在预览中看不见它的内容，但它会进入发布的文件。",
         "删除注释；需要说明的内容请直接写进正文，或写在合并请求的讨论里。",
         description="HTML 注释在预览中看不见，却会进入发布的文件，审阅者无法把关。请删除注释；需要说明的内容写进正文，或写在合并请求的讨论里。"),
    Rule("html/raw-format", E, "原始格式代码块", "这里的代码块写成了 {info}：它会让某种输出格式（网页、Word、PDF 排版）把内容当作指令执行。",
         "把 ``` 后面的 {{…}} 删去，或改成普通的语言名（例如 ```text）。",
         description="``` 后面写花括号和等号（例如 =html、=typst、=openxml）的原始格式代码块会被某种输出格式当作指令执行，可能运行脚本、改动整本手册或让 Word 联网取图。请删去 ``` 后面的花括号，或改成普通的语言名。"),
    Rule("html/attr-list", E, "属性列表写法", "这里有 {{: …}}、{{#…}}、{{.…}} 或 {{=…}} 形式的属性列表（可能跨行），它会给网页或手册的元素加上属性。",
         "删除花括号里的内容；标题编号和样式由工具统一生成。",
         description="用花括号写的属性列表会给网页元素加上属性，可能改变显示或带来安全问题。请删除花括号里的内容；标题编号和样式由工具统一生成。"),
    Rule("html/unsafe-link", E, "不安全的链接", "这个链接使用了不安全的协议（{scheme}），点击后可能运行脚本或打开本地文件。",
         "链接只用 https://、http://、mailto: 或指向其他程序的相对路径。",
         description="链接使用了不安全的协议（例如 javascript: 或 file:），点击后可能运行脚本或打开读者电脑上的文件。链接只用 https://、http://、mailto: 或指向其他程序的相对路径。"),
    Rule("html/image", E, "正文中有图片", "这里插入了图片（包括 ![说明][标记] 这种引用写法）。本版本不发布图片：照片可能拍到面孔、门牌或病历，图片文件还可能带有拍摄时间和 GPS 位置（EXIF）。",
         "请改用文字描述；需要示意图时请联系编辑组。",
         description="本版本不发布图片：照片可能拍到面孔、门牌或病历，图片文件还可能带有拍摄时间和位置。请改用文字描述；需要示意图时请联系编辑组。"),
    Rule("html/image-consent", E, "图片缺少肖像同意", "案例中插入了图片，但 consent.scope 里没有「照片」。",
         "只有取得照片使用同意（consent.scope 中包含「照片」）后，案例才可以考虑使用图片。",
         description="案例中插入了图片，但知情同意的范围（consent.scope）里没有「照片」。只有取得照片使用同意后，案例才可以考虑使用图片；否则请删除图片，改用文字描述。"),
    # --- terms, typography, placeholders ---------------------------------------
    Rule("term/deprecated", W, "不推荐的用语",
         "「{term}」不推荐使用（{reason}），请改用「{preferred}」。", "{fix}",
         description="这个用语不推荐使用（例如带有歧视色彩或已经过时），检查结果会给出建议的说法。请改用建议的用语；很多情况可以运行 `guideline validate --fix` 自动替换。"),
    Rule("typography/spacing", W, "中文与英文、数字之间的空格",
         "中文与英文字母或数字之间应有一个空格（或多了不该有的空格）。", _AUTOFIX,
         description="中文与英文字母或数字之间应当有一个空格，中文与中文之间不留空格。运行 `guideline validate --fix` 可以自动修正。"),
    Rule("typography/punctuation", W, "中文里的标点",
         "中文句子里应使用全角标点（，。：；！？），标点前后不留空格。", _AUTOFIX,
         description="中文句子里应使用全角标点（，。：；！？），标点前后不留空格。运行 `guideline validate --fix` 可以自动修正。"),
    Rule("typography/emphasis-hazard", W, "加粗或斜体不会生效",
         "这里的 {marker} 紧挨着全角标点「{punct}」，GitHub、网站和手册都会把 {marker} 原样显示出来，而不是加粗或斜体。",
         "把标点移到 {marker} 外面，例如把 **注意：**先敲门 写成 **注意**：先敲门。" + _AUTOFIX,
         description="Markdown 的加粗、斜体标记（** 或 *）紧挨着标点、另一侧又紧挨着文字时不会生效，星号会原样显示，例如 **注意：**先敲门。请把标点移到星号外面：**注意**：先敲门、这是“**引号内**”的话。运行 `guideline validate --fix` 可以自动修正。"),
    Rule("font/missing-glyph", E, "手册字体里没有这个字符",
         "字符「{char}」（U+{codepoint}）在手册所用字体中没有，印出来会是空白方块，手册也无法生成。",
         "请改用常用字或用文字说明（例如生僻字写成拆字说明），或删去表情、私用区等特殊字符。",
         description="印刷手册只用一套中文字体，字体里没有的字符（例如表情符号、部分生僻字和特殊符号）印出来会是空白方块，手册无法生成。请改用常用字或用文字说明，或删去这些特殊字符。"),
    Rule("placeholder/unfilled", E, "模板占位文字没有替换",
         "{where}还是模板占位文字「待填写」。",
         "把「待填写」换成实际内容（文件中的注释说明了怎么写）；确实不需要的可选内容可以整段删除。",
         description="模板里的「待填写」还没有换成实际内容。请把它换成实际内容（文件中的注释说明了怎么写）；确实不需要的可选内容可以整段删除。"),
    # --- importing issue forms and Word files (importers/) ----------------------
    Rule("import/missing-field", E, "表单缺少必填内容",
         "表单中「{label}」没有填写。",
         "请编辑 issue，补上「{label}」，然后请编辑组重新添加「导入」标签。",
         description="通过 issue 表单提交的内容缺少一个必填栏目，无法生成文件。请编辑 issue 补上这一栏，然后请编辑组重新添加「导入」标签。"),
    Rule("import/invalid-field", E, "表单内容的格式不对",
         "表单中「{label}」的值「{value}」{problem}",
         "请编辑 issue，改正「{label}」，然后请编辑组重新添加「导入」标签。",
         description="issue 表单里某一栏的写法不对，例如编号里有中文或空格。请编辑 issue 改正这一栏，然后请编辑组重新添加「导入」标签。"),
    Rule("import/unknown-form", E, "无法识别的表单",
         "这不是「提交案例」或「提交实务经验」表单生成的内容（找不到「{expected}」等栏目）。",
         "请用仓库「Issues → New issue」中的「提交案例」或「提交实务经验」表单重新提交。",
         description="这段内容不是由「提交案例」或「提交实务经验」表单生成的，工具找不到约定的栏目。请用仓库「Issues → New issue」中的表单重新提交。"),
    Rule("import/unconfirmed", E, "提交前确认没有勾选",
         "「提交前确认」中的「{item}」没有勾选。",
         "请确认属实后编辑 issue，勾选这一项，然后请编辑组重新添加「导入」标签；不能确认的内容请先修改。",
         description="表单末尾的「提交前确认」每一项都要勾选：它们是投稿人对知情同意和去标识化的确认。没有勾选的投稿不会导入。请确认属实后编辑 issue 勾选，然后请编辑组重新添加「导入」标签。"),
    Rule("import/typed-heading", W, "正文里有与栏目同名的标题",
         "这一行「### {label}」与表单栏目同名，是填写时输入的，已作为「{field}」的内容保留。",
         "请在生成的文件中核对这段内容是否放在了想要的小节里；如果本来就属于「{label}」，请把它移过去。",
         description="在表单的文本框里输入了与表单栏目同名的三级标题（例如在「介入过程」里写了「### 服务成效」）。工具按表单顺序识别栏目，输入的这一行作为所在栏目的内容保留，不会丢失。请在生成的文件中核对它的位置。"),
    Rule("import/tracked-change", E, "Word 文件中有未处理的修订",
         "Word 文件第 {paragraph} 段有一处未处理的修订（{kind}）：「{excerpt}」。",
         "请在 Word 中打开「审阅」选项卡，逐条「接受」或「拒绝」修订（不要只是隐藏修订标记），保存后重新导入。",
         description="Word 文件里还有没接受也没拒绝的修订（插入、删除或移动）。导入工具不替作者决定哪个版本是对的，所以整个文件不会导入。请在 Word 的「审阅」选项卡中逐条接受或拒绝修订，保存后重新导入。位置按正文的段落计数（标题、列表、表格各算一段）。"),
    Rule("import/comment", E, "Word 文件中有批注",
         "Word 文件第 {paragraph} 段有一条批注：「{excerpt}」。",
         "请在 Word 中处理批注：需要保留的意见请改写进正文，然后在「审阅」选项卡中删除批注，保存后重新导入。",
         description="Word 文件里还有批注（例如督导的意见）。批注不会进入案例，也不应悄悄丢掉，所以整个文件不会导入。请把需要保留的意见改写进正文，在 Word 的「审阅」选项卡中删除批注，保存后重新导入。"),
    Rule("import/table-split", W, "表格的合并单元格已拆开",
         "Word 文件中的第 {table} 个表格有合并的单元格或单元格里有分段、列表，已转成普通表格：合并格的内容只写在第一格，单元格里的分段并成一行。",
         "请核对这个表格：必要时在空出的格子里补上内容，或把表格改写成列表。",
         description="网站和手册的表格只支持每格一行文字、不合并单元格的简单表格。Word 表格中的合并单元格已拆开（内容只写在第一格），单元格里的分段和列表并成了一行，文字没有丢失。请核对表格，必要时补全空格子，或改写成列表。"),
    Rule("import/headings-mapped", W, "Word 标题已对应到案例小节",
         "Word 文件中的标题已换成案例的小节名：{headings}。",
         "请核对每一部分是否放进了正确的小节；小节名是固定的，原来的编号和写法不再保留。",
         description="案例的六个小节名是固定的（案例背景、需求评估……）。Word 文件里的标题（包括用加粗或「一、」「（一）」「1.」编号的普通段落）按意思对应到这些小节，原来的编号和写法列在这条提示里。请核对每一部分是否放进了正确的小节。"),
    Rule("import/exists", E, "文件已经存在",
         "{target} 已经存在，导入不会覆盖已有内容。",
         "请换一个编号；如果是修改已有内容，请直接编辑那个文件。",
         description="要导入的文件已经存在，导入不会覆盖已有内容。请换一个编号；如果是修改已有内容，请直接编辑那个文件。"),
    Rule("import/image-removed", W, "图片没有导入",
         "Word 文件中有 {count} 张图片，没有导入。",
         "案例不随附图片：照片可能拍到面孔、门牌或病历，还可能带有拍摄时间和位置。文件中相应位置留了「待填写」，请改用文字描述或删除。",
         description="案例不随附图片：照片可能拍到面孔、门牌或病历，还可能带有拍摄时间和位置。Word 文件里的图片没有导入，相应位置留了「待填写」，请改用文字描述或删除。"),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}

# The parts of schema/* messages that depend on the failed JSON Schema keyword (checks/schema.py).
SCHEMA_ROOT = "文件头"
"""How the whole front matter is named when an error concerns no single field."""
SCHEMA_NO_ALTERNATIVE = "不符合任何一种允许的写法。"
"""schema/invalid detail when the schema has no description of its own."""
SCHEMA_SEE_DESCRIPTION = "（见说明）"
"""schema/additional-property list of allowed fields when the schema lists none."""
SCHEMA_QUOTE = "如果这里是文字，请用引号括起来。"
"""schema/type hint when text was expected: YAML read the value as a number, date or true/false."""
SCHEMA_TYPES = {"string": "文字", "array": "列表（每项一行，以 - 开头）", "object": "「字段: 值」形式的映射",
                "integer": "整数", "number": "数字", "boolean": "true 或 false", "null": "空值"}
"""JSON types in words, for schema/type."""
SCHEMA_LIMITS = {
    "minItems": "至少需要 {limit} 项。", "maxItems": "最多 {limit} 项。",
    "minLength": "不能为空。", "maxLength": "太长了，最多 {limit} 个字。",
    "minProperties": "不能为空。", "uniqueItems": "有重复的项。",
}
"""schema/length detail per keyword; {limit} is the keyword's value."""


def make(code: str, path: str, line: int, column: int = 1, **params: object) -> Finding:
    """Build a finding from its catalogue entry; parameters fill the Chinese texts."""
    rule = RULES[code]
    return Finding(
        path=path, line=max(1, line), column=max(1, column), code=code, severity=rule.severity,
        message=rule.message.format(**params), hint=rule.hint.format(**params),
    )


def _level(rule: Rule) -> str:
    return "错误" if rule.severity is Severity.ERROR else "警告"


def plain_list() -> str:
    """`guideline rules`: one line per code."""
    return "".join(f"{code:32} {_level(rule)}  {rule.title}\n" for code, rule in sorted(RULES.items()))


def markdown_reference() -> str:
    """docs/rules.md: the descriptions, never the message templates (their placeholders mean nothing to a reader)."""
    def cell(text: str) -> str:
        # Texts mention Markdown and HTML syntax (**文字**, <br>, |): show it, do not apply it.
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;")

    rows = "".join(f"| `{code}` | {_level(rule)} | {cell(rule.title)} | {cell(rule.description)} |\n"
                   for code, rule in sorted(RULES.items()))
    return ("# 检查规则一览\n\n"
            "每条检查结果末尾方括号里是规则代码，例如 `[schema/required]`。「错误」必须改正才能合并；「警告」建议改正。\n"
            "本页由 `guideline rules --markdown` 根据 tooling/guideline/catalogue.py 生成，请勿直接修改。\n\n"
            "| 代码 | 级别 | 名称 | 说明 |\n|---|---|---|---|\n" + rows)
