"""Targets a plan sets for a whole jurisdiction, as data, and the exact formulas behind them.

A target reads programme figures (see :data:`~vn_drugfree_criteria.FIGURES`) of one period (a
year or a phase) and compares them with the document's figures. Ambiguous phrases have several
:class:`Reading` s; each target lists those that apply and names the one its plan most plausibly
means, with the reason.
"""

from __future__ import annotations

import enum
import re
from fractions import Fraction
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.rules import Op, SourceRef
from vn_drugfree_criteria.vocab.comparisons import ComparisonKind, Phrase
from vn_drugfree_criteria.vocab.numbers import nearest_count

__all__ = [
    "READING_DESCRIPTIONS",
    "Reading",
    "Target",
    "TargetKind",
    "When",
    "bound_count",
    "change_reference",
]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TargetKind(enum.Enum):
    """The shapes a target can take.

    * ``share``: part / whole compared with an exact share ("trên 80%"); the whole is a figure or
      a count the document states (the 55 villages to build).
    * ``count``: a figure compared with a stated count ("trên 10 đường dây").
    * ``zero``: a figure must be 0 ("không để phát sinh").
    * ``all``: a part must equal its whole ("100% ..."); vacuous when the whole is 0.
    * ``each``: every unit of a whole reaches a minimum ("mỗi huyện ... ít nhất 01"): the units
      reaching it must equal all units.
    * ``change``: a year-on-year change compared with a rate (growth caps, yearly increases).
    * ``reduction``: a yearly reduction by a rate ("mỗi năm giảm 05%").
    * ``lifetime``: nothing may exist longer than N calendar months; the figure counts those that
      did, and must be 0.
    * ``baseline``: a fact the document states (17 of 72 villages), checked against figures.
    * ``qualitative``: counts cannot decide it ("thiết thực, hiệu quả"); kept with its text.
    """

    SHARE = "share"
    COUNT = "count"
    ZERO = "zero"
    ALL = "all"
    EACH = "each"
    CHANGE = "change"
    REDUCTION = "reduction"
    LIFETIME = "lifetime"
    BASELINE = "baseline"
    QUALITATIVE = "qualitative"


class Reading(enum.Enum):
    """A way to read an ambiguous target; see :data:`READING_DESCRIPTIONS`."""

    SHARE = "share"
    STATED_COUNT = "stated-count"
    PREVIOUS_YEAR = "previous-year"
    NEW_OVER_PREVIOUS = "new-over-previous"
    COMPOUND_FROM_BASE = "compound-from-base"
    LINEAR_FROM_BASE = "linear-from-base"
    SHARE_TAKEN_OFF = "share-taken-off"


READING_DESCRIPTIONS: dict[Reading, str] = {
    Reading.SHARE: "the exact share of the whole: the smallest count that satisfies it",
    Reading.STATED_COUNT: "the count the document states beside the share, as written",
    Reading.PREVIOUS_YEAR: (
        "the figure compared with the previous period's: current vs previous × (1 ± rate)"
    ),
    Reading.NEW_OVER_PREVIOUS: (
        "gross growth: the newcomers of the period as a share of the previous period's figure"
    ),
    Reading.COMPOUND_FROM_BASE: (
        "compounding from the first period of the series: current vs base × (1 ± rate)^years"
    ),
    Reading.LINEAR_FROM_BASE: (
        "a fixed share of the first period each year: current vs base × (1 ± rate × years)"
    ),
    Reading.SHARE_TAKEN_OFF: (
        "the share of the previous period's figure taken off the list during the period"
    ),
}

_PERIOD = re.compile(r"(?:(yearly)|([0-9]{4})|phase ([0-9]{1,3}))")


@attrs.frozen
class When:
    """The period(s) whose figures a target is evaluated on.

    Attributes:
        yearly: Every calendar-year row of a series.
        year: The row of this year only (end-of-year figures: "đến năm 2025").
        phase: The row of this phase of the plan only.
    """

    yearly: bool = False
    year: int | None = None
    phase: int | None = None

    @classmethod
    def parse(cls, text: str) -> When:
        """Read ``yearly``, a year (``2025``) or a phase (``phase 2``).

        Raises:
            ValueError: Any other text.
        """
        m = _PERIOD.fullmatch(text.strip())
        if not m:
            raise ValueError(f"expected 'yearly', a year such as '2025' or 'phase 2', got {text!r}")
        if m.group(1):
            return cls(yearly=True)
        if m.group(2):
            return cls(year=int(m.group(2)))
        return cls(phase=int(m.group(3)))

    def __str__(self) -> str:
        if self.yearly:
            return "yearly"
        return str(self.year) if self.year is not None else f"phase {self.phase}"


