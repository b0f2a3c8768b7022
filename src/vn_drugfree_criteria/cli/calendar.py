"""``vn-drugfree calendar PLAN [--on DATE]``: phases, deadlines and observances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_plan_argument, emit_json
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.export import calendar_to_dict, calendar_years
from vn_drugfree_criteria.io.ics import calendar_ics
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import parse_iso_date


def register(sub: Any) -> None:
    """Add the ``calendar`` subcommand."""
    p = sub.add_parser("calendar", help="a plan's phases, deadlines and observances")
    add_plan_argument(p)
    p.add_argument("--on", metavar="DATE", help="ISO date: its phase and what is due from it")
    add_format(p, ("table", "json", "ics"), "table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the calendar."""
    plan: Plan = args.plan
    on = None
    if args.on is not None:
        try:
            on = parse_iso_date(args.on)
        except ValueError as exc:
            raise InputError(f"--on: {exc}") from None
    if args.format == "ics":
        sys.stdout.buffer.write(calendar_ics(plan, calendar_years(plan, on)))
        sys.stdout.flush()
        return 0
    data = calendar_to_dict(plan, on)
    if args.format == "json":
        emit_json(data)
        return 0
    print_table(plan, data)
    return 0


def print_table(plan: Plan, data: dict[str, Any]) -> None:
    """The text form of :meth:`Calendar.to_dict`'s data, one line per item."""
    for p in data["phases"]:
        print(f"phase {p['number']}  {p['start']} .. {p['end']}")
    for g in data["gaps"]:
        print(f"gap      {g['start']} .. {g['end']}")
    for problem in data["problems"]:
        if problem["kind"] != "gap":
            print(f"problem  {problem['text']} (as the document states it)")
    for d in data["deadlines"]:
        print(f"due      last day {d['last_day']} (before {d['due_before']})  {d['title_en']}")
    for u in data["undated"]:
        print(f"undated  {u['frequency']:<8} {u['title_en']} (no day given)")
    for o in data["observances"]:
        print(f"observe  {o['start']} .. {o['end']}  {o['title_en']}")
    if not (data["phases"] or data["deadlines"] or data["observances"]):
        print(f"{plan.id}: the plan gives no dated item (no phase, deadline or observance)")
    if "on" in data:
        o = data["on"]
        also = [str(n) for n in o["phases"][1:]]
        overlap = f" (also in phase {', '.join(also)})" if also else ""
        print(
            f"on {o['date']}: phase {o['phase']}{overlap}; {len(o['upcoming'])} upcoming, "
            f"{len(o['overdue'])} past their last day"
        )
