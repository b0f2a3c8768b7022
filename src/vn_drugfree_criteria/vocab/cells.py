"""The input policy: what a cell means, and how every problem with it is worded and coded.

Every entry point reads counts through this module: :class:`~vn_drugfree_criteria.Snapshot`,
the table readers (CSV, JSON, Python records), :func:`~vn_drugfree_criteria.assess_many` on both
backends, :func:`~vn_drugfree_criteria.assess_frame` and the programme-figures reader. So a cell
gets one verdict and one message, with one stable code, wherever it comes from.

A count cell is read as follows (see :doc:`/input` for the table of accepted and refused forms):

* *missing*: absent, ``None``, an empty or white-space text, a float NaN, pandas ``NA``/``NaT``,
  a masked numpy cell. Missing is never zero.
* *a count*: a non-bool ``int`` or numpy integer; a text of ASCII digits ``0``-``9`` with
  optional surrounding white space and an optional decimal point followed only by zeros
  (``" 3 "``, ``"3.0"``, as spreadsheets and pandas write them), except exactly three zeros
  after one to three digits (``"3.000"``: 3 in English, 3000 in Vietnamese), refused as
  ``ambiguous_decimal``; a float that is a whole number
  no larger than ``2**53`` (beyond it a float no longer tells one count from the next).
* refused, each with its code: ``boolean``, ``negative``, ``too_large`` (above ``2**63 - 1``,
  or more digits than that; no number of thousands of digits is ever converted),
  ``non_ascii_digits`` (Arabic-Indic, Thai, full-width … digits), ``inexact_float``,
  ``too_long`` (a text cell above :data:`MAX_CELL_LENGTH` characters),
  ``spreadsheet_error`` and ``formula_not_computed`` (a workbook cell that holds no value, see
  :mod:`~vn_drugfree_criteria.vocab.sheet_cells`; refused as such in a text cell too) and
  ``not_whole_number`` for everything else (``"3.5"``, ``"1e3"``, ``"+3"``, ``"3,000"``, …).

An area in m² (an indicator whose unit is ``m2``) is a *decimal* cell: a non-negative exact
decimal read by :func:`~vn_drugfree_criteria.vocab.decimals.read_decimal` (``"750,5"`` and
``"750.5"`` are both 750.5; ``"1.500"`` is refused as ``ambiguous_decimal``; a float is read
through its shortest decimal form), refused as ``not_decimal`` where a count would be
``not_whole_number``. :func:`read_cell` chooses the reading.

>>> read_count(" 3 "), read_count(3.0), read_count(None), read_count("٣")
((3, ''), (3, ''), (0, 'missing'), (0, 'non_ascii_digits'))
"""

from __future__ import annotations

import datetime as _dt
import math
import operator
import reprlib
from collections.abc import Callable, Container, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from vn_drugfree_criteria.vocab.cell_limit import MAX_CELL_LENGTH, max_cell_length
from vn_drugfree_criteria.vocab.decimals import (
    MAX_COUNT,
    MAX_DIGITS,
    MAX_EXACT_FLOAT,
    NA_TYPES,
    Amount,
    no_number_code,
    read_count_float,
    read_count_text,
    read_decimal,
)
from vn_drugfree_criteria.vocab.problem_words import Problem, problem_error
from vn_drugfree_criteria.vocab.sheet_cells import SheetError, sheet_code
from vn_drugfree_criteria.vocab.text import nfc

