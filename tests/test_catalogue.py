"""The catalogue: every rule documented for contributors, and a rule reference without template leftovers."""

from __future__ import annotations

import re
import string

from conftest import REPO
from guideline.catalogue import RULES, SCHEMA_LIMITS, markdown_reference


def placeholder_names() -> set[str]:
    templates = [t for r in RULES.values() for t in (r.message, r.hint)] + list(SCHEMA_LIMITS.values())
    return {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}


def test_every_rule_has_a_description_without_placeholders() -> None:
    for code, rule in RULES.items():
        assert len(rule.description) >= 20, code
        assert "{" not in rule.description and "}" not in rule.description, code


def test_rule_reference_shows_no_template_placeholders() -> None:
    shipped = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == markdown_reference()
    assert "{" not in shipped and "}" not in shipped
    # Field names such as `id` are fine in code spans, where contributors see them as what they type.
    prose = re.sub(r"`[^`]*`", "", shipped)
    names = placeholder_names()
    assert {"allowed", "fix", "key", "expected"} <= names  # names that used to leak into the page
    leaked = {n for n in names if re.search(rf"(?<![A-Za-z_]){re.escape(n)}(?![A-Za-z_])", prose)}
    assert not leaked


def test_every_rule_is_in_the_reference() -> None:
    shipped = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert [line.split("`")[1] for line in shipped.splitlines() if line.startswith("| `")] == sorted(RULES)
