"""Read one worksheet of an Excel workbook (``.xlsx``) as a header and raw rows.

The reader needs the optional ``excel`` extra (openpyxl); without it,
:class:`~vn_drugfree_criteria.MissingExtraError` gives the command that installs it.

What a workbook may hold, and what is refused before or while it is read:

* A ``.xlsx`` file is a zip archive of XML parts. Its size is bounded like any input file
  (``--max-bytes``), and so is the *uncompressed* size of its parts, checked from the archive's
  directory before anything is decompressed (a decompression bomb is refused unread; a part
  that inflates beyond its declared size fails its check).
* The sheet is streamed (openpyxl's read-only mode), so parsing it holds one row at a time;
  the row limit (``--max-rows``) is checked while streaming. The workbook's table of shared
  strings (each distinct text once) is read whole, bounded by the uncompressed-size check. Rows below Excel's last row
  (1,048,576) do not exist in a valid workbook and are not read.
* A workbook of several sheets is refused unless one is named (``--sheet``, ``sheet=``): the
  reader never guesses which sheet holds the table.
* An old ``.xls`` file, a password-protected workbook (both are OLE compound files, not zip
  archives) and any other file are refused with one line saying so.

Cells keep the type the workbook gives them and are judged by the one input policy
(:mod:`vn_drugfree_criteria.vocab.cells`): a number is a number (``3`` and ``3.0`` are the count
3), a date is a :class:`datetime.datetime` (a date at midnight is the ``as_of`` date), text is
text, ``TRUE``/``FALSE`` are booleans (refused as counts). A cell showing a spreadsheet error
(``#REF!``, ``#DIV/0!``, ``#N/A``) is a :class:`~vn_drugfree_criteria.vocab.sheet_cells.SheetError`:
never a value, so its row is rejected naming the field and the error (``spreadsheet_error``).
A formula is read as the value the spreadsheet last computed and saved. A formula with no saved
value (a workbook written by a program that computes no formulas) is
:data:`~vn_drugfree_criteria.vocab.sheet_cells.UNCOMPUTED`, never a blank cell: its row is
rejected with ``formula_not_computed``, telling to open and save the workbook in a spreadsheet
program. openpyxl gives such a cell as blank (``None``, as an empty cell), so where the sheet has
formulas at all (a search of its XML that inflates it a chunk at a time), the sheet is streamed a
second time beside openpyxl's rows to find the formula cells without a value, a row at a time.

Each row's ``line`` is its row number in the sheet, as Excel shows it (the header is usually
row 1); blank rows are skipped, as blank lines of a CSV file are.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from vn_drugfree_criteria.errors import MissingExtraError, TableError
from vn_drugfree_criteria.io.items import Item, extra_cells_problem
from vn_drugfree_criteria.io.limits import MAX_INPUT_BYTES, check_rows
from vn_drugfree_criteria.vocab.sheet_cells import UNCOMPUTED, SheetError

__all__ = ["EXCEL_ROWS", "XLSX_SUFFIXES", "xlsx_items", "xlsx_stream"]

EXCEL_ROWS = 1_048_576
"""The last row of an Excel worksheet."""
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")
"""File names read as workbooks (an ``.xls`` file is then refused with a clear message)."""

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_openpyxl(feature: str) -> Any:
    """Import openpyxl, or raise :class:`MissingExtraError` naming the ``excel`` extra."""
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported when used
    except ImportError:
        raise MissingExtraError("openpyxl", "excel", feature) from None
    return openpyxl


def _check_archive(data: bytes, source: str, max_bytes: int | None) -> None:
    """Refuse what is not a zip archive, and parts whose uncompressed size is over the limit."""
    if data.startswith(_OLE):
        raise TableError(
            source,
            "an old .xls workbook or a password-protected one, not an .xlsx file; "
            "save it from Excel as 'Excel Workbook (*.xlsx)' without a password",
        )
    if not data.startswith(_ZIP):
        raise TableError(source, "not an .xlsx workbook (not a zip archive)")
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(source, f"not a readable .xlsx workbook ({exc})") from None
    if size > limit:
        raise TableError(
            source,
            f"the workbook's parts hold {size} bytes uncompressed, more than {limit}; "
            "raise the limit with --max-bytes",
        )


def _sheet(book: Any, source: str, sheet: str | None) -> Any:
    """The worksheet named ``sheet``, or the only one."""
    names = list(book.sheetnames)
    listed = ", ".join(repr(n) for n in names)
    if sheet is None:
        if len(names) != 1:
            raise TableError(
                source,
                f"the workbook has {len(names)} sheets ({listed}); name one with --sheet",
            )
        sheet = names[0]
    if sheet not in names:
        raise TableError(source, f"no sheet {sheet!r} in the workbook; it has {listed}")
    ws = book[sheet]
    if not hasattr(ws, "iter_rows"):
        raise TableError(source, f"sheet {sheet!r} is a chart, not a table")
    return ws


def _value(cell: Any) -> object:
    """A cell's value as the workbook types it; an error cell is a :class:`SheetError`."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e" and value is not None:
        return SheetError(str(value))
    return value


