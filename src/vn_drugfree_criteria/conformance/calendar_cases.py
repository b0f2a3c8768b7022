"""Calendar cases of the conformance vectors: on a day, which phases hold and what is due.

A deadline "trước ngày D" is met up to the day before D: its last day is D - 1 (1 March 2024 ->
29 February 2024), and on D itself it is overdue. A phase holds from its start to its end,
both inclusive. For every phase edge and every deadline's last day and due day, a case asks for
the phases holding on that day and the deadlines still open and already overdue. Expected
outcomes are computed here from the dates alone.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from vn_drugfree_criteria.model.plan import Plan

__all__ = ["calendar_cases", "calendar_definition"]

_ONE_DAY = _dt.timedelta(days=1)


def calendar_definition(plan: Plan) -> dict[str, Any]:
    """Phases and deadlines (recurring ones expanded) as the vectors carry them."""
    cal = plan.calendar
    return {
        "phases": [
            {"number": p.number, "start": p.start.isoformat(), "end": p.end.isoformat()}
            for p in cal.phases
        ],
        "deadlines": [
            {"id": d.id, "due_before": d.due_before.isoformat()} for d in cal.all_deadlines()
        ],
    }


def _expected(definition: dict[str, Any], day: str) -> dict[str, Any]:
    phases = sorted(p["number"] for p in definition["phases"] if p["start"] <= day <= p["end"])
    open_: list[str] = []
    overdue: list[str] = []
    for d in definition["deadlines"]:
        last = (_dt.date.fromisoformat(d["due_before"]) - _ONE_DAY).isoformat()
        (open_ if day <= last else overdue).append(d["id"])
    return {"phases": phases, "upcoming": sorted(open_), "overdue": sorted(overdue)}


def calendar_cases(plan: Plan) -> list[dict[str, Any]]:
    """The calendar cases of one plan (none when it has no phases or deadlines)."""
    definition = calendar_definition(plan)
    days: dict[str, str] = {}
    for p in definition["phases"]:
        start, end = _dt.date.fromisoformat(p["start"]), _dt.date.fromisoformat(p["end"])
        days[f"phase-{p['number']}-day-before"] = (start - _ONE_DAY).isoformat()
        days[f"phase-{p['number']}-first-day"] = start.isoformat()
        days[f"phase-{p['number']}-last-day"] = end.isoformat()
        days[f"phase-{p['number']}-day-after"] = (end + _ONE_DAY).isoformat()
    for d in definition["deadlines"]:
        due = _dt.date.fromisoformat(d["due_before"])
        days[f"{d['id']}-last-day"] = (due - _ONE_DAY).isoformat()
        days[f"{d['id']}-due-day"] = due.isoformat()
    return [
        {
            "id": f"{plan.id}:calendar:{name}",
            "kind": "calendar",
            "plan": plan.id,
            "as_of": day,
            "description": f"{name.replace('-', ' ')}: phases holding, deadlines open and overdue",
            "expected": _expected(definition, day),
        }
        for name, day in days.items()
    ]
