"""``vn-drugfree assess --rollup`` on a table read chunk by chunk: the parents, in bounded memory.

A roll-up can only start when every row is read: a row is a parent's own record or a plain
child depending on whether some row, before or after it, names it as a parent. So while the
rows are assessed and written chunk by chunk, :class:`RollupSpool` keeps, for each row, what the
roll-up reads of it (its :class:`~vn_drugfree_criteria.engine.rollup_tree.Entry`: ids, counts,
date, level, state, class) in a temporary file, and in memory only the ids named as parents.
:meth:`RollupSpool.parents` then reads the file back once into the one tree roll-up
(:class:`~vn_drugfree_criteria.engine.rollup_tree.Tree`), which folds each plain child into its
parent's running sums (the child's id packed into a few bytes), and gives each parent as soon
as it is built (:meth:`~vn_drugfree_criteria.engine.rollup_tree.Tree.built`), to be written and
let go of: memory grows with the parents waiting to be built (their own rows, their running
sums and the packed ids of their children), not with the rows nor with the parents written.
The parents are those :func:`~vn_drugfree_criteria.assess_table` gives for the whole table, in
the same order.
"""

from __future__ import annotations

import datetime as _dt
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from vn_drugfree_criteria.engine.assess import Assessment
from vn_drugfree_criteria.engine.assess_table import ParentResult, parent_result, row_area
from vn_drugfree_criteria.engine.rollup import entry
from vn_drugfree_criteria.engine.rollup_tree import Entry, Tree
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level, UnitKind

__all__ = ["RollupSpool"]

_Record = tuple[Any, ...]
_LEVELS = {level.value: level for level in Level}


class RollupSpool:
    """The rows of a table as the roll-up reads them, held in a temporary file (a context)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed on exit
        self._parents: set[str] = set()
        self._kinds: dict[UnitKind, int] = {}

    def add(self, rows: Sequence[TableRow], results: Sequence[Assessment | None]) -> None:
        """Keep a chunk of assessed rows (each row with its result, ``None`` if rejected)."""
        records = []
        for row, a in zip(rows, results, strict=True):
            e = entry(row_area(row, a))
            parent = e.child_of()
            if parent is not None:
                self._parents.add(parent)
            records.append(self._record(e))
        pickle.dump(records, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def _record(self, e: Entry) -> _Record:
        s = e.snapshot
        if s is None:
            return (e.id, e.parent, e.state, e.label, e.rejected, None)
        kind = None if s.kind is None else self._kinds.setdefault(s.kind, len(self._kinds))
        level = None if s.level is None else s.level.value
        snap = (dict(s.counts), s.as_of.toordinal(), level, kind, s.area_id)
        return (e.id, e.parent, e.state, e.label, e.rejected, snap)

    def _entries(self) -> Iterator[Entry]:
        kinds = list(self._kinds)
        words = self.plan.vocabulary
        self._file.seek(0)
        while True:
            try:
                records: list[_Record] = pickle.load(self._file)
            except EOFError:
                return
            for id_, parent, state, label, rejected, snap in records:
                s = None
                if snap is not None:
                    counts, day, level, kind, area_id = snap
                    s = Snapshot.of_read_counts(
                        counts,
                        as_of=_dt.date.fromordinal(day),
                        level=None if level is None else _LEVELS[level],
                        kind=None if kind is None else kinds[kind],
                        area_id=area_id,
                        vocabulary=words,
                    )
                yield Entry(id_, parent, s, state, label, rejected)

    def parents(self) -> Iterator[ParentResult]:
        """Build and assess every parent named by the rows kept (reads the file once).

        The parents are given one at a time, as they are built, each let go of once given.
        """
        tree = Tree(self.plan, self._parents)
        for e in self._entries():
            tree.add(e)
        for node in tree.built():
            yield parent_result(node)

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()

    def __enter__(self) -> RollupSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
