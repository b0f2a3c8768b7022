"""Reading table cells as counts, and the per-row sequences batch results are made of.

One set of rules decides what a cell means, on both batch backends:

* ``None``, a float NaN and pandas' ``NA``/``NaT`` are *missing* (never zero);
* ``int`` and numpy integers are counts; ``bool`` is not a count;
* a float that is exactly a whole number is that count (pandas stores an integer column with
  blanks as floats); any other float, and any other type (``"3"`` included), is not a count;
* a count must not be negative, and must be below ``2**63`` (no real count comes near it, and
  the numpy backend computes in 64-bit integers).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator, Sequence
from typing import Any, overload

__all__ = ["MAX_COUNT", "PositionalIds", "Verdicts", "problem_text", "read_cell", "show"]

from vn_drugfree_criteria.vocab.indicators import MAX_COUNT

"""The largest count a batch accepts."""

MISSING, NOT_WHOLE, NEGATIVE, TOO_LARGE = 1, 2, 3, 4
"""Problem codes of a cell (0: fine)."""

_NA_TYPES = frozenset({"NAType", "NaTType"})


def show(value: Any) -> str:
    """A short, stable rendering of a cell value for messages (numpy scalars as plain numbers)."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        value = item()
    return repr(value)


def problem_text(name: str, code: int, value: Any) -> str:
    """The message for a cell with problem ``code``."""
    if code == MISSING:
        return f"{name}: missing"
    if code == NEGATIVE:
        return f"{name}: negative ({show(value)})"
    if code == TOO_LARGE:
        return f"{name}: too large ({show(value)}; at most 2**63 - 1)"
    return f"{name}: not a whole number ({show(value)})"


def read_cell(value: Any) -> tuple[int, int]:
    """Read one cell: ``(count, 0)``, or ``(0, problem code)``.

    >>> read_cell(3), read_cell(3.0), read_cell(None), read_cell(-1), read_cell("3")
    ((3, 0), (3, 0), (0, 1), (0, 3), (0, 2))
    """
    if value is None:
        return 0, MISSING
    if isinstance(value, bool) or type(value).__name__ in ("bool", "bool_"):
        return 0, NOT_WHOLE
    try:
        v = operator.index(value)
    except TypeError:
        if type(value).__name__ in _NA_TYPES:
            return 0, MISSING
        if not isinstance(value, float) and type(value).__module__ != "numpy":
            return 0, NOT_WHOLE
        try:
            f = float(value)
        except (TypeError, ValueError):
            return 0, NOT_WHOLE
        if math.isnan(f):
            return 0, MISSING
        if not f.is_integer():  # fractions and infinities
            return 0, NOT_WHOLE
        v = int(f)
    if v < 0:
        return 0, NEGATIVE
    if v > MAX_COUNT:
        return 0, TOO_LARGE
    return v, 0


class PositionalIds(Sequence[str]):
    """Row ids ``"1"``, ``"2"``, ... generated on demand (a million rows need no million strings).

    >>> ids = PositionalIds(3)
    >>> list(ids), ids[-1], len(ids)
    (['1', '2', '3'], '3', 3)
    """

    __slots__ = ("_n",)

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        positions = range(1, self._n + 1)[index]
        return str(positions) if isinstance(positions, int) else tuple(map(str, positions))

    def __iter__(self) -> Iterator[str]:
        return map(str, range(1, self._n + 1))

    def __repr__(self) -> str:
        return f"PositionalIds({self._n})"


class Verdicts(Sequence[bool | None]):
    """Per-row outcomes: ``True``/``False``, or ``None`` for a row rejected by validation.

    Both backends return this type, so results compare and iterate alike. The raw data is
    available without per-row Python objects:

    * :attr:`mask`: ``True`` where the row is valid and the outcome holds (a tuple of ``bool`` on
      the pure-Python backend, a read-only ``numpy.ndarray`` of ``bool`` on the numpy backend);
    * :attr:`valid`: ``True`` where the row passed validation (same types).

    >>> v = Verdicts((True, False, False), (True, True, False))
    >>> list(v), v.true_count(), v == [True, False, None]
    ([True, False, None], 1, True)
    """

    __slots__ = ("mask", "valid")

    mask: Sequence[bool]
    valid: Sequence[bool]

    def __init__(self, mask: Sequence[bool], valid: Sequence[bool]) -> None:
        if len(mask) != len(valid):
            raise ValueError("mask and valid differ in length")
        self.mask = mask
        self.valid = valid

    def __len__(self) -> int:
        return len(self.mask)

    @overload
    def __getitem__(self, index: int) -> bool | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bool | None]: ...
    def __getitem__(self, index: int | slice) -> bool | Sequence[bool | None] | None:
        if isinstance(index, slice):
            return tuple(self)[index]
        return bool(self.mask[index]) if self.valid[index] else None

    def __iter__(self) -> Iterator[bool | None]:
        for m, ok in zip(self.mask, self.valid, strict=True):
            yield bool(m) if ok else None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Verdicts | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mutable-looking sequence is not hashable

    def true_count(self) -> int:
        """How many rows have the outcome ``True``."""
        total = getattr(self.mask, "sum", None)  # numpy: one vectorised sum
        return int(total()) if callable(total) else sum(self.mask)

    def __repr__(self) -> str:
        head = ", ".join(repr(v) for v in self[:5])
        more = ", ..." if len(self) > 5 else ""
        return f"Verdicts([{head}{more}], n={len(self)})"
