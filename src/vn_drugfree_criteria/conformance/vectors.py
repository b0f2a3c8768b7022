"""Conformance vectors: cases an implementation in any language can run against its own code.

A vector document lists cases ``input counts, level, date -> expected verdict``: for every
criterion of every plan and every level the criterion applies at, a clean area, an area where
every whole is 0 (vacuous passes), and for each requirement the count exactly at its threshold
(met) and one step past it (not met); for shares also the whole at 0. Date cases check the first
and last day of a plan's validity and of each level's existence. Expected outcomes are set by
construction (a case is built to sit on one side of a threshold), then :func:`check_vectors`
runs them against this library. The format is described by the ``vectors`` JSON Schema.

>>> doc = build_vectors(["lao-cai-414-2023"])
>>> doc["format"], len(doc["cases"]) > 30
('vn-drugfree-conformance-vectors', True)
>>> check_vectors(doc)
()
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from vn_drugfree_criteria.engine.assess import assess
from vn_drugfree_criteria.errors import DrugFreeError, LevelNotCoveredError, NotValidOnDateError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan, list_plans
from vn_drugfree_criteria.model.rules import (
    EXTENDED_KINDS,
    Criterion,
    Op,
    Requirement,
    RequirementKind,
)
from vn_drugfree_criteria.vocab.indicators import INDICATORS, Snapshot
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.numbers import format_share, required_count

__all__ = ["FORMAT", "FORMAT_VERSION", "build_vectors", "check_vectors"]

FORMAT = "vn-drugfree-conformance-vectors"
FORMAT_VERSION = 1
# Review date for a plan that states neither validity nor an exact issue date.
_FALLBACK_DAY = _dt.date(2024, 6, 30)
_ERRORS: dict[str, type[DrugFreeError]] = {
    "not_valid_on_date": NotValidOnDateError,
    "level_not_covered": LevelNotCoveredError,
}


def _closure(names: Iterable[str]) -> set[str]:
    """The names with every whole they belong to, transitively."""
    out: set[str] = set()
    for start in names:
        name: str | None = start
        while name is not None:
            out.add(name)
            name = INDICATORS[name].whole
    return out


def _depth(name: str) -> int:
    whole = INDICATORS[name].whole
    return 0 if whole is None else 1 + _depth(whole)


def _edges(req: Requirement, whole: int) -> tuple[int, int]:
    """(met, unmet): the count at the threshold that meets ``req`` and the one just past it."""
    bound = req.bound
    op = req.comparison.op
    if req.kind is RequirementKind.NONE:
        return 0, 1
    if req.kind is RequirementKind.AT_LEAST:
        return int(bound), int(bound) - 1
    if req.kind is RequirementKind.ALL:
        return whole, whole - 1
    if op in (Op.GE, Op.GT):
        met = required_count(whole, bound, strict=op is Op.GT)
        return met, met - 1
    exact = bound * whole
    floor = exact.numerator // exact.denominator
    met = floor if op is Op.LE or exact.denominator != 1 else floor - 1
    return met, met + 1


class _Builder:
    """Builds consistent counts for one plan at one level, with some values fixed."""

    def __init__(self, criteria: tuple[Criterion, ...]) -> None:
        self.criteria = criteria
        self.reqs: dict[str, Requirement] = {}
        for r in (r for c in criteria for r in c.requirements):
            # An upper-bound share decides the baseline of its part; otherwise the first rule.
            upper = r.kind is RequirementKind.SHARE and r.comparison.op in (Op.LT, Op.LE)
            if upper or r.indicator not in self.reqs:
                self.reqs[r.indicator] = r
        names = _closure(i for c in criteria for i in c.indicators)
        self.names = sorted(names, key=lambda n: (_depth(n), list(INDICATORS).index(n)))
        denominators = [
            r.bound.denominator for c in criteria for r in c.requirements if r.whole is not None
        ]
        # A multiple of every share's denominator, so each share's exact boundary is reachable.
        self.size = max(5, 2 * math.lcm(*denominators)) if denominators else 5

    def counts(self, fixed: Mapping[str, int] | None = None) -> dict[str, int]:
        fixed = fixed or {}
        out: dict[str, int] = {}
        for name in self.names:
            whole = INDICATORS[name].whole
            req = self.reqs.get(name)
            if name in fixed:
                out[name] = fixed[name]
            elif req is not None and req.kind is RequirementKind.NONE:
                out[name] = 0
            elif req is not None and req.kind is RequirementKind.AT_LEAST:
                out[name] = int(req.bound)
            elif whole is None:
                out[name] = self.size
            elif req is not None and req.kind is RequirementKind.SHARE:
                upper = req.comparison.op in (Op.LT, Op.LE)
                out[name] = max(0, _edges(req, out[whole])[0]) if upper else out[whole]
            else:
                out[name] = out[whole]
            if whole is not None and out[name] > out[whole]:
                out[name] = out[whole]
        return out


def _holds(req: Requirement, counts: Mapping[str, int]) -> bool:
    """Evaluate ``req`` in whole numbers only, independently of :meth:`Requirement.holds`.

    ``part / whole op p / q`` is decided as ``part * q op p * whole``; a zero whole holds.
    """
    value = counts[req.indicator]
    if req.whole is None:
        return req.comparison.op.function(value * req.bound.denominator, req.bound.numerator)
    whole = counts[req.whole]
    if whole == 0:
        return True
    num, den = req.bound.numerator, req.bound.denominator
    return bool(req.comparison.op.function(value * den, num * whole))


def _expected(criteria: tuple[Criterion, ...], counts: Mapping[str, int]) -> dict[str, Any]:
    """The outcome of ``counts``; a requirement is vacuous exactly when its whole is 0."""
    reqs: dict[str, dict[str, bool]] = {}
    crits: dict[str, bool] = {}
    for c in criteria:
        for r in c.requirements:
            vacuous = r.whole is not None and counts[r.whole] == 0
            reqs[r.id] = {"met": _holds(r, counts), "vacuous": vacuous}
        crits[c.id] = all(reqs[r.id]["met"] for r in c.requirements)
    return {"drug_free": all(crits.values()), "criteria": crits, "requirements": reqs}


def _review_date(plan: Plan) -> _dt.date:
    """The first day the plan applies, else its issue date, else its last day."""
    scope = plan.scope
    issued = plan.document.issued.to_date() if plan.document.issued else None
    day = scope.valid_from or issued or scope.valid_to
    return day if day is not None else _FALLBACK_DAY


def _case(
    plan: Plan,
    level: Level,
    as_of: _dt.date,
    name: str,
    description: str,
    counts: Mapping[str, int],
    expected: Mapping[str, Any],
) -> dict[str, Any]:
    return {
        "id": f"{plan.id}:{level.value}:{name}",
        "plan": plan.id,
        "level": level.value,
        "as_of": as_of.isoformat(),
        "description": description,
        "counts": {name: counts[name] for name in INDICATORS if name in counts},
        "expected": dict(expected),
    }


def _requirement_cases(
    plan: Plan, level: Level, day: _dt.date, b: _Builder, req: Requirement
) -> list[dict[str, Any]]:
    base = b.counts()
    whole = base[req.whole] if req.whole is not None else 0
    met, unmet = _edges(req, whole)
    rule = req.formula()
    out = []
    for label, value, verb in (("edge-met", met, "at"), ("edge-unmet", unmet, "one step past")):
        if value < 0 or (req.whole is not None and value > whole):
            continue
        counts = b.counts({req.indicator: value})
        assert counts[req.indicator] == value
        desc = f"{req.id} ({rule}): {req.indicator} = {value}, {verb} the threshold"
        if req.kind is RequirementKind.SHARE:
            desc += f" ({value}/{whole} against {format_share(req.bound)})"
        expected = _expected(b.criteria, counts)
        if expected["requirements"][req.id]["met"] != (label == "edge-met"):
            raise AssertionError(f"vector construction error for {plan.id}:{desc}")
        out.append(_case(plan, level, day, f"{req.id}:{label}", desc, counts, expected))
    if req.whole is not None:
        counts = b.counts({req.whole: 0})
        desc = f"{req.id} ({rule}): {req.whole} = 0, so the requirement holds vacuously"
        expected = _expected(b.criteria, counts)
        out.append(_case(plan, level, day, f"{req.id}:vacuous", desc, counts, expected))
    return out


def _date_cases(plan: Plan, level: Level, b: _Builder) -> list[dict[str, Any]]:
    counts = b.counts()
    expected = _expected(b.criteria, counts)
    error = {"error": "not_valid_on_date"}
    scope, info = plan.scope, level.info
    edges: list[tuple[str, _dt.date, Mapping[str, Any], str]] = []
    if scope.valid_from is not None:
        first = scope.valid_from
        edges += [
            ("plan-first-day", first, expected, "first day the plan applies"),
            (
                "plan-day-before",
                first - _dt.timedelta(days=1),
                error,
                "day before the plan applies",
            ),
        ]
    if scope.valid_to is not None:
        last = scope.valid_to
        ok = expected if level.valid_on(last) else error
        edges += [
            ("plan-last-day", last, ok, "last day the plan applies"),
            ("plan-day-after", last + _dt.timedelta(days=1), error, "day after the plan ends"),
        ]
    if info.valid_to is not None and (scope.valid_to is None or info.valid_to < scope.valid_to):
        end = info.valid_to
        edges += [
            ("level-last-day", end, expected, f"last day the {level.value} level exists"),
            (
                "level-ended",
                end + _dt.timedelta(days=1),
                error,
                f"the {level.value} level has ended",
            ),
        ]
    return [_case(plan, level, day, name, desc, counts, exp) for name, day, exp, desc in edges]


def _plan_cases(plan: Plan) -> list[dict[str, Any]]:
    day = _review_date(plan)
    out: list[dict[str, Any]] = []
    for level in sorted(plan.scope.levels, key=lambda lv: -lv.rank):
        criteria = plan.criteria_for(level)
        if not criteria:
            continue
        b = _Builder(criteria)
        clean = b.counts()
        out.append(
            _case(
                plan,
                level,
                day,
                "clean",
                "every requirement met, none vacuously",
                clean,
                _expected(criteria, clean),
            )
        )
        roots = {n: 0 for n in b.names if INDICATORS[n].whole is None and n not in b.reqs}
        if roots:
            empty = b.counts(roots)
            out.append(
                _case(
                    plan,
                    level,
                    day,
                    "all-wholes-zero",
                    "every whole is 0: each 100% or share requirement holds vacuously",
                    empty,
                    _expected(criteria, empty),
                )
            )
        for c in criteria:
            for r in c.requirements:
                out.extend(_requirement_cases(plan, level, day, b, r))
        out.extend(_date_cases(plan, level, b))
    return out


def _uses_extended_kinds(plan: Plan) -> bool:
    return bool(plan.classifications) or any(
        r.kind in EXTENDED_KINDS for c in plan.criteria for r in c.requirements
    )


def build_vectors(plans: Iterable[PlanLike] | None = None) -> dict[str, Any]:
    """Build the conformance vectors of the given plans (default: every bundled plan).

    Args:
        plans: Plans or plan ids.

    Returns:
        A JSON-ready document: ``format``, ``format_version``, ``library_version``, ``plans``
        and ``cases`` (see the ``vectors`` JSON Schema).
    """
    from vn_drugfree_criteria import __version__  # noqa: PLC0415 - the package imports this module

    chosen = [get_plan(p) for p in (list_plans() if plans is None else plans)]
    # The vectors' independent oracle decides the kinds of the 2021-2024 plans; a plan using
    # the extended kinds (Decision 28/2025/QĐ-TTg) is left out until the oracle decides them.
    with_criteria = [p for p in chosen if p.criteria and not _uses_extended_kinds(p)]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": __version__,
        "plans": [p.id for p in with_criteria],
        "cases": [case for p in with_criteria for case in _plan_cases(p)],
    }


def _run(case: Mapping[str, Any], extra: Mapping[str, Plan]) -> dict[str, Any]:
    plan = extra.get(case["plan"]) or get_plan(case["plan"])
    day = _dt.date.fromisoformat(case["as_of"])
    try:
        result = assess(plan, Snapshot(case["counts"], as_of=day, level=case["level"]))
    except (NotValidOnDateError, LevelNotCoveredError) as exc:
        return {"error": next(k for k, v in _ERRORS.items() if isinstance(exc, v))}
    return {
        "drug_free": result.drug_free,
        "criteria": {cid: r.met for cid, r in result.criteria.items()},
        "requirements": {
            rr.requirement.id: {"met": rr.met, "vacuous": rr.vacuous}
            for r in result.criteria.values()
            for rr in r.requirements
        },
    }


def check_vectors(document: Mapping[str, Any], plans: Iterable[Plan] = ()) -> tuple[str, ...]:
    """Run a vector document against this library.

    Args:
        document: A vector document (as built by :func:`build_vectors` or read from its JSON).
        plans: Plans that are not bundled (loaded with
            :func:`~vn_drugfree_criteria.load_plan_file`) the cases may refer to.

    Returns:
        One message per case whose outcome differs from the expected one; empty when all pass.
    """
    extra = {p.id: p for p in plans}
    failures = []
    for n, case in enumerate(document["cases"], 1):
        name = case.get("id", f"case {n}") if isinstance(case, Mapping) else f"case {n}"
        try:
            got = _run(case, extra)
        except (KeyError, TypeError, ValueError, DrugFreeError) as exc:
            failures.append(f"{name}: cannot be run: {exc}")
            continue
        if got != case["expected"]:
            failures.append(f"{name}: expected {case['expected']}, got {got}")
    return tuple(failures)
