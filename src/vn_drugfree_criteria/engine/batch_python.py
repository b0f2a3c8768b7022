"""The pure-Python batch backend: validation and evaluation over whole columns.

The loops run in C where Python allows it (``map`` over ``operator`` functions, ``min``/``max``,
``set(map(type, ...))``); a cell-by-cell reading happens only for columns that hold something
other than plain ``int``.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Mapping, Sequence
from typing import Any

from vn_drugfree_criteria.model.kernel import CompiledCriteria, Ops, compile_criteria
from vn_drugfree_criteria.model.rules import Criterion, Requirement, SourceRef
from vn_drugfree_criteria.vocab.cells import (
    MAX_COUNT,
    Problem,
    count_problem,
    exceeds_problem,
    exceeds_whole,
    missing_problem,
    not_yes_no,
    read_cell,
    without_whole_problem,
    yes_no_problem,
)
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary

__all__ = [
    "LIST_OPS",
    "as_list",
    "evaluate",
    "evaluate_requirement_columns",
    "read_column",
    "validate",
]


def as_list(col: Any) -> list[Any]:
    """A list of the column's cells as Python objects (numpy and pandas via ``tolist``)."""
    if isinstance(col, list):
        return col
    tolist = getattr(col, "tolist", None)
    return list(tolist()) if callable(tolist) else list(col)


def _all_counts(values: list[Any]) -> bool:
    """Whether every cell is a plain ``int`` from 0 to ``MAX_COUNT``: three passes in C.

    Non-negative integers whose sum is at most ``MAX_COUNT`` are each at most that (``sum`` of
    small integers is far cheaper than ``max``; ``max`` decides only when the sum is larger).
    """
    if not values:
        return True
    if not set(map(type, values)) <= {int} or min(values) < 0:
        return False
    return bool(sum(values) <= MAX_COUNT or max(values) <= MAX_COUNT)


def read_column(
    name: str, col: Any, needed_by: str | None, decimal: bool = False
) -> tuple[list[Amount], dict[int, Problem], set[int]]:
    """Read a column by the input policy (as exact decimals with ``decimal``: areas in m²).

    Returns:
        The counts (0 where a cell is bad or missing), a problem per refused row index, and the
        indices of missing cells (a problem too when ``needed_by`` names a criterion).
    """
    values = as_list(col)
    if _all_counts(values):
        return values, {}, set()
    out: list[Amount] = []
    problems: dict[int, Problem] = {}
    blank: set[int] = set()
    for i, value in enumerate(values):
        v, code = read_cell(value, decimal)
        if code == "missing":
            blank.add(i)
            if needed_by is not None:
                problems[i] = missing_problem(name, needed_by)
        elif code:
            problems[i] = count_problem(name, code, value)
        out.append(v)
    return out, problems, blank


def _part_rows(
    pair: tuple[str, str],
    cols: Mapping[str, list[Amount]],
    bad: Mapping[str, set[int]],
    blank: Mapping[str, set[int]],
    n: int,
) -> dict[int, Problem]:
    """The part ≤ whole problems of one pair, by row (a bad or blank part is not judged)."""
    part, whole = pair
    mine = bad[part] | blank[part]
    if whole not in cols:  # the whole is absent: every given part lacks it
        return {i: without_whole_problem(part, whole) for i in range(n) if i not in mine}
    values, wholes = cols[part], cols[whole]
    out: dict[int, Problem] = {}
    if any(map(exceeds_whole, values, wholes)):  # one pass in C; rows found only if any
        out = {
            i: exceeds_problem(part, whole, values[i], wholes[i])
            for i in itertools.compress(range(n), map(exceeds_whole, values, wholes))
            if i not in mine and i not in bad[whole] and i not in blank[whole]
        }
    for i in blank[whole] - mine:
        out[i] = without_whole_problem(part, whole)
    return out


def validate(
    names: Sequence[str],
    raw: Mapping[str, Any],
    n: int,
    needed: Mapping[str, str],
    vocabulary: Vocabulary = SHARED,
) -> tuple[dict[str, list[Amount]], dict[int, list[Problem]]]:
    """Read and check the columns ``names``; return the counts and the problems per bad row.

    Args:
        names: The indicator columns to read, in vocabulary order.
        raw: The columns.
        n: The number of rows.
        needed: Indicators the criteria read, each with the first criterion reading it.
        vocabulary: The plan's vocabulary (decimals, part/whole pairs, yes/no facts).

    A row's problems come as on every other path: its cells in vocabulary order, then its
    part ≤ whole problems in vocabulary order.
    """
    cols: dict[str, list[Amount]] = {}
    errors: dict[int, list[Problem]] = {}
    bad: dict[str, set[int]] = {}
    blank: dict[str, set[int]] = {}
    for name in names:
        decimal = name in vocabulary.decimals
        cols[name], problems, blank[name] = read_column(name, raw[name], needed.get(name), decimal)
        bad[name] = set(problems)
        for i, problem in problems.items():
            errors.setdefault(i, []).append(problem)
    for pair in vocabulary.wholes.items():
        if pair[0] in cols:
            for i, problem in sorted(_part_rows(pair, cols, bad, blank, n).items()):
                errors.setdefault(i, []).append(problem)
    for flag in (f for f in vocabulary.flags if f in cols):
        values = cols[flag]
        if not not_yes_no(max(values, default=0)):  # no count above 1: nothing to scan
            continue
        skip = bad[flag] | blank[flag]
        for i in itertools.compress(range(n), map(not_yes_no, values)):
            if i not in skip:
                errors.setdefault(i, []).append(yes_no_problem(flag, values[i]))
    return cols, errors


