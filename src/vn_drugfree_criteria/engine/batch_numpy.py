"""The numpy batch backend: the same rules as the pure-Python backend, in 64-bit integers.

Counts are held as ``int64`` (the reading rules cap them at ``2**63 - 1``). A share requirement
``part / whole op num / den`` is compared as ``part * den op num * whole``; when the largest
products could leave ``int64`` the comparison is done with Python integers instead, so no float
and no wrapped integer ever decides a threshold.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.errors import MissingExtraError
from vn_drugfree_criteria.model.kernel import Ops
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.cells import (
    CELL_CODES,
    MAX_COUNT,
    MAX_EXACT_FLOAT,
    Problem,
    count_problem,
    exceeds_problem,
    exceeds_whole,
    missing_problem,
    not_yes_no,
    plain,
    read_count,
    without_whole_problem,
    yes_no_problem,
)
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import read_decimal
from vn_drugfree_criteria.vocab.indicators import DECIMALS, FLAGS, WHOLES

__all__ = ["evaluate", "import_numpy", "numpy_ops", "validate"]


def import_numpy(feature: str) -> Any:
    """Import numpy, or raise :class:`MissingExtraError` naming the ``fast`` extra."""
    try:
        import numpy  # noqa: PLC0415  # optional extra, imported only when used
    except ImportError:
        raise MissingExtraError("numpy", "fast", feature) from None
    return numpy


_CODE = {code: i for i, code in enumerate(CELL_CODES)}
MISSING, NOT_WHOLE, BOOLEAN = _CODE["missing"], _CODE["not_whole_number"], _CODE["boolean"]
NEGATIVE, TOO_LARGE, INEXACT = _CODE["negative"], _CODE["too_large"], _CODE["inexact_float"]


def _from_objects(np: Any, col: Any) -> tuple[Any, Any, Any]:
    values = as_list(col)
    if set(map(type, values)) <= {int}:
        try:
            arr = np.array(values, dtype=np.int64)
        except OverflowError:
            pass
        else:
            codes = np.where(arr < 0, NEGATIVE, 0).astype(np.uint8) if len(arr) else None
            return arr, codes if codes is not None and codes.any() else None, values
    read = [read_count(v) for v in values]
    arr = np.fromiter((v for v, _ in read), dtype=np.int64, count=len(read))
    codes = np.fromiter((_CODE[c] for _, c in read), dtype=np.uint8, count=len(read))
    return arr, codes if codes.any() else None, values


def _from_floats(np: Any, col: Any) -> tuple[Any, Any, Any]:
    nan = np.isnan(col)
    whole = np.isfinite(col) & (np.floor(col) == col)
    codes = np.select(
        [nan, ~whole, col < 0, col >= 2.0**63, col > MAX_EXACT_FLOAT],
        [MISSING, NOT_WHOLE, NEGATIVE, TOO_LARGE, INEXACT],
        0,
    ).astype(np.uint8)
    ok = codes == 0
    return np.where(ok, col, 0).astype(np.int64), codes if not ok.all() else None, col


def _from_pandas(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """A pandas Series: numpy dtypes as arrays; nullable, sparse and other types read alike."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype):
        return read_column(np, col.to_numpy())
    if type(dtype).__name__ == "SparseDtype":
        return read_column(np, col.sparse.to_dense())
    kind = getattr(dtype, "kind", "O")
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if kind in "iuf" and numpy_dtype is not None:  # nullable integers and floats
        na = np.asarray(col.isna().to_numpy(), dtype=bool)
        fill = np.nan if kind == "f" else 0
        arr, codes, _ = read_column(np, col.to_numpy(dtype=numpy_dtype, na_value=fill))
        if na.any():
            codes = np.where(na, MISSING, 0 if codes is None else codes).astype(np.uint8)
        return np.where(na, 0, arr), codes, col.to_numpy(dtype=object)
    return _from_objects(np, col.to_numpy(dtype=object))


