"""``vn-drugfree calendar PLAN [--on DATE]``: phases, deadlines and observances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_lang, add_plan_argument, emit_json
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.export import calendar_to_dict, calendar_years
from vn_drugfree_criteria.io.ics import calendar_ics
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import date_words, parse_iso_date
from vn_drugfree_criteria.vocab.labels import code_word, say, say_count
from vn_drugfree_criteria.vocab.text import printable


def register(sub: Any) -> None:
    """Add the ``calendar`` subcommand."""
    p = sub.add_parser("calendar", help="a plan's phases, deadlines and observances")
    add_plan_argument(p)
    p.add_argument("--on", metavar="DATE", help="ISO date: its phase and what is due from it")
    add_format(p, ("table", "json", "ics"), "table")
    add_lang(p)
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
    data = calendar_to_dict(plan, on, lang=args.lang)
    if args.format == "json":
        emit_json(data)
        return 0
    print("\n".join(table_lines(plan.id, data, args.lang)))
    return 0


def table_lines(plan_id: str, data: dict[str, Any], lang: str) -> list[str]:
    """The text form of :func:`calendar_to_dict`'s data in ``lang``, one line per item.

    Every value from the plan (titles, problem texts) goes through
    :func:`~vn_drugfree_criteria.vocab.text.printable`: a plan file cannot move the cursor.
    """
    title = "title_en" if lang == "en" else "title"
    column = {k: say(f"calendar.col.{k}", lang) for k in ("phase", "gap", "problem", "due")}
    column |= {k: say(f"calendar.col.{k}", lang) for k in ("undated", "observe")}

    def span(start: str, end: str) -> str:
        return say("range", lang, start=date_words(start, lang), end=date_words(end, lang))

    rows: list[tuple[str, str]] = []
    for p in data["phases"]:
        rows.append((f"{column['phase']} {p['number']}", span(p["start"], p["end"])))
    rows += [(column["gap"], span(g["start"], g["end"])) for g in data["gaps"]]
    for problem in data["problems"]:
        if problem["kind"] != "gap":
            rows.append((column["problem"], say("calendar.as_stated", lang, text=problem["text"])))
    for d in data["deadlines"]:
        last, before = (date_words(d[k], lang) for k in ("last_day", "due_before"))
        text = say("calendar.due", lang, last_day=last, due_before=before, title=d[title])
        rows.append((column["due"], text))
    for u in data["undated"]:
        frequency = code_word("frequency", u["frequency"], lang)
        rows.append(
            (column["undated"], say("calendar.undated", lang, frequency=frequency, title=u[title]))
        )
    rows += [
        (column["observe"], f"{span(o['start'], o['end'])}  {o[title]}")
        for o in data["observances"]
    ]
    width = max((len(head) for head, _ in rows), default=0) + 2
    lines = [printable(f"{head:<{width}}{text}") for head, text in rows]
    if not (data["phases"] or data["deadlines"] or data["observances"]):
        lines.append(printable(say("calendar.nothing", lang, plan=plan_id)))
    if "on" in data:
        lines.append(_on_line(data["on"], lang))
    return lines


def _on_line(o: dict[str, Any], lang: str) -> str:
    phase = (
        say("calendar.phase", lang, number=o["phase"])
        if o["phase"] is not None
        else say("calendar.no_phase", lang)
    )
    also = [str(n) for n in o["phases"][1:]]
    overlap = say("calendar.also", lang, numbers=", ".join(also)) if also else ""
    return say(
        "calendar.on",
        lang,
        date=date_words(o["date"], lang),
        phase=phase,
        overlap=overlap,
        upcoming=say_count("count.upcoming", len(o["upcoming"]), lang),
        past=say_count("count.past", len(o["overdue"]), lang),
    )
