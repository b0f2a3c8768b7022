"""Counts a parent takes from its children in a roll-up (``from_children`` in the vocabulary).

Decision 28/2025/QĐ-TTg, Điều 5.4, compares a province's communes of class I or II with all its
communes: both are counted from the province's communes, not summed from a column. The
vocabulary file declares such an indicator with ``from_children = { level, classes }``; the
roll-ups apply it by one rule (:func:`vn_drugfree_criteria.engine.grouping.child_counts`).
"""

from __future__ import annotations

import attrs

from vn_drugfree_criteria.errors import UnknownKindError
from vn_drugfree_criteria.vocab.levels import Level, find_level
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["ChildCount", "read_child_count"]


@attrs.frozen
class ChildCount:
    """How a parent's indicator is counted from its children in a roll-up.

    Attributes:
        level: The level the children must be at (``commune``: the communes of a province).
        classes: The classes a child must fall in to be counted (``I``, ``II``); empty: every
            child.
    """

    level: Level
    classes: tuple[str, ...] = ()


def read_child_count(t: TomlTable) -> ChildCount | None:
    """The ``from_children`` table of an indicator, if it has one.

    Raises:
        DataFileError: An unknown level, a key other than ``level`` and ``classes``.
    """
    s = t.opt_table("from_children")
    if s is None:
        return None
    try:
        level, _ = find_level(s.text("level"))
    except UnknownKindError as exc:
        raise s.error("level", str(exc)) from None
    count = ChildCount(level, s.text_list("classes"))
    s.finish()
    return count
