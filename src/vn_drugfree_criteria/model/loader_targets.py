"""Strict reading of the ``targets``, ``phases``, deadline and ``observances`` sections of a plan.

Used by :mod:`~vn_drugfree_criteria.model.loader`; every problem is a
:class:`~vn_drugfree_criteria.DataFileError` naming the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.model.calendar import (
    AssessmentPeriod,
    Calendar,
    Deadline,
    Observance,
    Phase,
    RecurringDeadline,
    UndatedReport,
)
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.model.targets import Reading, Target, TargetKind, When
from vn_drugfree_criteria.vocab.comparisons import ComparisonKind, Phrase, read_comparison
from vn_drugfree_criteria.vocab.dates import PartialDate
from vn_drugfree_criteria.vocab.figures import FIGURES
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["read_calendar", "read_targets"]

RefReader = Callable[[TomlTable], SourceRef | None]

_NUMERIC = frozenset(
    {
        ComparisonKind.GREATER,
        ComparisonKind.AT_LEAST,
        ComparisonKind.LESS,
        ComparisonKind.AT_MOST,
    }
)
_CHANGE_READINGS = {
    TargetKind.CHANGE: frozenset(
        {
            Reading.PREVIOUS_YEAR,
            Reading.NEW_OVER_PREVIOUS,
            Reading.COMPOUND_FROM_BASE,
            Reading.LINEAR_FROM_BASE,
        }
    ),
    TargetKind.REDUCTION: frozenset(
        {
            Reading.PREVIOUS_YEAR,
            Reading.COMPOUND_FROM_BASE,
            Reading.LINEAR_FROM_BASE,
            Reading.SHARE_TAKEN_OFF,
        }
    ),
    TargetKind.SHARE: frozenset({Reading.SHARE, Reading.STATED_COUNT}),
}
# Keys each kind needs (beyond the common ones) and the comparison kinds it accepts.
_NEEDS: dict[TargetKind, tuple[frozenset[str], frozenset[ComparisonKind] | None]] = {
    TargetKind.QUALITATIVE: (frozenset(), None),
    TargetKind.SHARE: (frozenset({"figure", "share"}), _NUMERIC),
    TargetKind.COUNT: (frozenset({"figure", "count"}), _NUMERIC),
    TargetKind.ZERO: (frozenset({"figure"}), frozenset({ComparisonKind.ZERO})),
    TargetKind.ALL: (frozenset({"figure"}), frozenset({ComparisonKind.ALL})),
    TargetKind.EACH: (frozenset({"figure", "whole", "count"}), frozenset({ComparisonKind.ALL})),
    TargetKind.CHANGE: (frozenset({"figure", "share", "readings"}), _NUMERIC),
    TargetKind.REDUCTION: (frozenset({"figure", "share", "readings"}), _NUMERIC),
    TargetKind.LIFETIME: (
        frozenset({"figure", "months"}),
        frozenset({ComparisonKind.LONGER_THAN_MONTHS}),
    ),
    TargetKind.BASELINE: (frozenset({"figure", "count"}), None),
}
_OPTIONAL: tuple[str, ...] = (
    "figure",
    "whole",
    "whole_stated",
    "share",
    "count",
    "stated_count",
    "months",
    "new_figure",
    "removed_figure",
    "readings",
    "reading_note",
)


def _figure(t: TomlTable, key: str) -> str | None:
    name = t.opt_text(key)
    if name is not None and name not in FIGURES:
        raise t.error(key, f"unknown programme figure {name!r}")
    return name


def _phrase(t: TomlTable, key: str) -> Phrase:
    text = t.text(key)
    try:
        return read_comparison(text)
    except ValueError as exc:
        raise t.error(key, str(exc)) from None


def _readings(t: TomlTable) -> tuple[Reading, ...]:
    out = []
    for name in t.text_list("readings"):
        try:
            out.append(Reading(name))
        except ValueError:
            raise t.error(
                "readings", f"unknown reading {name!r}; use one of {[r.value for r in Reading]}"
            ) from None
    if len(set(out)) != len(out):
        raise t.error("readings", "a reading is listed twice")
    return tuple(out)


# Long: a target's fields depend on its kind; they are read kind by kind, in the order of
# the data format, so that each field's checks stand beside its key.
def _target(t: TomlTable, ref: RefReader, phases: frozenset[int]) -> Target:
    kind_name = t.text("kind")
    try:
        kind = TargetKind(kind_name)
    except ValueError:
        raise t.error(
            "kind", f"unknown target kind {kind_name!r}; use one of {[k.value for k in TargetKind]}"
        ) from None
    needs, comparisons = _NEEDS[kind]
    for key in sorted(needs):
        if not t.has(key):
            raise t.error(key, f"a {kind.value!r} target needs it")
    if kind is TargetKind.QUALITATIVE:
        for key in (*_OPTIONAL, "comparison"):
            if t.has(key):
                raise t.error(key, "a qualitative target has no figures")
    try:
        when = When.parse(t.text("when"))
    except ValueError as exc:
        raise t.error("when", str(exc)) from None
    if when.year is not None:
        t.check_year("when", when.year)
    if when.phase is not None and when.phase not in phases:
        raise t.error("when", f"the plan has no phase {when.phase}")
    comparison = _phrase(t, "comparison") if comparisons is not None else None
    if comparison is None and t.has("comparison"):
        raise t.error("comparison", f"a {kind.value!r} target takes no comparison")
    if comparison is not None and comparisons is not None and comparison.kind not in comparisons:
        raise t.error(
            "comparison",
            f"{comparison.phrase_vi!r} reads as {comparison.kind.value!r}, "
            f"which a {kind.value!r} target cannot use",
        )
    figure, whole = _figure(t, "figure"), _figure(t, "whole")
    whole_stated = t.opt_integer("whole_stated", minimum=1)
    if whole is not None and whole_stated is not None:
        raise t.error("whole_stated", "give either a whole figure or a stated whole, not both")
    if kind in (TargetKind.SHARE, TargetKind.ALL, TargetKind.BASELINE) and (
        whole is None and whole_stated is None
    ):
        raise t.error("whole", f"a {kind.value!r} target needs a whole or a whole_stated")
    if whole is not None and figure is not None and FIGURES[figure].whole != whole:
        raise t.error("whole", f"{figure!r} is not a part of {whole!r}")
    share = t.fraction("share") if t.has("share") else None
    if share is not None and kind is TargetKind.SHARE and share > 1:
        raise t.error("share", "a share cannot exceed 100%")
    months = t.opt_integer("months", minimum=1)
    if months is not None and comparison is not None:
        stated = re.search(r"(\d+) tháng", comparison.phrase_vi)
        if stated is None or int(stated.group(1)) != months:
            raise t.error("months", f"does not match the phrase {comparison.phrase_vi!r}")
    readings = _readings(t)
    allowed = _CHANGE_READINGS.get(kind, frozenset())
    if readings and not set(readings) <= allowed:
        raise t.error("readings", f"a {kind.value!r} target cannot be read that way")
    stated_count = t.opt_integer("stated_count", minimum=0)
    if kind is TargetKind.SHARE and (stated_count is None) != (not readings):
        raise t.error("readings", "a share with a stated count lists both readings, and only then")
    new_figure, removed = _figure(t, "new_figure"), _figure(t, "removed_figure")
    if (Reading.NEW_OVER_PREVIOUS in readings) != (new_figure is not None):
        raise t.error("new_figure", "needed with the 'new-over-previous' reading, and only then")
    if (Reading.SHARE_TAKEN_OFF in readings) != (removed is not None):
        raise t.error("removed_figure", "needed with the 'share-taken-off' reading, and only then")
    reading_note = t.opt_text("reading_note")
    if readings and reading_note is None:
        raise t.error("reading_note", "say why the first reading is the most plausible one")
    target = Target(
        id=t.text("id"),
        label=t.text("label"),
        kind=kind,
        text_vi=t.text("text_vi"),
        text_en=t.text("text_en"),
        source=ref(t),
        when=when,
        comparison=comparison,
        figure=figure,
        whole=whole,
        whole_stated=whole_stated,
        share=share,
        count=t.opt_integer("count", minimum=0),
        stated_count=stated_count,
        months=months,
        new_figure=new_figure,
        removed_figure=removed,
        readings=readings,
        reading_note=reading_note,
        note=t.opt_text("note"),
        doubt=t.opt_text("doubt"),
        doubt_vi=t.opt_text("doubt_vi"),
    )
    if (target.doubt is None) != (target.doubt_vi is None):
        raise t.error("doubt_vi", "a doubt is stated in both languages: doubt and doubt_vi")
    t.finish()
    return target


def read_targets(top: TomlTable, ref: RefReader, phases: frozenset[int]) -> tuple[Target, ...]:
    """Read the ``[[targets]]`` array; ids must be unique and ASCII-safe."""
    out: list[Target] = []
    for t in top.tables("targets"):
        try:
            target = _target(t, ref, phases)
        except DataFileError:
            raise
        except ValueError as exc:  # an attrs validator (the id)
            raise t.error("id", str(exc)) from None
        if any(o.id == target.id for o in out):
            raise t.error("id", f"target id {target.id!r} is used twice")
        out.append(target)
    return tuple(out)


def _before(t: TomlTable) -> str:
    phrase = _phrase(t, "phrase_vi")
    if phrase.kind is not ComparisonKind.BEFORE_DATE:
        raise t.error("phrase_vi", f"{phrase.phrase_vi!r} is not a 'trước ngày' deadline")
    return phrase.phrase_vi


def _month_day(t: TomlTable, key: str) -> int:
    value = t.integer(key, minimum=1)
    if value > (12 if key.endswith("month") else 31):
        raise t.error(key, f"out of range: {value}")
    return value


# Long: reads the calendar's tables (phases, deadlines, observances) in the order of the
# data format, each with its checks beside its keys.
def read_calendar(top: TomlTable, ref: RefReader) -> Calendar:
    """Read phases, deadlines, recurring deadlines, undated reports and observances."""
    phases: list[Phase] = []
    for t in top.tables("phases"):
        # Kept as the document states them, even out of order, overlapping or reversed: the
        # audit reports such defects. Only a number used twice is refused (it identifies a phase).
        number = t.integer("number", minimum=1)
        if any(p.number == number for p in phases):
            raise t.error("number", f"phase {number} is given twice")
        phases.append(Phase(number, t.date("start"), t.date("end"), t.text("text_vi"), ref(t)))
        t.finish()
    numbers = frozenset(p.number for p in phases)
    deadlines = []
    for t in top.tables("deadlines"):
        phase = t.opt_integer("reports_on_phase", minimum=1)
        if phase is not None and phase not in numbers:
            raise t.error("reports_on_phase", f"the plan has no phase {phase}")
        deadlines.append(
            Deadline(
                t.text("id"),
                t.text("title_vi"),
                t.text("title_en"),
                t.date("due_before"),
                _before(t),
                ref(t),
                phase,
            )
        )
        t.finish()
    recurring = []
    for t in top.tables("recurring_deadlines"):
        try:
            recurring.append(
                RecurringDeadline(
                    t.text("id"),
                    t.text("title_vi"),
                    t.text("title_en"),
                    _month_day(t, "month"),
                    _month_day(t, "day"),
                    t.year("first_year"),
                    t.opt_year("last_year"),
                    _before(t),
                    ref(t),
                )
            )
        except ValueError as exc:
            raise t.error("day", str(exc)) from None
        t.finish()
    periods = _periods(top, ref)
    undated = []
    for t in top.tables("undated_reports"):
        frequency = t.text("frequency")
        if frequency not in ("6 months", "yearly", "once"):
            raise t.error("frequency", "must be '6 months', 'yearly' or 'once'")
        period = t.opt_year("year")
        undated.append(
            UndatedReport(
                t.text("id"),
                t.text("title_vi"),
                t.text("title_en"),
                frequency,
                PartialDate(period) if period else None,
                ref(t),
            )
        )
        t.finish()
    observances = []
    for t in top.tables("observances"):
        day = t.opt_integer("day", minimum=1)
        try:
            observances.append(
                Observance(
                    t.text("id"),
                    t.text("title_vi"),
                    t.text("title_en"),
                    _month_day(t, "month"),
                    day,
                    t.year("first_year"),
                    ref(t),
                    t.opt_integer("last_year"),
                )
            )
        except ValueError as exc:
            key = "last_year" if "last_year" in str(exc) else "day"
            raise t.error(key, str(exc)) from None
        t.finish()
    ids = [d.id for d in deadlines] + [r.id for r in recurring] + [u.id for u in undated]
    ids += [o.id for o in observances] + [p.id for p in periods]
    if len(set(ids)) != len(ids):
        raise top.error("deadlines", "an id is used twice among deadlines and observances")
    try:
        return Calendar(
            tuple(phases),
            tuple(deadlines),
            tuple(recurring),
            tuple(undated),
            tuple(observances),
            periods,
        )
    except ValueError as exc:
        raise top.error("phases", str(exc)) from None


def _periods(
    top: TomlTable, ref: Callable[[TomlTable], SourceRef | None]
) -> tuple[AssessmentPeriod, ...]:
    """The ``[[assessment_periods]]``: yearly periods named by the year they end in."""
    out = []
    for t in top.tables("assessment_periods"):
        if t.text("named_by") != "end year":
            raise t.error("named_by", "must be 'end year'")
        try:
            out.append(
                AssessmentPeriod(
                    t.text("id"),
                    t.text("title_vi"),
                    t.text("title_en"),
                    _month_day(t, "start_month"),
                    _month_day(t, "start_day"),
                    _month_day(t, "end_month"),
                    _month_day(t, "end_day"),
                    t.year("first_year"),
                    t.opt_year("last_year"),
                    t.text("text_vi"),
                    ref(t),
                )
            )
        except ValueError as exc:
            raise t.error("end_day", str(exc)) from None
        t.finish()
    return tuple(out)
