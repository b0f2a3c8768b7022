"""What a parent of a tree roll-up keeps of its children: running sums, not the children.

A child that is not itself a parent is *folded* into :class:`Below` as soon as it is read: its
state is counted (:data:`~vn_drugfree_criteria.engine.grouping.FREE` ...), its class counted,
its counts added (:class:`~vn_drugfree_criteria.engine.rollup_result.CountSums`), its level
and date noted, its id listed (as its length and UTF-8 bytes: a few bytes, not an object);
nothing else of it is kept. A child that is itself a parent is
*deferred*: its place among the children is kept, and it is folded in as soon as it has been
built (or, caught in a cycle of parent links, when its parent is built).
What the parent is built from is therefore the same, in the same order of children, as if every
child were held, in memory that grows with the number of parents and child ids, not of rows.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence, Set
from typing import Generic, TypeVar, cast

from vn_drugfree_criteria.engine.grouping import INCOMPLETE
from vn_drugfree_criteria.engine.rollup_result import CountSums
from vn_drugfree_criteria.vocab.indicators import Snapshot, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Below"]

T = TypeVar("T")
V = TypeVar("V")

_NOTHING = object()


class _Distinct(Generic[V]):
    """The distinct values added: one value while there is one, a set once there are two."""

    __slots__ = ("_many", "_one")

    def __init__(self) -> None:
        self._one: object = _NOTHING
        self._many: set[V] | None = None

    def add(self, value: V) -> None:
        if self._many is not None:
            self._many.add(value)
        elif self._one is _NOTHING:
            self._one = value
        elif value != self._one:
            self._many = {cast(V, self._one), value}

    def values(self) -> Set[V]:
        if self._many is not None:
            return self._many
        return frozenset() if self._one is _NOTHING else frozenset((cast(V, self._one),))


def _packed(name: str) -> bytes:
    """An id as its length in bytes (7 bits a byte, low bits first), then its UTF-8 bytes."""
    data = name.encode("utf-8", "surrogatepass")  # any text, lone surrogates included
    n = len(data)
    if n < 0x80:
        return bytes((n,)) + data
    head = bytearray()
    while n >= 0x80:
        head.append(n & 0x7F | 0x80)
        n >>= 7
    head.append(n)
    return bytes(head) + data


def _unpacked(data: bytes | bytearray) -> Iterator[str]:
    """The ids :func:`_packed` wrote one after the other, in order."""
    i, end = 0, len(data)
    while i < end:
        n = shift = 0
        while True:
            byte = data[i]
            i += 1
            n |= (byte & 0x7F) << shift
            if byte < 0x80:
                break
            shift += 7
        yield data[i : i + n].decode("utf-8", "surrogatepass")
        i += n


class Below(Generic[T]):
    """The children of one parent, in the order they come (see the module).

    Attributes:
        states: How many children are in each state, by state.
        deferred: The children that are parents themselves and not yet folded in, by id, with
            their places.
    """

    __slots__ = (
        "_dates",
        "_first",
        "_levels",
        "_missing",
        "_names",
        "_places",
        "classes",
        "deferred",
        "states",
        "sums",
    )

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.states = [0] * (INCOMPLETE + 1)
        self.classes: dict[str | None, int] = {}
        self.sums = CountSums(vocabulary)
        self._levels: _Distinct[Level | None] = _Distinct()
        self._dates: _Distinct[_dt.date] = _Distinct()
        self._names = bytearray()
        self.deferred: dict[str, tuple[int, T]] = {}
        self._places = 0
        self._first: tuple[int, _dt.date] | None = None
        self._missing: tuple[int, str] | None = None

    def _place(self, name: str | None) -> int:
        place = self._places
        self._places += 1
        if name is not None:
            self._names += _packed(name)
        return place

    def fold(
        self,
        name: str | None,
        state: int,
        counted: Snapshot | None,
        why: str | None,
        label: str | None,
        place: int | None = None,
    ) -> None:
        """Add a child: its state, counts (``None`` when unknown), why they are missing, class.

        ``place`` is a deferred child's place; a child folded without one comes next.
        """
        if place is None:
            place = self._place(name)
        self.states[state] += 1
        self.classes[label] = self.classes.get(label, 0) + 1
        if counted is not None:
            self.sums.add(counted.counts)
            self._levels.add(counted.level)
            self._dates.add(counted.as_of)
            if self._first is None or place < self._first[0]:
                self._first = (place, counted.as_of)
        elif why is not None and (self._missing is None or place < self._missing[0]):
            self._missing = (place, why)

    def defer(self, name: str, child: T) -> None:
        """Keep the place of a child that is a parent itself, to fold it in once built."""
        self.deferred[name] = (self._place(name), child)

    def fold_deferred(
        self, name: str, state: int, counted: Snapshot | None, why: str | None, label: str | None
    ) -> None:
        """Fold in the deferred child ``name`` at its place (see :meth:`fold`)."""
        place, _ = self.deferred.pop(name)
        self.fold(name, state, counted, why, label, place)

    def in_classes(self, classes: Sequence[str]) -> int:
        """How many children are of one of ``classes``."""
        return sum(self.classes.get(c, 0) for c in frozenset(classes))

    @property
    def names(self) -> tuple[str, ...]:
        """The ids of the children that have one, in order."""
        return tuple(_unpacked(self._names))

    @property
    def levels(self) -> Set[Level | None]:
        """The levels of the children with counts."""
        return self._levels.values()

    @property
    def dates(self) -> Set[_dt.date]:
        """The dates of the children with counts."""
        return self._dates.values()

    @property
    def first_date(self) -> _dt.date | None:
        """The date of the first child with counts."""
        return None if self._first is None else self._first[1]

    @property
    def missing(self) -> str | None:
        """Why the counts of the first child without counts are missing."""
        return None if self._missing is None else self._missing[1]
