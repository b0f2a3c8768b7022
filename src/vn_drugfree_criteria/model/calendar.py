"""A plan's calendar: phases, deadlines, periods and observances, and the questions asked of it.

Phases have inclusive start and end dates. The dated items (deadlines, recurring deadlines,
assessment periods, undated reports, observances) are defined in
:mod:`~vn_drugfree_criteria.model.dated`; they are re-exported here.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.dated import (
    AssessmentPeriod,
    Deadline,
    Observance,
    Occurrence,
    RecurringDeadline,
    UndatedReport,
)
from vn_drugfree_criteria.model.phases import Phase, PhaseProblem, phase_problems, uncovered_runs

__all__ = [
    "AssessmentPeriod",
    "Calendar",
    "Deadline",
    "Observance",
    "Occurrence",
    "Phase",
    "PhaseProblem",
    "RecurringDeadline",
    "UndatedReport",
]


@attrs.frozen
class Calendar(Displayable):
    """A plan's phases, deadlines and observances.

    Phases are kept as the document states them, in its order: they may be out of date order,
    skip numbers, overlap, leave gaps or end before they start. :meth:`problems` lists every
    such defect and the audit reports it; the queries below stay well defined on a defective
    calendar. Only a phase number used twice is refused, since a number identifies its phase.

    Raises:
        ValueError: Two phases have the same number.
    """

    phases: tuple[Phase, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    recurring: tuple[RecurringDeadline, ...] = ()
    undated: tuple[UndatedReport, ...] = ()
    observances: tuple[Observance, ...] = ()
    periods: tuple[AssessmentPeriod, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<Calendar: {len(self.phases)} phases, {len(self.deadlines)} deadlines,"
            f" {len(self.recurring)} recurring, {len(self.undated)} undated,"
            f" {len(self.observances)} observances>"
        )

    def __attrs_post_init__(self) -> None:
        seen: set[int] = set()
        for p in self.phases:
            if p.number in seen:
                raise ValueError(f"phase {p.number} is given twice")
            seen.add(p.number)

    @property
    def span(self) -> tuple[_dt.date, _dt.date] | None:
        """The earliest and the latest day any phase names, or ``None`` without phases.

        On an ordered calendar this is the first phase's start and the last phase's end; on a
        defective one it still covers every date written in the phases.
        """
        if not self.phases:
            return None
        days = [d for p in self.phases for d in (p.start, p.end)]
        return (min(days), max(days))

    def problems(self) -> tuple[PhaseProblem, ...]:
        """The structural problems of the phases: reversed, numbering, order, overlap, gap.

        Empty for a calendar whose phases are numbered in order, follow each other in time
        and cover their span. See :func:`~vn_drugfree_criteria.model.phases.phase_problems`.
        """
        return phase_problems(self.phases)

    def gaps(self) -> tuple[tuple[_dt.date, _dt.date], ...]:
        """Runs of days (inclusive) within the phases' span that no phase covers, by date.

        On an ordered calendar these are the days between consecutive phases; phases that
        end before they start cover no day.
        """
        return tuple(g.days for g in uncovered_runs(self.phases) if g.days is not None)

    def phase(self, number: int) -> Phase:
        """The phase with this number.

        Raises:
            KeyError: No such phase.
        """
        for p in self.phases:
            if p.number == number:
                return p
        raise KeyError(f"no phase {number}")

    def phases_on(self, day: _dt.date) -> tuple[Phase, ...]:
        """Every phase ``day`` falls in, lowest number first.

        Empty before, after or in a gap; more than one where the document's phases overlap.
        """
        return tuple(sorted((p for p in self.phases if p.contains(day)), key=lambda p: p.number))

    def phase_on(self, day: _dt.date) -> Phase | None:
        """The phase ``day`` falls in, or ``None`` (before, after, or in a gap).

        Where phases overlap (a defect the audit reports as ``PHASE_OVERLAP``), the
        lowest-numbered phase containing ``day`` is returned, whatever the document's order;
        :meth:`phases_on` gives them all. A phase that ends before it starts contains no day.
        """
        found = self.phases_on(day)
        return found[0] if found else None

    def all_deadlines(self, through_year: int | None = None) -> tuple[Deadline, ...]:
        """One-off and expanded recurring deadlines, by last day then id.

        Args:
            through_year: The last year to expand recurring deadlines to; open-ended ones
                ("hằng năm", no last year) are listed through their first year without it.
        """
        every = list(self.deadlines)
        for r in self.recurring:
            every.extend(r.occurrences(through_year))
        return tuple(sorted(every, key=lambda d: (d.last_day, d.id)))

    def upcoming(self, day: _dt.date) -> tuple[Deadline, ...]:
        """Deadlines still open on ``day`` (their last day is ``day`` or later).

        Open-ended recurring deadlines are listed through the year after ``day``.
        """
        through = day.year + 1 if any(r.last_year is None for r in self.recurring) else None
        return tuple(d for d in self.all_deadlines(through) if d.last_day >= day)

    def overdue(self, day: _dt.date) -> tuple[Deadline, ...]:
        """Deadlines whose last day has passed on ``day``."""
        return tuple(d for d in self.all_deadlines(day.year) if d.last_day < day)

    def periods_on(self, day: _dt.date) -> tuple[tuple[AssessmentPeriod, int], ...]:
        """Each assessment period containing ``day``, with the name (end year) it has then."""
        found = ((p, p.name_on(day)) for p in self.periods)
        return tuple((p, name) for p, name in found if name is not None)

    def observances_in(self, year: int) -> tuple[Occurrence, ...]:
        """The observances of ``year`` (none before their first year)."""
        return tuple(o.in_year(year) for o in self.observances if o.observed_in(year))

    def early_reports(self) -> tuple[Deadline, ...]:
        """Phase reports whose last day falls before the end of the phase they report on."""
        out = []
        for d in self.deadlines:
            if d.reports_on_phase is None:
                continue
            if d.last_day < self.phase(d.reports_on_phase).end:
                out.append(d)
        return tuple(out)

    def years(self, on: _dt.date | None = None) -> tuple[int, ...]:
        """The years a listing covers: that of ``on``, the phases' span, or the first year."""
        if on is not None:
            return (on.year,)
        if self.span is not None:
            return tuple(range(self.span[0].year, self.span[1].year + 1))
        firsts = [o.first_year for o in self.observances]
        return (min(firsts),) if firsts else ()

    def to_dict(self, on: _dt.date | None = None, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data in the shape of the ``calendar`` schema, without its ``plan`` member.

        Args:
            on: When given, the phase of that date (``on.phase``: the lowest-numbered phase
                containing it; ``on.phases``: all of them) and what is upcoming or overdue.
            lang: The language of each problem's ``text`` (``vi``, the default, or ``en``).

        ``deadlines`` has one-off and expanded recurring deadlines (``recurring``: the yearly
        rules); ``observances`` those of :meth:`years`; ``problems`` those of :meth:`problems`.
        """
        data: dict[str, Any] = {
            "phases": [p.to_dict() for p in self.phases],
            "gaps": [{"start": a.isoformat(), "end": b.isoformat()} for a, b in self.gaps()],
            "problems": [problem.to_dict(lang=lang) for problem in self.problems()],
            "deadlines": [d.to_dict() for d in self.all_deadlines()],
            "recurring": [r.to_dict() for r in self.recurring],
            "undated": [u.to_dict() for u in self.undated],
            "observances": [o.to_dict() for y in self.years(on) for o in self.observances_in(y)],
            "periods": [p.to_dict(on) for p in self.periods],
        }
        if on is not None:
            phase = self.phase_on(on)
            data["on"] = {
                "date": on.isoformat(),
                "phase": phase.number if phase else None,
                "phases": [p.number for p in self.phases_on(on)],
                "upcoming": [d.id for d in self.upcoming(on)],
                "overdue": [d.id for d in self.overdue(on)],
            }
        return data
