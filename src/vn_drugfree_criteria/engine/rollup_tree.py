"""The tree roll-up itself: areas added in order, parents built bottom-up, one level a round.

:class:`Tree` is what :func:`~vn_drugfree_criteria.engine.rollup.build_tree` (and so
:func:`~vn_drugfree_criteria.rollup` and :func:`~vn_drugfree_criteria.assess_table`) runs on a
list of areas, and what ``vn-drugfree assess --rollup`` runs on a table read chunk by chunk: an
area is reduced to its :class:`Entry`, and a child that is not a parent itself is folded into
its parent's :class:`~vn_drugfree_criteria.engine.rollup_below.Below` when added, so memory grows
with the parents, not the rows; and :meth:`Tree.built` gives each parent as soon as it is built,
having folded it into its own parent, so a caller that writes it and lets go of it holds only
the parents not yet built. :meth:`Tree.run` keeps them all. The rules are those of
:mod:`~vn_drugfree_criteria.engine.rollup`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterator, Mapping, Set
from fractions import Fraction
from types import MappingProxyType

import attrs

from vn_drugfree_criteria.engine.assess import Assessment, assess
from vn_drugfree_criteria.engine.grouping import (
    FREE,
    INCOMPLETE,
    NOT_FREE,
    REJECTED,
    UNASSESSED,
    Tally,
    child_counts,
    group,
    tally_by,
)
from vn_drugfree_criteria.engine.rollup_below import Below
from vn_drugfree_criteria.engine.rollup_result import RollupNode
from vn_drugfree_criteria.errors import DrugFreeError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Entry", "Tree"]


def _parent_level(child: Level | None, on: _dt.date) -> Level | None:
    if child is None or child is Level.PROVINCE:
        return None
    if child is Level.VILLAGE:
        return Level.COMMUNE
    if child is Level.COMMUNE:
        return Level.DISTRICT if Level.DISTRICT.valid_on(on) else Level.PROVINCE
    return Level.PROVINCE


@attrs.frozen(slots=True)
class Entry:
    """What a tree roll-up reads of one area (:func:`entry`): all it needs, nothing more.

    Attributes:
        id: Its id (in NFC), if any.
        parent: Its parent's id (in NFC), if any.
        snapshot: Its own counts, if any.
        state: Its state as a child that is not a parent itself (``FREE`` ... ``REJECTED``).
        label: Its own verdict's class (``I``, ``II`` …), if any.
        rejected: For a rejected row, how to name it in messages.
    """

    id: str | None
    parent: str | None
    snapshot: Snapshot | None
    state: int
    label: str | None = None
    rejected: str | None = None

    @property
    def has_data(self) -> bool:
        """Whether it has counts or was rejected (not an area known only by a link)."""
        return self.snapshot is not None or self.rejected is not None

    def child_of(self, kept: bool = False) -> str | None:
        """The parent it is a child of: areas known only by a link only when ``kept``."""
        if self.parent is None or self.parent == self.id or not (self.has_data or kept):
            return None
        return self.parent


def _state(node: RollupNode, snap: Snapshot | None) -> int:
    if not node.complete or snap is None:
        return INCOMPLETE
    if node.assessment is None:
        return UNASSESSED
    return FREE if node.assessment.drug_free else NOT_FREE


class Tree:
    """A roll-up being built: areas added in order, then parents built level by level.

    Args:
        plan: The plan parents are assessed against.
        parents: Every id some area is a child of (:meth:`Entry.child_of`).

    An area that is not a parent is folded into its parent's :class:`Below` when added; an area
    that is a parent waits there in its place until it is built, and is folded in then. The
    first area added with an id is that id's own record.
    """

    def __init__(self, plan: Plan, parents: Collection[str]) -> None:
        self.plan, self.parents = plan, parents
        self.own: dict[str, Entry] = {}
        self.below: dict[str, Below[Entry]] = {}
        self._waiting: dict[str, int] = {}  # per parent, its children not yet built
        self._ready: list[str] = []  # the parents whose children are all built

    def add(self, e: Entry, *, kept: bool = False) -> None:
        """Add the next area (``kept``: an area known only by a link that is above some data)."""
        if e.id is not None and e.id in self.parents and e.id not in self.own:
            self.own[e.id] = e
        parent = e.child_of(kept)
        if parent is None:
            return
        below = self.below.get(parent)
        if below is None:
            below = self.below[parent] = Below(self.plan.vocabulary)
        if e.id is not None and self._nested(e):
            below.defer(e.id, e)
        else:
            below.fold(e.id, *self.child(e), e.label)

    def _nested(self, e: Entry) -> bool:
        return e.id is not None and self.own.get(e.id) is e

    def child(self, e: Entry) -> tuple[int, Snapshot | None, str | None]:
        """A child's state, counts, and (when its counts are missing) how to name the cause.

        A child that is a parent itself is folded in when built (:meth:`build`); asked here,
        it was never built (it is caught in a cycle).
        """
        if self._nested(e):
            return INCOMPLETE, None, f"{e.id!r} below it could not be built"
        if e.state == REJECTED:
            return REJECTED, None, f"{e.rejected or repr(e.id)} below it was rejected"
        return e.state, e.snapshot, None

    def run(self) -> Mapping[str, RollupNode]:
        """Build every parent (:meth:`built`); all of them, in the order built."""
        return MappingProxyType({node.id: node for node in self.built()})

    def built(self) -> Iterator[RollupNode]:
        """Build every parent, level by level, then the parents caught in a cycle.

        Each parent is given as soon as it is built; the tree keeps nothing of it (its counts,
        state and class are folded into its own parent then).
        """
        self._waiting = dict.fromkeys(self.below, 0)
        for below in self.below.values():
            for _, e in below.deferred.values():
                self._waiting[e.parent] += 1  # type: ignore[index]  # a.parent is set for every child
        frontier = [p for p, n in self._waiting.items() if n == 0]
        while frontier:
            self._ready = []
            yield from self.one_level(frontier, cycle=False)
            frontier = self._ready
        if self.below:  # each parent has one parent, so what is left is exactly the cycles
            yield from self.one_level(list(self.below), cycle=True)

    def one_level(self, parents: list[str], *, cycle: bool) -> Iterator[RollupNode]:
        """Build ``parents`` from their children (one level: none is below another)."""
        grouping = group(parents)  # the order of every roll-up: sorted
        belows = [self.below[p] for p in grouping.parents]
        folds = [  # children not built (in a cycle): none when not ``cycle``
            (below, name, self.child(e), e.label)
            for below in belows
            for name, (_, e) in below.deferred.items()
        ]
        for below, name, (state, snap, why), label in folds:
            below.fold_deferred(name, state, snap, why, label)
        counted = tally_by([[b.states[s] for b in belows] for s in range(INCOMPLETE + 1)])
        levels = [_children_level(b.levels) for b in belows]
        taken = child_counts(
            grouping,
            counted.children,
            lambda classes: [b.in_classes(classes) for b in belows],
            levels,
            self.plan.indicators,
            self.plan.vocabulary,
        )
        belows.reverse()  # popped one by one, so that each is let go of once built
        for i, p in enumerate(grouping.parents):
            mine = {name: n for name, col in taken.items() if (n := col[i]) is not None}
            kids = belows.pop()
            del self.below[p]
            yield self.build(p, counted, i, kids, cycle, mine)

    def build(
        self,
        pid: str,
        counted: Tally,
        i: int,
        kids: Below[Entry],
        cycle: bool,
        taken: Mapping[str, int],
    ) -> RollupNode:
        """Build one parent from its children's counts and its own record.

        ``taken`` holds the counts it takes from its children (:func:`child_counts`): they
        replace the children's sums, but not a count the parent records itself. The parent is
        then folded into its own parent, if it is a child there.
        """
        own = self.own.pop(pid, None)
        own_snap = own.snapshot if own is not None else None
        counts = kids.sums.total(own_snap.counts if own_snap else None)
        for name, n in taken.items():
            if own_snap is None or name not in own_snap.counts:
                counts[name] = n
        level, problem = _level(pid, own_snap, kids.levels, kids.first_date)
        complete = bool(counted.complete[i]) and not cycle and (own is None or own.rejected is None)
        cause = f"{pid!r} below it was not built"  # why its counts are missing, as a child
        if cycle:
            problem = f"not built: the parent links form a cycle through {pid!r}"
        elif own is not None and own.rejected is not None:
            problem = f"not assessed: its own {own.rejected} was rejected"
            cause = f"{own.rejected} below it was rejected"
        elif not complete:
            why = kids.missing
            cause = str(why)
            problem = f"not assessed: {why}, so its counts are incomplete"
        snap, outcome = None, None
        if complete:
            snap, outcome, problem = self.assess(pid, counts, level, own_snap, kids.dates, problem)
        free = int(counted.drug_free_children[i])
        if snap is None and complete:
            complete, cause = False, f"{pid!r} below it could not be built"
        node = RollupNode(
            id=pid,
            level=level,
            children=kids.names,
            counts=MappingProxyType(counts),
            drug_free_children=free,
            share_drug_free=Fraction(free, int(counted.children[i])) if complete else None,
            assessment=outcome,
            problem=problem,
            assessed_children=int(counted.assessed_children[i]),
            rejected_children=int(counted.rejected_children[i]),
            incomplete_children=int(counted.incomplete_children[i]),
            complete=complete,
        )
        if own is not None:
            self._fold_up(own, node, snap, cause)
        return node

    def _fold_up(self, own: Entry, node: RollupNode, snap: Snapshot | None, cause: str) -> None:
        """Fold a parent just built into its own parent, where it waits as a deferred child."""
        up = own.parent
        above = self.below.get(up) if up is not None else None
        if up is None or above is None or node.id not in above.deferred:
            return
        label = node.assessment.key_complex_class if node.assessment is not None else None
        above.fold_deferred(node.id, _state(node, snap), snap, cause, label)
        self._waiting[up] -= 1
        if self._waiting[up] == 0:
            self._ready.append(up)

    def assess(
        self,
        pid: str,
        counts: dict[str, Amount],
        level: Level | None,
        own: Snapshot | None,
        dates: Set[_dt.date],
        problem: str | None,
    ) -> tuple[Snapshot | None, Assessment | None, str | None]:
        """The parent's snapshot and verdict (or why it has none), its counts being complete."""
        days = sorted(dates | ({own.as_of} if own is not None else set()))
        if len(days) != 1:
            shown = ", ".join(d.isoformat() for d in days)
            return None, None, f"not built: the areas below {pid!r} are dated differently ({shown})"
        try:
            snap = Snapshot(
                counts,
                as_of=days[0],
                level=level,
                kind=own.kind if own else None,
                area_id=pid,
                vocabulary=self.plan.vocabulary,
            )
        except DrugFreeError as exc:  # own records can break part <= whole
            return None, None, f"not built: rolled-up counts of {pid!r} are invalid: {exc}"
        if problem is not None:  # children at different levels: counts known, no verdict
            return snap, None, problem
        try:
            outcome = assess(self.plan, snap)
        except DrugFreeError as exc:
            return snap, None, str(exc)
        return snap, outcome, None


def _children_level(levels: Set[Level | None]) -> Level | None:
    """The level every child is at (``None`` when unknown or mixed)."""
    return next(iter(levels)) if len(levels) == 1 else None


def _level(
    pid: str, own: Snapshot | None, levels: Set[Level | None], first: _dt.date | None
) -> tuple[Level | None, str | None]:
    """The parent's level: its own, else one above its children's (a problem if they differ)."""
    if own is not None and own.level is not None:
        return own.level, None
    if len(levels) > 1:
        return None, f"not assessed: the children of {pid!r} are at different levels"
    if not levels or first is None:
        return None, None
    return _parent_level(next(iter(levels)), first), None
