"""Markdown conformance: pass rates per section of the CommonMark 0.31.2 spec and cmark-gfm's
extension examples, for the site and the handbook (EPUB), over the examples `validate` accepts.

    python benchmarks/markdown_conformance.py [--write]

--write replaces the "Markdown conformance" section of benchmarks/README.md.
The comparison is tests/markdown_conformance.py's (spec normalisation + docs/markdown.md's equivalences).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
BEGIN, END = "<!-- conformance:begin -->", "<!-- conformance:end -->"


def table() -> str:
    import markdown_conformance as mc

    items, failures = mc.run()
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # examples, accepted, site, handbook, lost
    differ: list[str] = []
    for e in items:
        row = rows[(e.suite, e.section)]
        row[0] += 1
        if not e.accepted:
            continue
        row[1] += 1
        for i, renderer in ((2, "site"), (3, "handbook")):
            same, kept = mc.compare(e, getattr(e, renderer), renderer == "handbook")
            row[i] += same
            row[4] += not kept
            if not same:
                differ.append(f"{renderer}: {e.name} ({e.section})")
    lines = ["| suite | section | examples | accepted | site | handbook |", "|---|---|---|---|---|---|"]
    total = [0, 0, 0, 0, 0]
    for (suite, section), r in rows.items():
        lines.append(f"| {suite} | {section} | {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
        total = [a + b for a, b in zip(total, r, strict=True)]
    pct = lambda n: f"{n} ({100 * n / total[1]:.1f} %)"  # noqa: E731
    lines.append(f"| **all** | | **{total[0]}** | **{total[1]}** | **{pct(total[2])}** | **{pct(total[3])}** |")
    lines.append("")
    lines.append(f"Examples losing text: {total[4]}. Builds stopped: {len(failures)}. Differences: " + "; ".join(differ) + ".")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    text = table()
    print(text)
    if args.write:
        readme = HERE / "README.md"
        old = readme.read_text(encoding="utf-8")
        if BEGIN in old:
            head, _, rest = old.partition(BEGIN)
            old = head + BEGIN + "\n" + text + "\n" + rest.partition(END)[1] + rest.partition(END)[2]
        else:
            old += (f"\n## Markdown conformance\n\nMeasured by `python benchmarks/markdown_conformance.py --write`: each example of the "
                    "CommonMark 0.31.2 spec and of cmark-gfm's extensions is a note's body; `validate` decides which are accepted, "
                    "and the accepted ones are compared with the spec's HTML on the site (body HTML after sanitising and "
                    "Python-Markdown) and in the handbook (EPUB XHTML). Every difference is explained in docs/markdown.md.\n\n"
                    f"{BEGIN}\n{text}\n{END}\n")
        readme.write_text(old, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
