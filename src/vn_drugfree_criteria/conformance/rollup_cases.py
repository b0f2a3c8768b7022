"""Roll-up cases of the conformance vectors: children add up into their parent.

A parent's counts are the sums of its children's; its level is one above theirs (a commune's
parent is a district up to 30 June 2025 and a province from 1 July 2025); it is assessed on its
sums like any area. A rejected child makes its parent *incomplete*: its counts and its share of
drug-free children are unknown and it is not assessed. Expected outcomes are computed here with
the vectors' oracle, never with the library's roll-up.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from vn_drugfree_criteria.conformance.builder import Builder, expected
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import INDICATORS
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["rollup_cases"]

Row = dict[str, Any]


def _parent_level(child: Level, day: _dt.date) -> Level:
    if child is Level.VILLAGE:
        return Level.COMMUNE
    return Level.DISTRICT if Level.DISTRICT.valid_on(day) else Level.PROVINCE


def _in_plan(plan: Plan, day: _dt.date) -> bool:
    first, last = plan.scope.valid_from, plan.scope.valid_to
    return (first is None or first <= day) and (last is None or day <= last)


def _verdict(plan: Plan, level: Level, day: _dt.date, counts: Mapping[str, int]) -> Any:
    if level not in plan.scope.levels or not level.valid_on(day) or not plan.criteria:
        return None
    return expected(plan.criteria_for(level), counts)


def _parent(plan: Plan, rows: list[Row], level: Level, day: _dt.date) -> dict[str, Any]:
    """The expected parent of ``rows``, all children at ``level``."""
    up = _parent_level(level, day)
    children = [r for r in rows if "counts" in r]
    free = 0
    for r in children:
        outcome = _verdict(plan, level, day, r["counts"])
        free += bool(outcome and outcome["drug_free"])
    if len(children) < len(rows):
        return {
            "level": up.value,
            "children": len(rows),
            "drug_free_children": free,
            "complete": False,
            "counts": None,
            "verdict": None,
        }
    sums = {n: sum(r["counts"].get(n, 0) for r in rows) for n in INDICATORS}
    sums = {n: v for n, v in sums.items() if any(n in r["counts"] for r in rows)}
    return {
        "level": up.value,
        "children": len(rows),
        "drug_free_children": free,
        "complete": True,
        "counts": sums,
        "verdict": _verdict(plan, up, day, sums),
    }


def _case(plan: Plan, name: str, day: _dt.date, level: Level, rows: list[Row]) -> dict[str, Any]:
    listed = [
        {"id": r["id"], "parent_id": "P", "level": level.value, **{k: r[k] for k in r if k != "id"}}
        for r in rows
    ]
    return {
        "id": f"{plan.id}:rollup:{name}",
        "kind": "rollup",
        "plan": plan.id,
        "as_of": day.isoformat(),
        "description": f"{len(rows)} {level.value} areas under one parent P: {name}",
        "rows": listed,
        "expected": {"P": _parent(plan, rows, level, day)},
    }


def _variants(b: Builder) -> dict[str, list[dict[str, int]]]:
    clean = b.counts()
    names = set(clean)
    out: dict[str, list[dict[str, int]]] = {"all-clean": [clean, clean, clean]}
    for req in (r for c in b.criteria for r in c.requirements):
        if req.whole is not None and req.indicator in names:
            short = b.counts({req.indicator: clean[req.whole] - 1})
            out[f"one-short-{req.id}"] = [clean, short, clean]
        elif req.kind.value == "none":
            out[f"one-short-{req.id}"] = [clean, b.counts({req.indicator: 1}), clean]
    big = 2**61 + 1
    wholes = {n: big for n in names if INDICATORS[n].whole is None}
    out["sums-above-2-53"] = [b.counts(wholes)] * 3
    return out


def rollup_cases(plan: Plan) -> list[dict[str, Any]]:
    """Roll-up cases for a plan that covers a level and the one above it."""
    out = []
    for level in (Level.VILLAGE, Level.COMMUNE):
        if level not in plan.scope.levels:
            continue
        own = plan.criteria_for(level)
        b = Builder(own, (c for c in plan.criteria if c not in own))
        days = [plan.scope.valid_from or _dt.date(2024, 1, 1)]
        if level is Level.COMMUNE:
            days = [_dt.date(2025, 6, 30), _dt.date(2025, 7, 1)]
        for day in (d for d in days if _in_plan(plan, d)):
            tag = f"{level.value}-{day.isoformat()}"
            for name, counts in _variants(b).items():
                rows: list[Row] = [{"id": f"A{i}", "counts": c} for i, c in enumerate(counts, 1)]
                out.append(_case(plan, f"{tag}-{name}", day, level, rows))
            rows = [{"id": "A1", "counts": b.counts()}, {"id": "A2", "rejected": True}]
            out.append(_case(plan, f"{tag}-rejected-child", day, level, rows))
    return out
