"""Baseline for the validation benchmark: read every corpus file and parse its
front matter (or whole YAML file) with PyYAML's C loader, nothing else."""

import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
files = [root / "organisations.yaml", *root.glob("guideline/*.yaml"), *root.glob("guideline/**/*.md"), *root.glob("cases/**/*.md")]
for f in files:
    text = f.read_text(encoding="utf-8")
    if f.suffix == ".md":
        text = text.split("---\n", 2)[1]
    yaml.load(text, Loader=yaml.CSafeLoader)
print(len(files), file=sys.stderr)
