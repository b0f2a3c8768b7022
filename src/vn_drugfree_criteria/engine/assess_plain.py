"""The outcome of a plainly valid row, decided without building its assessment.

:meth:`~vn_drugfree_criteria.engine.assess.Assessment.outcome` is what the text of an assessed
row's results depends on. For a row the reader recognised as plain
(:class:`~vn_drugfree_criteria.engine.rows_plain.PlainChunk`), :class:`PlainOutcomes` gives that
outcome from its counts with the plan's compiled criteria (the same ``met`` the assessment
would be built with, :func:`~vn_drugfree_criteria.engine.results.criteria_outcome`) after the
same checks :func:`~vn_drugfree_criteria.engine.assess.assess_each` makes once per level, kind
and date. Only the first row of an outcome needs to be built and assessed, to write its text.

The outcomes agree with the assessments' own (a property test checks it on generated tables).
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Callable
from typing import Any, cast

from vn_drugfree_criteria.engine.assess import _Checked, _checked, outcome_key
from vn_drugfree_criteria.engine.results import criteria_outcome
from vn_drugfree_criteria.engine.rows_plain import PlainChunk
from vn_drugfree_criteria.errors import DrugFreeError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["PlainOutcomes"]


class PlainOutcomes:
    """The outcomes of a table's plain rows against one plan (their counts of the same names).

    Args:
        plan: The plan the rows are assessed against.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._checks: dict[tuple[object, ...], _Checked | None] = {}

    def outcomes(
        self, plain: PlainChunk, snapshot: Callable[[int], Snapshot]
    ) -> list[tuple[object, ...] | None]:
        """The outcome of each plain row of a chunk, ``None`` for the other rows.

        ``None`` too for a plain row that must be assessed whole: the checks refuse its level,
        kind or date (it is then rejected, with the reason), its level has classifications, or
        a count its shortfalls read is not an integer. ``snapshot(k)`` is the snapshot of row
        ``k``, asked for the first row of each level, kind and date, to check them.
        """
        out: list[tuple[object, ...] | None] = [None] * len(plain.ok)
        groups: dict[tuple[int, _dt.date], _Checked | None] = {}  # the chunk's levels by id
        plan_id, adopts, days = self.plan.id, self.plan.adopts, plain.days
        for k in itertools.compress(range(len(out)), plain.ok):
            group = (id(plain.levels[k]), days[k])
            checked = groups.get(group, _UNSEEN)
            if checked is _UNSEEN:
                level, kind = plain.levels[k]
                checked = groups[group] = self._checked(level, kind, days[k], k, snapshot)
            if checked is None:
                continue
            counts = plain.counts[k]
            met = checked[0].met(counts)
            found = criteria_outcome(checked[0], met, counts)
            if found is not None:
                level = cast(Level | None, plain.levels[k][0])
                out[k] = outcome_key(plan_id, days[k], level, all(met), adopts, found)
        return out

    def _checked(
        self,
        level: object,
        kind: object,
        as_of: _dt.date,
        k: int,
        snapshot: Callable[[int], Snapshot],
    ) -> _Checked | None:
        """What ``assess_each`` checks once per level, kind and date.

        ``None`` if refused or classified (rows of both are assessed whole).
        """
        key = (level, kind, as_of)
        if key not in self._checks:
            try:
                checked: _Checked | None = _checked(self.plan, snapshot(k))
            except DrugFreeError:
                checked = None
            if checked is not None and checked[1]:
                checked = None
            self._checks[key] = checked
        return self._checks[key]


_UNSEEN: Any = object()
