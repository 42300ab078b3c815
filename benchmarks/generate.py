"""Generate a large corpus for benchmarks: the shipped content plus N more cases.

    python benchmarks/generate.py DEST [--cases 1000] [--mode real|synthetic] [--source REPO]

`real` (the default) grows the corpus from the shipped cases: copy k of case X gets a new id
(`<id>-copy-<k>`) and the same front matter and body, so every check sees real-length text
(1,900+ 汉字, lists, callouts, links) and real findings-free content. `synthetic` writes the
short seeded cases of the first benchmarks (~1,500 Han characters of repeated sentences).
Both are deterministic and valid.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CONTENT = ["guideline", "cases", "organisations"]
EXTRA = ["mkdocs.yml", "privacy-allowlist.yaml", "reviews"]
SECTIONS = ["案例背景", "需求评估", "服务目标与计划", "介入过程", "服务成效", "专业反思"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
TITLES = ["大爷", "奶奶", "阿姨", "伯伯", "叔叔"]
SENTENCES = [
    "社工在入户前查阅了既往探访记录，并与督导确认了本次探访的重点。",
    "服务对象表示近期睡眠不好，白天精神较差，希望有人定期上门聊天。",
    "社工观察到厨房燃气灶旁堆放杂物，卫生间地面湿滑，缺少扶手。",
    "经服务对象同意，社工联系了社区卫生服务中心，安排家庭医生上门随访。",
    "家属平时工作繁忙，每月回家一到两次，对老年人的日常情况了解有限。",
    "社工与服务对象一起制定了每周的活动安排，并约定下次探访的时间。",
    "在第三次探访时，服务对象主动谈起过去的经历，情绪明显放松。",
    "社工协助申请了适老化改造，安装了扶手和夜灯，降低了跌倒风险。",
    "社工定期电话回访，了解服务对象对各项安排的感受，并及时调整计划。",
    "结案前，社工与服务对象回顾了服务过程，确认了后续的联系方式和求助渠道。",
    "这次服务提醒我们，尊重服务对象的节奏比急于完成计划更重要。",
    "督导建议在记录中区分观察到的事实和社工的判断，避免主观推断。",
]


def synthetic_case(rng: random.Random, n: int, orgs: list[str], themes: list[str], procedures: list[str]) -> tuple[str, str]:
    org = orgs[n % len(orgs)]
    case_id = f"generated-case-{n:05d}"
    person = f"{rng.choice(SURNAMES)}{rng.choice(TITLES)}（化名）"
    front = {
        "id": case_id, "title": f"示例案例 {n}：{person[:-4]}的探访服务", "org": org,
        "themes": rng.sample(themes, 2), "procedures": rng.sample(procedures, 3),
        "period": f"{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}",
        "consent": {"given_by": "本人", "method": "书面同意", "scope": ["出版", "网站"], "recorded_in": "机构个案档案（不公开）"},
        "deidentified": {"reviewer": "编辑组", "date": "2026-09-20"},
        "status": "approved", "example": True,
    }
    parts = ["> [!NOTE]\n> 本案例为自动生成的基准测试案例，人物均为化名。\n"]
    for section in SECTIONS:
        text = "".join(rng.choice(SENTENCES) for _ in range(6))
        parts.append(f"## {section}\n\n{person}{text}\n")
    body = "\n".join(parts)
    return f"cases/{org}/{case_id}.md", "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def real_copies(dest: Path, count: int) -> int:
    """Copies of the shipped cases, round robin, each under a new id in its organisation's folder
    with a numbered title and a numbered closing sentence."""
    originals = sorted((dest / "cases").glob("*/*.md"))
    for n in range(count):
        src = originals[n % len(originals)]
        new_id = f"{src.stem}-copy-{n // len(originals) + 1:04d}"
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        # Each copy has its own title and body text, as real cases do: nothing may be measured
        # faster because a copy's text was seen before (a memo keyed by text would flatter it).
        copy = n // len(originals) + 1
        text = re.sub(r"^title: (.*)$", rf"title: \1（副本 {copy:04d}）", text, count=1, flags=re.M)
        text = text.rstrip("\n") + f"\n\n本文为性能测试副本，编号 {copy:04d}。\n"
        (src.parent / f"{new_id}.md").write_text(text, encoding="utf-8")
    return len(originals)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--mode", choices=["real", "synthetic"], default="real")
    ap.add_argument("--source", type=Path, default=REPO)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    dest: Path = args.dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in CONTENT + EXTRA:
        src = args.source / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    if args.mode == "real":
        shipped = real_copies(dest, args.cases)
        print(f"{dest}: {args.cases} copies of the {shipped} shipped cases", file=sys.stderr)
        return 0
    settings = yaml.safe_load((dest / "guideline/guideline.yaml").read_text(encoding="utf-8"))
    orgs = sorted(p.stem for p in (dest / "organisations").glob("*.yaml"))
    procedures = [p.stem for p in (dest / "guideline").glob("[0-9]*/*.md") if p.name != "index.md"]
    rng = random.Random(args.seed)
    for n in range(args.cases):
        rel, text = synthetic_case(rng, n, orgs, list(settings["themes"]), procedures)
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    print(f"{dest}: {len(procedures)} procedures, {args.cases} synthetic cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
