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
from vn_drugfree_criteria.engine.columns import (
    MAX_COUNT,
    MISSING,
    NEGATIVE,
    NOT_WHOLE,
    TOO_LARGE,
    problem_text,
    read_cell,
)
from vn_drugfree_criteria.errors import MissingExtraError
from vn_drugfree_criteria.model.kernel import Ops
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.indicators import INDICATORS

__all__ = ["evaluate", "import_numpy", "numpy_ops", "validate"]


def import_numpy(feature: str) -> Any:
    """Import numpy, or raise :class:`MissingExtraError` naming the ``fast`` extra."""
    try:
        import numpy  # noqa: PLC0415  # optional extra, imported only when used
    except ImportError:
        raise MissingExtraError("numpy", "fast", feature) from None
    return numpy


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
    read = [read_cell(v) for v in values]
    arr = np.fromiter((v for v, _ in read), dtype=np.int64, count=len(read))
    codes = np.fromiter((c for _, c in read), dtype=np.uint8, count=len(read))
    return arr, codes if codes.any() else None, values


def read_column(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """``(int64 counts with 0 in bad cells, uint8 problem codes or None, the raw cells)``."""
    if hasattr(col, "isna") and hasattr(col, "to_numpy"):  # a pandas Series
        dtype = col.dtype
        if getattr(dtype, "kind", "O") in "iu" and not isinstance(dtype, np.dtype):
            na = col.isna().to_numpy()
            if na.any():  # nullable integers: NA is missing
                arr, codes, _ = read_column(np, col.to_numpy(dtype=dtype.numpy_dtype, na_value=0))
                codes = np.where(na, MISSING, 0 if codes is None else codes).astype(np.uint8)
                return np.where(na, 0, arr), codes, col.to_numpy(dtype=object)
            col = col.to_numpy(dtype=dtype.numpy_dtype)
        else:
            col = col.to_numpy()
    if not isinstance(col, np.ndarray):
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
        nan = np.isnan(col)
        whole = np.isfinite(col) & (np.floor(col) == col)
        codes = np.select(
            [nan, ~whole, col < 0, col >= 2.0**63], [MISSING, NOT_WHOLE, NEGATIVE, TOO_LARGE], 0
        ).astype(np.uint8)
        ok = codes == 0
        return np.where(ok, col, 0).astype(np.int64), codes if not ok.all() else None, col
    if kind == "b":
        return np.zeros(len(col), np.int64), np.full(len(col), NOT_WHOLE, np.uint8), col
    return _from_objects(np, col)


def validate(
    np: Any, names: Sequence[str], raw: Mapping[str, Any], n: int
) -> tuple[dict[str, Any], Any, dict[int, list[str]]]:
    """Read and check the columns; return the counts, the valid mask and messages per bad row.

    The messages are the pure-Python backend's, in the same order.
    """
    cols: dict[str, Any] = {}
    bad = np.zeros(n, dtype=bool)
    errors: dict[int, list[str]] = {}
    for name in names:
        arr, codes, cells = read_column(np, raw[name])
        cols[name] = arr
        if codes is None:
            continue
        rows = np.flatnonzero(codes)
        bad[rows] = True
        for i in rows.tolist():
            errors.setdefault(i, []).append(problem_text(name, int(codes[i]), cells[i]))
    for name in names:
        whole = INDICATORS[name].whole
        if whole is None or whole not in cols:
            continue
        part, wholes = cols[name], cols[whole]
        over = np.flatnonzero((part > wholes) & ~bad)
        bad[over] = True
        for i in over.tolist():
            errors[i] = [f"{name}: {part[i]} is larger than its whole {whole} ({wholes[i]})"]
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
