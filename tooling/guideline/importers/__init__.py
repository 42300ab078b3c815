"""Turning what contributors send (an issue form, a Word file) into corpus files.

Both importers end the same way: a file written from the `guideline new` template,
then the validation findings for that file as the answer.
"""

from __future__ import annotations

from ..catalogue import Rule, register
from ..findings import Severity

register(
    Rule("import/missing-field", Severity.ERROR, "表单缺少必填内容",
         "表单中「{label}」没有填写。",
         "请编辑 issue，补上「{label}」，然后请编辑组重新添加「导入」标签。"),
    Rule("import/invalid-field", Severity.ERROR, "表单内容的格式不对",
         "表单中「{label}」的值「{value}」{problem}",
         "请编辑 issue，改正「{label}」，然后请编辑组重新添加「导入」标签。"),
    Rule("import/unknown-form", Severity.ERROR, "无法识别的表单",
         "这不是「提交案例」或「提交实务经验」表单生成的内容（找不到「{expected}」等栏目）。",
         "请用仓库「Issues → New issue」中的「提交案例」或「提交实务经验」表单重新提交。"),
    Rule("import/exists", Severity.ERROR, "文件已经存在",
         "{target} 已经存在，导入不会覆盖已有内容。",
         "请换一个编号；如果是修改已有内容，请直接编辑那个文件。"),
    Rule("import/image-removed", Severity.WARNING, "图片没有导入",
         "Word 文件中有 {count} 张图片，没有导入。",
         "案例不随附图片：照片可能拍到面孔、门牌或病历，还可能带有拍摄时间和位置。文件中相应位置留了「待填写」，请改用文字描述或删除。"),
)