def _id_ok(inst: Target, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ID.match(value):
        raise ValueError(f"target id {value!r} is not lower-case ASCII with hyphens")


@attrs.frozen
class Target(Displayable):
    """One target of a plan.

    Attributes:
        id: ASCII-safe id, unique in its plan (``1b``, ``dd1``; ``dd`` stands for ``đ``).
        label: The document's own label (``1``, ``đ``, ``Giai đoạn 2``).
        kind: The shape.
        text_vi: The verbatim Vietnamese words of this (sub-)target.
        text_en: English rendering.
        source: Where it stands, or ``None`` for an instrument whose text is not bundled.
        when: The period(s) it is evaluated on.
        comparison: The comparison words, ``None`` for qualitative targets.
        figure: The programme figure compared (the part, for ``share``/``all``/``each``).
        whole: The whole figure, for ``share``/``all``/``each``/``baseline``.
        whole_stated: A whole the document states (55 villages), used instead of a figure.
        share: The share or yearly rate, exact.
        count: The stated count (``trên 10``; the baseline 17).
        stated_count: A count the document gives beside a share ("(45 tổ dân phố, bản)").
        months: The limit of a ``lifetime`` target.
        new_figure: The newcomers figure for the ``new-over-previous`` reading.
        removed_figure: The figure of those taken off the list, for ``share-taken-off``.
        readings: Readings that apply, the most plausible first.
        reading_note: Why the first reading is the most plausible one for this plan.
        note: Anything else a reader must know.
        doubt: Why the target, encoded as written, seems to say something other than the
            document means; the audit reports it (``TARGET_SENSE_DOUBTFUL``).
        doubt_vi: The same doubt in Vietnamese (required with ``doubt``).
    """

    id: str = attrs.field(validator=_id_ok)
    label: str
    kind: TargetKind
    text_vi: str
    text_en: str
    source: SourceRef | None
    when: When
    comparison: Phrase | None = None
    figure: str | None = None
    whole: str | None = None
    whole_stated: int | None = None
    share: Fraction | None = None
    count: int | None = None
    stated_count: int | None = None
    months: int | None = None
    new_figure: str | None = None
    removed_figure: str | None = None
    readings: tuple[Reading, ...] = ()
    reading_note: str | None = None
    note: str | None = None
    doubt: str | None = None
    doubt_vi: str | None = None

    @property
    def reading(self) -> Reading | None:
        """The reading the plan most plausibly means (``None`` when nothing is ambiguous)."""
        return self.readings[0] if self.readings else None

    @property
    def qualitative(self) -> bool:
        """Whether counts cannot decide the target."""
        return self.kind is TargetKind.QUALITATIVE

    @property
    def figures(self) -> tuple[str, ...]:
        """Every programme figure the target can read."""
        names = (self.figure, self.whole, self.new_figure, self.removed_figure)
        return tuple(dict.fromkeys(n for n in names if n is not None))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: label, verbatim text, comparison, exact figures and readings."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "text_vi": self.text_vi,
            "text_en": self.text_en,
            "when": str(self.when),
            "comparison": None
            if self.comparison is None
            else {"phrase_vi": self.comparison.phrase_vi, "kind": self.comparison.kind.value},
            "figure": self.figure,
            "whole": self.whole,
            "whole_stated": self.whole_stated,
            "share": None if self.share is None else str(self.share),
            "count": self.count,
            "stated_count": self.stated_count,
            "months": self.months,
            "new_figure": self.new_figure,
            "removed_figure": self.removed_figure,
            "readings": [r.value for r in self.readings],
            "reading_note": self.reading_note,
            "note": self.note,
            "doubt": self.doubt,
            "doubt_vi": self.doubt_vi,
            "source": self.source.to_dict() if self.source else None,
        }


def bound_count(reference: Fraction, op: Op) -> int:
    """The count nearest ``reference`` that satisfies ``count op reference``.

    The smallest such count for ``>``/``≥``, the largest for ``<``/``≤``; for ``=`` the
    reference itself, which must then be a whole number.

    >>> bound_count(Fraction(105, 10), Op.GE), bound_count(Fraction(105, 10), Op.LT)
    (11, 10)
    >>> bound_count(Fraction(21, 2) - Fraction(1, 2), Op.GT)
    11

    Raises:
        ValueError: ``=`` with a reference that is not a whole number.
    """
    if op is Op.EQ and reference.denominator != 1:
        raise ValueError(f"no whole count equals {reference}")
    return nearest_count(reference, above=not op.upper, strict=op.strict)


def change_reference(
    reading: Reading, previous: int, base: int, years: int, rate: Fraction, sign: int
) -> Fraction:
    """The reference value a change target compares the current figure with.

    Args:
        reading: ``previous-year``, ``compound-from-base`` or ``linear-from-base``.
        previous: The previous period's figure.
        base: The first period's figure.
        years: Periods between the base and the current one (at least 1).
        rate: The rate, exact (``5/100``).
        sign: ``+1`` for increases and growth caps, ``-1`` for reductions.

    >>> change_reference(Reading.PREVIOUS_YEAR, 100, 80, 3, Fraction(5, 100), 1)
    Fraction(105, 1)
    >>> change_reference(Reading.COMPOUND_FROM_BASE, 100, 100, 2, Fraction(5, 100), -1)
    Fraction(361, 4)
    >>> change_reference(Reading.LINEAR_FROM_BASE, 100, 100, 2, Fraction(5, 100), -1)
    Fraction(90, 1)

    Raises:
        ValueError: Another reading, ``years`` < 1 or ``sign`` not ±1.
    """
    if sign not in (1, -1) or years < 1:
        raise ValueError("sign must be +1 or -1 and years at least 1")
    if reading is Reading.PREVIOUS_YEAR:
        return previous * (1 + sign * rate)
    if reading is Reading.COMPOUND_FROM_BASE:
        return base * (1 + sign * rate) ** years
    if reading is Reading.LINEAR_FROM_BASE:
        return base * (1 + sign * rate * years)
    raise ValueError(f"{reading.value!r} is not a reading of a change against a reference value")


def change_op(target: Target) -> Op:
    """The operator a change or reduction target applies to ``current`` vs the reference.

    A reduction "of at least r" is met when the current figure is at most the reference.
    """
    assert target.comparison is not None
    op = target.comparison.kind.op
    assert op is not None
    if target.kind is TargetKind.REDUCTION:
        return {Op.GE: Op.LE, Op.GT: Op.LT, Op.LE: Op.GE, Op.LT: Op.GT}.get(op, op)
    return op


NUMERIC_KINDS = frozenset(TargetKind) - {TargetKind.QUALITATIVE}
ZERO_LIKE = frozenset({ComparisonKind.ZERO, ComparisonKind.LONGER_THAN_MONTHS})
