"""Differential run: the findings of an earlier revision's code and of the working tree's, compared exactly.

    python benchmarks/findings_diff.py [--base REV] [--mutations 3000] [--cases 200]

An optimisation of validation must not change a single finding (code, path, line, column,
message, hint). This script exports REV's `tooling/` and `schemas/` (default: main) to a
temporary folder, runs the same inputs through both versions in separate processes and
compares, per input, the sorted findings:

- corpora, whole `validate` runs without cache: the shipped content, every fixture corpus in
  tests/cases/*/*, and the shipped content grown by `generate.py --mode real`;
- single files through the per-file checks: every CommonMark and GFM conformance example as a
  note's body (as benchmarks/markdown_conformance.py makes them), the privacy evaluation data
  (tests/data/privacy_eval.yaml, the Faker sentences, the public law excerpts) inside a case's
  body and front matter, and N seeded mutations of the shipped cases, procedures and notes
  (phones, ID numbers, names, dates, mixed scripts, spaces, code, tables, HTML, CRLF, ...);
- `privacy_patterns.detect` on every string above, with and without exact dates.

Exit status 1 when anything differs; the first differences are printed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# --- inputs (the same for both versions: built here, never by the code under test) ----------

NOTE = "guideline/notes/alpha-demo/visit-prep.md"
NOTE_HEAD = "---\nprocedure: visit-prep\norg: alpha-demo\ntitle: 示例\nstatus: draft\n---\n"

INSERTS = [
    "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "１３８１２３４５６７８", "138.1234.5678",
    "010-6512-3456", "(0755)26781234", "电话：6512 3456", "110105194503121236", "11010519450312123X",
    "540228 1992 1017 2841", "110105450312123", "6222021234567890128（工商银行卡）", "卡号 6222 0212 3456 7890 128",
    "QQ：123456789", "微信号：zhang_san88", "wx: abcdefg1990", "粤B12345", "京A·88888", "病历号：ZY2024-0012",
    "zhangsan@163.com", "li@example.com", "王芳阿姨", "女儿李娟", "张建国老人", "陈姨（化名）", "小郭", "联系人：刘伟",
    "朝阳路12号", "3号楼2单元301室", "李家村5组74号", "家住幸福小区", "2024年3月5日", "3月5日", "2023-11-02", "12/05",
    "GB/T 35273-2020", "〔2021〕12号", "第12号", "共有13栋住宅楼", "12345678901234", "95588", "400-800-1234",
    "中文English混排", "中文 English 混排", "使用Python3处理", "数字123与汉字", "全角，标点 ，", "半角,标点.", "（括号)",
    "`code 13812345678`", "`王芳阿姨`", "**注意：**先敲门", "*强调。*后文", "<br>", "<span>x</span>", "<!-- 注释 -->",
    "[链接](https://example.org)", "[王芳](../x.md)", "<https://example.org/a>", "![图](a.png)", "{#id .cls}",
    "待填写", "\u200b", "　", "  ", "\t", "老年人", "空巢老人", "失能老人", "残疾人", "痴呆", "老年痴呆",
    "«引»", "《老年人权益保障法》", "“他说王芳阿姨来了”", "「张伟先生」", "`独居老人`", "“空巢老人”", "《失能老人》",
    "[老年痴呆](x.md)", "孤寡老人", "保姆", "老头", "残废", "照顾独居老人", "案主", "～", "·", "——", "…", "😀", "𠀀", "\uff5e",
]
BLOCKS = [
    "```\n13812345678 王芳阿姨\n```", "~~~python\nprint('中文English')\n~~~", "```{=html}\n<b>x</b>\n```",
    "| 姓名 | 电话 |\n|---|---|\n| 王芳阿姨 | 13812345678 |", "> [!NOTE]\n> 提示：电话 010-65123456",
    "- 第一项\n- 第二项English\n  - 嵌套 2024年3月5日", "1. 步骤一\n2. 步骤二：联系女儿王芳",
    "<div>\n原始 HTML 块\n</div>", "    缩进代码 13812345678", "# 一级标题", "## 新小节", "### 小标题 English",
    "标题\n===", "---", "[^1]: 脚注 王芳阿姨", "正文[^1]。", "[ref]: https://example.org", "- [ ] 待办 English",
    "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>', "$$x$$", "\\*不是强调\\*",
]


def _rng_text(rng: random.Random) -> str:
    return rng.choice(INSERTS) if rng.random() < 0.8 else rng.choice(INSERTS) + rng.choice(INSERTS)


def mutate_body(body: str, rng: random.Random) -> str:
    lines = body.split("\n")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.55:  # a value inside a line
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + _rng_text(rng) + line[at:]
        elif op < 0.75:  # a block between lines
            lines[i:i] = ["", rng.choice(BLOCKS), ""]
        elif op < 0.85:  # delete or duplicate a line
            if rng.random() < 0.5:
                del lines[i]
            else:
                lines.insert(i, lines[i])
        elif op < 0.95:  # spaces
            lines[i] = rng.choice(["  ", " ", "\t", "　"]) + lines[i] + rng.choice(["", " ", "  "])
        else:
            lines.insert(i, "")
        if not lines:
            lines = [""]
    return "\n".join(lines)


def mutate_front(front: str, rng: random.Random) -> str:
    lines = front.split("\n")
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
    for _ in range(rng.randint(1, 3)):
        if not candidates:
            break
        i = rng.choice(candidates)
        line = lines[i]
        op = rng.random()
        if op < 0.6:  # append a value to a scalar
            lines[i] = line + " " + _rng_text(rng).replace("\n", " ")
        elif op < 0.75:  # a new key
            lines.insert(i + 1, rng.choice(["note: ", "extra: ", "电话: ", "联系人: "]) + _rng_text(rng).replace("\n", " "))
        elif op < 0.85:  # quoted
            key, sep, value = line.partition(": ")
            if sep:
                lines[i] = f'{key}: "{value.strip()}{_rng_text(rng)}"'
        elif op < 0.92:  # YAML trouble: duplicate key, anchor, tag
            lines.insert(i + 1, rng.choice([line, line.replace(": ", ": &a ", 1), line.replace(": ", ": !!str ", 1),
                                             "<<: *a", "key:value", "\tbad: 1"]))
        else:
            del lines[i]
    return "\n".join(lines)


def shipped_files() -> list[tuple[str, str]]:
    out = []
    for top in ("cases", "guideline"):
        for p in sorted((REPO / top).rglob("*.md")):
            out.append((p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8")))
    return out


def _case_template() -> tuple[str, str, str]:
    path = sorted((REPO / "cases").rglob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return path.relative_to(REPO).as_posix(), front, body


def privacy_texts() -> list[str]:
    import yaml

    sys.path.insert(0, str(HERE))
    from privacy_eval import public_texts
    from privacy_faker import items

    doc = yaml.safe_load((REPO / "tests" / "data" / "privacy_eval.yaml").read_text(encoding="utf-8"))
    texts = [i["text"] for i in doc["identifiers"]] + list(doc["clean"])
    texts += [i.text for i in items()]
    for _, sentences in public_texts().values():
        texts += sentences
    return texts


def files(mutations: int) -> Iterator[tuple[str, str, bytes]]:
    """(label, repository path, bytes) of every single-file input."""
    sys.path.insert(0, str(REPO / "tests"))
    from markdown_conformance import examples

    for e in examples():
        yield f"conformance {e.suite} {e.number}", NOTE, (NOTE_HEAD + e.markdown).encode("utf-8")
    case_path, front, body = _case_template()
    for n, text in enumerate(privacy_texts()):
        one = text.replace("\n", " ")
        lines = body.split("\n")
        at = len(lines) // 2
        new_body = "\n".join(lines[:at] + ["", text, ""] + lines[at:])
        yield f"privacy body {n}", case_path, f"---\n{front}---\n{new_body}".encode()
        if n % 3 == 0:
            new_front = front.replace("\ntitle: ", "\ntitle: " + json.dumps(one, ensure_ascii=False)[1:-1].replace('"', "") + " ", 1)
            yield f"privacy front {n}", case_path, f"---\n{new_front}---\n{body}".encode()
    shipped = [(p, t) for p, t in shipped_files() if t.startswith("---\n")]
    rng = random.Random(18)
    for n in range(mutations):
        path, text = rng.choice(shipped)
        _, front, body = text.split("---\n", 2)
        r = rng.random()
        if r < 0.45:
            body = mutate_body(body, rng)
        elif r < 0.75:
            front = mutate_front(front, rng)
        else:
            body, front = mutate_body(body, rng), mutate_front(front, rng)
        out = f"---\n{front}---\n{body}"
        if rng.random() < 0.1:
            out = out.replace("\n", "\r\n")
        if rng.random() < 0.03:
            out = "\ufeff" + out
        yield f"mutation {n}", path, out.encode("utf-8")


def build_fixtures(dest: Path) -> None:
    """Every fixture folder of tests/cases/ built into a corpus under dest (as tests/test_cases.py does)."""
    sys.path.insert(0, str(REPO / "tests"))
    from case_folders import all_cases

    for n, case in enumerate(all_cases()):
        case.build(dest / f"{n:03d}-{case.name.replace('/', '-')}")


def corpora(generated: Path | None) -> list[tuple[str, Path]]:
    out = [("shipped", REPO), ("fixture corpus", REPO / "tests" / "fixtures" / "corpus")]
    if generated is not None:
        for d in sorted((generated.parent / "fixtures").iterdir()):
            out.append((f"fixture {d.name}", d))
        if generated.is_dir():
            out.append((f"generated {generated.name}", generated))
    return out


# --- worker: one version's findings ----------------------------------------------------------

Row = list[Any]


def _rows(findings: list[Any]) -> list[Row]:
    return sorted([f.path, f.line, f.column, f.code, f.severity.value, f.message, f.hint] for f in findings)


def worker(mutations: int, generated: Path | None) -> dict[str, Any]:
    from guideline import validate as v
    from guideline.checks.privacy_patterns import detect
    from guideline.kinds import parse_path

    out: dict[str, Any] = {}
    for label, root in corpora(generated):
        out[label] = _rows(v.run(root, use_cache=False).findings)
    context = v.load_context(REPO)
    strings: list[str] = []
    for label, path, data in files(mutations):
        where = parse_path(path)
        assert where is not None
        result = v.analyse(where, data, context)
        out[label] = _rows(result.findings)
        if result.source is not None:  # what the corpus checks (links, anchors) read of a body
            o = result.source.outline
            out[f"outline {label}"] = [o.headings, o.links, o.link_texts, o.images, o.html, o.fences]
        if result.source is not None and label.startswith("mutation"):
            strings.append(result.source.body)
    strings += privacy_texts()
    for n, text in enumerate(strings):
        out[f"detect {n}"] = [[h.code, h.start, h.end, h.value] for h in detect(text, exact_dates=n % 2 == 0)]
    return out


def export(rev: str, dest: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "tooling/guideline", "schemas"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "tooling"


def run_version(code: Path, mutations: int, generated: Path, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", "--code", str(code), "--mutations", str(mutations), "--out", str(out),
           "--generated", str(generated)]
    subprocess.run(cmd, check=True)
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="main")
    ap.add_argument("--mutations", type=int, default=3000)
    ap.add_argument("--cases", type=int, default=200, help="generated real-length cases in the grown corpus (0: none)")
    ap.add_argument("--worker", action="store_true")
    ap.add_argument("--code")
    ap.add_argument("--generated")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.worker:
        sys.path.insert(0, args.code)
        result = worker(args.mutations, Path(args.generated) if args.generated else None)
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="findings-diff-") as tmp:
        work = Path(tmp)
        generated = work / f"real-{args.cases}"
        build_fixtures(work / "fixtures")
        if args.cases:
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(generated), "--cases", str(args.cases),
                            "--mode", "real"], check=True, stderr=subprocess.DEVNULL)
        (work / "base").mkdir()
        old = run_version(export(args.base, work / "base"), args.mutations, generated, work / "old.json")
        new = run_version(REPO / "tooling", args.mutations, generated, work / "new.json")
    differ = [k for k in old if old[k] != new.get(k)] + [k for k in new if k not in old]
    kinds: dict[str, int] = {}
    for k in old:
        kind = k.split(" ")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    findings = sum(len(v) for k, v in old.items() if not k.startswith("detect"))
    hits = sum(len(v) for k, v in old.items() if k.startswith("detect"))
    print(f"inputs: {len(old)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
          f"findings compared: {findings}; detector hits compared: {hits}")
    print(f"differences: {len(differ)}")
    for k in differ[:10]:
        a, b = old.get(k, []), new.get(k, [])
        print(f"- {k}: only before {[r for r in a if r not in b][:3]}, only after {[r for r in b if r not in a][:3]}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
