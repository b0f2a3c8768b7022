"""The input policy's common case, decided for a whole column of cells at once.

A column of a CSV table is text; most often every cell of it is a plain count: ASCII digits
only, no blank, short enough that it is neither too long nor too large. :func:`plain_counts`
recognises such a column with a few whole-column string operations and converts it with
``int``; for any other column it answers ``None`` and the caller reads the cells one by one with
:func:`~vn_drugfree_criteria.vocab.cells.read_count`. On a plain column both give the same
counts (a property test checks it on generated columns).

>>> plain_counts(["3", "0", "041"]), plain_counts(["3", " 4"]), plain_counts(["3", ""])
([3, 0, 41], None, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from vn_drugfree_criteria.vocab.cell_limit import max_cell_length
from vn_drugfree_criteria.vocab.cells import MAX_COUNT

__all__ = ["plain_counts"]

_PLAIN = len(str(MAX_COUNT)) - 1  # at most this many digits is always at most MAX_COUNT


def plain_counts(cells: Sequence[object]) -> list[int] | None:
    """The counts of a column of plain digit texts, or ``None`` when any cell is not one."""
    try:
        joined = "".join(cells)  # type: ignore[arg-type]  # refused unless every cell is text
    except TypeError:
        return None
    text = cast(Sequence[str], cells)
    if not all(text) or max(map(len, text), default=0) > min(_PLAIN, max_cell_length()):
        return None
    if joined and not (joined.isascii() and joined.isdigit()):
        return None
    return list(map(int, text))
