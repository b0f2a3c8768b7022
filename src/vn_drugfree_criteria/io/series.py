"""A series of programme figures: one row per period (a calendar year or a phase of a plan).

Input is CSV (one header row, UTF-8, a byte-order mark tolerated) or JSON (a list of objects, or
an object with a ``periods`` list). Every row has a ``period``: a year (``2022``) or a phase
(``phase 2``); the other columns are programme figures (:data:`~vn_drugfree_criteria.FIGURES`).
A blank cell or ``null`` is *missing*, never zero. An unknown column, a duplicate period, a
negative or non-integer count or a part above its whole is refused with an
:class:`~vn_drugfree_criteria.InputError` naming the row and the field.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.limits import check_rows, load_json, read_limited
from vn_drugfree_criteria.vocab.figures import FIGURES

__all__ = ["PeriodFigures", "Series", "read_series", "series_from_rows"]

_PERIOD = re.compile(r"(?:([0-9]{4})|phase\s*([0-9]{1,3}))", re.IGNORECASE | re.ASCII)


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


def _count(row: int, name: str, value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InputError(f"row {row}: field {name!r}: expected a count, got {value!r}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        number = int(value)
    else:
        raise InputError(
            f"row {row}: field {name!r}: expected a non-negative whole number, got {value!r}"
        )
    if number < 0:
        raise InputError(f"row {row}: field {name!r}: a count cannot be negative, got {number}")
    return number


def series_from_rows(rows: Iterable[Mapping[str, Any]]) -> Series:
    """Validate rows (mappings of column to value) into a :class:`Series`.

    Raises:
        InputError: Naming the row and the field at fault.
    """
    out: list[PeriodFigures] = []
    seen: dict[tuple[int | None, int | None], int] = {}
    for number, raw in enumerate(rows, 1):
        if not isinstance(raw, Mapping):
            raise InputError(f"row {number}: expected an object of figures")
        period = raw.get("period")
        if not isinstance(period, str | int) or isinstance(period, bool):
            raise InputError(f"row {number}: field 'period': required (a year or 'phase N')")
        if isinstance(period, int) and not 0 <= period <= 9999:  # before str(): no huge text
            raise InputError(f"row {number}: field 'period': expected a year such as 2024")
        text = period.strip() if isinstance(period, str) else str(period)
        m = _PERIOD.fullmatch(text)
        if not m:
            raise InputError(
                f"row {number}: field 'period': expected a year such as 2024 or 'phase 2', "
                f"got {text!r}"
            )
        year = int(m.group(1)) if m.group(1) else None
        phase = int(m.group(2)) if m.group(2) else None
        if (year, phase) in seen:
            raise InputError(
                f"row {number}: field 'period': {text!r} already given in row {seen[(year, phase)]}"
            )
        seen[(year, phase)] = number
        figures: dict[str, int] = {}
        for key, value in raw.items():
            if key == "period":
                continue
            if key not in FIGURES:
                raise InputError(f"row {number}: field {key!r}: not a programme figure")
            count = _count(number, key, value)
            if count is not None:
                figures[key] = count
        for name, count in figures.items():
            whole = FIGURES[name].whole
            if whole is not None and whole in figures and count > figures[whole]:
                raise InputError(
                    f"row {number}: field {name!r}: {count} exceeds its whole "
                    f"{whole!r} ({figures[whole]})"
                )
        out.append(PeriodFigures(number, text, year, phase, figures))
    return Series(tuple(out))


def read_series(path: str | Path) -> Series:
    """Read a CSV or JSON file of programme figures (chosen by the ``.json`` extension).

    Raises:
        InputError: The file cannot be read or a row is invalid.
    """
    p = Path(path)
    try:
        text = read_limited(p).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p.name}: cannot be read: {exc}") from None
    if p.suffix.lower() == ".json":
        data = load_json(text, p.name)
        if isinstance(data, dict) and set(data) == {"periods"}:
            data = data["periods"]
        if not isinstance(data, list):
            raise InputError(f"{p.name}: expected a list of rows or {{'periods': [...]}}")
        return series_from_rows(data)
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InputError(f"{p.name}: not a readable CSV file: {exc}") from None
    if header is None or "period" not in header:
        raise InputError(f"{p.name}: the header must have a 'period' column")
    if len(set(header)) != len(header):
        raise InputError(f"{p.name}: a column appears twice in the header")
    rows = []
    try:
        for number, row in enumerate(reader, 1):
            if None in row:
                raise InputError(f"row {number}: more cells than header columns")
            rows.append(row)
    except csv.Error as exc:
        raise InputError(f"{p.name}: not a readable CSV file: {exc}") from None
    check_rows(len(rows), p.name)
    return series_from_rows(rows)
