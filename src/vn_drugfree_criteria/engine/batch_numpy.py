"""The numpy batch backend: the same rules as the pure-Python backend, on integer arrays.

Integer columns are kept in their own dtype (``int8`` … ``int64``, unsigned, pandas nullable
integers without ``<NA>``) and are not copied unless a cell is refused; the reading rules cap
counts at ``2**63 - 1``, so a ``uint64`` column is viewed as ``int64``. A share requirement
``part / whole op num / den`` is compared as ``part * den op num * whole``; when a sum or a
product could leave the columns' dtype it is taken in ``int64``, and when it could leave
``int64``, in Python integers, so no float and no wrapped integer ever decides a threshold.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

from vn_drugfree_criteria.engine.batch_areas import is_decimal_column, read_decimal_column
from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.errors import MissingExtraError
from vn_drugfree_criteria.model.kernel import CompiledCriteria, Ops
from vn_drugfree_criteria.model.kernel_arrays import array_criteria
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
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary

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
    """A pandas Series: numpy dtypes as arrays; nullable, sparse and other types read alike.

    A nullable integer column without ``<NA>`` is read from pandas' own buffer (no copy).
    """
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
        if not na.any():
            return arr, codes, _Cells(col)
        codes = np.where(na, MISSING, 0 if codes is None else codes).astype(np.uint8)
        return np.where(na, 0, arr), codes, _Cells(col)
    return _from_objects(np, col.to_numpy(dtype=object))


class _Cells:
    """The cells of a column as Python objects, converted only when a message quotes one."""

    __slots__ = ("_cells", "_col")

    def __init__(self, col: Any) -> None:
        self._col = col
        self._cells: Any = None

    def __getitem__(self, i: int) -> Any:
        if self._cells is None:
            to_numpy = getattr(self._col, "to_numpy", None)
            self._cells = to_numpy(dtype=object) if callable(to_numpy) else self._col.astype(object)
            if hasattr(self._cells, "filled"):  # a masked array: masked cells as None
                self._cells = self._cells.filled(None)
        return self._cells[i]


def _from_integers(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """An integer array, kept as it is (no copy) unless a cell is refused.

    Unsigned 64-bit counts that all fit in ``int64`` are viewed as ``int64`` (no copy), so no
    comparison ever mixes ``int64`` with ``uint64`` (which numpy would do in floats).
    """
    if not len(col):
        return col.astype(np.int64), None, col
    if col.dtype.kind == "i":
        if col.min() >= 0:
            return col, None, col
        neg = col < 0
        return np.where(neg, 0, col), np.where(neg, NEGATIVE, 0).astype(np.uint8), col
    if col.dtype.itemsize < 8:
        return col, None, col
    if col.max() <= MAX_COUNT:
        return col.view(col.dtype.str.replace("u", "i")), None, col
    big = col > MAX_COUNT
    return np.where(big, 0, col).astype(np.int64), big.astype(np.uint8) * TOO_LARGE, col


def read_column(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """Read one column by the input policy.

    Returns:
        ``(counts, codes, cells)``: the counts (the input array itself when it holds integers
        and every cell is a count; otherwise an integer array with 0 in refused cells), the
        ``uint8`` codes of :data:`CELL_CODES` per cell (``None`` when every cell is a count),
        and the raw cells, for messages.
    """
    if type(col) is np.ndarray and col.ndim == 1 and col.dtype.kind in "iu":  # the usual case
        return _from_integers(np, col)
    if hasattr(col, "isna") and hasattr(col, "to_numpy"):  # a pandas Series
        return _from_pandas(np, col)
    if isinstance(col, np.ma.MaskedArray):  # a masked cell is unknown: missing
        mask = np.ma.getmask(col)
        arr, codes, _ = read_column(np, np.ma.getdata(col))
        if mask is np.ma.nomask or not mask.any():
            return arr, codes, _Cells(col)
        codes = np.where(mask, MISSING, 0 if codes is None else codes).astype(np.uint8)
        return np.where(mask, 0, arr), codes, _Cells(col)
    if not isinstance(col, np.ndarray) or col.ndim != 1:
        return _from_objects(np, col)
    kind = col.dtype.kind
    if kind in "iu":
        return _from_integers(np, col)
    if kind == "f":
        return _from_floats(np, col)
    if kind == "b":
        return np.zeros(len(col), np.int64), np.full(len(col), BOOLEAN, np.uint8), col
    return _from_objects(np, col)


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
    np: Any,
    names: Sequence[str],
    raw: Mapping[str, Any],
    n: int,
    needed: Mapping[str, str],
    vocabulary: Vocabulary = SHARED,
) -> tuple[dict[str, Any], Any, dict[int, list[Problem]]]:
    """Read and check the columns; return the counts, the valid mask and problems per bad row.

    The problems are the pure-Python backend's, in the same order. A column whose every cell is
    a count costs one pass (its least value, or its greatest for unsigned 64-bit integers); each
    part ≤ whole pair one comparison; nothing else is allocated unless a row is refused.
    ``vocabulary`` is the plan's.
    """
    cols: dict[str, Any] = {}
    skip: dict[str, Any] = {}  # per column with refused or blank cells: where it is not judged
    blank_of: dict[str, Any] = {}
    errors: dict[int, list[Problem]] = {}
    for name in names:
        decimal = is_decimal_column(name, raw[name], vocabulary.decimals)
        reader = read_decimal_column if decimal else read_column
        arr, codes, cells = reader(np, raw[name])
        cols[name] = arr
        if codes is not None:
            bad, blank_of[name], problems = _cell_problems(np, name, codes, cells, needed.get(name))
            skip[name] = bad | blank_of[name]
            for i, problem in problems.items():
                errors.setdefault(i, []).append(problem)
    for part, whole in vocabulary.wholes.items():
        if part in cols:
            _check_part(np, (part, whole), cols, skip, blank_of, errors)
    for flag in (f for f in vocabulary.flags if f in cols):
        wrong = not_yes_no(cols[flag])
        if flag in skip:
            wrong &= ~skip[flag]
        for i in np.flatnonzero(wrong).tolist():
            errors.setdefault(i, []).append(yes_no_problem(flag, int(cols[flag][i])))
    if not errors:
        return cols, np.ones(n, dtype=bool), errors
    bad = np.zeros(n, dtype=bool)
    bad[list(errors)] = True
    return cols, ~bad, errors


def _check_part(
    np: Any,
    pair: tuple[str, str],
    cols: Mapping[str, Any],
    skip: Mapping[str, Any],
    blank_of: Mapping[str, Any],
    errors: dict[int, list[Problem]],
) -> None:
    """The part ≤ whole problems of one pair (a refused or blank cell is not judged)."""
    part, whole = pair
    if whole not in cols:  # every given part lacks its whole
        lacking = np.ones(len(cols[part]), dtype=bool) if part not in skip else ~skip[part]
        over = None
    else:
        over = exceeds_whole(cols[part], cols[whole])
        if not over.any() and whole not in blank_of:
            return
        for name in pair:
            if name in skip:
                over &= ~skip[name]
        lacking = None
        if whole in blank_of:
            lacking = blank_of[whole] if part not in skip else blank_of[whole] & ~skip[part]
    rows = over if lacking is None else lacking if over is None else over | lacking
    for i in np.flatnonzero(rows).tolist():
        problem = (
            without_whole_problem(part, whole)
            if lacking is not None and lacking[i]
            else exceeds_problem(part, whole, plain(cols[part][i]), plain(cols[whole][i]))
        )
        errors.setdefault(i, []).append(problem)


def _ints(a: Any, b: Any) -> tuple[int, ...]:
    """The operands that are Python integers (constants must fit the dtype as well)."""
    return tuple(x for x in (a, b) if isinstance(x, int))


def _extent(a: Any) -> tuple[int, int]:
    """The least and greatest value of an operand, as Python integers."""
    if isinstance(a, int):
        return a, a
    if len(a) == 0:
        return 0, 0
    return int(a.min()), int(a.max())


class _NumpyOps:
    """The kernel's operations on integer and ``bool`` arrays, in the columns' own dtypes.

    Before an addition or a multiplication whose result could leave the operands' dtype, they
    are widened: to ``int64`` when the result fits there, else to Python integers (``object``
    arrays), so no wrapped integer ever decides. Comparisons need no widening (numpy compares
    integers of any two dtypes exactly, ``uint64`` aside, which the reader never hands over).
    """

    def __init__(self, np: Any) -> None:
        self.np = np

    def _exact(self, f: Any, a: Any, b: Any, lo: int, hi: int) -> Any:
        np = self.np
        arrays = [x for x in (a, b) if isinstance(x, np.ndarray)]
        kind = np.result_type(*arrays) if arrays else None
        if kind is None or kind.kind not in "iu":  # Python integers, or already widened
            return f(a, b)
        info = np.iinfo(kind)
        if info.min <= min((lo, *_ints(a, b))) and max((hi, *_ints(a, b))) <= info.max:
            return f(a, b)
        if lo >= -MAX_COUNT - 1 and hi <= MAX_COUNT:
            wide = [x.astype(np.int64) if isinstance(x, np.ndarray) else x for x in (a, b)]
        else:
            wide = [x.astype(object) if isinstance(x, np.ndarray) else x for x in (a, b)]
        return f(wide[0], wide[1])

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


def evaluate(
    np: Any, compiled: CompiledCriteria, cols: Mapping[str, Any], valid: Any, n: int
) -> tuple[dict[str, Any], Any]:
    """Per-criterion masks and the overall mask (``False`` on rows that are not valid).

    Each criterion is decided by its generated array function
    (:func:`~vn_drugfree_criteria.model.kernel_arrays.array_criteria`), on these operations.
    """
    everything_valid = bool(valid.all())
    ops = numpy_ops(np)
    per: dict[str, Any] = {}
    overall = None
    for c, decide in zip(compiled.criteria, array_criteria(compiled), strict=True):
        met = np.asarray(decide(cols, ops), dtype=bool)
        if met.ndim == 0:  # a verdict that holds (or fails) on every row
            met = np.full(n, bool(met))
        elif not met.flags.owndata:  # never hand out (or freeze) an array the caller owns
            met = met.copy()
        if not everything_valid:
            met &= valid
        met.flags.writeable = False
        per[c.id] = met
        overall = met.copy() if overall is None else np.logical_and(overall, met, out=overall)
    if overall is None:
        overall = valid.copy()
    overall.flags.writeable = False
    return per, overall
