"""A site test corpus: the fixture corpus plus a note written the GitHub way and a draft case."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE, approve_all, write

NOTE = """---
procedure: door-knock
org: beta-demo
title: 敲门时的三个细节
status: approved
---

敲门前先确认门牌，再按下面的顺序做：

- 轻敲三下，等候片刻
  - 没有回应时再敲一次
  - 仍无回应，打电话给联系人
- 隔着门说明身份

| 情形 | 做法 |
|---|---|
| 无人应门 | 电话联系 |
| 对方拒绝开门 | 留下联系卡 |

详见[入户前准备](../../01-basics/visit-prep.md#操作步骤)和案例[独居的王大爷](../../../cases/alpha-demo/alpha-living-alone.md)。

> [!TIP]
> 记下每次敲门的时间。
"""


def site_corpus(root: Path) -> Path:
    """Copy the fixture corpus to root and add the extra files the site tests need."""
    shutil.copytree(FIXTURE, root)
    write(root, "guideline/notes/beta-demo/door-knock.md", NOTE)
    case = (root / "cases/alpha-demo/alpha-living-alone.md").read_text(encoding="utf-8")
    draft = case.replace("id: alpha-living-alone", "id: alpha-draft-visit").replace("title: 独居的王大爷", "title: 社区活动室的约谈")
    write(root, "cases/alpha-demo/alpha-draft-visit.md", draft.replace("status: approved", "status: draft"))
    approve_all(root)
    return root
