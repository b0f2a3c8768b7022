"""The longest text cell the readers accept: a default, and a bound for a block of code.

A cell longer than the bound rejects its row (code ``too_long``), never the file. The bound is
held in a :class:`contextvars.ContextVar`, so that a command (``vn-drugfree assess
--max-cell-chars N``) or an application can move it for one reading without passing it through
every function that reads a cell.

>>> from vn_drugfree_criteria.vocab.cells import read_count
>>> with cell_length_limit(3):
...     read_count("0004")
(0, 'too_long')
>>> read_count("0004")
(4, '')
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from vn_drugfree_criteria.errors import InputError

__all__ = ["MAX_CELL_LENGTH", "cell_length_limit", "max_cell_length"]

MAX_CELL_LENGTH = 4096
"""The most characters a text cell may have by default (longer cells reject their row, not the
file); :func:`cell_length_limit` sets another bound for a block of code."""

_CELL_LIMIT: ContextVar[int] = ContextVar("max_cell_length", default=MAX_CELL_LENGTH)


def max_cell_length() -> int:
    """The most characters a text cell may have here (see :func:`cell_length_limit`)."""
    return _CELL_LIMIT.get()


@contextlib.contextmanager
def cell_length_limit(limit: int | None) -> Iterator[None]:
    """Read cells with at most ``limit`` characters inside the block (``None``: the default).

    Raises:
        InputError: ``limit`` is below 1.
    """
    if limit is not None and limit < 1:
        raise InputError(f"the cell length limit must be at least 1, got {limit}")
    token = _CELL_LIMIT.set(MAX_CELL_LENGTH if limit is None else limit)
    try:
        yield
    finally:
        _CELL_LIMIT.reset(token)
