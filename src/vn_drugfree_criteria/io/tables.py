"""Read a table of areas (CSV or JSON) into validated snapshots and per-row rejections.

The format:

* UTF-8, a byte-order mark tolerated (or UTF-16 with its mark); for CSV one header row, then
  one row per area, cells separated by a comma, a semicolon or a tab (detected from the header:
  :mod:`~vn_drugfree_criteria.io.csvin`); for JSON a list of objects, or an object
  ``{"areas": [...]}``.
* ``id`` is required and unique. ``level`` (an English level name or any Vietnamese kind, any case,
  with or without diacritics, NFC or NFD), ``parent_id`` and ``as_of`` (ISO date) are optional;
  ``as_of`` may instead be given once for the whole table, and then applies wherever the cell is
  blank or the column absent.
* Indicator columns carry non-negative whole numbers. A blank cell is *missing*, never zero.
* Column names are matched ignoring case, surrounding spaces and Unicode normalisation; other
  columns are carried through untouched.
* Empty lines of a CSV file are skipped; ``row`` numbers count data rows, header excluded.

Problems of one row reject that row (every problem named by its field); every input row ends in
exactly one of :attr:`Table.areas` and :attr:`Table.rejected`. Problems of the whole file raise
:class:`~vn_drugfree_criteria.TableError`.

>>> table = parse_table("lai-chau-city-2024", b"id,level,households", as_of=None)
Traceback (most recent call last):
...
vn_drugfree_criteria.errors.TableError: <input>: no 'as_of' column and no as_of date given for the table
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.errors import RowError, TableError
from vn_drugfree_criteria.io.formats import format_of, read_items
from vn_drugfree_criteria.io.items import Item, object_items
from vn_drugfree_criteria.io.limits import check_rows, read_limited
from vn_drugfree_criteria.io.reading import RowReader
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.cells import (
    date_argument,
)

__all__ = [
    "Table",
    "TableRow",
    "example_table",
    "examples",
    "parse_table",
    "read_table",
    "table_from_records",
]


@attrs.frozen
class Table(Displayable):
    """A table of areas read for one plan: every input row, valid or rejected, in input order.

    Attributes:
        plan_id: The plan the rows were validated for.
        source: Where the table came from (a file name, ``<stdin>``, ``<records>``).
        columns: The header as written, in order (carried through to CSV output).
        rows: Every input row.
    """

    plan_id: str
    source: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]

    @property
    def areas(self) -> tuple[TableRow, ...]:
        """The valid rows, each with its snapshot."""
        return tuple(r for r in self.rows if r.ok)

    @property
    def rejected(self) -> tuple[RowError, ...]:
        """The rejected rows with their reasons."""
        return tuple(
            RowError(r.row, r.area_id, r.errors, r.error_codes, r.messages("vi"))
            for r in self.rows
            if not r.ok
        )

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        rejected = sum(1 for r in self.rows if not r.ok)
        return (
            f"<Table {self.source!r} for {self.plan_id}: {len(self.rows)} rows"
            f" ({rejected} rejected), {len(self.columns)} columns>"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the plan, where the table came from, its header and every row."""
        return {
            "plan": self.plan_id,
            "source": self.source,
            "columns": list(self.columns),
            "rows": [r.to_dict() for r in self.rows],
        }


def _build(
    plan: Plan,
    source: str,
    header: tuple[str, ...],
    items: Sequence[Item],
    as_of: _dt.date | None,
) -> Table:
    """Validate rows given as cells aligned with ``header`` (plus problems found while reading)."""
    reader = RowReader(plan, source, header, as_of, has_rows=bool(items))
    return Table(plan.id, source, header, tuple(reader.read(items)))


def _plan(plan: PlanLike) -> Plan:
    return get_plan(plan)