# A column is a list of ints, a verdict column a list of bools; a constant may stand for either.
Col = list[int] | int
Mask = list[bool] | bool


def _zip(f: Any, a: Any, b: Any) -> Any:
    """``f`` applied cell by cell; a constant operand is repeated along the column."""
    if isinstance(a, list):
        return list(map(f, a, b if isinstance(b, list) else itertools.repeat(b, len(a))))
    if isinstance(b, list):
        return list(map(f, itertools.repeat(a, len(b)), b))
    return f(a, b)


class _ListOps:
    """The kernel's operations on whole columns of Python ``int`` (loops run in ``map``)."""

    def const(self, n: int) -> Col:
        return n

    def flag(self, value: bool) -> Mask:
        return value

    def add(self, a: Col, b: Col) -> Col:
        return _zip(operator.add, a, b)  # type: ignore[no-any-return]

    def sub(self, a: Col, b: Col) -> Col:
        return _zip(operator.sub, a, b)  # type: ignore[no-any-return]

    def scale(self, a: Col, k: int) -> Col:
        return a if k == 1 else _zip(operator.mul, a, k)

    def compare(self, op: Op, a: Col, b: Col) -> Mask:
        return _zip(op.function, a, b)  # type: ignore[no-any-return]

    def both(self, a: Mask, b: Mask) -> Mask:
        return _zip(operator.and_, a, b)  # type: ignore[no-any-return]

    def either(self, a: Mask, b: Mask) -> Mask:
        return _zip(operator.or_, a, b)  # type: ignore[no-any-return]

    def negate(self, a: Mask) -> Mask:
        return list(map(operator.not_, a)) if isinstance(a, list) else not a

    def tally(self, verdicts: Sequence[Mask]) -> Col:
        total: Col = 0
        for v in verdicts:
            total = _zip(operator.add, total, v)
        return total


LIST_OPS: Ops[Col, Mask] = _ListOps()
"""The kernel's operations on list columns (used where no compiled form applies: grading)."""


def evaluate_requirement_columns(
    req: Requirement, cols: Mapping[str, Sequence[Amount]]
) -> list[bool]:
    """Evaluate a requirement on whole columns of valid counts (pure Python).

    >>> from vn_drugfree_criteria import get_plan
    >>> c3 = get_plan("lai-chau-city-2024").criterion("C3").requirements[0]
    >>> evaluate_requirement_columns(c3, {"addicts": [2, 2, 0], "addicts_with_dossier": [2, 1, 0]})
    [True, False, True]
    """
    alone = Criterion(req.id, req.id, "", "", frozenset(), (req,), SourceRef("", 1))
    n = len(as_list(next(iter(cols.values())))) if cols else 0
    return compile_criteria((alone,), req.id).columns[0](_Lists(cols), n)


class _Lists(dict[str, list[int]]):
    """Columns as Python lists, each converted when first read."""

    def __init__(self, cols: Mapping[str, Sequence[Amount]]) -> None:
        super().__init__()
        self._cols = cols

    def __missing__(self, name: str) -> list[int]:
        self[name] = as_list(self._cols[name])
        return self[name]


def evaluate(
    compiled: CompiledCriteria, cols: Mapping[str, Sequence[Amount]], valid: Sequence[bool] | None
) -> tuple[dict[str, tuple[bool, ...]], tuple[bool, ...]]:
    """Per-criterion masks and the overall mask (``False`` on rows that are not valid).

    Each criterion is decided by its compiled column function (see
    :func:`~vn_drugfree_criteria.model.kernel.compile_criteria`).
    """
    per: dict[str, tuple[bool, ...]] = {}
    n = len(next(iter(cols.values()))) if cols else 0
    masks = []
    for c, column in zip(compiled.criteria, compiled.columns, strict=True):
        met = column(cols, n)
        if valid is not None:
            met = list(map(operator.and_, met, valid))
        per[c.id] = tuple(met)
        masks.append(met)
    if not masks:
        return per, tuple(valid or (True,) * n)
    overall = masks[0] if len(masks) == 1 else list(map(all, zip(*masks, strict=True)))
    return per, tuple(overall)
