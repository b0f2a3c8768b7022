"""Raw rows of a table as read from CSV, JSON or Python records, before any cell is judged.

Each row is an :data:`Item`: the line it starts on (CSV), its cells aligned with the header, and
the problems found while reading it (extra cells, a row that is not an object). The cells are
judged later, by the one input policy (:mod:`vn_drugfree_criteria.vocab.cells`).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.vocab.cells import MAX_CELL_LENGTH, Problem, is_missing, plain, show
from vn_drugfree_criteria.vocab.sheet_cells import SheetError, UncomputedFormula

__all__ = [
    "Cell",
    "Item",
    "SheetError",
    "cell_text",
    "csv_items",
    "csv_stream",
    "extra_cells_problem",
    "object_item",
    "object_items",
]

Cell = object
"""A cell as read: text from CSV, any JSON value from JSON input; ``None`` when absent."""

Item = tuple[int | None, tuple[Cell, ...], list[Problem]]
"""A row as read: the line it starts on (CSV), its cells, and problems found while reading it."""

_CSV_FIELD_LIMIT = 1 << 20


def extra_cells_problem(record: Sequence[Cell], width: int) -> Problem:
    """The problem of a row with more cells than the header has columns (the first 5 shown)."""
    extra = ", ".join(show(c) for c in record[width:][:5])
    return Problem.worded("row", "extra_cells", cells=len(record), columns=width, extra=extra)


def _other_text(value: object) -> str:
    """A cell that is neither text nor a number, as text (a workbook's error or date as shown)."""
    if isinstance(value, SheetError):
        return value.text
    if isinstance(value, UncomputedFormula):  # no value to show
        return ""
    if isinstance(value, _dt.datetime) and value.time() == _dt.time() and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return show(value)


def cell_text(value: Cell) -> str:
    """A cell as text, for carrying it through to CSV output (missing cells are blank)."""
    value = plain(value)
    if isinstance(value, str):  # carried through as written, white space included
        return value
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # an int too long to write as digits is described
        short = isinstance(value, float) or value.bit_length() <= 3 * MAX_CELL_LENGTH
        return repr(value) if short else show(value)
    return _other_text(value)


def csv_items(text: str, source: str, delimiter: str = ",") -> tuple[tuple[str, ...], list[Item]]:
    """The header and the rows of a CSV text (a row with more cells than columns has a problem).

    ``delimiter`` separates the cells (see :mod:`vn_drugfree_criteria.io.csvin` for detecting it).

    Raises:
        TableError: The CSV cannot be parsed, or has no header row.
    """
    header, rows = csv_stream(io.StringIO(text, newline=""), source, len(text), delimiter)
    return header, list(rows)


def csv_stream(
    lines: Iterable[str], source: str, longest: int, delimiter: str = ","
) -> tuple[tuple[str, ...], Iterator[Item]]:
    """The header and an iterator of the rows of CSV text given line by line.

    Args:
        lines: The text in lines, each ending with its line break (as a file opened with
            ``newline=""`` gives them).
        source: A name for messages.
        longest: The longest cell that may occur (the input's size bound): a cell above the
            csv module's own limit would refuse the whole file, while a cell above
            :data:`~vn_drugfree_criteria.MAX_CELL_LENGTH` rejects only its row, so the module's
            limit is lifted to this while reading.
        delimiter: What separates the cells.

    Raises:
        TableError: The CSV cannot be parsed (also while iterating), or has no header row.
    """
    rows = _csv_records(lines, source, max(longest, _CSV_FIELD_LIMIT), delimiter)
    first = next(rows, None)
    if first is None:
        raise TableError(source, "no header row (the file is empty)")
    return first[1], cast(Iterator[Item], rows)


def _csv_records(lines: Iterable[str], source: str, limit: int, delimiter: str) -> Iterator[Any]:
    """The header as ``(None, header, [])``, then every data row as an :data:`Item`.

    The csv module's field size limit is lifted to ``limit`` while a batch of records is
    parsed, and put back before they are given (a syntax error is raised after the records
    before it).
    """
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    width = -1
    previous = 0
    while True:
        batch: list[Any] = []
        read = 0
        error = None
        saved = csv.field_size_limit(limit)
        try:
            for record in reader:
                start, previous = previous + 1, reader.line_num
                read += 1
                if not record:  # an empty line
                    pass
                elif width < 0:
                    width = len(record)
                    batch.append((None, tuple(record), []))
                elif len(record) > width:
                    batch.append((start, tuple(record), [extra_cells_problem(record, width)]))
                else:
                    batch.append((start, tuple(record), []))
                if read == _BATCH:
                    break
        except csv.Error as exc:
            error = TableError(source, f"not a readable CSV file: {exc}", reader.line_num)
        finally:
            csv.field_size_limit(saved)
        yield from batch
        if error is not None:
            raise error
        if read < _BATCH:
            return


_BATCH = 512
"""Records parsed at a time (with the field size limit lifted)."""


def object_item(header: tuple[str, ...], obj: object) -> Item:
    """A row given as a mapping, aligned with ``header``; anything else is not an object."""
    if isinstance(obj, Mapping):
        return None, tuple(obj.get(name) for name in header), []
    return None, (), [Problem.worded("row", "not_an_object", value=show(obj))]


def object_items(header: tuple[str, ...], data: Sequence[object]) -> list[Item]:
    """Rows of mappings aligned with ``header``; anything else is a row that is not an object."""
    return [object_item(header, obj) for obj in data]