__all__ = [
    "CELL_CODES",
    "ERROR_CODES",
    "MAX_CELL_LENGTH",
    "MAX_COUNT",
    "MAX_EXACT_FLOAT",
    "Problem",
    "count_problem",
    "date_argument",
    "exceeds_problem",
    "exceeds_whole",
    "is_missing",
    "max_cell_length",
    "missing_problem",
    "not_yes_no",
    "part_problems",
    "plain",
    "read_cell",
    "read_count",
    "read_text",
    "sheet_problem",
    "show",
    "without_whole_problem",
    "yes_no_problem",
    "yes_no_problems",
]

ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "missing": "A cell the plan needs is blank, absent, null, NaN, <NA> or masked.",
        "not_whole_number": "The cell is not a whole number (a fraction, letters, an exponent, "
        "a sign other than minus, a thousands separator, an unsupported type).",
        "spreadsheet_error": "A workbook cell shows a spreadsheet error (#REF!, #DIV/0!, #N/A, "
        "…) instead of a value.",
        "formula_not_computed": "A workbook cell holds a formula whose value was never computed "
        "(the workbook was written by a program that does not compute formulas); open and save "
        "it in a spreadsheet program.",
        "boolean": "The cell is true/false: a yes/no is a count of 0 or 1, written as such.",
        "negative": "The count is below zero (a leading minus sign).",
        "too_large": "The number is above 2**63 - 1 (or has more digits than that; an area in "
        f"m²: more than {MAX_DIGITS} digits after its decimal separator).",
        "non_ascii_digits": "The number is written with digits other than ASCII 0-9.",
        "inexact_float": "A float above 2**53, which cannot tell one count from the next.",
        "not_decimal": "An area in m² is not a non-negative decimal number (letters, an "
        "exponent, a sign, two separators, a fraction with no exact decimal, …).",
        "ambiguous_decimal": "A number whose only separator is followed by exactly three "
        "digits after 1-3 leading digits ('1.500', '2,750'; a count '3.000'): a decimal in "
        "English, a grouped whole number in Vietnamese; write it without grouping ('1500' or "
        "'1.5').",
        "too_long": f"A text cell has more than {MAX_CELL_LENGTH} characters.",
        "not_text": "An id, parent_id, level or as_of cell holds neither text nor a whole number.",
        "invalid_text": "A text cell holds a lone surrogate (not encodable as UTF-8).",
        "unknown_indicator": "A Snapshot names an indicator that does not exist.",
        "unknown_figure": "A column of programme figures is not a programme figure.",
        "period_invalid": "A period is not a year (2024) or a phase ('phase 2').",
        "period_duplicate": "A period is given in two rows of programme figures.",
        "part_exceeds_whole": "A part is larger than its whole.",
        "not_yes_no": "A yes/no indicator (a key route) is neither 0 nor 1.",
        "part_without_whole": "A part is given while its whole is blank.",
        "id_missing": "The id cell is blank.",
        "id_duplicate": "The id is already used by an earlier row (compared in Unicode NFC).",
        "parent_is_self": "The parent_id is the row's own id.",
        "level_unknown": "The level cell names no known level or unit kind.",
        "level_not_covered": "The plan sets no criteria for the row's level.",
        "level_not_valid": "The row's level or unit kind did not exist on its date.",
        "as_of_missing": "No date of review: the as_of cell is blank and none was given.",
        "as_of_invalid": "The as_of cell is not an ISO date (YYYY-MM-DD).",
        "plan_not_valid": "The plan does not apply on the row's date.",
        "extra_cells": "A CSV row has more cells than the header has columns.",
        "not_an_object": "A JSON row is not an object.",
        "invalid": "Any other problem found while assessing a row that passed validation.",
    }
)
"""Every code a rejected row or refused snapshot can carry, with what it means.

The codes are stable: an application may branch on them, and the conformance vectors use them.
"""

CELL_CODES = (
    "",
    "missing",
    "not_whole_number",
    "boolean",
    "negative",
    "too_large",
    "non_ascii_digits",
    "inexact_float",
    "too_long",
    "not_decimal",
    "ambiguous_decimal",
    "spreadsheet_error",
    "formula_not_computed",
)
"""The codes :func:`read_cell` returns, numbered for column backends (0: fine)."""

_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60


def plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds; anything else unchanged."""
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        return value.item()
    return value


def show(value: Any) -> str:
    """A short, stable rendering of a cell for messages: never huge, never raising."""
    value = plain(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 60:
            return f"{text[:40]!r}… ({len(text)} characters)"
        return repr(text)
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > 200:
            return f"a {'negative ' if value < 0 else ''}number of more than 60 digits"
        return str(value)
    try:
        return _SHORT.repr(value)
    except Exception:
        return f"a {type(value).__name__} value"


def is_missing(value: Any) -> bool:
    """Whether a cell is missing: ``None``, blank text, NaN, pandas ``NA``/``NaT``, masked."""
    value = plain(value)
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if type(value).__name__ in NA_TYPES:
        return True
    return isinstance(value, float) and math.isnan(value)


def read_count(value: Any) -> tuple[int, str]:
    """Read one count cell: ``(count, "")``, or ``(0, code)`` with a code of :data:`CELL_CODES`.

    >>> read_count("3.0"), read_count(True), read_count(-1), read_count(2**63)
    ((3, ''), (0, 'boolean'), (0, 'negative'), (0, 'too_large'))
    """
    if type(value) is str and len(value) < MAX_DIGITS and value.isdigit() and value.isascii():
        return (int(value), "") if len(value) <= max_cell_length() else (0, "too_long")
    if type(value) is int:
        if value < 0:
            return 0, "negative"
        return (value, "") if value <= MAX_COUNT else (0, "too_large")
    if isinstance(value, str):
        return read_count_text(value)
    code = no_number_code(value)
    if code:
        return 0, code
    name = type(value).__name__
    try:
        n = operator.index(value)
    except TypeError:
        pass
    else:
        if n < 0:
            return 0, "negative"
        return (n, "") if n <= MAX_COUNT else (0, "too_large")
    if isinstance(value, float) or (type(value).__module__ == "numpy" and name.startswith("float")):
        return read_count_float(float(value))
    return 0, "not_whole_number"


def read_cell(value: Any, decimal: bool = False) -> tuple[Amount, str]:
    """Read one indicator cell: a count, or with ``decimal`` an exact decimal (an area in m²).

    >>> read_cell("750,5", decimal=True), read_cell("750,5")
    ((Fraction(1501, 2), ''), (0, 'not_whole_number'))
    """
    return read_decimal(value) if decimal else read_count(value)


def _number(value: Any) -> str:
    """A number for a message: digit text as written (``-3`` reads alike from "-3" and -3)."""
    if isinstance(value, str) and len(value.strip()) <= 60:
        return value.strip()
    return show(value)


def count_problem(field: str, code: str, value: Any) -> Problem:
    """The problem of a count cell that :func:`read_count` refused with ``code``.

    >>> count_problem("addicts", "not_whole_number", "3.5").message
    "addicts: not a whole number ('3.5')"
    """
    if code == "too_long":
        return Problem.worded(field, code, length=len(value), limit=max_cell_length())
    if code == "missing":
        return Problem.worded(field, code)
    sheet = sheet_problem(field, value)
    if sheet is not None:
        return sheet
    key = code if code in CELL_CODES and code else "not_whole_number"
    value = plain(value)
    if code == "boolean" and isinstance(value, bool):
        return Problem.worded(field, key, value=value)  # worded as true/false in each language
    shown = _number(value) if code in ("negative", "too_large") else show(value)
    return Problem.worded(field, key, value=shown)


def sheet_problem(field: str, value: Any) -> Problem | None:
    """The problem of a workbook cell that holds no value (an error, a formula never computed).

    Returns:
        ``None`` for any other value.

    >>> from vn_drugfree_criteria.vocab.sheet_cells import UNCOMPUTED
    >>> sheet_problem("households", UNCOMPUTED).code
    'formula_not_computed'
    """
    code = sheet_code(value)
    if not code:
        return None
    if isinstance(value, SheetError):
        return Problem.worded(field, code, error=value.text)
    return Problem.worded(field, code)


def missing_problem(field: str, criterion_id: str | None = None) -> Problem:
    """A blank cell that a criterion needs (or, without one, any missing cell).

    >>> missing_problem("households", "C6").message
    'households: missing (blank cell); criterion C6 needs it'
    """
    if criterion_id is None:
        return Problem.worded(field, "missing")
    return Problem.worded(field, "missing_needed", criterion=criterion_id)


exceeds_whole: Callable[[Any, Any], Any] = operator.gt
"""The one part ≤ whole rule: ``exceeds_whole(part, whole)`` holds when the part is larger.

