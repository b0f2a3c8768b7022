"""Which reader a table file needs (CSV, JSON or an Excel workbook), and its raw rows.

The readers of areas (:mod:`vn_drugfree_criteria.io.tables`) and of programme figures
(:mod:`vn_drugfree_criteria.io.series`) both come here, so a file is recognised and read one
way: ``.json`` is JSON, ``.xlsx`` (also ``.xlsm``, and ``.xls`` to refuse it clearly) a
workbook, anything else CSV, unless the format is given.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath

from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.csvin import choose_delimiter, decode_text, text_pieces
from vn_drugfree_criteria.io.items import Item, csv_items
from vn_drugfree_criteria.io.jsonrows import json_table
from vn_drugfree_criteria.io.template import skip_labels_row
from vn_drugfree_criteria.io.xlsx import XLSX_SUFFIXES, xlsx_items
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary

__all__ = ["FORMATS", "format_of", "read_items"]

_PIECE = 1 << 20

FORMATS = ("csv", "json", "xlsx")
"""The input formats of a table file."""


def format_of(path: str | PurePath, format: str | None = None) -> str:
    """The format of a file: ``format`` when given, else from the file name."""
    if format is not None:
        return format
    suffix = PurePath(path).suffix.lower()
    if suffix == ".json":
        return "json"
    return "xlsx" if suffix in XLSX_SUFFIXES else "csv"


def _pieces(data: bytes | str, source: str) -> Iterator[str]:
    """The text of a file's content in pieces of 1 MiB, decoded as :func:`decode_text` does."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
        return (text[i : i + _PIECE] for i in range(0, len(text), _PIECE))
    try:
        stream = io.BytesIO(data)
    except TypeError:
        decode_text(data, source)  # refuses it, naming its type
        raise
    return text_pieces(stream, source, len(data), partial=True)


def read_items(
    data: bytes | str,
    source: str,
    format: str,
    *,
    required: str = "id",
    delimiter: str | None = None,
    sheet: str | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    vocabulary: Vocabulary = SHARED,
) -> tuple[tuple[str, ...], list[Item]]:
    """The header and the raw rows of a file in ``format``.

    Args:
        data: The file's content.
        source: A name for messages.
        format: One of :data:`FORMATS`.
        required: The column every header has (used to detect a CSV delimiter).
        delimiter: The CSV delimiter, by default detected.
        sheet: The worksheet of a workbook, when it has several.
        max_rows: The most data rows of a workbook (checked while streaming it).
        max_bytes: The largest uncompressed size of a workbook's parts.
        vocabulary: The plan's vocabulary, whose labels a template's labels row has.

    The labels row of a template (:mod:`~vn_drugfree_criteria.io.template`) under the header of
    a CSV file or a workbook is skipped.

    Raises:
        TableError: The file cannot be read in that format, or the format is unknown.
    """
    if format == "json":
        header, _, rows = json_table(lambda: _pieces(data, source), source)
        return header, list(rows)
    if format == "xlsx":
        if isinstance(data, str):
            raise TableError(source, "a workbook is bytes, not text")
        header, items = xlsx_items(
            bytes(data), source, sheet=sheet, max_rows=max_rows, max_bytes=max_bytes
        )
    elif format == "csv":
        text = decode_text(data, source)
        header, items = csv_items(text, source, choose_delimiter(text, source, delimiter, required))
    else:
        raise TableError(source, f"unknown input format {format!r}; use csv, json or xlsx")
    figures = required == "period"
    return header, skip_labels_row(header, items, figures=figures, vocabulary=vocabulary)
