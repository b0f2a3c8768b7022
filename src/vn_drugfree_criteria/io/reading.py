"""Validation of raw rows (:data:`~vn_drugfree_criteria.io.items.Item`) against a header.

One :class:`RowReader` holds what a table's header says (which column is which, which are only
carried through) and the ids seen so far, and validates rows in any number of batches: the whole
table at once (:func:`~vn_drugfree_criteria.parse_table`) or chunk after chunk while streaming
(:mod:`vn_drugfree_criteria.io.stream`). Both give the same rows, with the same numbers and
messages; the cells are judged by the one input policy (:mod:`vn_drugfree_criteria.vocab.cells`).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import cast

from vn_drugfree_criteria.engine.rows import Cell, TableRow, validate_row
from vn_drugfree_criteria.engine.rows_plain import PlainChunk, PlainRows
from vn_drugfree_criteria.errors import DrugFreeError, TableError
from vn_drugfree_criteria.io.items import Item, cell_text
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.cell_columns import plain_counts
from vn_drugfree_criteria.vocab.cell_limit import max_cell_length
from vn_drugfree_criteria.vocab.cells import Problem, count_problem
from vn_drugfree_criteria.vocab.indicators import INDICATORS
from vn_drugfree_criteria.vocab.levels import Level, find_level
from vn_drugfree_criteria.vocab.text import nfc

__all__ = ["KNOWN_COLUMNS", "RowReader"]

AREA_KEYS = ("id", "level", "parent_id", "as_of")
KNOWN_COLUMNS = (*AREA_KEYS, *INDICATORS)
"""The columns read on the shared vocabulary; a plan's own indicators are read for that plan."""


def _key(name: str) -> str:
    return nfc(name).casefold()


def _picker(positions: tuple[int, ...]) -> Callable[[Sequence[Cell]], tuple[Cell, ...]]:
    """A function giving the cells at ``positions`` of a row long enough, as a tuple."""
    if len(positions) < 2:  # itemgetter gives a tuple for two positions or more
        return lambda cells: tuple(cells[i] for i in positions)
    return cast(Callable[[Sequence[Cell]], tuple[Cell, ...]], operator.itemgetter(*positions))


