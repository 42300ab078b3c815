"""Baseline for the validation benchmark: read every corpus file and parse its
front matter (or whole YAML file) with PyYAML's C loader, nothing else."""

import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
files = [p for top in ("guideline", "cases", "organisations", "reviews") for p in sorted((root / top).rglob("*"))
         if p.suffix in (".md", ".yaml")]
for f in files:
    text = f.read_text(encoding="utf-8")
    if f.suffix == ".md":
        text = text.split("---\n", 2)[1]
    yaml.load(text, Loader=yaml.CSafeLoader)
print(len(files), file=sys.stderr)
