"""Comparison words of normative Vietnamese, read to typed values, and calendar-month arithmetic.

The words decide edge cases, so each is read to one :class:`ComparisonKind` and kept beside it:

========================================  =========================================
phrase                                    kind
========================================  =========================================
trên                                      ``greater`` (strictly more)
từ X% trở lên, từ, ít nhất, tối thiểu     ``at_least``
dưới                                      ``less`` (strictly less)
không quá, tối đa                         ``at_most``
100%, mỗi (every unit of a whole)         ``all`` (the part equals its whole)
không có, không để, không phát sinh       ``zero``
quá N tháng                               ``longer_than_months``
trước ngày D, trước D                     ``before_date`` (last valid day D - 1)
tăng (no amount)                          ``greater`` (strictly more than before)
giảm N% (no comparison word)              ``at_least`` (the stated cut is a minimum)
duy trì, giữ vững (keep those made)       ``all`` (every one of them is kept)
giảm dần (no amount)                      ``less`` (strictly fewer than before)
thành công N (succeed with the N named)   ``all`` (all N of a stated whole)
========================================  =========================================

The rows from "tăng" on are readings of this library, not of the primer: a bare "increase" is met
by any strict increase, a bare "reduce gradually" by any strict decrease; a stated reduction by cutting at least as much; "keep" (duy trì) the areas
already made drug-free means every one of them; "succeed with the 7 villages" means all 7.
"""

from __future__ import annotations

import datetime as _dt
import enum
import operator
import re
import unicodedata
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

__all__ = [
    "Comparison",
    "ComparisonKind",
    "Op",
    "Phrase",
    "exceeds_lifetime",
    "last_valid_day",
    "lifetime_end",
    "read_comparison",
]


class Op(enum.Enum):
    """A comparison operator, read from a Vietnamese comparison word."""

    GT = ">"
    GE = "≥"
    LT = "<"
    LE = "≤"
    EQ = "="

    # Members are singletons compared by identity: the identity hash is correct and computed in
    # C (Enum's own hashes the name in Python), and one-area evaluation looks operators up.
    __hash__ = object.__hash__

    @property
    def function(self) -> Callable[[Any, Any], bool]:
        """The Python comparison implementing the operator."""
        return _OPS[self]

    @property
    def strict(self) -> bool:
        """Whether equality fails the comparison."""
        return self in (Op.GT, Op.LT)

    @property
    def upper(self) -> bool:
        """Whether the operator sets a most value (``<``, ``≤``) rather than a least one."""
        return self in (Op.LT, Op.LE)


_OPS: dict[Op, Callable[[Any, Any], bool]] = {
    Op.GT: operator.gt,
    Op.GE: operator.ge,
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.EQ: operator.eq,
}


@attrs.frozen
class Comparison:
    """An operator with the Vietnamese words it was read from.

    >>> Comparison(Op.GT, "trên").holds(Fraction(81, 100), Fraction(80, 100))
    True
    >>> Comparison(Op.GE, "từ ... trở lên").holds(45, 46)
    False
    """

    op: Op
    phrase_vi: str

    def holds(self, value: Fraction | int, bound: Fraction | int) -> bool:
        """Whether ``value op bound``, computed exactly."""
        return self.op.function(Fraction(value), Fraction(bound))


class ComparisonKind(enum.Enum):
    """What a comparison word asks for."""

    GREATER = "greater"
    AT_LEAST = "at_least"
    LESS = "less"
    AT_MOST = "at_most"
    ALL = "all"
    ZERO = "zero"
    LONGER_THAN_MONTHS = "longer_than_months"
    BEFORE_DATE = "before_date"

    @property
    def op(self) -> Op | None:
        """The numeric operator, for the kinds that compare a number with a bound."""
        return _KIND_OPS.get(self)


_KIND_OPS = {
    ComparisonKind.GREATER: Op.GT,
    ComparisonKind.AT_LEAST: Op.GE,
    ComparisonKind.LESS: Op.LT,
    ComparisonKind.AT_MOST: Op.LE,
    ComparisonKind.ALL: Op.EQ,
    ComparisonKind.ZERO: Op.EQ,
}


