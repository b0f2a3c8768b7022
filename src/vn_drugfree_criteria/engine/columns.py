"""The per-row sequences batch results are made of.

Cells are read by the one input policy of :mod:`vn_drugfree_criteria.vocab.cells` on both batch
backends (and on every other path): blank, NaN, ``<NA>`` and masked cells are *missing*, never
zero; ``3``, ``"3"``, ``" 3 "``, ``3.0`` and ``"3.0"`` are the count 3; booleans, negatives,
fractions, non-ASCII digits and counts above ``2**63 - 1`` are refused, each with its code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

from vn_drugfree_criteria.vocab.cells import MAX_COUNT

__all__ = ["MAX_COUNT", "ClassCodes", "PositionalIds", "Verdicts"]


class ClassCodes(Sequence[str | None]):
    """Per-row classes held as small integers: code ``i`` is ``names[i]``, ``len(names)`` none.

    The batch backends decide classes as codes (:func:`~vn_drugfree_criteria.engine.grading.grade_columns`):
    an ``int8`` array on numpy, a tuple of ``int`` in pure Python. A class name is looked up
    only when one is asked for (:meth:`labels`, or a row by index); counting the rows in a set
    of classes compares integers (:meth:`within`).

    >>> c = ClassCodes((0, 3, 2), ("I", "II", "III"))
    >>> list(c), c[-1], c.within(("I", "II")), c.labels()
    (['I', None, 'III'], 'III', [True, False, False], ('I', None, 'III'))
    """

    __slots__ = ("codes", "names")

    codes: Sequence[int]
    names: tuple[str, ...]

    def __init__(self, codes: Sequence[int], names: Sequence[str]) -> None:
        self.codes = codes
        self.names = tuple(names)

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> str | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str | None]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str | None] | None:
        if isinstance(index, slice):
            return tuple(self)[index]
        code = int(self.codes[index])
        return self.names[code] if code < len(self.names) else None

    def __iter__(self) -> Iterator[str | None]:
        return iter(self.labels())

    def labels(self) -> Sequence[str | None]:
        """Every row's class name: a read-only ``object`` array on numpy, else a tuple."""
        table = (*self.names, None)
        if isinstance(self.codes, tuple | list):
            return tuple(map(table.__getitem__, self.codes))
        import numpy as np  # noqa: PLC0415  # the codes are a numpy array: numpy is loaded

        out: Any = np.array(table, dtype=object)[self.codes]
        out.flags.writeable = False
        return out  # type: ignore[no-any-return]

    def within(self, classes: Sequence[str]) -> Any:
        """Per row, whether its class is one of ``classes``: a ``bool`` array on numpy, else a list."""
        wanted = {i for i, name in enumerate(self.names) if name in classes}
        if isinstance(self.codes, tuple | list):
            return list(map(wanted.__contains__, self.codes))
        import numpy as np  # noqa: PLC0415  # the codes are a numpy array: numpy is loaded

        table = np.zeros(len(self.names) + 1, dtype=bool)
        table[list(wanted)] = True
        return table[self.codes]


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
