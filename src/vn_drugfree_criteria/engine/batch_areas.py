"""Columns of areas in m² on the numpy backend: exact decimals, never floats.

An integer column of areas is read like a count column (in place, by
:func:`~vn_drugfree_criteria.engine.batch_numpy.read_column`); any other column is read cell by
cell by :func:`~vn_drugfree_criteria.vocab.decimals.read_decimal`, into ``int64`` when every value
is whole and into an ``object`` array of exact values (``int`` and
:class:`~fractions.Fraction`) otherwise, on which the kernel's operations stay exact.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.vocab.cells import CELL_CODES
from vn_drugfree_criteria.vocab.decimals import read_decimal
from vn_drugfree_criteria.vocab.indicators import DECIMALS

__all__ = ["is_decimal_column", "read_decimal_column"]

_CODE = {code: i for i, code in enumerate(CELL_CODES)}


def is_decimal_column(name: str, col: Any, decimals: Container[str] = DECIMALS) -> bool:
    """Whether column ``name`` is read as areas: an ``m2`` indicator not held as integers.

    ``decimals`` are the plan's ``m2`` indicators (by default the shared ones).
    """
    kind = getattr(getattr(col, "dtype", None), "kind", "O")
    return name in decimals and kind not in ("i", "u", "b")


def read_decimal_column(np: Any, col: Any) -> tuple[Any, Any, Any]:
    """``(values, uint8 codes of CELL_CODES or None, the raw cells)`` of a column of areas."""
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
