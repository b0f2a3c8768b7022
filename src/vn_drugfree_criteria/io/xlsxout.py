r"""Write rows as one worksheet of an Excel workbook (``.xlsx``), spreadsheet-safe.

The same safety as every CSV the library writes (:mod:`vn_drugfree_criteria.io.csvout`): every
text cell goes through the one formula neutraliser,
:func:`~vn_drugfree_criteria.io.csvout.safe_cell`, so a cell a spreadsheet would execute is
written as text with a ``'`` in front, and is stored as a string, never as a formula. Whole
numbers are written as numbers. A control character that the file format cannot hold at all
(U+0000 to U+001F other than tab, line feed and carriage return) is written as ``\xNN``.

The first ``header_rows`` rows are styled: the first bold, the others (a template's labels row)
in italics on a light fill, wrapped; columns are sized to their header and the rows below the
header stay in view when scrolling (frozen panes). Needs the ``excel`` extra.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO

from vn_drugfree_criteria.io.csvout import safe_cell
from vn_drugfree_criteria.io.xlsx import load_openpyxl
from vn_drugfree_criteria.vocab.cells import read_count
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.text import nfc

__all__ = ["numbers_as_numbers", "write_xlsx", "xlsx_bytes"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WIDEST = 48


def _text(value: str) -> str:
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", safe_cell(value))


def _cell(make: Any, ws: Any, value: object, style: dict[str, Any]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        value = _text("" if value is None else str(value))
    cell = make(ws, value=value if value != "" else None)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def write_xlsx(
    rows: Iterable[Sequence[object]],
    target: str | os.PathLike[str] | BinaryIO,
    *,
    header_rows: int = 1,
    sheet: str = "Sheet1",
    text_columns: Sequence[str] = (),
) -> None:
    """Write ``rows`` as a workbook to ``target`` (a path or a binary stream), row by row.

    The rows are streamed (openpyxl's write-only mode keeps them in a temporary file, not in
    memory); the first ``header_rows`` of them are styled as headers.

    Args:
        rows: The rows; an ``int`` cell is written as a number, anything else as text.
        target: Where the ``.xlsx`` file goes.
        header_rows: How many of the first rows are headers.
        sheet: The worksheet's name.
        text_columns: Header names of columns formatted as text, so that what is typed in them
            stays as typed (``01`` keeps its zero).

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    openpyxl = load_openpyxl("Writing .xlsx workbooks")
    styles = openpyxl.styles
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    it = iter(rows)
    head = [list(r) for r in itertools.islice(it, header_rows)]
    header = [str(c) for c in head[0]] if head else []
    letter = openpyxl.utils.get_column_letter
    for i, name in enumerate(header, 1):
        below = [len(str(r[i - 1])) for r in head[1:] if i - 1 < len(r)]
        ws.column_dimensions[letter(i)].width = min(max([len(name), *below, 8]) + 2, _WIDEST)
        if name in text_columns:
            ws.column_dimensions[letter(i)].number_format = "@"
    ws.freeze_panes = f"A{header_rows + 1}"
    bold = {"font": styles.Font(bold=True)}
    label = {
        "font": styles.Font(italic=True, color="555555"),
        "fill": styles.PatternFill("solid", fgColor="EEF3F8"),
        "alignment": styles.Alignment(wrap_text=True, vertical="top"),
    }
    make = openpyxl.cell.WriteOnlyCell
    for n, first in enumerate(head):
        ws.append([_cell(make, ws, v, bold if n == 0 else label) for v in first])
    for row in it:
        ws.append([_cell(make, ws, v, {}) for v in row])
    book.save(target)


def xlsx_bytes(rows: Iterable[Sequence[object]], **options: Any) -> bytes:
    """The ``.xlsx`` file of ``rows`` as bytes (the options of :func:`write_xlsx`)."""
    buffer = io.BytesIO()
    write_xlsx(rows, buffer, **options)
    return buffer.getvalue()


def numbers_as_numbers(
    columns: Sequence[str], rows: Iterable[Sequence[str]], vocabulary: Vocabulary = SHARED
) -> Iterator[tuple[object, ...]]:
    """Rows of text with each count of an indicator column as an ``int`` (for a workbook).

    A cell is a count when the one input policy reads it as one
    (:func:`~vn_drugfree_criteria.vocab.cells.read_count`); any other cell stays text. The
    indicator columns are those of ``vocabulary`` (the plan's).
    """
    counted = {i for i, name in enumerate(columns) if nfc(name).strip().casefold() in vocabulary}
    for row in rows:
        yield tuple(_count_or_text(c) if i in counted else c for i, c in enumerate(row))


def _count_or_text(text: str) -> object:
    n, code = read_count(text)
    return text if code else n
