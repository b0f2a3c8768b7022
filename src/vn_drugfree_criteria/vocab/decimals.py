"""How a number is written in a cell: whole counts and exact decimals (areas in m²).

This module holds the number readings of the input policy; :mod:`vn_drugfree_criteria.vocab.cells`
decides which reading a cell gets and words every refusal. Of the library it imports only the
bound on a text cell's length (:mod:`vn_drugfree_criteria.vocab.cell_limit`).

A *decimal* cell (an indicator whose unit is ``m2``) holds a non-negative exact number, carried
as an ``int`` when it is whole and as a :class:`~fractions.Fraction` otherwise. Written as text
it has ASCII digits and at most one decimal separator, a point or a comma, with digits on both
sides: ``"750.5"`` (English) and ``"750,5"`` (Vietnamese) are both 750.5.

The Vietnamese reading trap: Vietnamese groups thousands with a point and writes decimals with a
comma (``1.500`` is one thousand five hundred, ``1,5`` is one and a half); English does the
opposite. A text whose only separator is followed by exactly three digits after one to three
leading digits (``"1.500"``, ``"2,750"``, ``"750.000"``) reads as a decimal in one language and
as a grouped whole number in the other, so it is refused with the code ``ambiguous_decimal``
rather than guessed. ``"0.500"`` (no grouped number begins with 0), ``"1.5000"`` and ``"1500.5"``
have one reading only and are accepted.

A float (a spreadsheet or a pandas column) is read through its shortest decimal representation
(``repr``): 750.5 is 750.5, 0.1 is 1/10, not the binary number nearest to it. That is the number
the float was written as, wherever it was typed as a decimal of up to 15 significant digits; an
area written with more digits than a float keeps has already lost them, so give text,
:class:`~decimal.Decimal` or :class:`~fractions.Fraction` when they matter.

>>> read_decimal("750,5"), read_decimal(" 750.25 "), read_decimal(749.99)
((Fraction(1501, 2), ''), (Fraction(3001, 4), ''), (Fraction(74999, 100), ''))
>>> read_decimal("1.500"), read_decimal("0,500"), read_decimal("1.500.000")
((0, 'ambiguous_decimal'), (Fraction(1, 2), ''), (0, 'not_decimal'))
>>> decimal_text(Fraction(1501, 2)), json_number(Fraction(750)), json_number(Fraction(3, 4))
('750.5', 750, '0.75')
"""

from __future__ import annotations

import decimal
import math
import operator
import re
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.vocab.cell_limit import max_cell_length
from vn_drugfree_criteria.vocab.sheet_cells import sheet_code

__all__ = [
    "MAX_COUNT",
    "MAX_DIGITS",
    "MAX_EXACT_FLOAT",
    "NA_TYPES",
    "Amount",
    "decimal_places",
    "decimal_text",
    "grouping_ambiguous",
    "json_number",
    "no_number_code",
    "read_count_float",
    "read_count_text",
    "read_decimal",
]

Amount = int | Fraction
"""A valid value of an indicator: a count (``int``) or an exact decimal (``Fraction``)."""

MAX_COUNT = 2**63 - 1
"""The largest count accepted anywhere (the numpy backend computes in 64-bit integers)."""

MAX_EXACT_FLOAT = 2**53
"""The largest float read as a count: above it, consecutive floats skip whole numbers."""

MAX_DIGITS = len(str(MAX_COUNT))
"""The most significant digits before (and, for a decimal, after) the separator: 19."""

NA_TYPES = frozenset({"NAType", "NaTType", "MaskedConstant"})

_WHOLE_TEXT = re.compile(r"([0-9]+)(?:\.0+)?")
_NEGATIVE_TEXT = re.compile(r"-[0-9]+(?:\.[0-9]*)?")
_ANY_DIGITS = re.compile(r"[+-]?\d+(?:[.,]\d*)?")
_DECIMAL_TEXT = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?")
_GROUP_HEAD = re.compile(r"[1-9][0-9]{0,2}")


def grouping_ambiguous(head: str, tail: str) -> bool:
    """The one reading-trap rule: ``head``, a separator, then ``tail`` reads two ways.

    One to three leading digits (not starting with 0) and exactly three digits after the
    separator (``1.500``, ``3.000``, ``2,750``): a decimal in English, a whole number grouped by
    thousands in Vietnamese. Counts and areas both refuse it (code ``ambiguous_decimal``).
    """
    return len(tail) == 3 and _GROUP_HEAD.fullmatch(head) is not None


def no_number_code(value: Any) -> str:
    """The one rule for a cell that holds no number, whatever its reading (count or decimal).

    Returns:
        ``missing`` (``None``, pandas ``NA``/``NaT``, a masked cell), ``boolean`` (a Python or
        numpy bool), ``spreadsheet_error`` or ``formula_not_computed`` (a workbook cell holding
        no value, :mod:`~vn_drugfree_criteria.vocab.sheet_cells`), or ``""`` for anything else.
    """
    if value is None:
        return "missing"
    name = type(value).__name__
    if isinstance(value, bool) or name in ("bool_", "bool"):
        return "boolean"
    return "missing" if name in NA_TYPES else sheet_code(value)


