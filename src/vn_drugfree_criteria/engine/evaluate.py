"""Evaluate a plan's targets on a series of programme figures.

Each target gives one result per period it applies to: ``met``, ``not met`` or ``not evaluable``
(with the reason: a qualitative target, a missing figure, no previous year, a rate of change from
zero). Every result names the reading used and the numbers compared.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.model.rules import Op
from vn_drugfree_criteria.model.targets import (
    Reading,
    Target,
    TargetKind,
    bound_count,
    change_op,
    change_reference,
)
from vn_drugfree_criteria.vocab.figures import FIGURES
from vn_drugfree_criteria.vocab.numbers import format_share, required_count

if TYPE_CHECKING:  # the engine reads figures, it does not depend on the reader
    from vn_drugfree_criteria.io.series import PeriodFigures, Series

__all__ = ["Status", "TargetResult", "evaluate_targets"]


class Status(enum.Enum):
    """The outcome of one target in one period."""

    MET = "met"
    NOT_MET = "not met"
    NOT_EVALUABLE = "not evaluable"
    #: A stated baseline (what a review found, e.g. 17/72) is a fact, not a goal: figures are
    #: compared with it, and a difference is reported, never judged as a failure.
    MATCHES_BASELINE = "matches baseline"
    DIFFERS_FROM_BASELINE = "differs from baseline"


@attrs.frozen
class TargetResult(Displayable):
    """One target evaluated on one period.

    Attributes:
        target: The target.
        period: The period evaluated (``2022``, ``phase 2``), ``None`` when no row applies.
        status: The outcome.
        reading: The reading used, when the target has several.
        figures: The counts read.
        value: The value compared (a count or an exact share/rate), when evaluable.
        threshold: What it was compared with, in words (``> 10``, ``≥ 46 of 55``).
        explanation: One English sentence.
    """

    target: Target
    period: str | None
    status: Status
    reading: Reading | None
    figures: Mapping[str, int]
    value: Fraction | None
    threshold: str | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, a result of ``vn-drugfree targets``.

        ``value`` is a count (``"46"``) or an exact fraction with its percentage
        (``"23/25 (92%)"``); ``doubt`` repeats the target's doubt, when it has one.
        """
        value = self.value
        return {
            "target": self.target.id,
            "label": self.target.label,
            "kind": self.target.kind.value,
            "period": self.period,
            "status": self.status.value,
            "reading": self.reading.value if self.reading else None,
            "figures": dict(self.figures),
            "value": None
            if value is None
            else str(value.numerator)
            if value.denominator == 1
            else f"{value} ({format_share(value)})",
            "threshold": self.threshold,
            "explanation": self.explanation,
            "doubt": self.target.doubt,
        }


class _NotEvaluable(Exception):
    pass


def _need(row: PeriodFigures, name: str | None) -> int:
    assert name is not None
    value = row.get(name)
    if value is None:
        raise _NotEvaluable(f"figure {name!r} is missing for {row.period}")
    return value


def _whole(t: Target, row: PeriodFigures) -> int:
    return t.whole_stated if t.whole_stated is not None else _need(row, t.whole)


def _rows(t: Target, series: Series) -> list[PeriodFigures]:
    if t.when.yearly:
        return list(series.years)
    row = series.year(t.when.year) if t.when.year is not None else None
    if t.when.phase is not None:
        row = series.phase(t.when.phase)
    return [row] if row is not None else []


def _share_like(
    t: Target, row: PeriodFigures, reading: Reading | None
) -> tuple[bool, Fraction, str]:
    part, whole = _need(row, t.figure), _whole(t, row)
    assert t.comparison is not None
    if t.kind in (TargetKind.ALL, TargetKind.EACH):
        return part == whole, Fraction(part), f"= {whole} (all)"
    assert t.share is not None
    op = t.comparison.kind.op
    assert op is not None
    if reading is Reading.STATED_COUNT:
        assert t.stated_count is not None
        return part >= t.stated_count, Fraction(part), f"≥ {t.stated_count} (stated count)"
    if whole == 0:
        return True, Fraction(0), f"{op.value} {format_share(t.share)} of 0 (vacuous)"
    if op in (Op.GE, Op.GT):
        need = required_count(whole, t.share, strict=op is Op.GT)
        return (
            part >= need,
            Fraction(part),
            f"≥ {need} of {whole} ({op.value} {format_share(t.share)})",
        )
    ok = t.comparison.comparison().holds(Fraction(part, whole), t.share)
    return ok, Fraction(part, whole), f"{op.value} {format_share(t.share)} of {whole}"


