"""Build parents from their children: indicators add up, shares of drug-free children are exact.

The indicators of a commune are the sums of its villages' plus what the commune records itself
(DOMAIN §3). A *none* or *all* requirement therefore holds for a parent exactly when it holds
for every child (and the parent records nothing of its own); an *at least* requirement can hold
for a parent while failing for every child.

The tree is built bottom-up as repeated one-level roll-ups (:mod:`~vn_drugfree_criteria.engine.
grouping`), without recursion, in time linear in the number of areas. The rules of a parent are
those of every roll-up of the library:

* a parent's own record, when there is one, adds to its children's sums;
* a parent with a rejected row below it (or whose own row was rejected) is *incomplete*: its
  share of drug-free children is unknown and it is not assessed;
* a row is a parent only when another row names it as its parent;
* a problem with one parent (children at different levels or dates, a cycle of parent links,
  own records that contradict the sums) is that parent's ``problem``; the others are unaffected.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
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
    area_key,
    child_counts,
    group,
    tally,
)
from vn_drugfree_criteria.engine.rollup_result import Rollup, RollupNode, share_text, sum_counts
from vn_drugfree_criteria.errors import DrugFreeError, InputError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Area", "Rollup", "RollupNode", "build_tree", "rollup", "share_text", "sum_counts"]


def _optional_key(value: str | None) -> str | None:
    return None if value is None else area_key(value)


@attrs.frozen
class Area:
    """One input area of a tree roll-up.

    Attributes:
        id: Its id (compared in Unicode NFC), or ``None`` for a rejected row without one.
        parent: Its parent's id, if any.
        snapshot: Its own counts; ``None`` for a rejected row or a parent known only by its link.
        assessment: Its own verdict, when it has one.
        rejected: For a rejected row, how to name it in messages (``"row 3 (id 'X')"``).
    """

    id: str | None = attrs.field(converter=_optional_key)
    parent: str | None = attrs.field(converter=_optional_key)
    snapshot: Snapshot | None = None
    assessment: Assessment | None = None
    rejected: str | None = None


def _parent_level(child: Level | None, on: _dt.date) -> Level | None:
    if child is None or child is Level.PROVINCE:
        return None
    if child is Level.VILLAGE:
        return Level.COMMUNE
    if child is Level.COMMUNE:
        return Level.DISTRICT if Level.DISTRICT.valid_on(on) else Level.PROVINCE
    return Level.PROVINCE


def _state(node: RollupNode, snap: Snapshot | None) -> int:
    if not node.complete or snap is None:
        return INCOMPLETE
    if node.assessment is None:
        return UNASSESSED
    return FREE if node.assessment.drug_free else NOT_FREE


class _Tree:
    """The state of a roll-up being built, round by round (one round = one level of parents)."""

    def __init__(self, plan: Plan, areas: Sequence[Area]) -> None:
        self.plan = plan
        self.own: dict[str, Area] = {}
        for a in areas:
            if a.id is not None:
                self.own.setdefault(a.id, a)
        kept = self._kept_parents(areas)
        self.children: dict[str, list[Area]] = {}
        for a in areas:
            has_data = a.snapshot is not None or a.rejected is not None
            if a.parent is not None and a.parent != a.id and (has_data or a.id in kept):
                self.children.setdefault(a.parent, []).append(a)
        self.nodes: dict[str, RollupNode] = {}
        self.sums: dict[str, Snapshot | None] = {}
        self.cause: dict[str, str] = {}  # why an incomplete parent is incomplete
        self.assessed: dict[str, Assessment] = {
            a.id: a.assessment for a in areas if a.id is not None and a.assessment is not None
        }

    def _kept_parents(self, areas: Sequence[Area]) -> set[str]:
        """Ids above some area with data (areas known only by a link and nothing below are not)."""
        kept: set[str] = set()
        for a in areas:
            if a.snapshot is None and a.rejected is None:
                continue
            key = a.parent if a.parent != a.id else None
            while key is not None and key not in kept:
                kept.add(key)
                up = self.own.get(key)
                key = up.parent if up is not None and up.parent != key else None
        return kept

    def child(self, a: Area) -> tuple[int, Snapshot | None, str | None]:
        """A child's state, counts, and (when its counts are missing) how to name the cause."""
        if a.id is not None and a.id in self.children and self.own.get(a.id) is a:
            node = self.nodes.get(a.id)
            if node is None:  # in a cycle: never built
                return INCOMPLETE, None, f"{a.id!r} below it could not be built"
            snap = self.sums[a.id]
            return (
                _state(node, snap),
                snap,
                self.cause.get(a.id, f"{a.id!r} below it was not built"),
            )
        if a.rejected is not None or a.snapshot is None:
            return REJECTED, None, f"{a.rejected or repr(a.id)} below it was rejected"
        if a.assessment is None:
            return UNASSESSED, a.snapshot, None
        return (FREE if a.assessment.drug_free else NOT_FREE), a.snapshot, None

    def run(self) -> Rollup:
        """Build every parent, level by level, then the parents caught in a cycle."""
        waiting = dict.fromkeys(self.children, 0)
        for kids in self.children.values():
            for a in kids:
                if a.id in waiting and self.own.get(a.id) is a:
                    waiting[a.parent] += 1  # type: ignore[index]  # a.parent is set for every child
        frontier = [p for p, n in waiting.items() if n == 0]
        while frontier:
            self.one_level(frontier, cycle=False)
            above = []
            for p in frontier:
                up = self.own.get(p)
                if up is not None and up.parent in waiting and up.parent != p:
                    waiting[up.parent] -= 1
                    if waiting[up.parent] == 0:
                        above.append(up.parent)
            frontier = above
        rest = [p for p in self.children if p not in self.nodes]
        if rest:  # each parent has one parent, so what is left is exactly the cycles
            self.one_level(rest, cycle=True)
        return Rollup(MappingProxyType(self.nodes), MappingProxyType(self.assessed))

    def one_level(self, parents: list[str], *, cycle: bool) -> None:
        """One roll-up of the children of ``parents`` into them (one grouping pass)."""
        rows = [(p, a) for p in parents for a in self.children[p]]
        grouping = group([p for p, _ in rows])
        seen = [self.child(a) for _, a in rows]
        counted = tally(grouping, [state for state, _, _ in seen])
        members: list[list[tuple[Area, Snapshot | None, str | None]]] = [
            [] for _ in grouping.parents
        ]
        for code, (_, a), (_, snap, why) in zip(grouping.codes, rows, seen, strict=True):
            members[code].append((a, snap, why))
        levels = [_children_level([s for _, s, _ in kids if s is not None]) for kids in members]
        labels = [self.label(a) for _, a in rows]
        taken = child_counts(
            grouping, counted.children, labels, levels, self.plan.indicators, self.plan.vocabulary
        )
        for i, p in enumerate(grouping.parents):
            mine = {name: n for name, col in taken.items() if (n := col[i]) is not None}
            self.build(p, i, counted, members[i], cycle, mine)

    def label(self, a: Area) -> str | None:
        """A child's class (``I``, ``II`` …): its own verdict's, or its built node's."""
        node = self.nodes.get(a.id) if a.id is not None and self.own.get(a.id) is a else None
        outcome = node.assessment if node is not None else a.assessment
        return outcome.key_complex_class if outcome is not None else None

    def build(
        self,
        pid: str,
        i: int,
        counted: Tally,
        kids: list[tuple[Area, Snapshot | None, str | None]],
        cycle: bool,
        taken: Mapping[str, int],
    ) -> None:
        """Build one parent from its children's counts and its own record.

        ``taken`` holds the counts it takes from its children (:func:`child_counts`): they
        replace the children's sums, but not a count the parent records itself.
        """
        own = self.own.get(pid)
        snaps = [s for _, s, _ in kids if s is not None]
        own_snap = own.snapshot if own is not None else None
        counts = sum_counts(
            (s.counts for s in snaps),
            own_snap.counts if own_snap else None,
            self.plan.vocabulary,
        )
        for name, n in taken.items():
            if own_snap is None or name not in own_snap.counts:
                counts[name] = n
        level, problem = _level(pid, own_snap, snaps)
        complete = bool(counted.complete[i]) and not cycle and (own is None or own.rejected is None)
        if cycle:
            problem = f"not built: the parent links form a cycle through {pid!r}"
        elif own is not None and own.rejected is not None:
            problem = f"not assessed: its own {own.rejected} was rejected"
            self.cause[pid] = f"{own.rejected} below it was rejected"
        elif not complete:
            why = next(w for _, s, w in kids if s is None and w is not None)
            self.cause[pid] = why
            problem = f"not assessed: {why}, so its counts are incomplete"
        snap, outcome = None, None
        if complete:
            snap, outcome, problem = self.assess(pid, counts, level, own_snap, snaps, problem)
        free = int(counted.drug_free_children[i])
        named = tuple(a.id for a, _, _ in kids if a.id is not None)
        if snap is None and complete:
            complete, self.cause[pid] = False, f"{pid!r} below it could not be built"
        self.sums[pid] = snap
        self.nodes[pid] = RollupNode(
            id=pid,
            level=level,
            children=named,
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

    def assess(
        self,
        pid: str,
        counts: dict[str, Amount],
        level: Level | None,
        own: Snapshot | None,
        snaps: list[Snapshot],
        problem: str | None,
    ) -> tuple[Snapshot | None, Assessment | None, str | None]:
        """The parent's snapshot and verdict (or why it has none), its counts being complete."""
        dates = sorted({s.as_of for s in snaps} | ({own.as_of} if own is not None else set()))
        if len(dates) != 1:
            shown = ", ".join(d.isoformat() for d in dates)
            return None, None, f"not built: the areas below {pid!r} are dated differently ({shown})"
        try:
            snap = Snapshot(
                counts,
                as_of=dates[0],
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
        self.assessed[pid] = outcome
        return snap, outcome, None


def _children_level(snaps: list[Snapshot]) -> Level | None:
    """The level every child is at (``None`` when unknown or mixed)."""
    levels = {s.level for s in snaps}
    return levels.pop() if len(levels) == 1 else None


def _level(
    pid: str, own: Snapshot | None, snaps: list[Snapshot]
) -> tuple[Level | None, str | None]:
    """The parent's level: its own, else one above its children's (a problem if they differ)."""
    if own is not None and own.level is not None:
        return own.level, None
    levels = {s.level for s in snaps}
    if len(levels) > 1:
        return None, f"not assessed: the children of {pid!r} are at different levels"
    if not levels:
        return None, None
    return _parent_level(levels.pop(), snaps[0].as_of), None


def build_tree(plan: Plan, areas: Sequence[Area]) -> Rollup:
    """Build every parent named by the areas, bottom-up; see the module's rules.

    Args:
        plan: The plan parents are assessed against.
        areas: Every input area, rejected rows included. The first area with a given id is
            that id's own record; later ones (rejected duplicates) are plain children.
    """
    return _Tree(plan, areas).run()


def rollup(plan: PlanLike, snapshots: Iterable[Snapshot], parent_of: Mapping[str, str]) -> Rollup:
    """Roll children up into parents and assess every level.

    Args:
        plan: A plan or its id.
        snapshots: Every area with data (children, and parents that record something themselves).
            Each needs an ``area_id``; ids must be unique (compared in Unicode NFC).
        parent_of: Child id to parent id. Parents need not have a snapshot of their own.

    Returns:
        Parents with summed counts and exact shares of drug-free children. A parent whose
        children mix levels or dates, or that lies on a cycle of parent links, carries a
        ``problem`` and no assessment; the other parents are built as usual.

    Raises:
        InputError: A snapshot without an id, a duplicate id, or an area that is its own parent.
    """
    p = get_plan(plan)
    links = {area_key(c): area_key(up) for c, up in parent_of.items()}
    for child, parent in links.items():
        if child == parent:
            raise InputError(f"area {child!r} is its own parent")
    areas: list[Area] = []
    seen: set[str] = set()
    for s in snapshots:
        if s.area_id is None:
            raise InputError("every snapshot in a roll-up needs an area_id")
        key = area_key(s.area_id)
        if key in seen:
            raise InputError(f"duplicate area id {s.area_id!r}")
        seen.add(key)
        try:
            outcome: Assessment | None = assess(p, s)
        except DrugFreeError:
            outcome = None
        areas.append(Area(key, links.get(key), s, outcome))
    areas += [Area(c, up) for c, up in links.items() if c not in seen]
    return build_tree(p, areas)
