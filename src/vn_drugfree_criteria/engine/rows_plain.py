"""The common case of :func:`~vn_drugfree_criteria.engine.rows.validate_row`, for a chunk at once.

Most rows of a large CSV table are plainly valid: every count a plain digit text, a level and a
date that read, an id that is new. :class:`PlainRows` recognises such rows with whole-column
operations (the input policy's own functions, each run once per distinct text or over a whole
column in C) and builds their :class:`~vn_drugfree_criteria.engine.rows.TableRow` directly. It
states no rule of its own: every test below is a sufficient condition for ``validate_row`` to
find no problem, decided by the same functions ``validate_row`` calls, and any row it is unsure
of is left to ``validate_row`` (a property test checks that both give equal rows). A row is
plain when

* it has exactly the header's cells, all text, and no problem was found while reading it;
* no carried cell is over the cell length limit;
* each count cell is a plain digit text (:func:`~vn_drugfree_criteria.vocab.cell_columns.plain_counts`),
  each decimal cell reads (:func:`~vn_drugfree_criteria.vocab.cells.read_cell`);
* its level and date read without a problem, the plan applies to them, and the table has every
  column the plan reads at that level;
* no part exceeds its whole and no yes/no indicator is above 1 (the policy's ``exceeds_whole``
  and ``not_yes_no`` over whole columns), and no part is given without its whole's column;
* its ``id`` reads, is not blank and was not seen before, and its ``parent_id`` (when given)
  reads and differs from it (:func:`~vn_drugfree_criteria.vocab.cells.read_text`).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
from collections.abc import Iterable, Sequence
from typing import cast

import attrs

from vn_drugfree_criteria.engine.rows import (
    Cell,
    TableRow,
    applies_at,
    needed_at,
    read_day,
    read_level,
)
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.cell_columns import plain_counts, plain_texts
from vn_drugfree_criteria.vocab.cell_limit import max_cell_length
from vn_drugfree_criteria.vocab.cells import (
    Problem,
    exceeds_whole,
    not_yes_no,
    read_cell,
    read_text,
)
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import Snapshot

__all__ = ["PlainChunk", "PlainRows"]

Item = tuple[int | None, tuple[Cell, ...], list[Problem]]
"""A raw row as read: its line, its cells (all text for a CSV table), the problems found."""


@attrs.frozen
class PlainChunk:
    """What :meth:`PlainRows.recognise` found of a chunk of rows (its lists one per row).

    Attributes:
        first: The number of the chunk's first row.
        items: The rows as read.
        ok: Whether each row is plain (the other fields hold for a plain row only).
        names: The names of the counts read, in vocabulary order.
        columns: The counts of each of ``names``, a list per name (a row's own:
            :meth:`counts_of`).
        ids: Its id.
        parents: Its ``parent_id``.
        days: Its date of review.
        levels: Its level and kind.
    """

    first: int
    items: Sequence[Item]
    ok: list[bool]
    names: tuple[str, ...]
    columns: list[list[Amount]]
    ids: list[str | None]
    parents: list[str | None]
    days: list[_dt.date]
    levels: list[tuple[object, object]]

    def counts_of(self, k: int) -> dict[str, Amount]:
        """The counts of row ``k``, by name, in vocabulary order."""
        return {name: column[k] for name, column in zip(self.names, self.columns, strict=True)}


class PlainRows:
    """Recognises and builds the plainly valid rows of a CSV table's chunks (see the module).

    Args:
        plan: The plan the rows are validated for.
        index: Canonical column name (``id``, ``level``, indicator names ...) to its position.
        width: The number of columns of the header.
        carried: The positions of the columns only carried through.
        as_of: The date of review where a row gives none.
    """

    def __init__(
        self,
        plan: Plan,
        index: dict[str, int],
        width: int,
        carried: Sequence[int],
        as_of: _dt.date | None,
    ) -> None:
        vocab = plan.vocabulary
        self.plan, self.index, self.width, self.as_of = plan, index, width, as_of
        self.carried = tuple(carried)
        self.names = tuple(n for n in vocab.order if n in index)  # read, in vocabulary order
        self.absent = frozenset(n for n in vocab.order if n not in index)
        # A part given over a whole the table lacks is a problem on every row.
        self.usable = "id" in index and not any(
            part in index and whole not in index for part, whole in vocab.wholes.items()
        )
        self.pairs = tuple(
            (self.names.index(p), self.names.index(w))
            for p, w in vocab.wholes.items()
            if p in index and w in index
        )
        self.flags = tuple(self.names.index(f) for f in vocab.flags if f in index)

    def read(
        self, items: Sequence[Item], first: int, seen: dict[str, int]
    ) -> list[TableRow | None]:
        """The rows of ``items`` (numbered from ``first``) that are plain, ``None`` for the others.

        The ids of the plain rows are recorded in ``seen``, as ``validate_row`` records them. A
        plain row's id is the first of its chunk: any later row with the same id (validated
        after, in order) is then refused as a repeat of it, as it would have been.
        """
        chunk = self.recognise(items, first, seen)
        if chunk is None:
            return [None] * len(items)
        return [self.row(chunk, i) if ok else None for i, ok in enumerate(chunk.ok)]

    def recognise(
        self, items: Sequence[Item], first: int, seen: dict[str, int]
    ) -> PlainChunk | None:
        """What :meth:`read` finds of ``items``, its rows not yet built (:meth:`row` builds one).

        The ids of the plain rows are recorded in ``seen``; ``None`` when no row is plain.
        """
        n, width = len(items), self.width
        widths = map(len, map(operator.itemgetter(1), items))
        clean = map(operator.not_, map(operator.itemgetter(2), items))
        ok = list(map(operator.and_, map(width.__eq__, widths), clean))
        if not self.usable or not any(ok):
            return None
        every = all(ok)
        filler = ("",) * width
        rows = (
            map(operator.itemgetter(1), items)
            if every
            else (c if good else filler for (_, c, _), good in zip(items, ok, strict=True))
        )
        columns = cast(list[tuple[str, ...]], list(zip(*rows, strict=True)))  # CSV: all text
        self._carried(columns, ok)
        values = [self._counts(columns[self.index[name]], ok, name) for name in self.names]
        for part, whole in self.pairs:
            self._drop(ok, map(exceeds_whole, values[part], values[whole]))
        for flag in self.flags:
            self._drop(ok, map(not_yes_no, values[flag]))
        days = self._days(columns, ok, n)
        levels = self._levels(columns, ok, days)
        ids = self._ids(columns[self.index["id"]] if every else items, ok, seen)
        parents: list[str | None] = (
            self._texts("parent_id", columns, ok) if "parent_id" in self.index else [None] * n
        )
        if any(map(operator.eq, ids, parents)):
            for i, (area_id, parent) in enumerate(zip(ids, parents, strict=True)):
                if parent is not None and parent == area_id:
                    ok[i] = False
        kept = cast(Iterable[str], itertools.compress(ids, ok))  # the plain rows' ids: all read
        seen.update(zip(kept, itertools.compress(range(first, first + n), ok), strict=True))
        return PlainChunk(first, items, ok, self.names, values, ids, parents, days, levels)

    def row(self, chunk: PlainChunk, i: int) -> TableRow:
        """The row ``i`` of a chunk, recognised as plain, built."""
        level, kind = chunk.levels[i]
        line, cells, _ = chunk.items[i]
        snapshot = Snapshot.of_read_counts(
            chunk.counts_of(i),
            as_of=chunk.days[i],
            level=level,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            area_id=chunk.ids[i],
            vocabulary=self.plan.vocabulary,
        )
        text = cast(tuple[str, ...], cells)
        number = chunk.first + i
        return TableRow(number, line, text, chunk.ids[i], chunk.parents[i], snapshot)

    def _ids(
        self, items: Sequence[Item] | tuple[str, ...], ok: list[bool], seen: dict[str, int]
    ) -> list[str | None]:
        """Each row's id as read; a plain row's id must be new and the first of its chunk.

        Every row's id is read (a row validated alone reads its own the same way), so that a
        plain row is kept only when no earlier row of the chunk has its id. ``items`` are the
        rows, or the column of ids when every row has its cells.
        """
        at = self.index["id"]
        column: Sequence[Cell] = (
            items
            if type(items) is tuple
            else [c[at] if at < len(c) else None for _, c, _ in cast(Sequence[Item], items)]
        )
        ids = plain_texts(column)
        if ids is None:  # some id is not a plain text: each is read alone
            ids = [read_text("id", cell)[0] if cell is not None else None for cell in column]
        if None not in ids and len(set(ids)) == len(ids) and seen.keys().isdisjoint(ids):
            return ids  # every id read, new and unique
        firsts = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        for i, area_id in enumerate(ids):
            if area_id is None or area_id in seen or firsts[area_id] != i:
                ok[i] = False
        return ids

    @staticmethod
    def _drop(ok: list[bool], bad: Iterable[object]) -> None:
        flags = list(bad)
        if any(flags):
            for i in itertools.compress(range(len(ok)), flags):
                ok[i] = False

    def _carried(self, columns: list[tuple[str, ...]], ok: list[bool]) -> None:
        limit = max_cell_length()
        for i in self.carried:
            column = columns[i]
            if max(map(len, column), default=0) > limit:
                self._drop(ok, (len(cell) > limit for cell in column))

    def _counts(self, column: tuple[str, ...], ok: list[bool], name: str) -> list[Amount]:
        """The column's counts; a row whose cell does not read plainly is no longer ``ok``."""
        if name not in self.plan.vocabulary.decimals:
            counts = plain_counts(column)
            if counts is not None:
                return list(counts)
            read = [plain_counts((cell,)) for cell in column]
            self._drop(ok, (r is None for r in read))
            return [r[0] if r is not None else 0 for r in read]
        found = [read_cell(cell, True) for cell in column]
        self._drop(ok, (code for _, code in found))
        return [value for value, _ in found]

    def _days(self, columns: list[tuple[str, ...]], ok: list[bool], n: int) -> list[_dt.date]:
        """Each row's date of review (a row whose date does not read is no longer ``ok``)."""
        if "as_of" not in self.index:
            found: list[Problem] = []
            day = read_day(None, self.as_of, found)
            if found or day is None:
                ok[:] = [False] * n
            return [day] * n  # type: ignore[list-item]
        by_text: dict[str, _dt.date | None] = {}
        for text in set(columns[self.index["as_of"]]):
            found = []
            day = read_day(text, self.as_of, found)
            by_text[text] = None if found else day
        days = list(map(by_text.__getitem__, columns[self.index["as_of"]]))
        self._drop(ok, map(operator.not_, days))  # a date is true, None not
        return days  # type: ignore[return-value]

    def _levels(
        self, columns: list[tuple[str, ...]], ok: list[bool], days: Sequence[_dt.date | None]
    ) -> list[tuple[object, object]]:
        """Each row's level and kind, when they read, the plan applies and its columns are here."""
        texts: Sequence[Cell] = (
            columns[self.index["level"]] if "level" in self.index else [None] * len(ok)
        )
        keys = set(zip(texts, days, strict=True))
        by_key = {(t, d): None if d is None else self._level(t, d) for t, d in keys}
        found = list(map(by_key.__getitem__, zip(texts, days, strict=True)))
        self._drop(ok, map(operator.not_, found))
        return [got or (None, None) for got in found]

    def _level(self, text: Cell, day: _dt.date) -> tuple[object, object] | None:
        found: list[Problem] = []
        level, kind, bad = read_level(text, found)
        if found or bad or not self.absent.isdisjoint(needed_at(self.plan, level)):
            return None
        applies_at(self.plan, day, level, kind, found)
        return None if found else (level, kind)

    def _texts(
        self, field: str, columns: list[tuple[str, ...]], ok: list[bool]
    ) -> list[str | None]:
        """The column's texts as read (a row whose cell does not read is no longer ``ok``)."""
        texts = plain_texts(columns[self.index[field]])  # a row not ok has a blank cell here
        if texts is not None:
            return texts
        out: list[str | None] = []
        for i, cell in enumerate(columns[self.index[field]]):
            text, problem = read_text(field, cell) if ok[i] else (None, None)
            if problem is not None:
                ok[i] = False
            out.append(text)
        return out