def _phrase_ok(inst: Phrase, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError("a comparison phrase must not be empty")


@attrs.frozen
class Phrase:
    """A comparison kind with the Vietnamese words it was read from.

    >>> read_comparison("từ 83% trở lên")
    Phrase(kind=<ComparisonKind.AT_LEAST: 'at_least'>, phrase_vi='từ 83% trở lên')
    >>> read_comparison("trên").comparison().holds(81, 80)
    True

    Attributes:
        kind: What the words ask for.
        phrase_vi: The words, verbatim.
    """

    kind: ComparisonKind = attrs.field(validator=attrs.validators.instance_of(ComparisonKind))
    phrase_vi: str = attrs.field(validator=_phrase_ok)

    def comparison(self) -> Comparison:
        """The numeric :class:`~vn_drugfree_criteria.Comparison` (``zero`` and ``all`` are ``=``).

        Raises:
            ValueError: The kind is a duration or a date, not a numeric comparison.
        """
        op = self.kind.op
        if op is None:
            raise ValueError(f"{self.kind.value!r} is not a numeric comparison")
        return Comparison(op, self.phrase_vi)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


# Order matters: the longer, more specific words are tried first ("không quá" before "quá").
_RULES: tuple[tuple[re.Pattern[str], ComparisonKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"\btrước\b", ComparisonKind.BEFORE_DATE),
        (r"\bkhông quá\b|\btối đa\b", ComparisonKind.AT_MOST),
        (r"\bquá \d+ tháng\b", ComparisonKind.LONGER_THAN_MONTHS),
        (r"\bkhông (có|để|phát sinh)\b", ComparisonKind.ZERO),
        (r"\btrở lên\b|\bít nhất\b|\btối thiểu\b|\btừ\b", ComparisonKind.AT_LEAST),
        (r"\btrên\b", ComparisonKind.GREATER),
        (r"\bdưới\b", ComparisonKind.LESS),
        (r"\bgiảm \d+(,\d+)? ?%", ComparisonKind.AT_LEAST),
        (r"\bgiảm dần\b", ComparisonKind.LESS),
        (
            r"(^|\s)100 ?%|\bmỗi\b|\bduy trì\b|\bgiữ vững\b|\bthành công \d+\b",
            ComparisonKind.ALL,
        ),
        (r"\btăng\b", ComparisonKind.GREATER),
    )
)


def read_comparison(phrase: str) -> Phrase:
    """Read Vietnamese comparison words to a :class:`Phrase`.

    Case, Unicode normalisation (NFC or NFD) and spacing do not matter; the phrase is kept as
    given.

    >>> read_comparison("trên 10").kind.value
    'greater'
    >>> read_comparison("không để").kind.value
    'zero'
    >>> read_comparison("tồn tại quá 06 tháng").kind.value
    'longer_than_months'
    >>> read_comparison("trước ngày").kind.value
    'before_date'

    Raises:
        ValueError: No comparison word is recognised.
    """
    text = _norm(phrase)
    for pattern, kind in _RULES:
        if pattern.search(text):
            return Phrase(kind, phrase)
    raise ValueError(f"no comparison word recognised in {phrase!r}")


def last_valid_day(before: _dt.date) -> _dt.date:
    """The last day that meets "trước ngày D" (before D): the day before D.

    >>> import datetime as _dt
    >>> last_valid_day(_dt.date(2025, 3, 16))
    datetime.date(2025, 3, 15)
    >>> last_valid_day(_dt.date(2024, 3, 1))
    datetime.date(2024, 2, 29)
    """
    return before - _dt.timedelta(days=1)


def lifetime_end(identified: _dt.date, months: int) -> _dt.date:
    """The last day something identified on ``identified`` may still exist under "quá N tháng".

    Calendar months follow the calendar: a month-end that does not exist becomes the last day of
    the month (identified 31 August, 6 months later is the last day of February).

    >>> import datetime as _dt
    >>> lifetime_end(_dt.date(2023, 8, 31), 6)
    datetime.date(2024, 2, 29)
    >>> lifetime_end(_dt.date(2022, 8, 31), 6)
    datetime.date(2023, 2, 28)

    Raises:
        ValueError: ``months`` is negative.
    """
    if months < 0:
        raise ValueError(f"a number of months cannot be negative, got {months}")
    return identified + relativedelta(months=months)


def exceeds_lifetime(identified: _dt.date, until: _dt.date, months: int) -> bool:
    """Whether something has existed longer than ``months`` calendar months ("quá N tháng").

    "Tồn tại quá N tháng kể từ khi được xác định": identified on ``identified`` and existing on
    ``until``, which is the day it was eliminated, or the day of review when it still exists.

    >>> import datetime as _dt
    >>> exceeds_lifetime(_dt.date(2023, 8, 31), _dt.date(2024, 2, 29), 6)
    False
    >>> exceeds_lifetime(_dt.date(2023, 8, 31), _dt.date(2024, 3, 1), 6)
    True

    Raises:
        ValueError: ``until`` is before ``identified`` or ``months`` is negative.
    """
    if until < identified:
        raise ValueError(f"{until} is before the day of identification {identified}")
    return until > lifetime_end(identified, months)