def parse_table(
    plan: PlanLike,
    data: bytes | str,
    *,
    source: str = "<input>",
    format: str = "csv",
    as_of: _dt.date | None = None,
    max_rows: int | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
) -> Table:
    """Read a table from bytes or text.

    Args:
        plan: The plan (or its id) the rows will be assessed against.
        data: The file's content; bytes are decoded as UTF-8 (a BOM is tolerated) or as UTF-16
            with its BOM (:func:`~vn_drugfree_criteria.io.csvin.decode_text`).
        source: A name for messages.
        format: ``csv``, ``json`` or ``xlsx`` (an Excel workbook: :mod:`~vn_drugfree_criteria.io.xlsx`).
        as_of: The date of review wherever a row's ``as_of`` is blank or absent.
        max_rows: The most data rows accepted (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_ROWS`).
        delimiter: The CSV delimiter (``,`` ``;`` or a tab); by default detected from the
            header (:func:`~vn_drugfree_criteria.io.csvin.detect_delimiter`).
        sheet: The worksheet of a workbook that has several.
        max_bytes: The largest uncompressed size of a workbook's parts (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_INPUT_BYTES`).

    Returns:
        Every row, valid or rejected.

    Raises:
        TableError: The table cannot be read (encoding, syntax, header, required columns,
            JSON nested too deep, too many rows).
        UnknownPlanError: No such plan.
    """
    p = _plan(plan)
    day = date_argument(as_of)
    header, items = read_items(
        data,
        source,
        format,
        delimiter=delimiter,
        sheet=sheet,
        max_rows=max_rows,
        max_bytes=max_bytes,
        vocabulary=p.vocabulary,
    )
    check_rows(len(items), source, max_rows)
    return _build(p, source, header, items, day)


def read_table(
    plan: PlanLike,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    as_of: _dt.date | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Read a CSV, JSON or Excel (``.xlsx``) file of areas.

    Args:
        plan: The plan (or its id) the rows will be assessed against.
        path: The file; ``.json`` files are read as JSON, ``.xlsx`` files as workbooks,
            everything else as CSV, unless ``format`` says otherwise.
        format: ``csv``, ``json`` or ``xlsx`` to override the file name.
        as_of: The date of review wherever a row's ``as_of`` is blank or absent.
        max_bytes: The largest file read (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_INPUT_BYTES`).
        max_rows: The most data rows accepted (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_ROWS`).
        delimiter: The CSV delimiter; by default detected from the header.
        sheet: The worksheet of a workbook that has several.

    Raises:
        TableError: The file cannot be read, is over a limit, or a required column is missing.
    """
    p = Path(path)
    data = read_limited(p, max_bytes)
    return parse_table(
        plan,
        data,
        source=str(path),
        format=format_of(p, format),
        as_of=as_of,
        max_rows=max_rows,
        delimiter=delimiter,
        sheet=sheet,
        max_bytes=max_bytes,
    )


def table_from_records(
    plan: PlanLike,
    records: Sequence[Mapping[str, object]],
    *,
    as_of: _dt.date | None = None,
    source: str = "<records>",
) -> Table:
    """Read a table from Python mappings (one per area), with the same rules as a JSON file.

    >>> import datetime
    >>> counts = dict.fromkeys(get_plan("lao-cai-414-2023").indicators, 0)
    >>> t = table_from_records("lao-cai-414-2023", [{"id": "X", **counts, "households": -1}],
    ...                        as_of=datetime.date(2024, 6, 1))
    >>> t.rejected[0].errors
    ('households: must not be negative, got -1',)
    """
    p = _plan(plan)
    day = date_argument(as_of)
    if isinstance(records, str | bytes | Mapping):
        raise TableError(source, "expected a sequence of records (mappings), one per area")
    try:
        rows = list(records)
    except TypeError:
        raise TableError(
            source, "expected a sequence of records (mappings), one per area"
        ) from None
    columns: dict[str, None] = {}
    for r in rows:
        if isinstance(r, Mapping):
            columns.update(dict.fromkeys(str(k) for k in r))
    header = tuple(columns)
    return _build(p, source, header, object_items(header, rows), day)


def examples() -> tuple[str, ...]:
    """The ids of the plans that have a bundled example table."""
    folder = resources.files("vn_drugfree_criteria").joinpath("data", "examples")
    return tuple(
        sorted(p.name[: -len(".csv")] for p in folder.iterdir() if p.name.endswith(".csv"))
    )


def example_table(plan: PlanLike, *, as_of: _dt.date | None = None) -> Table:
    """The bundled synthetic example table of a plan.

    The Lai Châu city example has 72 villages and residential groups of which 17 meet all 8
    criteria (the plan's own phase-1 baseline); its figures are invented.

    Raises:
        TableError: The plan has no bundled example.
    """
    p = _plan(plan)
    if p.id not in examples():
        raise TableError(
            "--example",
            f"no bundled example for plan {p.id!r}; examples exist for: " + ", ".join(examples()),
        )
    node = resources.files("vn_drugfree_criteria").joinpath("data", "examples", f"{p.id}.csv")
    return parse_table(p, node.read_bytes(), source=f"example {p.id}.csv", as_of=as_of)
