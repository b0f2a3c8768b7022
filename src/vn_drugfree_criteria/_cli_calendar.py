"""``vn-drugfree calendar PLAN [--on DATE]``: phases, deadlines and observances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._calendar import Deadline
from ._cli import add_format, emit_json
from ._dates import parse_iso_date
from ._errors import InputError
from ._ics import calendar_ics
from ._plan import Plan
from ._registry import get_plan


def register(sub: Any) -> None:
    """Add the ``calendar`` subcommand."""
    p = sub.add_parser("calendar", help="a plan's phases, deadlines and observances")
    p.add_argument("plan", metavar="PLAN", help="plan id")
    p.add_argument("--on", metavar="DATE", help="ISO date: its phase and what is due from it")
    add_format(p, ("table", "json", "ics"), "table")
    p.set_defaults(run=run)


def _deadline(d: Deadline) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title_vi,
        "title_en": d.title_en,
        "due_before": d.due_before.isoformat(),
        "last_day": d.last_day.isoformat(),
        "phrase_vi": d.phrase_vi,
        "reports_on_phase": d.reports_on_phase,
        "source": str(d.source) if d.source else None,
    }


def _years(plan: Plan, on: Any) -> tuple[int, ...]:
    if on is not None:
        return (on.year,)
    span = plan.calendar.span
    if span is not None:
        return tuple(range(span[0].year, span[1].year + 1))
    firsts = [o.first_year for o in plan.calendar.observances]
    return (min(firsts),) if firsts else ()


def calendar_json(plan: Plan, on: Any) -> dict[str, Any]:
    """The calendar as the JSON object of the contract (more keys than it requires)."""
    cal = plan.calendar
    data: dict[str, Any] = {
        "plan": plan.id,
        "phases": [
            {
                "number": p.number,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "text_vi": p.text_vi,
                "source": str(p.source) if p.source else None,
            }
            for p in cal.phases
        ],
        "gaps": [{"start": a.isoformat(), "end": b.isoformat()} for a, b in cal.gaps()],
        "deadlines": [_deadline(d) for d in cal.all_deadlines()],
        "undated": [
            {
                "id": u.id,
                "title": u.title_vi,
                "title_en": u.title_en,
                "frequency": u.frequency,
                "period": u.period.isoformat() if u.period else None,
                "source": str(u.source) if u.source else None,
            }
            for u in cal.undated
        ],
        "observances": [
            {
                "id": o.id,
                "title": o.title_vi,
                "title_en": o.title_en,
                "start": o.start.isoformat(),
                "end": o.end.isoformat(),
            }
            for y in _years(plan, on)
            for o in cal.observances_in(y)
        ],
    }
    if on is not None:
        phase = cal.phase_on(on)
        data["on"] = {
            "date": on.isoformat(),
            "phase": phase.number if phase else None,
            "upcoming": [d.id for d in cal.upcoming(on)],
            "overdue": [d.id for d in cal.overdue(on)],
        }
    return data


def run(args: argparse.Namespace) -> int:
    """Print the calendar."""
    plan = get_plan(args.plan)
    on = None
    if args.on is not None:
        try:
            on = parse_iso_date(args.on)
        except ValueError as exc:
            raise InputError(f"--on: {exc}") from None
    if args.format == "ics":
        sys.stdout.buffer.write(calendar_ics(plan, _years(plan, on)))
        sys.stdout.flush()
        return 0
    data = calendar_json(plan, on)
    if args.format == "json":
        emit_json(data)
        return 0
    for p in data["phases"]:
        print(f"phase {p['number']}  {p['start']} .. {p['end']}")
    for g in data["gaps"]:
        print(f"gap      {g['start']} .. {g['end']}")
    for d in data["deadlines"]:
        print(f"due      last day {d['last_day']} (before {d['due_before']})  {d['title_en']}")
    for u in data["undated"]:
        print(f"undated  {u['frequency']:<8} {u['title_en']} (no day given)")
    for o in data["observances"]:
        print(f"observe  {o['start']} .. {o['end']}  {o['title_en']}")
    if "on" in data:
        o = data["on"]
        print(
            f"on {o['date']}: phase {o['phase']}; {len(o['upcoming'])} upcoming, "
            f"{len(o['overdue'])} overdue"
        )
    return 0