def read_count_text(value: str) -> tuple[int, str]:
    """A count written as text: ``(count, "")`` or ``(0, code)``."""
    if len(value) > max_cell_length():
        return 0, "too_long"
    text = value.strip()
    if not text:
        return 0, "missing"
    m = _WHOLE_TEXT.fullmatch(text)
    if m is not None:
        head, _, zeros = text.partition(".")
        if grouping_ambiguous(head, zeros):
            return 0, "ambiguous_decimal"  # 3.000: 3 in English, 3000 in Vietnamese
        digits = m.group(1).lstrip("0")
        if len(digits) > MAX_DIGITS:
            return 0, "too_large"
        n = int(digits or "0")
        return (n, "") if n <= MAX_COUNT else (0, "too_large")
    if _NEGATIVE_TEXT.fullmatch(text):
        return 0, "negative" if _WHOLE_TEXT.fullmatch(text[1:]) else "not_whole_number"
    if _ANY_DIGITS.fullmatch(text) and not text.isascii():
        return 0, "non_ascii_digits"
    return 0, "not_whole_number"


def read_count_float(f: float) -> tuple[int, str]:
    """A count given as a float: whole, and no larger than 2**53."""
    if math.isnan(f):
        return 0, "missing"
    if not f.is_integer():  # fractions and infinities
        return 0, "not_whole_number"
    if f < 0:
        return 0, "negative"
    if f > MAX_COUNT:
        return 0, "too_large"
    if f > MAX_EXACT_FLOAT:
        return 0, "inexact_float"
    return int(f), ""


def decimal_places(value: Fraction) -> int | None:
    """How many digits after the point ``value`` needs; ``None`` when no decimal is exact."""
    den, places = value.denominator, 0
    twos = (den & -den).bit_length() - 1
    den >>= twos
    while den % 5 == 0:
        den //= 5
        places += 1
    return max(twos, places) if den == 1 else None


def _bounded(value: Fraction) -> tuple[Amount, str]:
    """An exact value checked against the bounds: non-negative, at most 2**63 - 1, 19 places."""
    if value < 0:
        return 0, "negative"
    if value > MAX_COUNT:
        return 0, "too_large"
    places = decimal_places(value)
    if places is None:
        return 0, "not_decimal"
    if places > MAX_DIGITS:
        return 0, "too_large"
    return (value.numerator, "") if value.denominator == 1 else (value, "")


def _read_decimal_text(value: str) -> tuple[Amount, str]:
    if len(value) > max_cell_length():
        return 0, "too_long"
    text = value.strip()
    if not text:
        return 0, "missing"
    m = _DECIMAL_TEXT.fullmatch(text.removeprefix("-"))
    if m is None:
        if _ANY_DIGITS.fullmatch(text) and not text.isascii():
            return 0, "non_ascii_digits"
        return 0, "not_decimal"
    if text.startswith("-"):
        return 0, "negative"
    head, tail = m.group(1), m.group(2) or ""
    if grouping_ambiguous(head, tail):
        return 0, "ambiguous_decimal"  # 1.500: 1.5 in English, 1500 in Vietnamese
    if len(head.lstrip("0")) > MAX_DIGITS or len(tail.rstrip("0")) > MAX_DIGITS:
        return 0, "too_large"
    return _bounded(Fraction(int(head + tail), 10 ** len(tail)))


def _read_decimal_float(value: Any) -> tuple[Amount, str]:
    f = float(value)
    if math.isnan(f):
        return 0, "missing"
    if math.isinf(f):
        return 0, "not_decimal"
    if f < 0:
        return 0, "negative"
    if f > MAX_COUNT:
        return 0, "too_large"
    if f > MAX_EXACT_FLOAT:
        return 0, "inexact_float"
    return _bounded(Fraction(str(value)))  # the shortest decimal that reads back as this float


def read_decimal(value: Any) -> tuple[Amount, str]:
    """Read one decimal cell (an area in m²): ``(value, "")`` or ``(0, code)``.

    The value is an ``int`` when whole, else a :class:`~fractions.Fraction`.

    >>> read_decimal(True), read_decimal(-0.5), read_decimal("7,5e2"), read_decimal("٣")
    ((0, 'boolean'), (0, 'negative'), (0, 'not_decimal'), (0, 'non_ascii_digits'))
    """
    if type(value) is int:
        return _bounded(Fraction(value))
    if isinstance(value, str):
        return _read_decimal_text(value)
    code = no_number_code(value)
    if code:
        return 0, code
    if isinstance(value, Fraction):
        return _bounded(value)
    if isinstance(value, decimal.Decimal):
        if value.is_nan():
            return 0, "missing"
        return _bounded(Fraction(value)) if value.is_finite() else (0, "not_decimal")
    try:
        return _bounded(Fraction(operator.index(value)))
    except TypeError:
        pass
    if isinstance(value, float) or (
        type(value).__module__ == "numpy" and type(value).__name__.startswith("float")
    ):
        return _read_decimal_float(value)
    return 0, "not_decimal"


def decimal_text(value: Amount) -> str:
    """An exact decimal in plain digits with a point (``750.5``); a whole number as digits.

    A value with no exact decimal (never one read from a cell) is written ``p/q``.
    """
    value = Fraction(value)
    places = decimal_places(value)
    if places is None:
        return f"{value.numerator}/{value.denominator}"
    if places == 0:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    scaled = abs(value.numerator) * 10**places // value.denominator
    whole, rest = divmod(scaled, 10**places)
    return f"{sign}{whole}.{rest:0{places}d}"


def json_number(value: Amount) -> int | str:
    """The JSON form of a value: a whole number as an integer, a decimal as its exact text."""
    if isinstance(value, int):
        return value
    return value.numerator if value.denominator == 1 else decimal_text(value)