# The start of a formula element (``<f>``, ``<f t="shared" .../>``, ``<x:f>``) in sheet XML.
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CHUNK = 1 << 20


def _has_formula(part: Any) -> bool:
    """Whether a sheet's XML holds any formula element, read a chunk at a time."""
    tail = b""
    while chunk := part.read(_CHUNK):
        if _FORMULA.search(tail + chunk):
            return True
        tail = chunk[-64:]
    return False


def _uncomputed(data: bytes, path: str) -> Iterator[tuple[int, tuple[int, ...]]]:
    """``(sheet row, columns)`` of the formula cells with no saved value, row by row.

    Rows, cells and values are found as openpyxl's sheet parser finds them (a ``row`` element
    anywhere, numbered by its ``r`` or one past the previous; each child a cell, numbered by
    its ``r`` or one past the previous; a value is a non-empty ``v``), and a row openpyxl's
    reader drops (numbered below the next row it expects) is dropped too, so the rows pair with
    openpyxl's. Each row is dropped once read: memory stays bounded.
    """
    from openpyxl.utils.cell import coordinate_to_tuple  # noqa: PLC0415 - optional extra
    from openpyxl.xml.constants import SHEET_MAIN_NS  # noqa: PLC0415
    from openpyxl.xml.functions import iterparse  # noqa: PLC0415 - openpyxl's own XML parser

    row_tag, value_tag, formula_tag = (f"{{{SHEET_MAIN_NS}}}{t}" for t in ("row", "v", "f"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open(path) as part:
            if not _has_formula(part):
                return
        with archive.open(path) as part:
            parsed, expected, depth = 0, 1, 0
            parents: list[Any] = []  # the worksheet element and its open part (sheetData …)
            for event, element in iterparse(part, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth <= 2:
                        parents.append(element)
                    continue
                depth -= 1
                if element.tag == row_tag:
                    parsed = _row_number(element.get("r"), parsed)
                    columns, column = [], 0
                    for cell in element:
                        ref = cell.get("r")
                        column = coordinate_to_tuple(ref)[1] if ref else column + 1
                        if cell.find(formula_tag) is not None and not cell.findtext(value_tag):
                            columns.append(column)
                    element.clear()
                    if parsed >= expected:  # openpyxl's reader yields only these rows
                        expected = parsed + 1
                        if columns:
                            yield parsed, tuple(columns)
                if depth <= 2:  # a child of the worksheet's open part, or a part, is done
                    parents[depth - 1].clear()
                    del parents[max(depth, 1) :]


def _row_number(r: str | None, previous: int) -> int:
    """A row's number as openpyxl reads it: its ``r`` (a whole number), else one past the last."""
    if not r:
        return previous + 1
    try:
        return int(r)
    except ValueError:
        number = float(r)
        if not number.is_integer():
            raise ValueError(f"{r} is not a valid row number") from None
        return int(number)


def _rows(
    ws: Any, source: str, marks: Iterator[tuple[int, tuple[int, ...]]]
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """``(sheet row, values)`` for every non-blank row, trailing empty cells dropped.

    ``marks`` gives, in row order, the columns of each row whose cell is a formula with no
    saved value (:func:`_uncomputed`): such a cell, blank to openpyxl, is
    :data:`~vn_drugfree_criteria.vocab.sheet_cells.UNCOMPUTED`.

    openpyxl's warnings (about features it drops) are not output of the library, and any error
    it or the formula search raises on a malformed sheet becomes one :class:`TableError`.
    """
    ws.reset_dimensions()  # a workbook's stated size may be wrong: read what is there
    rows = ws.iter_rows(min_row=1, max_row=EXCEL_ROWS)
    number = 0
    mark: tuple[int, tuple[int, ...]] | None = (0, ())
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cells = next(rows, None)
                number += 1
                while mark is not None and mark[0] < number:
                    mark = next(marks, None)
        except Exception as exc:  # openpyxl raises many kinds on a malformed sheet
            raise TableError(source, f"not a readable .xlsx workbook ({_reason(exc)})") from None
        if cells is None:
            return
        values = [_value(c) for c in cells]
        if mark is not None and mark[0] == number:
            for column in mark[1]:
                if column <= len(values) and values[column - 1] is None:
                    values[column - 1] = UNCOMPUTED
        while values and values[-1] is None:
            values.pop()
        if values:
            yield number, tuple(values)


def _header_cell(value: object) -> str:
    return "" if value is None else str(value)


def _items(
    rows: Iterator[tuple[int, tuple[object, ...]]],
    width: int,
    source: str,
    max_rows: int | None,
    book: Any,
) -> Iterator[Item]:
    """The data rows; the workbook is closed when they are exhausted (or dropped)."""
    try:
        for count, (number, values) in enumerate(rows):
            problems = [extra_cells_problem(values, width)] if len(values) > width else []
            # Stop past the limit while streaming; one row more is allowed for a template's
            # labels row, skipped later (the readers check the exact count after it).
            check_rows(count, source, max_rows)
            yield number, values, problems
    finally:
        book.close()


def xlsx_stream(
    data: bytes,
    source: str,
    *,
    sheet: str | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> tuple[tuple[str, ...], Iterator[Item]]:
    """The header and an iterator of the rows of one worksheet (see the module).

    Args:
        data: The workbook's bytes.
        source: A name for messages.
        sheet: The worksheet to read; required when the workbook has several.
        max_rows: The most data rows accepted.
        max_bytes: The largest total uncompressed size of the workbook's parts.

    Raises:
        TableError: The file is not a readable workbook, is over a limit, has several sheets
            and none is named, or the sheet has no header row (and, while iterating, a
            malformed row or too many rows).
        MissingExtraError: openpyxl is not installed.
    """
    openpyxl = load_openpyxl("Reading .xlsx workbooks")
    _check_archive(data, source, max_bytes)
    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed workbook
        raise TableError(source, f"not a readable .xlsx workbook ({_reason(exc)})") from None
    try:
        ws = _sheet(book, source, sheet)
        # openpyxl names the sheet's part only privately; without it, a formula with no saved
        # value reads as a blank cell (missing), as it did before formulas were told apart.
        part = getattr(ws, "_worksheet_path", None)
        found = _uncomputed(data, part) if isinstance(part, str) else iter(())
        rows = _rows(ws, source, found)
        first = next(rows, None)
    except BaseException:
        book.close()
        raise
    if first is None:
        book.close()
        raise TableError(source, "no header row (the sheet is empty)")
    header = tuple(_header_cell(v) for v in first[1])
    return header, _items(rows, len(header), source, max_rows, book)


def xlsx_items(
    data: bytes,
    source: str,
    *,
    sheet: str | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> tuple[tuple[str, ...], list[Item]]:
    """The header and every row of one worksheet, read by :func:`xlsx_stream`.

    Raises:
        TableError: As :func:`xlsx_stream`.
        MissingExtraError: openpyxl is not installed.
    """
    header, rows = xlsx_stream(data, source, sheet=sheet, max_rows=max_rows, max_bytes=max_bytes)
    return header, list(rows)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
