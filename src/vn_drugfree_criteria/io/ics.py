"""Export a plan's calendar as an iCalendar (RFC 5545) document.

Uses the optional ``icalendar`` package (extra ``ics``), imported only when needed.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from typing import Any

from vn_drugfree_criteria.errors import MissingExtraError
from vn_drugfree_criteria.model.plan import Plan

__all__ = ["calendar_ics"]


def _icalendar() -> Any:
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        raise MissingExtraError("icalendar", "ics", "iCalendar export") from None


def calendar_ics(plan: Plan, years: tuple[int, ...], *, stamp: _dt.datetime | None = None) -> bytes:
    """The plan's phases, dated deadlines and observances (in ``years``) as all-day events.

    A deadline is an event on its last valid day. Undated reports are left out: they have no day.
    Overlapping phases are listed as they are. A phase that ends before it starts (a defect the
    audit reports) is given as a one-day event on its start, its stated end named in the
    description, since an iCalendar event cannot end before it starts.

    Args:
        plan: The plan.
        years: The years whose observances are listed.
        stamp: The ``DTSTAMP`` of every event (default: now, in UTC).

    Raises:
        MissingExtraError: ``icalendar`` is not installed.
    """
    ical = _icalendar()
    now = stamp or _dt.datetime.now(_dt.UTC)
    cal = ical.Calendar()
    cal.add("prodid", "-//vn-drugfree-criteria//calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", ical.vText(plan.document.title_vi))  # TEXT: commas escaped

    def event(uid: str, summary: str, start: _dt.date, end: _dt.date, text: str) -> None:
        ev = ical.Event()
        ev.add("uid", f"{plan.id}-{uid}@vn-drugfree-criteria")
        ev.add("dtstamp", now)
        ev.add("summary", summary)
        ev.add("dtstart", start)
        ev.add("dtend", end + _dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        ev.add("description", text)
        cal.add_component(ev)

    for p in plan.calendar.phases:
        if p.reversed:  # kept as written, but RFC 5545 needs an end after the start
            note = f"{p.text_vi}\n(kết thúc {p.end:%d/%m/%Y} trước khi bắt đầu, theo văn bản)"
            event(f"phase-{p.number}", f"Giai đoạn {p.number}", p.start, p.start, note)
        else:
            event(f"phase-{p.number}", f"Giai đoạn {p.number}", p.start, p.end, p.text_vi)
    for d in plan.calendar.all_deadlines():
        due = f"Hạn cuối (trước ngày {d.due_before:%d/%m/%Y})"
        event(d.id, f"{due}: {d.title_vi}", d.last_day, d.last_day, d.title_en)
    for year in years:
        for o in plan.calendar.observances_in(year):
            event(f"{o.id}-{year}", o.title_vi, o.start, o.end, o.title_en)
    data: bytes = cal.to_ical()
    return data
