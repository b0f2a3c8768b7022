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
from vn_drugfree_criteria.vocab.labels import Code, Count, Share, Words, words
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
        threshold: What it was compared with, in English words (``> 10``, ``≥ 46 of 55``).
        explanation: One English sentence.
        threshold_words: The threshold, to write in either language (:meth:`threshold_in`).
        explanation_words: The explanation, to write in either language (:meth:`explain`).
    """

    target: Target
    period: str | None
    status: Status
    reading: Reading | None
    figures: Mapping[str, int]
    value: Fraction | None
    threshold: str | None
    explanation: str
    threshold_words: Words | None = None
    explanation_words: Words | None = None

    def explain(self, lang: str = "vi") -> str:
        """The explanation in ``lang`` (``vi``, the default, or ``en``)."""
        if self.explanation_words is None:
            return self.explanation
        return self.explanation_words.render(lang)

    def threshold_in(self, lang: str = "vi") -> str | None:
        """The threshold in ``lang`` (``vi``, the default, or ``en``), or ``None``."""
        if self.threshold_words is None:
            return self.threshold
        return self.threshold_words.render(lang)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data, a result of ``vn-drugfree targets``.

        ``value`` is a count (``"46"``) or an exact fraction with its percentage
        (``"23/25 (92%)"``); ``doubt`` repeats the target's doubt, when it has one.
        ``threshold`` and ``explanation`` are in ``lang``; every other member is the same in
        both languages.
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
            "threshold": self.threshold_in(lang),
            "explanation": self.explain(lang),
            "doubt": self.target.doubt,
        }


class _NotEvaluable(Exception):
    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.words = words(key, **values)


def _need(row: PeriodFigures, name: str | None) -> int:
    assert name is not None
    value = row.get(name)
    if value is None:
        raise _NotEvaluable("reason.missing", name=name, period=Code("when", row.period))
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
) -> tuple[bool, Fraction, Words]:
    part, whole = _need(row, t.figure), _whole(t, row)
    assert t.comparison is not None
    if t.kind in (TargetKind.ALL, TargetKind.EACH):
        return part == whole, Fraction(part), words("threshold.all", whole=whole)
    assert t.share is not None
    op = t.comparison.kind.op
    assert op is not None
    if reading is Reading.STATED_COUNT:
        assert t.stated_count is not None
        count = words("threshold.stated_count", count=t.stated_count)
        return part >= t.stated_count, Fraction(part), count
    if whole == 0:
        return True, Fraction(0), words("threshold.vacuous", op=op.value, share=Share(t.share))
    if op in (Op.GE, Op.GT):
        need = required_count(whole, t.share, strict=op is Op.GT)
        return (
            part >= need,
            Fraction(part),
            words("threshold.need", need=need, whole=whole, op=op.value, share=Share(t.share)),
        )
    ok = t.comparison.comparison().holds(Fraction(part, whole), t.share)
    threshold = words("threshold.share", op=op.value, share=Share(t.share), whole=whole)
    return ok, Fraction(part, whole), threshold


def _change(
    t: Target, row: PeriodFigures, series: Series, reading: Reading | None
) -> tuple[bool, Fraction, Words]:
    assert t.share is not None
    assert reading is not None
    assert row.year is not None
    previous_row = series.year(row.year - 1)
    if previous_row is None:
        raise _NotEvaluable("reason.no_previous", year=str(row.year - 1))
    sign = -1 if t.kind is TargetKind.REDUCTION else 1
    op = change_op(t)
    if reading in (Reading.NEW_OVER_PREVIOUS, Reading.SHARE_TAKEN_OFF):
        previous = _need(previous_row, t.figure)
        flow = _need(
            row, t.new_figure if reading is Reading.NEW_OVER_PREVIOUS else t.removed_figure
        )
        if previous == 0:
            raise _NotEvaluable("reason.zero_in", figure=t.figure, year=str(row.year - 1))
        flow_op = op if reading is Reading.NEW_OVER_PREVIOUS else Op.GE
        reference = previous * t.share
        need = bound_count(reference, flow_op)
        ok = flow_op.function(Fraction(flow), reference)
        return (
            ok,
            Fraction(flow, previous),
            words("threshold.flow", op=flow_op.value, share=Share(t.share), of=previous, need=need),
        )
    current = _need(row, t.figure)
    base_row = series.years[0]
    years = row.year - (base_row.year or 0)
    if reading is Reading.PREVIOUS_YEAR:
        base_value, years = _need(previous_row, t.figure), 1
    else:
        base_value = _need(base_row, t.figure)
        if years < 1:
            raise _NotEvaluable("reason.base_year")
    if base_value == 0:
        raise _NotEvaluable("reason.zero_in_base", figure=t.figure)
    previous = _need(previous_row, t.figure) if reading is Reading.PREVIOUS_YEAR else base_value
    reference = change_reference(reading, previous, base_value, years, t.share, sign)
    ok = op.function(Fraction(current), reference)
    limit = "threshold.smallest" if op in (Op.GE, Op.GT) else "threshold.largest"
    threshold = words(limit, op=op.value, reference=reference, count=bound_count(reference, op))
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
            threshold = words(
                "threshold.count", op=t.comparison.comparison().op.value, count=t.count
            )
        elif t.kind in (TargetKind.ZERO, TargetKind.LIFETIME):
            value = Fraction(_need(row, t.figure))
            ok, threshold = value == 0, words("threshold.zero")
            if t.kind is TargetKind.LIFETIME:
                assert t.months is not None
                months = Count("count.month", t.months)
                threshold = words("threshold.lifetime", months=months)
        elif t.kind is TargetKind.BASELINE:
            assert t.count is not None
            value = Fraction(_need(row, t.figure))
            assert t.figure is not None
            whole_name = FIGURES[t.figure].whole
            whole = row.get(whole_name) if whole_name is not None else None
            ok = value == t.count and whole in (None, t.whole_stated)
            threshold = words("threshold.baseline", count=t.count, whole=t.whole_stated)
        else:
            if row.year is None:
                raise _NotEvaluable("reason.needs_years")
            ok, value, threshold = _change(t, row, series, reading)
    except _NotEvaluable as exc:
        why = words(
            "target.in_period", target=t.id, period=Code("when", row.period), text=exc.words
        )
        return _result(t, row.period, Status.NOT_EVALUABLE, reading, figures, None, None, why)
    if t.kind is TargetKind.BASELINE:
        status = Status.MATCHES_BASELINE if ok else Status.DIFFERS_FROM_BASELINE
    else:
        status = Status.MET if ok else Status.NOT_MET
    how = words("target.reading", reading=Code("reading", reading.value)) if reading else ""
    text = words(
        "target.result",
        target=t.id,
        period=Code("when", row.period),
        value=value,
        threshold=threshold,
        how=how,
        status=Code("status", status.value),
    )
    return _result(t, row.period, status, reading, figures, value, threshold, text)


def _result(
    t: Target,
    period: str | None,
    status: Status,
    reading: Reading | None,
    figures: Mapping[str, int],
    value: Fraction | None,
    threshold: Words | None,
    text: Words,
) -> TargetResult:
    """A result whose threshold and explanation are kept as words, English by default."""
    english = None if threshold is None else threshold.render("en")
    return TargetResult(
        t, period, status, reading, figures, value, english, text.render("en"), threshold, text
    )


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
            why = words("target.qualitative", target=t.id)
            out.append(_result(t, None, Status.NOT_EVALUABLE, None, {}, None, None, why))
            continue
        rows = _rows(t, series)
        if not rows:
            why = words("target.no_row", target=t.id, when=Code("when", str(t.when)))
            out.append(_result(t, None, Status.NOT_EVALUABLE, reading, {}, None, None, why))
        out.extend(_one(t, row, series, reading) for row in rows)
    return tuple(out)
