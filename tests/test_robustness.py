"""Never a traceback: corrupted files become findings, not internal errors."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import FIXTURE
from guideline.checks import CORPUS_CHECKS
from guideline.load import assemble, discover
from guideline.validate import analyse, load_context

JUNK = ["\n", "---\n", ":", ": ", "- ", "  ", "\t", "[", "]", "{", "}", "&a ", "*a", "!!str ", "<<: ", "%YAML 1.2\n",
        "\"", "'", "#", "|", ">", "?", "\ufeff", "\u202e", "\x00", "## ", "> [!NOTE]\n", "<script>", "](", "`", "\r",
        "１３８０００００００００", "11010519491231002X", "王某某", "化名", "\udcff"]


def mutate(rng: random.Random, text: str) -> bytes:
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.5:
            text = text[:i] + rng.choice(JUNK) + text[i:]
        elif op < 0.8:
            text = text[:i] + text[i + rng.randint(1, 20):]
        else:
            lines = text.split("\n")
            j = rng.randrange(len(lines))
            lines.insert(j, lines[rng.randrange(len(lines))])
            text = "\n".join(lines)
    raw = text.encode("utf-8", "surrogateescape") if rng.random() < 0.9 else text.encode("gb18030", "replace")
    return raw


def test_corrupted_files_never_crash_a_check() -> None:
    rng = random.Random(20261129)
    files, _ = discover(FIXTURE)
    context = load_context(FIXTURE)
    originals = {w.path: (FIXTURE / w.path).read_text(encoding="utf-8") for w in files}
    crashes = []
    for _ in range(1500):
        where = rng.choice(files)
        result = analyse(where, mutate(rng, originals[where.path]), context)
        crashes += [f for f in result.findings if f.code == "internal/error"]
        if rng.random() < 0.05:  # now and then, the whole-corpus checks on a corpus holding the broken file
            sources = [analyse(w, originals[w.path].encode(), context).source for w in files if w != where]
            corpus = assemble(Path("."), [s for s in [*sources, result.source] if s is not None])
            for check in CORPUS_CHECKS:
                assert check.corpus is not None
                list(check.corpus(corpus, context))
    assert crashes == []
