"""The words both outputs show for the same thing, in one place (the site's templates and the
handbook's get them as `words`), so that a reader of both never meets two names for one idea."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    practice_notes: str = "实务经验"
    """An organisation's note on a procedure (not 实践经验)."""
    related_procedures: str = "相关程序"
    """Procedures listed under a procedure or a case (not 相关操作)."""
    related_cases: str = "相关案例"
    checklist: str = "核对清单"
    deprecated: str = "不推荐"
    """A deprecated glossary variant, whether or not `--fix` replaces it (not 不再使用)."""
    use_instead: str = "请改用"
    see_also: str = "参见"
    source: str = "依据"
    note: str = "说明"
    draft: str = "征求意见稿"
    feedback: str = "对本页提意见"
    contact: str = "意见邮箱"


WORDS = Words()
