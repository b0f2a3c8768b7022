"""The dated items of a calendar: deadlines, recurring ones, periods, reports, observances.

A deadline "trước ngày D" (before D) has D as ``due_before`` and D - 1 as its ``last_day``.
Recurring deadlines ("báo cáo 6 tháng gửi trước 10/6", each year of the plan) are expanded with
:mod:`dateutil.rrule`. A report whose day the document does not give keeps it unknown: it is
listed as undated, never given a made-up day. :class:`~vn_drugfree_criteria.Calendar` holds them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs
from dateutil.rrule import YEARLY, rrule

from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.comparisons import last_valid_day
from vn_drugfree_criteria.vocab.dates import PartialDate, iso

__all__ = [
    "AssessmentPeriod",
    "Deadline",
    "Observance",
    "Occurrence",
    "RecurringDeadline",
    "UndatedReport",
    "where",
]


@attrs.frozen
class Deadline:
    """A one-off deadline.

    Attributes:
        id: ASCII-safe id (``report-phase-2``; ``report-6-months-2024`` for an expanded one).
        title_vi: What is due, in the document's words.
        title_en: English.
        due_before: D of "trước ngày D".
        phrase_vi: The comparison words (``trước ngày``).
        reports_on_phase: The phase the report covers, when it covers one.
        source: Where.
    """

    id: str
    title_vi: str
    title_en: str
    due_before: _dt.date
    phrase_vi: str
    source: SourceRef | None
    reports_on_phase: int | None = None

    @property
    def last_day(self) -> _dt.date:
        """The last day that meets the deadline: the day before ``due_before``."""
        return last_valid_day(self.due_before)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``title`` is the Vietnamese title; ``last_day`` is derived."""
        return {
            "id": self.id,
            "title": self.title_vi,
            "title_en": self.title_en,
            "due_before": self.due_before.isoformat(),
            "last_day": self.last_day.isoformat(),
            "phrase_vi": self.phrase_vi,
            "reports_on_phase": self.reports_on_phase,
            "source": where(self.source),
        }


