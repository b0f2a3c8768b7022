"""A series of programme figures: one row per period (a calendar year or a phase of a plan).

Input is CSV (one header row, UTF-8, a byte-order mark tolerated) or JSON (a list of objects, or
an object with a ``periods`` list). Every row has a ``period``: a year (``2022``) or a phase
(``phase 2``); the other columns are programme figures (:data:`~vn_drugfree_criteria.FIGURES`).
Cells are read by the one input policy of :mod:`vn_drugfree_criteria.vocab.cells`: a blank cell
or ``null`` is *missing*, never zero. An unknown column, a duplicate period, a refused count or a
part above its whole is refused with a :class:`~vn_drugfree_criteria.RowError` naming the row, the
field and the code of each problem; a row of a CSV file or a workbook is also named by its line
(the line where it starts, a worksheet's row number), as a rejected row of ``assess`` is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import InputError, RowError
from vn_drugfree_criteria.io.csvin import decode_text
from vn_drugfree_criteria.io.formats import format_of, read_items
from vn_drugfree_criteria.io.limits import check_rows, load_json, read_limited
from vn_drugfree_criteria.vocab.cells import (
    Problem,
    count_problem,
    part_problems,
    read_count,
    read_text,
    show,
)
from vn_drugfree_criteria.vocab.figures import FIGURES

__all__ = ["PeriodFigures", "Series", "read_series", "series_from_rows"]

_PERIOD = re.compile(r"([0-9]{4})|phase\s*([0-9]{1,3})", re.IGNORECASE | re.ASCII)
_WHOLES = {name: f.whole for name, f in FIGURES.items() if f.whole is not None}


def _frozen_map(m: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(m))


@attrs.frozen
class PeriodFigures:
    """The figures of one period.

    Attributes:
        row: 1-based data row number in the input.
        period: The period as written (``2022``, ``phase 2``).
        year: The calendar year, for a year row.
        phase: The phase number, for a phase row.
        figures: Counts by figure name; missing figures are absent.
    """

    row: int
    period: str
    year: int | None
    phase: int | None
    figures: Mapping[str, int] = attrs.field(converter=_frozen_map)

    def get(self, name: str) -> int | None:
        """The count of ``name``, or ``None`` when missing."""
        return self.figures.get(name)


@attrs.frozen
class Series:
    """Rows of figures, in input order, each period once."""

    rows: tuple[PeriodFigures, ...]

    def year(self, year: int) -> PeriodFigures | None:
        """The row of a calendar year, if any."""
        return next((r for r in self.rows if r.year == year), None)

    def phase(self, number: int) -> PeriodFigures | None:
        """The row of a phase, if any."""
        return next((r for r in self.rows if r.phase == number), None)

    @property
    def years(self) -> tuple[PeriodFigures, ...]:
        """The year rows, by year."""
        return tuple(
            sorted((r for r in self.rows if r.year is not None), key=lambda r: r.year or 0)
        )


def _period(number: int, raw: Mapping[str, Any], problems: list[Problem]) -> tuple[str, Any]:
    """The period of a row as written, and its ``(year, phase)`` key (``None`` when refused)."""
    value = raw.get("period")
    text, problem = read_text("period", value)
    if problem is not None or text is None or isinstance(value, bool):
        problems.append(problem or Problem.worded("period", "period_required"))
        return "", None
    m = _PERIOD.fullmatch(text)
    if m is None:
        problems.append(Problem.worded("period", "period_invalid", value=show(text)))
        return text, None
    return text, (int(m.group(1)) if m.group(1) else None, int(m.group(2)) if m.group(2) else None)


def _figures(raw: Mapping[str, Any], problems: list[Problem]) -> dict[str, int]:
    """The figures of one row, read by the one input policy (a blank cell is missing)."""
    figures: dict[str, int] = {}
    blank: set[str] = set()
    for key, value in raw.items():
        if key == "period":
            continue
        if key not in FIGURES:
            problems.append(Problem.worded(str(key), "unknown_figure"))
            continue
        count, code = read_count(value)
        if not code:
            figures[key] = count
        elif code == "missing":
            blank.add(key)
        else:
            problems.append(count_problem(key, code, value))
    # A part over a blank whole is not judged here: a series may record a part alone.
    problems.extend(part_problems(figures, (), _WHOLES))
    return figures


def _problems_error(number: int, line: int | None, problems: list[Problem]) -> RowError:
    """The error of row ``number`` of programme figures, its problems worded in both languages."""
    messages = [p.message for p in problems]
    vi = [p.message_for("vi") for p in problems]
    return RowError(number, None, messages, [p.code for p in problems], vi, line=line)


def series_from_rows(rows: Iterable[Mapping[str, Any]]) -> Series:
    """Validate rows (mappings of column to value) into a :class:`Series`.

    Cells are read by the one input policy (:mod:`vn_drugfree_criteria.vocab.cells`), as the
    tables of areas are.

    Raises:
        RowError: Naming the first row at fault, each of its problems with its field and code.
    """
    return _series((None, raw) for raw in rows)


def _series(rows: Iterable[tuple[int | None, object]]) -> Series:
    """:func:`series_from_rows` of rows given with the line each starts on (``None``: no lines)."""
    out: list[PeriodFigures] = []
    seen: dict[tuple[int | None, int | None], int] = {}
    for number, (line, raw) in enumerate(rows, 1):
        if not isinstance(raw, Mapping):
            raise RowError(
                number, None, ["row: expected an object of figures"], ["not_an_object"], line=line
            )
        problems: list[Problem] = []
        text, key = _period(number, raw, problems)
        if key is not None and key in seen:
            problems.append(
                Problem.worded("period", "period_duplicate", period=repr(text), row=seen[key])
            )
        elif key is not None:
            seen[key] = number
        figures = _figures(raw, problems)
        if problems:
            raise _problems_error(number, line, problems)
        out.append(PeriodFigures(number, text, key[0], key[1], figures))
    return Series(tuple(out))


def read_series(
    path: str | Path, *, delimiter: str | None = None, sheet: str | None = None
) -> Series:
    """Read a CSV, JSON or Excel (``.xlsx``) file of programme figures (chosen by its name).

    A CSV file or a workbook is read as a table of areas is (:mod:`~vn_drugfree_criteria.io.formats`):
    CSV in UTF-8 or UTF-16 with its byte-order mark, cells separated by ``delimiter`` (``,``
    ``;`` or a tab), by default detected from the header; one worksheet of a workbook (``sheet``
    when it has several).

    Raises:
        InputError: The file cannot be read or a row is invalid (a :class:`RowError` naming the
            row and, in a CSV file or a workbook, its line; or a :class:`TableError` for the file
            as a whole).
    """
    p = Path(path)
    data = read_limited(p)
    fmt = format_of(p)
    if fmt == "json":
        data = load_json(decode_text(data, p.name), p.name)
        if isinstance(data, dict) and set(data) == {"periods"}:
            data = data["periods"]
        if not isinstance(data, list):
            raise InputError(f"{p.name}: expected a list of rows or {{'periods': [...]}}")
        return series_from_rows(data)
    header, items = read_items(
        data, p.name, fmt, required="period", delimiter=delimiter, sheet=sheet
    )
    if "period" not in header:
        raise InputError(f"{p.name}: the header must have a 'period' column")
    if len(set(header)) != len(header):
        raise InputError(f"{p.name}: a column appears twice in the header")
    rows: list[tuple[int | None, object]] = []
    for number, (line, cells, problems) in enumerate(items, 1):
        if problems:
            raise _problems_error(number, line, problems)
        padded = (*cells, *[""] * (len(header) - len(cells)))
        rows.append((line, dict(zip(header, padded, strict=True))))
    check_rows(len(rows), p.name)
    return _series(rows)
