"""Spreadsheet-safe CSV output of an assessed table.

Every input column is carried through in its order, then the results are appended: ``drug_free``,
one column per criterion (``C1`` ... ``Cn``: ``true``/``false``, blank where the row was rejected
or the criterion does not apply at the row's level), ``shortfalls`` (each shortfall as
``C6: 3 of 41 households have not made the commitment.``, separated by `` | ``) and ``errors``
(the reasons a row was rejected, separated by `` | ``). Rejected rows are written, never dropped.
If an input column already has one of these names, every appended name gets the prefix
``result_`` (repeated until no name clashes).

**Spreadsheet safety.** A spreadsheet program executes a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula ("CSV injection"). Every such cell, header
included, is written with a single quote ``'`` in front, which spreadsheets show as text and which
keeps the whole original text after it: ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``. No other
cell is changed.

>>> safe_cell("=1+1"), safe_cell("-3"), safe_cell("TDP-01")
("'=1+1", "'-3", 'TDP-01')
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from vn_drugfree_criteria.engine.assess_table import TableAssessment
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan

__all__ = ["FORMULA_STARTS", "csv_rows", "result_columns", "safe_cell", "write_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SEPARATOR = " | "


def safe_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would execute as a formula (prefix ``'``); keep its text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def result_columns(columns: Sequence[str], criteria: Sequence[str]) -> tuple[str, ...]:
    """The names of the appended result columns, prefixed when they clash with input columns."""
    names = ("drug_free", *criteria, "shortfalls", "errors")
    taken = set(columns)
    prefix = ""
    while any(prefix + n in taken for n in names):
        prefix += "result_"
    return tuple(prefix + n for n in names)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def csv_rows(
    result: TableAssessment, *, lang: str = "vi", plan: Plan | None = None
) -> Iterable[tuple[str, ...]]:
    """The header, then one row per input row (input cells, then the results), unescaped.

    ``plan`` is the plan the table was assessed against; by default the bundled plan of that id
    (a plan read from a file must be given).
    """
    p = get_plan(result.plan_id) if plan is None else plan
    if p.id != result.plan_id:
        raise InputError(f"the table was assessed against plan {result.plan_id!r}, not {p.id!r}")
    criteria = [c.id for c in p.criteria]
    columns = result.table.columns
    yield (*columns, *result_columns(columns, criteria))
    for row, a in zip(result.rows, result.results, strict=True):
        cells = row.cells + ("",) * (len(columns) - len(row.cells))
        if a is None:
            blanks = ("",) * (len(criteria) + 2)
            yield (*cells, *blanks, _SEPARATOR.join(row.errors))
            continue
        flags = tuple(_flag(a.criteria[c].met if c in a.criteria else None) for c in criteria)
        shortfalls = _SEPARATOR.join(
            f"{s['criterion']}: {s['explanation']}" for s in a.to_dict(lang=lang)["shortfalls"]
        )
        yield (*cells, _flag(a.drug_free), *flags, shortfalls, "")


def write_csv(rows: Iterable[Sequence[str]], out: TextIO) -> None:
    """Write rows as CSV, every cell made spreadsheet-safe with :func:`safe_cell`."""
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
