"""Assess many areas at once, column by column, with the same rules as :func:`assess`.

``columns`` maps indicator names to equal-length sequences. Every row is either assessed or
reported in :attr:`BatchResult.rejected` with its reasons; nothing is dropped.
"""

from __future__ import annotations

import datetime as _dt
import operator
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from ._assess import check_applicable
from ._errors import InputError, RowError
from ._indicators import INDICATORS
from ._levels import Level, find_level
from ._registry import PlanLike, get_plan
from ._rules import Requirement, RequirementKind

__all__ = ["BatchResult", "assess_many", "evaluate_requirement_columns"]


@attrs.frozen
class BatchResult:
    """The result of :func:`assess_many`: one entry per input row.

    Attributes:
        plan_id: The plan.
        ids: Row ids (given, or ``"1"``, ``"2"``, ... by position).
        valid: Whether each row passed validation.
        drug_free: Per row: the verdict, or ``None`` for a rejected row.
        criteria: Criterion id to a per-row sequence (``None`` for rejected rows).
        rejected: The rejected rows with their reasons (1-based row numbers).
    """

    plan_id: str
    ids: tuple[str, ...]
    valid: tuple[bool, ...]
    drug_free: tuple[bool | None, ...]
    criteria: Mapping[str, tuple[bool | None, ...]]
    rejected: tuple[RowError, ...]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def drug_free_count(self) -> int:
        """How many rows are drug-free."""
        return sum(1 for v in self.drug_free if v)


def _as_count(value: Any) -> int | None:
    """An int from an int-like value (numpy integers included), or None if it is not one."""
    if value is None or isinstance(value, bool | float | str):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def evaluate_requirement_columns(req: Requirement, cols: Mapping[str, Sequence[int]]) -> list[bool]:
    """Evaluate a requirement on whole columns of valid counts (pure Python)."""
    values = cols[req.indicator]
    if req.kind is RequirementKind.NONE:
        return [v == 0 for v in values]
    if req.kind is RequirementKind.AT_LEAST:
        minimum = int(req.bound)
        return [v >= minimum for v in values]
    assert req.whole is not None
    wholes = cols[req.whole]
    if req.kind is RequirementKind.ALL:
        return [v == w for v, w in zip(values, wholes, strict=True)]
    num, den = req.bound.numerator, req.bound.denominator
    cmp = req.comparison.op.function
    # part / whole  op  num / den   <=>   part * den  op  num * whole   (whole > 0)
    return [w == 0 or cmp(v * den, num * w) for v, w in zip(values, wholes, strict=True)]


def _validate(
    names: tuple[str, ...], raw: Mapping[str, Sequence[Any]], n: int, ids: tuple[str, ...]
) -> tuple[dict[str, list[int]], list[bool], list[RowError]]:
    cols: dict[str, list[int]] = {}
    errors: list[list[str]] = [[] for _ in range(n)]
    for name in names:
        col = raw[name]
        out = []
        for i, value in enumerate(col):
            v = _as_count(value)
            if v is None:
                errors[i].append(
                    f"{name}: missing"
                    if value is None
                    else f"{name}: not a whole number ({value!r})"
                )
                v = 0
            elif v < 0:
                errors[i].append(f"{name}: negative ({v})")
            out.append(v)
        cols[name] = out
    for name in names:
        whole = INDICATORS[name].whole
        if whole is None or whole not in cols:
            continue
        for i, (v, w) in enumerate(zip(cols[name], cols[whole], strict=True)):
            if v > w and not errors[i]:
                errors[i].append(f"{name}: {v} is larger than its whole {whole} ({w})")
    valid = [not e for e in errors]
    rejected = [RowError(i + 1, ids[i], e) for i, e in enumerate(errors) if e]
    return cols, valid, rejected


def assess_many(
    plan: PlanLike,
    columns: Mapping[str, Sequence[Any]],
    *,
    ids: Sequence[str] | None = None,
    as_of: _dt.date | None = None,
    level: Level | str | None = None,
) -> BatchResult:
    """Assess every row of a table of counts.

    Args:
        plan: A plan or its id.
        columns: Indicator name to a sequence of counts, all of one length. Columns that are not
            indicators are ignored; the indicators the plan needs must all be present.
        ids: Optional row ids (default: ``"1"``, ``"2"``, ...).
        as_of: When given, the plan's and the level's validity on that date are checked.
        level: The level of every row, when the plan's criteria differ by level.

    Returns:
        Per-row verdicts and criterion outcomes; rejected rows carry ``None`` and a reason.

    Raises:
        InputError: A needed column is missing or the columns differ in length.
        UnknownPlanError, NotValidOnDateError, LevelNotCoveredError: As for :func:`assess`.
    """
    p = get_plan(plan)
    lvl = find_level(level)[0] if isinstance(level, str) else level
    if as_of is not None:
        criteria = check_applicable(p, as_of, lvl)
    elif lvl is not None:
        criteria = p.criteria_for(lvl)
    else:
        criteria = p.criteria
    needed = tuple(name for name in INDICATORS if any(name in c.indicators for c in criteria))
    missing = [name for name in needed if name not in columns]
    if missing:
        raise InputError(f"required column missing: {', '.join(missing)}")
    lengths = {len(columns[name]) for name in needed}
    n = lengths.pop() if lengths else (len(ids) if ids is not None else 0)
    if lengths:
        raise InputError("all columns must have the same length")
    row_ids = tuple(str(i) for i in ids) if ids is not None else tuple(str(i + 1) for i in range(n))
    if len(row_ids) != n:
        raise InputError(f"{len(row_ids)} ids for {n} rows")
    if len(set(row_ids)) != n:
        dup = next(i for i in row_ids if row_ids.count(i) > 1)
        raise InputError(f"duplicate id {dup!r}")
    cols, valid, rejected = _validate(needed, columns, n, row_ids)
    per_criterion: dict[str, tuple[bool | None, ...]] = {}
    overall = list(valid)
    for c in criteria:
        met = [True] * n
        for r in c.requirements:
            met = [a and b for a, b in zip(met, evaluate_requirement_columns(r, cols), strict=True)]
        per_criterion[c.id] = tuple(m if ok else None for m, ok in zip(met, valid, strict=True))
        overall = [o and m for o, m in zip(overall, met, strict=True)]
    drug_free = tuple(o if ok else None for o, ok in zip(overall, valid, strict=True))
    return BatchResult(
        plan_id=p.id,
        ids=row_ids,
        valid=tuple(valid),
        drug_free=drug_free,
        criteria=MappingProxyType(per_criterion),
        rejected=tuple(rejected),
    )
