"""What a worker prints: the pocket card (A6, both sides) and each form (A4) as PDF.

Typst typesets them directly from templates/print/*.typ; the content goes in as JSON
(`json("data.json")` in the template), so no contributor text is ever read as Typst
markup. The handbook's fonts, named explicitly and checked for every character first.
"""

from __future__ import annotations

import datetime
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .fonts import check_coverage
from .handbook.typeset import epoch
from .model import Corpus, Form
from .render import BuildInfo, RenderError
from .render.citations import verified_on

TEMPLATES = Path(__file__).parent / "templates" / "print"
POCKET_CARD = "pocket-card.pdf"
FORMS = "forms"
CARD_SIDES = 2


def _stamp(corpus: Corpus, info: BuildInfo) -> dict[str, Any]:
    d = datetime.date.fromisoformat(info.date)
    edition = corpus.settings.edition + ("（预览版）" if info.preview else "")
    return {"year": d.year, "month": d.month, "day": d.day, "edition": edition}


def pocket_card_data(corpus: Corpus, info: BuildInfo) -> dict[str, Any] | None:
    """The card's content, or None when no resource is marked for it."""
    on_card = [r for r in corpus.ordered_resources() if r.pocket_card]
    if not on_card:
        return None
    card = corpus.pocket_card
    rules = []
    for rule in card.rules if card else []:
        proc = corpus.procedures.get(rule.procedure)
        if proc is not None and proc.chapter:  # a procedure outside this edition takes its rules with it
            rules.append({"procedure": f"{proc.number} {proc.title}", "items": list(rule.items)})
    stamp = _stamp(corpus, info)
    verified = verified_on(on_card)
    return {
        **stamp, "title": card.title if card else "随身卡",
        "resources": [{"contact": r.contact, "name": r.name, "purpose": r.purpose} for r in on_card],
        "rules": rules, "verified": verified,
        "front_note": "危及生命时先拨打 110、120 或 119，再报告督导。",
        "footer": f"《{corpus.settings.title}》{stamp['edition']}　号码核实于 {verified}　源版本 {info.revision}",
    }


def form_data(corpus: Corpus, info: BuildInfo, form: Form) -> dict[str, Any]:
    stamp = _stamp(corpus, info)
    return {
        **stamp, "title": form.title, "purpose": form.purpose, "privacy": form.privacy,
        "sections": [{"title": s.title, "fields": [
            {"label": f.label, "type": f.type, "lines": max(f.lines, 1), "options": list(f.options), "hint": f.hint}
            for f in s.fields]} for s in form.sections],
        "footer": f"《{corpus.settings.title}》{stamp['edition']}　表单 {form.id}",
    }


def typeset(template: str, data: dict[str, Any], corpus: Corpus, date: str) -> tuple[bytes, int]:
    """(PDF bytes, page count) of one template filled with data."""
    import typst

    text = json.dumps(data, ensure_ascii=False)
    check_coverage(text, corpus)
    with tempfile.TemporaryDirectory(prefix="print-") as tmp:
        work = Path(tmp)
        shutil.copyfile(TEMPLATES / template, work / "main.typ")
        (work / "data.json").write_text(text, encoding="utf-8")
        compiler = typst.Compiler(work / "main.typ", root=work)
        try:
            pdf, warnings = compiler.compile_with_warnings(format="pdf", timestamp=epoch(date))
            pages = json.loads(compiler.query("<gl-pages>", field="value", format="json"))
        except typst.TypstError as exc:
            raise RenderError(f"Typst 排版 {data['title']} 失败：{getattr(exc, 'message', exc)}") from exc
    if warnings:
        raise RenderError(f"Typst 排版 {data['title']} 时发出警告，已停止生成：" + "；".join(str(getattr(w, "message", w)) for w in warnings))
    if not isinstance(pdf, bytes):
        raise RenderError(f"Typst 没有生成 {data['title']} 的 PDF。请把此信息报告给维护者。")
    return pdf, int(pages[0]) if pages else 0


def build_printables(corpus: Corpus, info: BuildInfo, out: Path) -> list[Path]:
    """Write out/pocket-card.pdf and out/forms/<id>.pdf; returns the files written."""
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    card = pocket_card_data(corpus, info)
    if card is not None:
        pdf, pages = typeset("pocket-card.typ", card, corpus, info.date)
        if pages != CARD_SIDES:
            raise RenderError(f"随身卡排出了 {pages} 面，超过了 A6 双面。请减少 guideline/resources/ 中 pocket_card: true 的号码，"
                              "或减少 guideline/pocket-card.yaml 中的规则，或把用途写得更短。")
        (out / POCKET_CARD).write_bytes(pdf)
        written.append(out / POCKET_CARD)
    for form in sorted(corpus.forms.values(), key=lambda f: f.id):
        pdf, _ = typeset("form.typ", form_data(corpus, info, form), corpus, info.date)
        target = out / FORMS / f"{form.id}.pdf"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(pdf)
        written.append(target)
    return written