It is :func:`operator.gt` itself, so it runs on two counts, element-wise on numpy arrays, and
in C over two lists of counts (``map(exceeds_whole, parts, wholes)``).
"""


def part_problems(
    counts: Mapping[str, Amount], blank: Container[str], wholes: Mapping[str, str]
) -> list[Problem]:
    """The part ≤ whole problems of one row of valid counts.

    Args:
        counts: The valid counts of the row.
        blank: Names whose cell is missing (a part given over a blank whole is refused; a part
            over a whole that is itself invalid is not judged).
        wholes: Part name to whole name, in the order problems are reported.

    >>> part_problems({"a": 5, "b": 3}, (), {"a": "b"})[0].message
    'a: 5 is larger than its whole b (3)'
    """
    out: list[Problem] = []
    for part, whole in wholes.items():
        if part not in counts:
            continue
        if whole in counts:
            if exceeds_whole(counts[part], counts[whole]):
                out.append(exceeds_problem(part, whole, counts[part], counts[whole]))
        elif whole in blank:
            out.append(without_whole_problem(part, whole))
    return out


def not_yes_no(value: Any) -> Any:
    """The one yes/no rule: a valid count above 1 (element-wise on numpy arrays)."""
    return value > 1


def yes_no_problem(field: str, value: Amount) -> Problem:
    """The wording of a yes/no indicator that is neither 0 nor 1."""
    return Problem.worded(field, "not_yes_no", value=value)


def yes_no_problems(counts: Mapping[str, Amount], flags: Sequence[str]) -> list[Problem]:
    """The yes/no problems of one row of valid counts (``on_route: must be 0 or 1 …``)."""
    return [yes_no_problem(f, counts[f]) for f in flags if f in counts and not_yes_no(counts[f])]


def exceeds_problem(part: str, whole: str, part_value: Amount, whole_value: Amount) -> Problem:
    """The wording of a part larger than its whole."""
    return Problem.worded(
        part, "part_exceeds_whole", value=part_value, whole=whole, whole_value=whole_value
    )


def without_whole_problem(part: str, whole: str) -> Problem:
    """The wording of a part given over a blank whole."""
    return Problem.worded(part, "part_without_whole", whole=whole)


def read_text(field: str, value: Any) -> tuple[str | None, Problem | None]:
    """A text cell (an id, a level, a date): stripped, in Unicode NFC; whole numbers as digits.

    Returns:
        ``(text, None)``; ``(None, None)`` when missing; ``(None, problem)`` when refused.
    """
    if type(value) is str and value.isascii():  # the common case: nothing to normalise
        text = value.strip()
        if text and len(value) > max_cell_length():
            return None, count_problem(field, "too_long", value)
        return text or None, None
    value = plain(value)
    if is_missing(value):
        return None, None
    limit = max_cell_length()
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > 3 * limit:
            return None, Problem.worded(field, "too_long_number", limit=limit)
        value = str(value)
    if not isinstance(value, str):
        sheet = sheet_problem(field, value)
        return None, sheet or Problem.worded(field, "not_text", value=show(value))
    if len(value) > limit:
        return None, count_problem(field, "too_long", value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None, Problem.worded(field, "invalid_text")
    return nfc(value), None


def date_argument(value: object, name: str = "as_of") -> _dt.date | None:
    """Check a date given as an argument: a :class:`datetime.date` (not a datetime) or ``None``.

    Raises:
        SnapshotError: Anything else, naming the argument (code ``as_of_invalid``).
    """
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    raise problem_error(Problem.worded(name, "as_of_not_date", value=show(value)))