def _change(
    t: Target, row: PeriodFigures, series: Series, reading: Reading | None
) -> tuple[bool, Fraction, str]:
    assert t.share is not None
    assert reading is not None
    assert row.year is not None
    previous_row = series.year(row.year - 1)
    if previous_row is None:
        raise _NotEvaluable(f"no figures for the previous year {row.year - 1}")
    sign = -1 if t.kind is TargetKind.REDUCTION else 1
    op = change_op(t)
    if reading in (Reading.NEW_OVER_PREVIOUS, Reading.SHARE_TAKEN_OFF):
        previous = _need(previous_row, t.figure)
        flow = _need(
            row, t.new_figure if reading is Reading.NEW_OVER_PREVIOUS else t.removed_figure
        )
        if previous == 0:
            raise _NotEvaluable(f"{t.figure!r} was 0 in {row.year - 1}: a rate from 0 is undefined")
        flow_op = op if reading is Reading.NEW_OVER_PREVIOUS else Op.GE
        reference = previous * t.share
        need = bound_count(reference, flow_op)
        ok = flow_op.function(Fraction(flow), reference)
        return (
            ok,
            Fraction(flow, previous),
            f"{flow_op.value} {format_share(t.share)} of {previous} ({need})",
        )
    current = _need(row, t.figure)
    base_row = series.years[0]
    years = row.year - (base_row.year or 0)
    if reading is Reading.PREVIOUS_YEAR:
        base_value, years = _need(previous_row, t.figure), 1
    else:
        base_value = _need(base_row, t.figure)
        if years < 1:
            raise _NotEvaluable("the base year itself has no change to measure")
    if base_value == 0:
        raise _NotEvaluable(f"{t.figure!r} was 0 in the reference year: a rate from 0 is undefined")
    previous = _need(previous_row, t.figure) if reading is Reading.PREVIOUS_YEAR else base_value
    reference = change_reference(reading, previous, base_value, years, t.share, sign)
    ok = op.function(Fraction(current), reference)
    limit = "smallest" if op in (Op.GE, Op.GT) else "largest"
    threshold = f"{op.value} {reference} ({limit} count meeting it: {bound_count(reference, op)})"
    return ok, Fraction(current), threshold


def _one(t: Target, row: PeriodFigures, series: Series, reading: Reading | None) -> TargetResult:
    names = [n for n in t.figures if row.get(n) is not None]
    figures = {n: row.figures[n] for n in names}
    try:
        if t.kind in (TargetKind.SHARE, TargetKind.ALL, TargetKind.EACH):
            ok, value, threshold = _share_like(t, row, reading)
        elif t.kind is TargetKind.COUNT:
            assert t.comparison is not None
            assert t.count is not None
            value = Fraction(_need(row, t.figure))
            ok = t.comparison.comparison().holds(value, t.count)
            threshold = f"{t.comparison.comparison().op.value} {t.count}"
        elif t.kind in (TargetKind.ZERO, TargetKind.LIFETIME):
            value = Fraction(_need(row, t.figure))
            ok, threshold = value == 0, "= 0"
            if t.kind is TargetKind.LIFETIME:
                threshold = f"= 0 (none existing longer than {t.months} months)"
        elif t.kind is TargetKind.BASELINE:
            assert t.count is not None
            value = Fraction(_need(row, t.figure))
            assert t.figure is not None
            whole_name = FIGURES[t.figure].whole
            whole = row.get(whole_name) if whole_name is not None else None
            ok = value == t.count and whole in (None, t.whole_stated)
            threshold = f"= {t.count} of {t.whole_stated} (the stated baseline)"
        else:
            if row.year is None:
                raise _NotEvaluable("a year-on-year target needs year rows, not phases")
            ok, value, threshold = _change(t, row, series, reading)
    except _NotEvaluable as exc:
        return TargetResult(
            t,
            row.period,
            Status.NOT_EVALUABLE,
            reading,
            figures,
            None,
            None,
            f"{t.id} in {row.period}: {exc}",
        )
    if t.kind is TargetKind.BASELINE:
        status = Status.MATCHES_BASELINE if ok else Status.DIFFERS_FROM_BASELINE
    else:
        status = Status.MET if ok else Status.NOT_MET
    how = f" (reading {reading.value})" if reading is not None else ""
    text = f"{t.id} in {row.period}: {value} against {threshold}{how}: {status.value}"
    return TargetResult(t, row.period, status, reading, figures, value, threshold, text)


# Long: the docstring documents the readings and every argument of the public entry point.
def evaluate_targets(
    plan: PlanLike,
    series: Series,
    readings: Reading | Mapping[str, Reading] | None = None,
) -> tuple[TargetResult, ...]:
    """Evaluate every target of ``plan`` on ``series``, in the plan's order.

    Args:
        plan: A plan or its id.
        series: The programme figures.
        readings: A reading to use wherever a target supports it, or readings by target id;
            otherwise each target's most plausible reading.

    Raises:
        InputError: A reading given for a target id that does not exist or cannot be read so.
    """
    p = get_plan(plan)
    chosen: dict[str, Reading] = {}
    if isinstance(readings, Mapping):
        for tid, r in readings.items():
            try:
                target = p.target(tid)
            except KeyError:
                raise InputError(f"plan {p.id!r} has no target {tid!r}") from None
            if r not in target.readings:
                raise InputError(
                    f"target {tid!r} cannot be read as {r.value!r}; "
                    f"its readings are {[x.value for x in target.readings]}"
                )
            chosen[tid] = r
    out: list[TargetResult] = []
    for t in p.targets:
        reading = chosen.get(t.id, t.reading)
        if isinstance(readings, Reading) and readings in t.readings:
            reading = readings
        if t.qualitative:
            out.append(
                TargetResult(
                    t,
                    None,
                    Status.NOT_EVALUABLE,
                    None,
                    {},
                    None,
                    None,
                    f"{t.id}: qualitative; counts cannot decide it",
                )
            )
            continue
        rows = _rows(t, series)
        if not rows:
            out.append(
                TargetResult(
                    t,
                    None,
                    Status.NOT_EVALUABLE,
                    reading,
                    {},
                    None,
                    None,
                    f"{t.id}: the series has no row for {t.when}",
                )
            )
        out.extend(_one(t, row, series, reading) for row in rows)
    return tuple(out)
