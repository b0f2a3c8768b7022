"""The outcome of a plainly valid row, decided without building its assessment.

:meth:`~vn_drugfree_criteria.engine.assess.Assessment.outcome` is what the text of an assessed
row's results depends on. For a row the reader recognised as plain
(:class:`~vn_drugfree_criteria.engine.rows_plain.PlainChunk`), :class:`PlainOutcomes` gives that
outcome from its counts with the plan's compiled criteria, decided column by column for a
chunk's rows of one level at once (the compiled column functions decide what ``met`` decides for
one area; :func:`~vn_drugfree_criteria.engine.results.criteria_outcome` is the outcome's shape),
after the same checks :func:`~vn_drugfree_criteria.engine.assess.assess_each` makes once per
level, kind and date. A writer then needs no row built: the text of a new outcome is written from
the assessment :func:`plain_assessment` makes straight from the row's verdicts and counts.

The outcomes and verdicts agree with the assessments' own (a property test checks it on
generated tables).
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Callable
from typing import cast

from vn_drugfree_criteria.engine.assess import (
    Assessment,
    _Checked,
    _checked,
    assessment_of,
    level_text,
    outcome_key_of,
)
from vn_drugfree_criteria.engine.results import outcome_of, outcome_reads
from vn_drugfree_criteria.engine.rows_plain import PlainChunk
from vn_drugfree_criteria.errors import DrugFreeError
from vn_drugfree_criteria.model.kernel import CompiledCriteria
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Decided", "PlainOutcomes", "plain_assessment"]

Decided = tuple[tuple[object, ...], tuple[bool, ...], CompiledCriteria]
"""A plain row's outcome key (:func:`~vn_drugfree_criteria.engine.assess.outcome_key`), its
verdicts (in the compiled criteria's order) and the compiled criteria that decided them."""


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
    ) -> list[Decided | None]:
        """The outcome of each plain row of a chunk, ``None`` for the other rows.

        ``None`` too for a plain row that must be assessed whole: the checks refuse its level,
        kind or date (it is then rejected, with the reason), its level has classifications, or
        a count its shortfalls read is not an integer. ``snapshot(k)`` is the snapshot of row
        ``k``, asked for the first row of each level, kind and date, to check them.

        The criteria are decided column by column (the compiled criteria's column functions),
        for the rows of each level, kind and date at once.
        """
        out: list[Decided | None] = [None] * len(plain.ok)
        groups: dict[tuple[int, _dt.date], list[int]] = {}  # the chunk's levels by id
        days, ok = plain.days, plain.ok
        plain_rows = list(itertools.compress(range(len(out)), ok))
        if (
            len(set(map(id, itertools.compress(plain.levels, ok))))
            == 1
            == len(set(itertools.compress(days, ok)))
        ):  # one level, kind and date: as a rule
            k = plain_rows[0]
            groups[id(plain.levels[k]), days[k]] = plain_rows
        else:
            for k in plain_rows:
                groups.setdefault((id(plain.levels[k]), days[k]), []).append(k)
        decided: dict[int, tuple[CompiledCriteria, list[int]]] = {}  # rows by their criteria
        for rows in groups.values():
            k = rows[0]
            level, kind = plain.levels[k]
            checked = self._checked(level, kind, days[k], k, snapshot)
            if checked is not None:
                decided.setdefault(id(checked[0]), (checked[0], []))[1].extend(rows)
        for compiled, rows in decided.values():
            self._decide(plain, sorted(rows), compiled, out)
        return out

    def _decide(
        self,
        plain: PlainChunk,
        rows: list[int],
        compiled: CompiledCriteria,
        out: list[Decided | None],
    ) -> None:
        """The outcomes of ``rows`` (decided by ``compiled``: of one level), into ``out``.

        The columns are decided whole, every row of the chunk at once, when every count of
        them is an integer (a row that is not plain has 0 where a cell did not read); else
        the counts of ``rows`` are picked first.
        """
        integers = self.plan.vocabulary.decimals.isdisjoint(plain.names)
        whole = integers or len(rows) == len(out)
        columns = (
            plain.columns if whole else [[column[k] for k in rows] for column in plain.columns]
        )
        cols = dict(zip(plain.names, columns, strict=True))
        n = len(columns[0]) if columns else len(rows)
        masks = [decide(cols, n) for decide in compiled.columns]
        verdicts = list(zip(*masks, strict=True)) if masks else [()] * n
        level = level_text(cast(Level | None, plain.levels[rows[0]][0]))
        days, plan_id, adopts = plain.days, self.plan.id, self.plan.adopts
        met_all: dict[_dt.date, Decided] = {}  # the outcome of the rows meeting every criterion
        failing: dict[tuple[bool, ...], tuple[list[int], list[int]]] = {}  # rows, positions
        for at, k in zip(rows if whole else range(len(rows)), rows, strict=True):
            met = verdicts[at]
            if False not in met:
                got = met_all.get(days[k])
                if got is None:
                    key = outcome_key_of(level, plan_id, days[k], True, adopts, (met,))
                    got = met_all[days[k]] = (key, met, compiled)
                out[k] = got
            else:
                group = failing.get(met)
                if group is None:
                    group = failing[met] = ([], [])
                group[0].append(k)
                group[1].append(at)
        for met, (ks, ats) in failing.items():  # the counts their shortfalls read, picked
            read = [cols[name] for name in outcome_reads(compiled, met)[0]]
            picked = [[column[at] for at in ats] for column in read]
            for k, values in zip(
                ks, zip(*picked, strict=True) if picked else [()] * len(ks), strict=True
            ):
                found = outcome_of(met, values, integers=integers)
                if found is not None:
                    key = outcome_key_of(level, plan_id, days[k], False, adopts, found)
                    out[k] = (key, met, compiled)

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


def plain_assessment(plan: Plan, plain: PlainChunk, k: int, decided: Decided) -> Assessment:
    """The assessment of plain row ``k`` of a chunk, from what :class:`PlainOutcomes` decided.

    The one the row would be assessed into once built (its level has no classifications).
    """
    _, met, compiled = decided
    level = cast(Level | None, plain.levels[k][0])
    counts = plain.counts_of(k)
    return assessment_of(plan, plain.ids[k], plain.days[k], level, compiled, met, counts)