class RowReader:
    """Validates the rows of one table, batch after batch, numbering them from 1.

    ``has_rows`` says whether the table has any data row (a table without rows needs no ``id``
    column); ``text_cells`` that every cell is text (CSV), so cells are carried through as they
    are without looking at each.

    Raises:
        TableError: On creation: the plan sets no criteria, a known column appears twice, rows
            but no ``id`` column, or no date of review. On :meth:`read`: a level among the rows
            that needs an indicator column the table lacks.
    """

    def __init__(
        self,
        plan: Plan,
        source: str,
        header: tuple[str, ...],
        as_of: _dt.date | None,
        *,
        has_rows: bool,
        text_cells: bool = False,
    ) -> None:
        if not plan.criteria:
            raise TableError(source, f"plan {plan.id!r} sets no recognition criteria to assess")
        index: dict[str, int] = {}
        vocab = plan.vocabulary
        for i, name in enumerate(header):
            key = _key(name)
            if key in AREA_KEYS or key in vocab:
                if key in index:
                    raise TableError(
                        source,
                        f"column {key!r} appears twice (columns {index[key] + 1} and {i + 1})",
                    )
                index[key] = i
        if has_rows and "id" not in index:
            raise TableError(source, "required column 'id' is missing")
        if "as_of" not in index and as_of is None:
            raise TableError(source, "no 'as_of' column and no as_of date given for the table")
        self.plan, self.source, self.header, self.as_of = plan, source, header, as_of
        self.index = index
        self.carried = [i for i in range(len(header)) if i not in index.values()]
        # Columns of counts (a decimal column is read cell by cell).
        self._indicators = [n for n in vocab.order if n in index and n not in vocab.decimals]
        self._keys = tuple(index)
        self._pick = _picker(tuple(index.values()))
        self.text_cells = text_cells
        self.count = 0
        self._seen: dict[str, int] = {}
        self._levels: set[str | None] = set()  # level cells whose columns were checked
        self._plain = (
            PlainRows(plan, index, len(header), self.carried, as_of) if text_cells else None
        )

    def read(self, items: Sequence[Item]) -> list[TableRow]:
        """Validate the next rows (every row in, every row out, in order).

        A CSV table's plainly valid rows are recognised a chunk at a time
        (:class:`~vn_drugfree_criteria.engine.rows_plain.PlainRows`); every other row is
        validated alone by :func:`~vn_drugfree_criteria.engine.rows.validate_row`.
        """
        plain, rows = self.read_plain(items)
        if plain is not None and self._plain is not None:
            for k in itertools.compress(range(len(rows)), plain.ok):
                rows[k] = self._plain.row(plain, k)
        return cast(list[TableRow], rows)

    def read_plain(self, items: Sequence[Item]) -> tuple[PlainChunk | None, list[TableRow | None]]:
        """:meth:`read`, but the plain rows left unbuilt: what was found of them, and the others.

        Each plainly valid row is ``None`` in the list (:meth:`build` builds it from the
        :class:`~vn_drugfree_criteria.engine.rows_plain.PlainChunk`); every other row is
        validated alone, as by :meth:`read`.
        """
        at = self.index.get("level")
        rows_cells = list(map(operator.itemgetter(1), items))
        if not items or at is None:
            levels: list[Cell] = [None]
        elif min(map(len, rows_cells)) > at:  # every row has its level cell
            levels = list(map(operator.itemgetter(at), rows_cells))
        else:
            levels = [row[at] if at < len(row) else None for row in rows_cells]
        self._check_columns(levels)
        plain = (
            self._plain.recognise(items, self.count + 1, self._seen)
            if self._plain is not None
            else None
        )
        rows: list[TableRow | None] = [None] * len(items)
        alone = [k for k in range(len(items)) if plain is None or not plain.ok[k]]
        records = [self._record(items[k][1]) for k in alone]
        for k, record, known in zip(alone, records, self._plain_columns(records), strict=True):
            line, cells, problems = items[k]
            rows[k] = self._validate(self.count + k + 1, line, cells, problems, record, known)
        self.count += len(items)
        return plain, rows

    def build(self, plain: PlainChunk, k: int) -> TableRow:
        """The plain row ``k`` of a chunk :meth:`read_plain` left unbuilt, as :meth:`read` gives it."""
        assert self._plain is not None  # a chunk is found only by the plain rows' reader
        return self._plain.row(plain, k)

    def _record(self, cells: Sequence[Cell]) -> dict[str, Cell]:
        """Canonical column name to the row's cell (``None`` where the row is short)."""
        if len(cells) >= len(self.header):
            return dict(zip(self._keys, self._pick(cells), strict=True))
        return {key: (cells[i] if i < len(cells) else None) for key, i in self.index.items()}

    def _validate(
        self,
        n: int,
        line: int | None,
        cells: Sequence[Cell],
        problems: list[Problem],
        record: dict[str, Cell],
        counts: dict[str, int],
    ) -> TableRow:
        """Validate one row by the one policy (:func:`~vn_drugfree_criteria.engine.rows.validate_row`)."""
        width = len(self.header)
        text: tuple[str, ...]
        if len(cells) == width and (self.text_cells or all(type(c) is str for c in cells)):
            text = cast(tuple[str, ...], cells)  # text (CSV) is carried through as written
        else:
            text = tuple(cell_text(cells[i]) if i < len(cells) else "" for i in range(width))
        if not cells:  # not a row at all (a JSON value that is not an object)
            errors, codes = tuple(p.message for p in problems), tuple(p.code for p in problems)
            return TableRow(n, line, text, None, None, None, errors, codes, tuple(problems))
        return validate_row(
            self.plan,
            n,
            line,
            text,
            record,
            as_of=self.as_of,
            seen=self._seen,
            problems=[*problems, *self._long_cells(cells)],
            known=counts,
        )

    def _plain_columns(self, records: Sequence[Mapping[str, Cell]]) -> list[dict[str, int]]:
        """Per row, the counts of the indicator columns of these rows that are plain, read at once."""
        names, columns = [], []
        for name in self._indicators:
            counts = plain_counts([r[name] for r in records])
            if counts is not None:
                names.append(name)
                columns.append(counts)
        if not names:
            return [{} for _ in records]
        return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]

    def _long_cells(self, cells: Sequence[Cell]) -> list[Problem]:
        """Over-long text in the columns that are only carried through (the others are read)."""
        out = []
        limit = max_cell_length()
        for i in self.carried:
            cell = cells[i] if i < len(cells) else None
            if isinstance(cell, str) and len(cell) > limit:
                out.append(count_problem(self.header[i], "too_long", cell))
        return out

    def _check_columns(self, values: Sequence[Cell]) -> None:
        """Refuse a table that lacks an indicator column the plan needs for its rows' levels."""
        levels: set[Level | None] = set()
        for value in values:
            key = value if isinstance(value, str) else None  # any other value reads as None
            if key in self._levels:
                continue
            self._levels.add(key)
            try:
                levels.add(find_level(key)[0] if key is not None and key.strip() else None)
            except DrugFreeError:  # an unreadable level is reported on its row
                levels.add(None)
        needed = {name for lv in levels for name in self.plan.indicators_for(lv)}
        order = self.plan.vocabulary.order
        missing = [name for name in order if name in needed and name not in self.index]
        if missing:
            raise TableError(
                self.source,
                f"required column(s) missing: {', '.join(missing)} "
                f"(plan {self.plan.id!r} needs them)",
            )
