"""Assessment cases of the conformance vectors: one plan, every level, every boundary.

For each level a plan covers: a clean area; an area whose wholes are all 0 (vacuous passes);
for every requirement a count on each side of its boundary, at a small whole and at a whole
above 2**53, and its whole at 0; each criterion that does not apply at the level, failed (the
area stays drug-free). For the plan: an area without a level, every level it does not cover,
the first and last days of the plan and of each level, and cases where two refusals apply at once
(the one that wins is the expected one).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from typing import Any

from vn_drugfree_criteria.conformance.builder import (
    BIG,
    Builder,
    expected,
    published,
    rule_of,
    whole_multiple,
)
from vn_drugfree_criteria.conformance.grading_cases import (
    graded_definition,
    level_cases,
    requirement_specs,
)
from vn_drugfree_criteria.conformance.grading_oracle import GRADED_KINDS, graded_outcome
from vn_drugfree_criteria.conformance.oracle import Rule, boundary, edges
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.rules import Criterion
from vn_drugfree_criteria.vocab.decimals import json_number
from vn_drugfree_criteria.vocab.indicators import INDICATORS, MAX_COUNT
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["plan_cases", "review_date"]

_FALLBACK_DAY = _dt.date(2024, 6, 30)  # a plan that states neither validity nor an issue date
_ONE_DAY = _dt.timedelta(days=1)
Case = dict[str, Any]


def review_date(plan: Plan) -> _dt.date:
    """The first day the plan applies, else its issue date, else its last day."""
    scope = plan.scope
    issued = plan.document.issued.to_date() if plan.document.issued else None
    day = scope.valid_from or issued or scope.valid_to
    return day if day is not None else _FALLBACK_DAY


def _unjudged(plan: Plan) -> dict[str, int]:
    """Counts a plan reads beyond its criteria (a class's signals), all 0.

    The cases judge the criteria; with every signal at 0, no class is met.
    """
    read = {i for c in plan.criteria for i in c.indicators}
    return {n: 0 for n in plan.indicators if n not in read}


def _case(
    plan: Plan,
    level: Level | None,
    day: _dt.date,
    name: str,
    description: str,
    counts: Mapping[str, int],
    outcome: Mapping[str, Any],
) -> Case:
    lv = level.value if level is not None else None
    if counts:
        counts = {**_unjudged(plan), **counts}
    if plan.classifications and "error" not in outcome:
        outcome = {**outcome, **graded_outcome(_graded(plan), lv, counts)}
    return {
        "id": f"{plan.id}:{lv or 'no-level'}:{name}",
        "kind": "assess",
        "plan": plan.id,
        "level": lv,
        "as_of": day.isoformat(),
        "description": description,
        "counts": {n: json_number(counts[n]) for n in INDICATORS if n in counts},
        "expected": dict(outcome),
    }


@functools.cache
def _graded(plan: Plan) -> list[dict[str, Any]]:
    return graded_definition(plan)


class _Level:
    """The cases of one plan at one level."""

    def __init__(self, plan: Plan, level: Level, day: _dt.date) -> None:
        self.plan, self.level, self.day = plan, level, day
        self.criteria = plan.criteria_for(level)
        others = [c for c in plan.criteria if c not in self.criteria]
        self.b = Builder(self.criteria, others)

    def case(self, name: str, description: str, counts: Mapping[str, int]) -> Case:
        outcome = expected(self.criteria, counts)
        return _case(self.plan, self.level, self.day, name, description, counts, outcome)

    def edge_cases(self, req_id: str, rule: Rule, whole: int, tag: str) -> list[Case]:
        fixed = {rule.whole: whole} if rule.whole is not None else {}
        out = []
        for n, (met, unmet) in enumerate(edges(rule, whole)):
            suffix = "" if n == 0 else "-above"
            for side, value in (("met", met), ("unmet", unmet)):
                if value < 0 or value > (whole if rule.whole is not None else MAX_COUNT):
                    continue
                if side == "met" and n > 0:
                    continue  # the same count as the first pair's
                counts = self.b.counts({**fixed, rule.indicator: value})
                case = self.case(
                    f"{req_id}:{tag}edge-{side}{suffix}",
                    f"{req_id}: {rule.indicator} = {value}"
                    + (f" of {rule.whole} = {whole}" if rule.whole else "")
                    + f", {'at' if side == 'met' else 'one step past'} the boundary",
                    counts,
                )
                if case["expected"]["requirements"][req_id]["met"] != (side == "met"):
                    raise AssertionError(f"vector construction error: {case['id']}")
                out.append(case)
        return out

    def requirement_cases(self, c: Criterion) -> list[Case]:
        out = []
        for req in c.requirements:
            if req.kind.value in GRADED_KINDS:
                out += self.graded_requirement_cases(req.id, published(req))
                continue
            rule = rule_of(req)
            if rule.kind == "none_except":
                out += self.exempt_cases(req.id, rule)
                continue
            if rule.whole is None:
                out += self.edge_cases(req.id, rule, 0, "")
                big = {rule.indicator: MAX_COUNT if rule.kind == "none" else BIG + 1}
                counts = self.b.counts(big)
                out.append(self.case(f"{req.id}:big", f"{req.id}: a count above 2**53", counts))
                continue
            small = whole_multiple(self.b.counts()[rule.whole] or self.b.size, rule)
            out += self.edge_cases(req.id, rule, small, "")
            out += self.edge_cases(req.id, rule, whole_multiple(BIG, rule), "big-")
            out += self.off_grid_cases(req.id, rule, small)
            zero = self.b.counts({rule.whole: 0})
            out.append(self.case(f"{req.id}:vacuous", f"{req.id}: {rule.whole} = 0", zero))
        return out

    def graded_requirement_cases(self, req_id: str, req: Mapping[str, Any]) -> list[Case]:
        """Both sides of every end of a count, ratio, fact or any_of requirement."""
        out = []
        for label, fixed, holds in requirement_specs(req, self.b.size, self.b.size):
            case = self.case(f"{req_id}:{label}", f"{req_id}: {fixed}", self.b.counts(fixed))
            if case["expected"]["requirements"][req_id]["met"] != holds:
                raise AssertionError(f"vector construction error: {case['id']}")
            out.append(case)
        return out

    def exempt_cases(self, req_id: str, rule: Rule) -> list[Case]:
        """Nobody beyond the exempt parts: the count at their sum, and one more."""
        out = []
        for tag, each in (("", 1), ("big-", 2**61)):
            exempt = dict.fromkeys(rule.exempt, each)
            total = each * len(rule.exempt)
            for side, value in (("met", total), ("unmet", total + 1)):
                counts = self.b.counts({**exempt, rule.indicator: value})
                desc = (
                    f"{req_id}: {rule.indicator} = {value}, its exempt parts adding up to {total}"
                )
                out.append(self.case(f"{req_id}:{tag}edge-{side}", desc, counts))
        return out

    def off_grid_cases(self, req_id: str, rule: Rule, small: int) -> list[Case]:
        """A share at a whole where it falls between two counts (shortfalls round outward)."""
        if rule.kind != "share" or rule.whole is None:
            return []
        grid = [w for w in range(small + 1, small + rule.q) if rule.p * w % rule.q]
        if not grid:
            return []
        whole = grid[0]
        if rule.op != "=":
            return self.edge_cases(req_id, rule, whole, "offgrid-")
        low, high = boundary(rule, whole)
        return [
            self.case(
                f"{req_id}:offgrid-{side}",
                f"{req_id}: {rule.indicator} = {value} of {rule.whole} = {whole}; no count "
                "is exactly the share",
                self.b.counts({rule.whole: whole, rule.indicator: value}),
            )
            for side, value in (("below", low), ("above", high))
        ]

    def inapplicable_cases(self) -> list[Case]:
        out = []
        for c in self.plan.criteria:
            if c in self.criteria:
                continue
            fixed: dict[str, int] = {}
            for req in c.requirements:
                rule = rule_of(req)
                whole = self.b.size
                pairs = edges(rule, whole_multiple(whole, rule))
                if rule.whole is not None:
                    fixed[rule.whole] = whole_multiple(whole, rule)
                if pairs and pairs[0][1] >= 0:
                    fixed[rule.indicator] = pairs[0][1]
            desc = f"{c.id} does not apply at the {self.level.value} level; its rules fail"
            out.append(self.case(f"{c.id}:not-applicable", desc, self.b.counts(fixed)))
        return out

    def cases(self) -> list[Case]:
        clean = self.b.counts()
        out = [self.case("clean", "every requirement met, none vacuously", clean)]
        roots = {n: 0 for n in self.b.names if INDICATORS[n].whole is None}
        roots = {n: 0 for n in roots if n not in self.b.rules}
        if roots:
            out.append(self.case("all-wholes-zero", "every whole is 0", self.b.counts(roots)))
        for c in self.criteria:
            out += self.requirement_cases(c)
        return out + self.inapplicable_cases() + self.date_cases() + self.graded_cases()

    def graded_cases(self) -> list[Case]:
        """The classes' boundaries, tallies and overlaps (none for a plan without classes)."""
        clean = self.b.counts()
        return [
            self.case(f"grade:{name}", desc, {**clean, **counts})
            for name, desc, counts in level_cases(_graded(self.plan), self.level.value)
        ]

    def date_cases(self) -> list[Case]:
        counts = self.b.counts()
        error = {"error": "not_valid_on_date"}
        scope, info = self.plan.scope, self.level.info
        edges_: list[tuple[str, _dt.date, bool, str]] = []
        if scope.valid_from is not None:
            first = scope.valid_from
            edges_ += [
                ("plan-first-day", first, self.level.valid_on(first), "first day of the plan"),
                ("plan-day-before", first - _ONE_DAY, False, "day before the plan applies"),
            ]
        if scope.valid_to is not None:
            last = scope.valid_to
            edges_ += [
                ("plan-last-day", last, self.level.valid_on(last), "last day of the plan"),
                ("plan-day-after", last + _ONE_DAY, False, "day after the plan ends"),
            ]
        end = info.valid_to
        if end is not None and (scope.valid_to is None or end < scope.valid_to):
            edges_ += [
                ("level-last-day", end, True, f"last day the {self.level.value} level exists"),
                ("level-ended", end + _ONE_DAY, False, f"the {self.level.value} level has ended"),
            ]
        out = []
        for name, day, ok, desc in edges_:
            outcome = expected(self.criteria, counts) if ok else error
            out.append(_case(self.plan, self.level, day, name, desc, counts, outcome))
        return out


def _in_plan(plan: Plan, day: _dt.date) -> bool:
    first, last = plan.scope.valid_from, plan.scope.valid_to
    return (first is None or first <= day) and (last is None or day <= last)


def _uncovered(plan: Plan, day: _dt.date, counts: Mapping[str, int]) -> list[Case]:
    """Every level the plan does not cover, and the refusals that win over that one."""
    out = []
    error = {"error": "level_not_covered"}
    for level in Level:
        if level in plan.scope.levels and plan.criteria:
            continue
        if level.valid_on(day):
            desc = f"the plan has no criteria for the {level.value} level"
            out.append(_case(plan, level, day, "not-covered", desc, counts, error))
            desc += "; no count is given, and the level is refused first"
            out.append(_case(plan, level, day, "not-covered-no-counts", desc, {}, error))
        if plan.scope.valid_from is not None:
            before = plan.scope.valid_from - _ONE_DAY
            desc = "before the plan applies, at a level it does not cover: the date wins"
            outcome = {"error": "not_valid_on_date"}
            out.append(_case(plan, level, before, "not-covered-before", desc, counts, outcome))
        end = level.info.valid_to
        if end is not None and _in_plan(plan, end + _ONE_DAY):
            # A plan without criteria is refused before the level's date is looked at.
            desc = "the level has ended, and the plan does not cover it: the date wins"
            outcome = {"error": "not_valid_on_date"} if plan.criteria else error
            out.append(
                _case(plan, level, end + _ONE_DAY, "not-covered-ended", desc, counts, outcome)
            )
    return out


def _no_level(plan: Plan, day: _dt.date) -> list[Case]:
    """An area without a level: all criteria when they agree on levels, else refused."""
    b = Builder(plan.criteria)
    counts = b.counts()
    uniform = len({c.levels for c in plan.criteria}) == 1
    if plan.criteria and uniform:
        outcome = expected(plan.criteria, counts)
        desc = "no level given; every criterion applies at the same levels"
    else:
        outcome = {"error": "level_not_covered"}
        desc = "no level given, and the plan's criteria differ by level"
    return [_case(plan, None, day, "clean", desc, counts, outcome)]


def plan_cases(plan: Plan) -> list[Case]:
    """Every assessment case of ``plan``."""
    day = review_date(plan)
    out: list[Case] = []
    for level in sorted(plan.scope.levels, key=lambda lv: -lv.rank):
        if plan.criteria_for(level) and level.valid_on(day):
            out += _Level(plan, level, day).cases()
    counts = Builder(plan.criteria).counts()
    return out + _no_level(plan, day) + _uncovered(plan, day, counts)
