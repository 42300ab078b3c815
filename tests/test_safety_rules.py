"""One set of safety rules across the shipped guideline and cases (issue 17).

Each safety rule has a *home*: the one procedure that states it in full, with its numbers. Every other
procedure refers to the home (a relative Markdown link to its file, or its title on a checklist line) instead
of restating it, and nothing anywhere — procedures, chapter introductions, practice notes, cases — may
state the rule with other numbers or another course of action.

How a statement is recognised. Content is read line by line (one Markdown paragraph, list item or
checklist item is one line in this corpus, front matter included). A line *states* a rule when it matches
the rule's ``trigger`` and ``extract`` finds at least one value in it:

- ``overdue`` (a worker who has not reported back): a line that mentions overdue reporting (超时, 超过预计,
  报平安, 没有消息) and a number of minutes; each number is paired with the first action after it in
  the same clause (打电话/致电 → 致电, 督导 → 督导, 110 → 110), e.g. ``(15, 致电)``.
- ``two-person`` (who may visit alone): a line about a first visit (首次/第一次) or an older person of the
  other sex living alone (异性), paired with the staffing it names: 两人/双人 → 两人, 可以/允许单人 → 单人,
  or, for 异性, a condition on past misconduct (曾有/不当言行) → 仅在有不当言行时.
- ``gas`` (smelling gas): a line about a gas smell or leak (燃气味, 燃气泄漏, 漏气) that says what to do
  (开窗, 撤离, 离开, 阀门, 拨打, 报警 ...); its values are the emergency numbers named in the clauses
  about gas. Because this rule is about actions more than numbers, any such line in another procedure
  must name the home.
- ``no-answer`` (nobody opens the door): a line about no answer at the door with a number of minutes;
  its values are the minutes.
- ``danger-inside`` (signs of distress behind a closed door): a line about a call for help, moaning or a
  weak voice inside; its values are the numbers called, or 先联系家属 when the line waits for a relative's
  consent, a key or a locksmith.
- ``vomiting`` (an older person who vomits after a fall): a line about vomiting and the head or turning;
  its values are 偏头 (turning the head aside), 轴线翻身 (log-roll) and 调度员 (follow the dispatcher).

The checks: (1) the home states every expected value and says the rule's required phrases; (2) no
statement anywhere gives a value outside the expected set; (3) a statement in a procedure other than the
home names the home and gives no values of its own, so the numbers live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO

Values = set[object]


@dataclass(frozen=True)
class Rule:
    name: str
    home: str  # path of the home procedure, relative to the repository
    trigger: re.Pattern[str]
    extract: Callable[[str], Values]
    expected: frozenset[object]
    must_say: tuple[str, ...] = field(default=())  # regexes the home must match somewhere
    # the trigger alone marks a statement (the rule is about actions, not numbers): other procedures must name the home
    refer_on_trigger: bool = False


def _numbers(line: str) -> Values:
    return set(re.findall(r"(?<!\d)(110|119|120)(?!\d)", line))


def _gas_numbers(line: str) -> Values:
    """Only the numbers called in a clause about gas: a line may also name 110 or 120 for something else."""
    return {n for clause in re.split(r"[；;。]", line) if re.search(r"燃气|漏气", clause) for n in _numbers(clause)}


def _overdue(line: str) -> Values:
    pairs: Values = set()
    for clause in re.split(r"[；;。]", line):
        for m in re.finditer(r"(\d+)\s*分钟", clause):
            after = clause[m.end():]
            action = re.search(r"(打\S{0,4}电话|致电|督导|110)", after)
            if action:
                word = action.group(1)
                step = "督导" if word == "督导" else "110" if word == "110" else "致电"
                pairs.add((int(m.group(1)), step))
    return pairs


def _two_person(line: str) -> Values:
    values: Values = set()
    situations = []
    if re.search(r"首次|第一次", line):
        situations.append("首次")
    if "异性" in line:
        situations.append("异性独居")
    if re.search(r"(可以|允许)(单人|独自|一人)", line):
        staffing = "单人"
    elif re.search(r"两人|双人|二人|两名", line):
        staffing = "两人"
    else:
        staffing = None
    for situation in situations:
        if situation == "异性独居" and re.search(r"曾有|不当言行", line):
            values.add((situation, "仅在有不当言行时"))
        elif staffing:
            values.add((situation, staffing))
    return values


def _danger_inside(line: str) -> Values:
    values = _numbers(line)
    if re.search(r"(?<!不)(征得|联系上|等)\S{0,12}(儿子|女儿|家属|子女|钥匙)|(?<!不)(?<!不等)(?<!、)开锁人员|请开锁", line):
        values.add("先联系家属")
    return values


def _vomiting(line: str) -> Values:
    values: Values = set()
    if re.search(r"(?<!不要)(?<!不)(把|将)?头(部)?(偏|转)向一侧", line):
        values.add("偏头")
    if re.search(r"轴线|整体翻身|头颈和身体保持在一条直线", line):
        values.add("轴线翻身")
    if "调度员" in line:
        values.add("调度员")
    return values


RULES = (
    Rule(
        "overdue",
        "guideline/02-preparation/itinerary-and-buddy.md",
        re.compile(r"(超时|超过预计|报平安|没有消息).*\d+\s*分钟|\d+\s*分钟.*(超时|报平安|没有消息)"),
        _overdue,
        frozenset({(15, "致电"), (30, "督导")}),
        (r"110",),
    ),
    Rule(
        "two-person",
        "guideline/02-preparation/pre-visit-risk-assessment.md",
        re.compile(r"首次|第一次|异性"),
        _two_person,
        frozenset({("首次", "两人"), ("异性独居", "两人")}),
    ),
    Rule(
        "gas",
        "guideline/06-risk/home-hazard-response.md",
        re.compile(r"(燃气味|燃气泄漏|漏气).*(开窗|通风|撤离|离开|阀门|拨打|报警|打电话)"),
        _gas_numbers,
        frozenset({"119"}),
        (r"不要\*\*开关|不开关", r"点火|明火", r"开窗|打开门窗", r"总阀", r"老年人一起|带老年人|带着老年人", r"室外"),
        refer_on_trigger=True,
    ),
    Rule(
        "no-answer",
        "guideline/07-emergency/no-answer-at-door.md",
        re.compile(r"(无应答|无人应答|没有应答|没人应).*\d+\s*分钟|\d+\s*分钟.*(无应答|无人应答|没有应答)"),
        lambda line: {int(n) for n in re.findall(r"(\d+)\s*分钟", line)},
        frozenset({30}),
    ),
    Rule(
        "danger-inside",
        "guideline/07-emergency/no-answer-at-door.md",
        re.compile(r"(呼救|呻吟|应答声|应声|倒地声|微弱的?(声音|回应))"),
        _danger_inside,
        frozenset({"110", "119", "120"}),
        (r"不要\*\*等|不等",),
    ),
    Rule(
        "vomiting",
        "guideline/07-emergency/falls-and-sudden-illness.md",
        re.compile(r"呕吐.*(头|颈|侧|翻身)|(头|颈|侧|翻身).*呕吐"),
        _vomiting,
        frozenset({"轴线翻身", "调度员"}),
    ),
)


@dataclass(frozen=True)
class Line:
    path: str
    number: int
    text: str


def content_files() -> Iterator[Path]:
    yield from sorted((REPO / "guideline").rglob("*.md"))
    yield from sorted((REPO / "cases").rglob("*.md"))


def is_procedure(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] == "guideline" and parts[1][:2].isdigit() and parts[2] != "index.md"


def lines() -> Iterator[Line]:
    for path in content_files():
        rel = path.relative_to(REPO).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield Line(rel, number, text)


def statements(rule: Rule) -> Iterator[tuple[Line, Values]]:
    for line in lines():
        if rule.trigger.search(line.text):
            values = rule.extract(line.text)
            if values:
                yield line, values


def title_of(rel: str) -> str:
    match = re.search(r"^title:\s*(.+)$", (REPO / rel).read_text(encoding="utf-8"), re.M)
    assert match, rel
    return match.group(1).strip()


def names_home(line: str, rule: Rule) -> bool:
    filename = rule.home.rsplit("/", 1)[1]
    linked = re.search(r"\]\((\.\./)?([0-9a-z-]+/)?" + re.escape(filename) + r"(#[^)]*)?\)", line)
    return bool(linked) or title_of(rule.home) in line


def show(line: Line, values: Values | None = None) -> str:
    found = f"  → {sorted(map(str, values))}" if values else ""
    return f"{line.path}:{line.number}: {line.text.strip()[:90]}{found}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_home_states_the_rule_in_full(rule: Rule) -> None:
    stated: Values = set()
    for line, values in statements(rule):
        if line.path == rule.home:
            stated |= values
    assert set(rule.expected) <= stated, f"{rule.home} does not state {sorted(map(str, set(rule.expected) - stated))}"
    text = (REPO / rule.home).read_text(encoding="utf-8")
    missing = [p for p in rule.must_say if not re.search(p, text)]
    assert missing == [], f"{rule.home} does not say {missing}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_no_statement_contradicts_the_rule(rule: Rule) -> None:
    wrong = [show(line, values - rule.expected) for line, values in statements(rule) if values - rule.expected]
    assert wrong == [], f"expected only {sorted(map(str, rule.expected))}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_other_procedures_refer_to_the_home(rule: Rule) -> None:
    restated = []
    for line in lines():
        if not is_procedure(line.path) or line.path == rule.home or not rule.trigger.search(line.text):
            continue
        values = rule.extract(line.text)
        if values or (rule.refer_on_trigger and not names_home(line.text, rule)):
            restated.append(show(line, values))
    assert restated == [], f"state the rule only in {rule.home} and name it elsewhere:\n" + "\n".join(restated)


def test_every_rule_is_recognised_somewhere() -> None:
    """Guards the patterns themselves: a rule whose trigger matches nothing would pass vacuously."""
    for rule in RULES:
        assert any(True for _ in statements(rule)), rule.name
