"""Read a table of areas chunk by chunk, in memory bounded by the chunk, not by the file.

:func:`open_table` reads the header (and refuses a file whose structure is wrong there), then
:meth:`TableStream.chunks` validates the rows a chunk at a time with the same
:class:`~vn_drugfree_criteria.io.reading.RowReader` as :func:`~vn_drugfree_criteria.parse_table`,
so both give the same rows, numbers and messages. What is held:

* CSV: one chunk of rows, the ids seen so far (to refuse a repeated id, naming its first row)
  and the longest line; the file itself is read in pieces of 1 MiB.
* Excel workbooks: the file's bytes and the workbook's table of distinct texts; the sheet is
  parsed a row at a time (:func:`~vn_drugfree_criteria.io.xlsx.xlsx_stream`).
* JSON: one chunk of rows, the header and the ids seen so far; the text is read in pieces of
  1 MiB, twice (:func:`~vn_drugfree_criteria.io.jsonrows.json_table`): once whole, which checks
  it and finds its header (every key, in order of first use), then a row at a time. A stream
  that cannot be read twice (a pipe) is first copied to a temporary file, within ``max_bytes``.

The text of a JSON document is checked whole by :func:`open_table` (its syntax, nesting, keys
and strings, and its number of rows). A problem found only later in the file (a CSV syntax
error, a level whose indicator column is missing, more rows than ``max_rows`` or bytes that are
not UTF-8 in a CSV file) raises :class:`~vn_drugfree_criteria.TableError` while iterating,
after the earlier chunks were given.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import os
import tempfile
from collections.abc import Iterator
from typing import BinaryIO

from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.engine.rows_plain import PlainChunk
from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.csvin import choose_delimiter, text_lines, text_pieces
from vn_drugfree_criteria.io.formats import format_of, read_items
from vn_drugfree_criteria.io.items import Item, csv_stream
from vn_drugfree_criteria.io.jsonrows import json_table
from vn_drugfree_criteria.io.limits import (
    MAX_INPUT_BYTES,
    MAX_ROWS,
    check_rows,
    copy_stream_limited,
    read_stream_limited,
)
from vn_drugfree_criteria.io.reading import RowReader
from vn_drugfree_criteria.io.template import skip_labels_row_stream
from vn_drugfree_criteria.io.xlsx import xlsx_stream
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.cells import date_argument
from vn_drugfree_criteria.vocab.indicators import Vocabulary

__all__ = ["CHUNK_ROWS", "TableStream", "open_table"]

CHUNK_ROWS = 2000
"""Rows validated (and assessed, and written) together."""
_PROBE = 1 << 16


class TableStream:
    """A table being read: its header now, its rows chunk by chunk (see the module).

    Attributes:
        plan: The plan the rows are validated for.
        source: Where the table comes from.
        columns: The header as written.
    """

    def __init__(
        self,
        reader: RowReader,
        items: Iterator[Item],
        max_rows: int,
        closing: BinaryIO | None,
    ) -> None:
        self.plan, self.source, self.columns = reader.plan, reader.source, reader.header
        self._reader: RowReader | None = reader
        self._items, self._max_rows, self._closing = items, max_rows, closing
        self._first = self._read(first=True)

    def chunks(self) -> Iterator[list[TableRow]]:
        """Every row, validated, in order, a chunk of :data:`CHUNK_ROWS` rows at a time.

        The first chunk was read when the stream was opened, so a problem of the table found
        within its first rows is raised by :func:`open_table`, before anything is written.

        Raises:
            TableError: A problem of the whole table found in a later part of it.
        """
        rows = self._first
        self._first = []
        while rows:
            yield rows
            rows = self._read()

    def plain_chunks(self) -> Iterator[tuple[PlainChunk | None, list[TableRow | None]]]:
        """:meth:`chunks`, but the plainly valid rows left unbuilt (see :meth:`build`).

        Each chunk is what :meth:`~vn_drugfree_criteria.io.reading.RowReader.read_plain` gives:
        what was found of the plain rows (``None`` in the list), and every other row validated.
        """
        rows: list[TableRow | None] = list(self._first)
        self._first = []
        plain: PlainChunk | None = None
        while rows:
            yield plain, rows
            plain, rows = self._read_plain()

    def build(self, plain: PlainChunk, k: int) -> TableRow:
        """The plain row ``k`` of a chunk of :meth:`plain_chunks`, as :meth:`chunks` gives it."""
        assert self._reader is not None  # not closed
        return self._reader.build(plain, k)

    def _batch(self, reader: RowReader) -> list[Item]:
        items, limit = self._items, self._max_rows
        batch = list(itertools.islice(items, CHUNK_ROWS))
        if reader.count + len(batch) > limit:
            total = reader.count + len(batch) + sum(1 for _ in items)
            check_rows(total, self.source, limit)
        return batch

    def _read(self, *, first: bool = False) -> list[TableRow]:
        reader = self._reader
        if reader is None:  # closed
            return []
        batch = self._batch(reader)
        # A table without rows still has its columns checked (for rows of no level).
        return reader.read(batch) if batch or first else []

    def _read_plain(self) -> tuple[PlainChunk | None, list[TableRow | None]]:
        reader = self._reader
        if reader is None:  # closed
            return None, []
        batch = self._batch(reader)
        return reader.read_plain(batch) if batch else (None, [])

    def close(self) -> None:
        """Close the file being read (if this stream opened it); let go of the ids seen."""
        self._reader, self._items, self._first = None, iter(()), []
        if self._closing is not None:
            self._closing.close()

    def __enter__(self) -> TableStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open(path: str | os.PathLike[str], limit: int) -> BinaryIO:
    source = os.fspath(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed by the stream
        size = os.fstat(f.fileno()).st_size
    except OSError as exc:
        raise TableError(source, f"cannot read the file: {exc.strerror or exc}") from None
    if size > limit:
        f.close()
        raise TableError(source, f"larger than {limit} bytes; raise the limit with --max-bytes")
    return f


def _csv_items(
    stream: BinaryIO, name: str, limit: int, delimiter: str | None, vocabulary: Vocabulary
) -> tuple[tuple[str, ...], Iterator[Item]]:
    """The header and the rows of a CSV stream; the delimiter is chosen on the first 64 KiB."""
    lines = text_lines(stream, name, limit)
    head: list[str] = []
    size = 0
    for line in lines:  # what choose_delimiter reads of a whole text: its first 64 KiB
        head.append(line)
        size += len(line)
        if size >= _PROBE:
            break
    sep = choose_delimiter("".join(head), name, delimiter, "id")
    header, items = csv_stream(itertools.chain(head, lines), name, limit, sep)
    return header, skip_labels_row_stream(header, items, vocabulary=vocabulary)


def _json_items(
    stream: BinaryIO, name: str, limit: int, max_rows: int | None
) -> tuple[tuple[str, ...], Iterator[Item], BinaryIO | None]:
    """The header and the rows of a JSON table, its text read twice; the copy of a pipe made.

    A stream that cannot seek (a pipe) is first copied to a temporary file, within ``limit``.
    """
    copy = None
    if not stream.seekable():
        copy = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller
    try:
        if copy is not None:
            copy_stream_limited(stream, copy, name, limit)
        text = copy or stream
        start = text.tell()

        def opener() -> Iterator[str]:
            text.seek(start)
            return text_pieces(text, name, limit, partial=True)

        header, count, items = json_table(opener, name)
        check_rows(count, name, max_rows)
    except BaseException:
        if copy is not None:
            copy.close()
        raise
    return header, items, copy


def _xlsx_items(
    stream: BinaryIO,
    name: str,
    limit: int,
    sheet: str | None,
    max_rows: int | None,
    vocabulary: Vocabulary,
) -> tuple[tuple[str, ...], Iterator[Item]]:
    """The header and the rows of a workbook, its sheet parsed a row at a time."""
    data = read_stream_limited(stream, name, limit)
    header, items = xlsx_stream(data, name, sheet=sheet, max_rows=max_rows, max_bytes=limit)
    return header, skip_labels_row_stream(header, items, vocabulary=vocabulary)


def _items(
    fmt: str,
    stream: BinaryIO,
    name: str,
    limit: int,
    delimiter: str | None,
    sheet: str | None,
    max_rows: int | None,
    plan: Plan,
) -> tuple[tuple[str, ...], Iterator[Item], BinaryIO | None]:
    """The header and rows of a table in ``fmt``, and the temporary copy made of a JSON pipe."""
    if fmt == "csv":
        return (*_csv_items(stream, name, limit, delimiter, plan.vocabulary), None)
    if fmt == "xlsx":
        return (*_xlsx_items(stream, name, limit, sheet, max_rows, plan.vocabulary), None)
    if fmt == "json":
        return _json_items(stream, name, limit, max_rows)
    header, listed = read_items(read_stream_limited(stream, name, limit), name, fmt)
    return header, iter(listed), None  # not reached: an unknown format is refused


def open_table(
    plan: Plan,
    file: str | os.PathLike[str] | BinaryIO,
    *,
    format: str | None = None,
    source: str | None = None,
    as_of: _dt.date | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> TableStream:
    """Open a table of areas for reading chunk by chunk.

    Args:
        plan: The plan the rows are validated for.
        file: A path, or a binary stream (read to its end, not closed).
        format: ``csv``, ``json`` or ``xlsx``; by default from the path's suffix
            (:func:`~vn_drugfree_criteria.io.formats.format_of`), ``csv`` for a stream.
        source: A name for messages (by default the path, or ``<stdin>``).
        as_of: The date of review wherever a row's ``as_of`` is blank or absent.
        max_bytes: The largest input read (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_INPUT_BYTES`).
        max_rows: The most data rows accepted (default
            :data:`~vn_drugfree_criteria.io.limits.MAX_ROWS`).
        delimiter: The CSV delimiter; by default detected from the header.
        sheet: The worksheet of a workbook that has several.

    Raises:
        TableError: The file cannot be opened, is over a limit, or its header or first chunk
            of rows is refused.
    """
    day = date_argument(as_of)
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    if isinstance(file, str | os.PathLike):
        name = source or os.fspath(file)
        fmt = format_of(os.fspath(file), format)
        stream, closing = _open(file, limit), True
    else:
        name, fmt, stream, closing = source or "<stdin>", format or "csv", file, False
    copy: BinaryIO | None = None
    try:
        header, items, copy = _items(fmt, stream, name, limit, delimiter, sheet, max_rows, plan)
        head = list(itertools.islice(items, 1))
        reader = RowReader(plan, name, header, day, has_rows=bool(head), text_cells=fmt == "csv")
        if copy is not None and closing:
            stream.close()  # a named pipe, copied
        held = copy or (stream if closing else None)
        rows = MAX_ROWS if max_rows is None else max_rows
        return TableStream(reader, itertools.chain(head, items), rows, held)
    except BaseException:
        for f in (stream if closing else None, copy):
            if f is not None:
                f.close()
        raise