@attrs.frozen
class RecurringDeadline:
    """A deadline that recurs each year of the plan ("gửi trước 10/6").

    Attributes:
        id: ASCII-safe id prefix; each occurrence is ``<id>-<year>``.
        title_vi: Document's words.
        title_en: English.
        month: Month of D.
        day: Day of D.
        first_year: First year it applies.
        last_year: Last year it applies; ``None`` when the document sets no end ("hằng năm").
        phrase_vi: The comparison words.
        source: Where.
    """

    id: str
    title_vi: str
    title_en: str
    month: int
    day: int
    first_year: int
    last_year: int | None
    phrase_vi: str
    source: SourceRef | None

    def __attrs_post_init__(self) -> None:
        _dt.date(2024, self.month, self.day)  # raises on an impossible day (29/2 is allowed)
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"{self.id}: last_year is before first_year")

    def occurrences(self, through_year: int | None = None) -> tuple[Deadline, ...]:
        """One :class:`Deadline` per year, computed with :mod:`dateutil.rrule`.

        Args:
            through_year: The last year to list. An open-ended deadline (no ``last_year``) is
                listed through this year, or through its first year when it is not given; a
                bounded one never beyond its ``last_year``.
        """
        last = self.last_year if self.last_year is not None else (through_year or self.first_year)
        if through_year is not None:
            last = min(last, through_year)
        start = _dt.datetime(self.first_year, 1, 1)
        until = _dt.datetime(max(last, self.first_year - 1), 12, 31)
        rule = rrule(YEARLY, dtstart=start, until=until, bymonth=self.month, bymonthday=self.day)
        return tuple(
            Deadline(
                id=f"{self.id}-{d.year}",
                title_vi=self.title_vi,
                title_en=f"{self.title_en} ({d.year})",
                due_before=d.date(),
                phrase_vi=self.phrase_vi,
                source=self.source,
            )
            for d in rule
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the yearly day ``month``/``day`` of D and the years it recurs."""
        return {
            "id": self.id,
            "title": self.title_vi,
            "title_en": self.title_en,
            "month": self.month,
            "day": self.day,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "phrase_vi": self.phrase_vi,
            "source": where(self.source),
        }


@attrs.frozen
class AssessmentPeriod:
    """A yearly period that may straddle two calendar years, named by the year it ends in.

    Decision 28/2025/QĐ-TTg (Điều 7.1): "từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12
    năm sau". The period named 2026 runs from 15/12/2025 to 14/12/2026.

    Attributes:
        id: ASCII-safe id.
        title_vi: The document's words.
        title_en: English.
        start_month: Month of the first day.
        start_day: Day of the first day.
        end_month: Month of the last day.
        end_day: Day of the last day.
        first_year: Name (end year) of the first period.
        last_year: Name of the last period; ``None`` when the document sets no end.
        text_vi: The clause, verbatim.
        source: Where.

    >>> p = AssessmentPeriod("k", "Kỳ", "Period", 12, 15, 12, 14, 2025, None, "", None)
    >>> p.period(2026)
    (datetime.date(2025, 12, 15), datetime.date(2026, 12, 14))
    >>> p.name_on(_dt.date(2026, 12, 15))
    2027
    """

    id: str
    title_vi: str
    title_en: str
    start_month: int
    start_day: int
    end_month: int
    end_day: int
    first_year: int
    last_year: int | None
    text_vi: str
    source: SourceRef | None

    def __attrs_post_init__(self) -> None:
        _dt.date(2023, self.start_month, self.start_day)  # a non-leap year: no 29/2
        _dt.date(2023, self.end_month, self.end_day)
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"{self.id}: last_year is before first_year")

    def to_dict(self, on: _dt.date | None = None) -> dict[str, Any]:
        """JSON-ready data; with ``on``, the name and days of the period containing it."""
        name = None if on is None else self.name_on(on)
        days = None if name is None else self.period(name)
        return {
            "id": self.id,
            "title_vi": self.title_vi,
            "title_en": self.title_en,
            "start_month": self.start_month,
            "start_day": self.start_day,
            "end_month": self.end_month,
            "end_day": self.end_day,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "text_vi": self.text_vi,
            "source": self.source.to_dict() if self.source else None,
            "on": None
            if days is None
            else {"name": name, "start": days[0].isoformat(), "end": days[1].isoformat()},
        }

    @property
    def _straddles(self) -> bool:
        return (self.start_month, self.start_day) > (self.end_month, self.end_day)

    def period(self, name: int) -> tuple[_dt.date, _dt.date]:
        """First and last day (inclusive) of the period named ``name``."""
        start_year = name - 1 if self._straddles else name
        return (
            _dt.date(start_year, self.start_month, self.start_day),
            _dt.date(name, self.end_month, self.end_day),
        )

    def name_on(self, day: _dt.date) -> int | None:
        """The name of the period ``day`` falls in, or ``None`` outside the periods' run."""
        name = day.year
        if self._straddles and (day.month, day.day) > (self.end_month, self.end_day):
            name += 1
        if name < self.first_year or (self.last_year is not None and name > self.last_year):
            return None
        start, end = self.period(name)
        return name if start <= day <= end else None


@attrs.frozen
class UndatedReport:
    """A report the document asks for without giving its day; the day stays unknown.

    Attributes:
        id: ASCII-safe id.
        title_vi: Document's words.
        title_en: English.
        frequency: ``6 months``, ``yearly`` or ``once``.
        period: The period it covers, at the precision stated (``2023`` for the mid-term review).
        source: Where.
    """

    id: str
    title_vi: str
    title_en: str
    frequency: str
    period: PartialDate | None
    source: SourceRef | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; ``period`` is ISO at the precision stated, or ``None``."""
        return {
            "id": self.id,
            "title": self.title_vi,
            "title_en": self.title_en,
            "frequency": self.frequency,
            "period": iso(self.period),
            "source": where(self.source),
        }


@attrs.frozen
class Occurrence:
    """One dated occurrence of an observance."""

    id: str
    title_vi: str
    title_en: str
    start: _dt.date
    end: _dt.date

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: first and last day, inclusive."""
        return {
            "id": self.id,
            "title": self.title_vi,
            "title_en": self.title_en,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@attrs.frozen
class Observance:
    """A yearly observance: a whole month (the June action month) or one day (26 June).

    Attributes:
        id: ASCII-safe id.
        title_vi: Document's words.
        title_en: English.
        month: The month.
        day: The day, or ``None`` for the whole month.
        first_year: First year it is observed under this plan.
        source: Where.
        last_year: Last year it is observed under this plan; ``None`` when the plan sets it
            for every year (a plan for one year's observance gives that year).
    """

    id: str
    title_vi: str
    title_en: str
    month: int
    day: int | None
    first_year: int
    source: SourceRef | None
    last_year: int | None = None

    def __attrs_post_init__(self) -> None:
        _dt.date(2024, self.month, self.day or 1)
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"{self.id}: last_year is before first_year")

    def observed_in(self, year: int) -> bool:
        """Whether the plan sets the observance in ``year``."""
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def in_year(self, year: int) -> Occurrence:
        """The observance in ``year`` (start and end inclusive)."""
        if self.day is not None:
            start = end = _dt.date(year, self.month, self.day)
        else:
            start = _dt.date(year, self.month, 1)
            nxt = _dt.date(year + self.month // 12, self.month % 12 + 1, 1)
            end = nxt - _dt.timedelta(days=1)
        return Occurrence(self.id, self.title_vi, f"{self.title_en} {year}", start, end)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the yearly ``month`` and ``day`` (``None`` for the whole month)."""
        return {
            "id": self.id,
            "title": self.title_vi,
            "title_en": self.title_en,
            "month": self.month,
            "day": self.day,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "source": where(self.source),
        }


def where(source: SourceRef | None) -> str | None:
    """A source pointer as the one line the calendar's JSON form gives."""
    return str(source) if source else None
