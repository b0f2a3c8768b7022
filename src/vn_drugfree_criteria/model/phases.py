"""Phases as a document states them, and the structural problems of a list of phases.

A plan encodes its phases exactly as its document gives them, in the document's order: a
phase may end before it starts, phases may be listed out of date order, skip or go back in
their numbering, overlap, or leave days between them. Nothing here refuses such a calendar;
:func:`phase_problems` lists what is wrong with it, and the audit reports it.

>>> import datetime as dt
>>> a = Phase(1, dt.date(2024, 1, 1), dt.date(2024, 3, 31), "Giai đoạn 1", None)
>>> b = Phase(2, dt.date(2024, 3, 15), dt.date(2024, 6, 30), "Giai đoạn 2", None)
>>> [p.describe("en") for p in phase_problems((a, b))]
['phases 1 and 2 overlap on 2024-03-15 … 2024-03-31']
>>> [p.describe("vi") for p in phase_problems((a, b))]
['giai đoạn 1 và 2 trùng nhau từ 15/03/2024 đến 31/03/2024']
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Sequence
from typing import Any

import attrs

from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.labels import say

__all__ = ["Phase", "PhaseProblem", "ProblemKind", "phase_problems", "uncovered_runs"]

_DAY = _dt.timedelta(days=1)


@attrs.frozen
class Phase:
    """A phase (giai đoạn) with inclusive dates, as the document states it.

    The dates are kept even when the phase ends before it starts (a defect of the source,
    reported by :meth:`Calendar.problems` and the audit); such a phase contains no day.

    Attributes:
        number: The document's phase number.
        start: First day.
        end: Last day (inclusive).
        text_vi: The words that state it.
        source: Where.
    """

    number: int
    start: _dt.date
    end: _dt.date
    text_vi: str
    source: SourceRef | None

    @property
    def reversed(self) -> bool:
        """Whether the phase ends before it starts, as written."""
        return self.end < self.start

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: number, first and last day, the words and the source line."""
        return {
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "text_vi": self.text_vi,
            "source": str(self.source) if self.source else None,
        }

    def contains(self, day: _dt.date) -> bool:
        """Whether ``day`` falls in the phase (both ends included); never for a reversed phase."""
        return self.start <= day <= self.end


class ProblemKind(enum.Enum):
    """The kinds of structural problem a list of phases can have."""

    REVERSED = "reversed"
    """A phase ends before it starts."""
    NUMBERING = "numbering"
    """A phase's number is not one more than that of the phase listed before it."""
    ORDER = "order"
    """A phase starts before the phase listed before it starts."""
    OVERLAP = "overlap"
    """Two phases share at least one day."""
    GAP = "gap"
    """Days between the first and last day of the phases belong to no phase."""


@attrs.frozen
class PhaseProblem:
    """One structural problem of a calendar's phases.

    Attributes:
        kind: What is wrong.
        phases: The phase numbers involved, in document order for ``reversed``, ``numbering``
            and ``order`` (the earlier-listed phase first), lowest number first for ``overlap``,
            and (phase before, phase after) for ``gap``.
        days: For ``overlap`` and ``gap``, the run of days (inclusive) shared or uncovered;
            otherwise ``None``.
    """

    kind: ProblemKind
    phases: tuple[int, ...]
    days: tuple[_dt.date, _dt.date] | None = None

    def describe(self, lang: str = "vi") -> str:
        """The problem in one line of ``lang`` (``en`` or ``vi``; dates as :func:`date_words`)."""
        a = self.phases[0]
        b = self.phases[-1]
        first, last = (date_words(d, lang) for d in self.days) if self.days else ("", "")
        return say(f"problem.{self.kind.value}", lang, a=a, b=b, first=first, last=last)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data: ``kind``, ``phases``, ``start``/``end`` of any ``days``, ``text``.

        ``text`` is :meth:`describe` in ``lang``; every other member is the same in both.
        """
        data: dict[str, Any] = {"kind": self.kind.value, "phases": list(self.phases)}
        if self.days is not None:
            data["start"] = self.days[0].isoformat()
            data["end"] = self.days[1].isoformat()
        data["text"] = self.describe(lang)
        return data


def uncovered_runs(phases: Sequence[Phase]) -> tuple[PhaseProblem, ...]:
    """Runs of days between the earliest and latest day of the phases that no phase contains.

    Reversed phases contain no day and are left out. Each run names the phase whose end comes
    just before it and the phase that starts just after it (the lowest number on a tie).
    """
    ordered = sorted((p for p in phases if not p.reversed), key=lambda p: (p.start, p.number))
    out: list[PhaseProblem] = []
    if not ordered:
        return ()
    last = ordered[0]
    for p in ordered[1:]:
        if p.start - last.end > _DAY:
            run = (last.end + _DAY, p.start - _DAY)
            out.append(PhaseProblem(ProblemKind.GAP, (last.number, p.number), run))
        if p.end > last.end:
            last = p
    return tuple(out)


def phase_problems(phases: Sequence[Phase]) -> tuple[PhaseProblem, ...]:
    """Every structural problem of ``phases`` (in document order).

    Listed by kind (reversed, numbering, order, overlap, gap), each kind in document order.
    An empty tuple means the phases are numbered 1, 2, … in order (from any first number),
    follow each other in time, and cover every day from the first to the last.
    """
    out = [PhaseProblem(ProblemKind.REVERSED, (p.number,)) for p in phases if p.reversed]
    pairs = list(itertools.pairwise(phases))
    out += [
        PhaseProblem(ProblemKind.NUMBERING, (a.number, b.number))
        for a, b in pairs
        if b.number != a.number + 1
    ]
    out += [
        PhaseProblem(ProblemKind.ORDER, (a.number, b.number)) for a, b in pairs if b.start < a.start
    ]
    for a, b in itertools.combinations(phases, 2):
        first, last = max(a.start, b.start), min(a.end, b.end)
        if a.reversed or b.reversed or first > last:
            continue
        pair = (a.number, b.number) if a.number < b.number else (b.number, a.number)
        out.append(PhaseProblem(ProblemKind.OVERLAP, pair, (first, last)))
    out += uncovered_runs(phases)
    return tuple(out)