def read_column(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """``(int64 counts with 0 in bad cells, uint8 codes of CELL_CODES or None, the raw cells)``."""
    if hasattr(col, "isna") and hasattr(col, "to_numpy"):  # a pandas Series
        return _from_pandas(np, col)
    if isinstance(col, np.ma.MaskedArray):  # a masked cell is unknown: missing
        mask = np.ma.getmaskarray(col)
        arr, codes, _ = read_column(np, np.ma.getdata(col))
        if mask.any():
            codes = np.where(mask, MISSING, 0 if codes is None else codes).astype(np.uint8)
        return np.where(mask, 0, arr), codes, col.astype(object).filled(None)
    if not isinstance(col, np.ndarray) or col.ndim != 1:
        return _from_objects(np, col)
    kind = col.dtype.kind
    if kind == "i":
        neg = col < 0
        codes = np.where(neg, NEGATIVE, 0).astype(np.uint8) if neg.any() else None
        arr = col.astype(np.int64, copy=False)
        return (arr if codes is None else np.where(neg, 0, arr)), codes, col
    if kind == "u":
        big = col > MAX_COUNT
        if big.any():
            return np.where(big, 0, col).astype(np.int64), big.astype(np.uint8) * TOO_LARGE, col
        return col.astype(np.int64, copy=False), None, col
    if kind == "f":
        return _from_floats(np, col)
    if kind == "b":
        return np.zeros(len(col), np.int64), np.full(len(col), BOOLEAN, np.uint8), col
    return _from_objects(np, col)


def read_decimal_column(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """Like :func:`read_column`, for areas in m²: never floats.

    The values are ``int64`` when every value read is whole, else an ``object`` array of exact
    values (``int`` and :class:`~fractions.Fraction`).
    """
    values = list(col) if isinstance(col, np.ndarray) and col.dtype.kind == "f" else as_list(col)
    read = [read_decimal(v) for v in values]
    codes = np.fromiter((_CODE[c] for _, c in read), dtype=np.uint8, count=len(read))
    exact = [v for v, _ in read]
    if set(map(type, exact)) <= {int}:
        arr = np.array(exact, dtype=np.int64)
    else:
        arr = np.empty(len(exact), dtype=object)
        arr[:] = exact
    return arr, codes if codes.any() else None, values


def _cell_problems(
    np: Any, name: str, codes: Any, cells: Any, needed_by: str | None
) -> tuple[Any, Any, dict[int, Problem]]:
    """The bad and blank masks of a column, and a problem per refused row."""
    blank = codes == MISSING
    bad = (codes != 0) & ~blank if needed_by is None else codes != 0
    problems = {
        i: (
            missing_problem(name, needed_by)
            if codes[i] == MISSING
            else count_problem(name, CELL_CODES[codes[i]], cells[i])
        )
        for i in np.flatnonzero(bad).tolist()
    }
    return bad, blank, problems


def validate(
    np: Any, names: Sequence[str], raw: Mapping[str, Any], n: int, needed: Mapping[str, str]
) -> tuple[dict[str, Any], Any, dict[int, list[Problem]]]:
    """Read and check the columns; return the counts, the valid mask and problems per bad row.

    The problems are the pure-Python backend's, in the same order.
    """
    cols: dict[str, Any] = {}
    none = np.zeros(n, dtype=bool)
    bad_of: dict[str, Any] = {}
    blank_of: dict[str, Any] = {}
    errors: dict[int, list[Problem]] = {}
    for name in names:
        reader = read_decimal_column if name in DECIMALS else read_column
        arr, codes, cells = reader(np, raw[name])
        cols[name] = arr
        if codes is None:
            bad_of[name], blank_of[name] = none, none
            continue
        bad_of[name], blank_of[name], problems = _cell_problems(
            np, name, codes, cells, needed.get(name)
        )
        for i, problem in problems.items():
            errors.setdefault(i, []).append(problem)
    for part, whole in WHOLES.items():
        if part not in cols:
            continue
        judged = ~(bad_of[part] | blank_of[part])
        if whole in cols:
            over = exceeds_whole(cols[part], cols[whole]) & judged
            over &= ~(bad_of[whole] | blank_of[whole])
            lacking = blank_of[whole] & judged
        else:
            over, lacking = none, judged
        for i in np.flatnonzero(over | lacking).tolist():
            problem = (
                without_whole_problem(part, whole)
                if lacking[i]
                else exceeds_problem(part, whole, plain(cols[part][i]), plain(cols[whole][i]))
            )
            errors.setdefault(i, []).append(problem)
    for flag in (f for f in FLAGS if f in cols):
        wrong = not_yes_no(cols[flag]) & ~(bad_of[flag] | blank_of[flag])
        for i in np.flatnonzero(wrong).tolist():
            errors.setdefault(i, []).append(yes_no_problem(flag, int(cols[flag][i])))
    bad = np.zeros(n, dtype=bool)
    bad[list(errors)] = True
    return cols, ~bad, errors


def _extent(a: Any) -> tuple[int, int]:
    """The least and greatest value of an operand, as Python integers."""
    if isinstance(a, int):
        return a, a
    if len(a) == 0:
        return 0, 0
    return int(a.min()), int(a.max())


class _NumpyOps:
    """The kernel's operations on ``int64`` and ``bool`` arrays.

    Before an addition or a multiplication whose result could leave ``int64``, the operands are
    widened to Python integers (``object`` arrays), so no wrapped integer ever decides.
    """

    def __init__(self, np: Any) -> None:
        self.np = np

    def _exact(self, f: Any, a: Any, b: Any, lo: int, hi: int) -> Any:
        if lo < -MAX_COUNT - 1 or hi > MAX_COUNT:
            wide = [x.astype(object) if hasattr(x, "astype") else x for x in (a, b)]
            return f(wide[0], wide[1])
        return f(a, b)

    def const(self, n: int) -> Any:
        return n

    def flag(self, value: bool) -> Any:
        return value

    def add(self, a: Any, b: Any) -> Any:
        (alo, ahi), (blo, bhi) = _extent(a), _extent(b)
        return self._exact(operator.add, a, b, alo + blo, ahi + bhi)

    def sub(self, a: Any, b: Any) -> Any:
        (alo, ahi), (blo, bhi) = _extent(a), _extent(b)
        return self._exact(operator.sub, a, b, alo - bhi, ahi - blo)

    def scale(self, a: Any, k: int) -> Any:
        if k == 1:
            return a
        lo, hi = _extent(a)
        return self._exact(operator.mul, a, k, lo * k, hi * k)

    def compare(self, op: Op, a: Any, b: Any) -> Any:
        return self.np.asarray(op.function(a, b), dtype=bool)

    def both(self, a: Any, b: Any) -> Any:
        return a & b

    def either(self, a: Any, b: Any) -> Any:
        return a | b

    def negate(self, a: Any) -> Any:
        return self.np.logical_not(a)

    def tally(self, verdicts: Any) -> Any:
        total: Any = 0
        for v in verdicts:
            total = total + self.np.asarray(v, dtype=self.np.int64)
        return total


def numpy_ops(np: Any) -> Ops[Any, Any]:
    """The kernel's operations on numpy arrays (``np`` is the numpy module)."""
    return _NumpyOps(np)


def evaluate_requirement(ops: Ops[Any, Any], req: Requirement, cols: Mapping[str, Any]) -> Any:
    """A boolean array, or one ``bool`` for every row: where the requirement holds."""
    return req.decide(ops, cols.__getitem__)


def evaluate(
    np: Any, criteria: Sequence[Criterion], cols: Mapping[str, Any], valid: Any, n: int
) -> tuple[dict[str, Any], Any]:
    """Per-criterion masks and the overall mask (``False`` on rows that are not valid)."""
    everything_valid = bool(valid.all())
    ops = numpy_ops(np)
    per: dict[str, Any] = {}
    overall = valid.copy()
    for c in criteria:
        met = np.ones(n, dtype=bool) if everything_valid else valid.copy()
        for r in c.requirements:
            met &= evaluate_requirement(ops, r, cols)
        met.flags.writeable = False
        per[c.id] = met
        overall &= met
    overall.flags.writeable = False
    return per, overall
