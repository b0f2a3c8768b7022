"""The input policy's common case, decided for a whole column of cells at once.

A column of a CSV table is text; most often every cell of it is a plain count: ASCII digits
only, no blank, short enough that it is neither too long nor too large. :func:`plain_counts`
recognises such a column and converts it with ``int``, each distinct text looked at once and
its count kept (the cells of a column repeat, from chunk to chunk too); for any other column
it answers ``None`` and the caller reads the cells one by one with
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

__all__ = ["plain_counts", "plain_texts"]

_PLAIN = len(str(MAX_COUNT)) - 1  # at most this many digits is always at most MAX_COUNT


def plain_counts(cells: Sequence[object]) -> list[int] | None:
    """The counts of a column of plain digit texts, or ``None`` when any cell is not one."""
    known = _known(min(_PLAIN, max_cell_length()))
    try:
        counts = list(map(known.__getitem__, cells))
    except TypeError:  # a cell that cannot be a key is no text
        return None
    return None if None in counts else cast(list[int], counts)


class _Known(dict[object, "int | None"]):
    """Cell to its count when it is a plain count text, else ``None`` (kept, at most 65,536).

    A plain count text is ASCII digits only, at most ``longest`` of them. Each text is looked
    at once: most cells of a column repeat.
    """

    def __init__(self, longest: int) -> None:
        super().__init__()
        self.longest = longest

    def __missing__(self, cell: object) -> int | None:
        if len(self) >= 1 << 16:
            self.clear()
        text = cell if type(cell) is str else ""
        plain = text and len(text) <= self.longest and text.isascii() and text.isdigit()
        value = self[cell] = int(text) if plain else None
        return value


_KNOWN: dict[int, _Known] = {}


def _known(longest: int) -> _Known:
    """The plain counts known for cells of at most ``longest`` characters."""
    known = _KNOWN.get(longest)
    if known is None:
        _KNOWN.clear()  # one cell length limit at a time, as a rule
        known = _KNOWN[longest] = _Known(longest)
    return known


def plain_texts(cells: Sequence[object]) -> list[str | None] | None:
    """What :func:`~vn_drugfree_criteria.vocab.cells.read_text` reads of a column of plain texts.

    A plain text is ASCII, without white space around it and within the cell length limit,
    which ``read_text`` keeps as it is (a blank cell reads as missing: ``None``); ``None`` when
    any cell is not one, and the caller reads the cells one by one.

    >>> plain_texts(["A-1", "", "b"]), plain_texts(["A", " B"]), plain_texts(["Hòa"])
    (['A-1', None, 'b'], None, None)
    """
    try:
        joined = "".join(cells)  # type: ignore[arg-type]  # refused unless every cell is text
    except TypeError:
        return None
    text = cast(Sequence[str], cells)
    if not joined.isascii() or max(map(len, text), default=0) > max_cell_length():
        return None
    if list(map(str.strip, text)) != list(text):
        return None
    return [t or None for t in text]
