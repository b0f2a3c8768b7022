"""Build parents from their children: indicators add up, shares of drug-free children are exact.

The indicators of a commune are the sums of its villages' plus what the commune records itself
(DOMAIN §3). A *none* or *all* requirement therefore holds for a parent exactly when it holds
for every child (and the parent records nothing of its own); an *at least* requirement can hold
for a parent while failing for every child.

The tree is built bottom-up, one level of parents a round (:class:`~vn_drugfree_criteria.engine.
rollup_tree.Tree`, on the counting rules of :mod:`~vn_drugfree_criteria.engine.grouping`),
without recursion, in time linear in the number of areas; a child that is not a parent itself
is added to its parent's running sums as it comes, so the areas need not all be held. The rules of a parent are
those of every roll-up of the library:

* a parent's own record, when there is one, adds to its children's sums;
* a parent with a rejected row below it (or whose own row was rejected) is *incomplete*: its
  share of drug-free children is unknown and it is not assessed;
* a row is a parent only when another row names it as its parent;
* a problem with one parent (children at different levels or dates, a cycle of parent links,
  own records that contradict the sums) is that parent's ``problem``; the others are unaffected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from vn_drugfree_criteria.engine.assess import Assessment, assess
from vn_drugfree_criteria.engine.grouping import FREE, NOT_FREE, REJECTED, UNASSESSED, area_key
from vn_drugfree_criteria.engine.rollup_result import Rollup, RollupNode, share_text, sum_counts
from vn_drugfree_criteria.engine.rollup_tree import Entry, Tree
from vn_drugfree_criteria.errors import DrugFreeError, InputError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.indicators import Snapshot

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


def entry(a: Area) -> Entry:
    """What the roll-up reads of an area."""
    if a.rejected is not None or a.snapshot is None:
        state = REJECTED
    elif a.assessment is None:
        state = UNASSESSED
    else:
        state = FREE if a.assessment.drug_free else NOT_FREE
    label = a.assessment.key_complex_class if a.assessment is not None else None
    return Entry(a.id, a.parent, a.snapshot, state, label, a.rejected)


def _kept_parents(areas: Sequence[Entry], own: Mapping[str, Entry]) -> set[str]:
    """Ids above some area with data (areas known only by a link and nothing below are not)."""
    kept: set[str] = set()
    for a in areas:
        if not a.has_data:
            continue
        key = a.parent if a.parent != a.id else None
        while key is not None and key not in kept:
            kept.add(key)
            up = own.get(key)
            key = up.parent if up is not None and up.parent != key else None
    return kept


def build_tree(plan: Plan, areas: Sequence[Area]) -> Rollup:
    """Build every parent named by the areas, bottom-up; see the module's rules.

    Args:
        plan: The plan parents are assessed against.
        areas: Every input area, rejected rows included. The first area with a given id is
            that id's own record; later ones (rejected duplicates) are plain children.
    """
    entries = [entry(a) for a in areas]
    own: dict[str, Entry] = {}
    for e in entries:
        if e.id is not None:
            own.setdefault(e.id, e)
    kept = _kept_parents(entries, own)
    parents = {p for e in entries if (p := e.child_of(e.id in kept)) is not None}
    tree = Tree(plan, parents)
    for e in entries:
        tree.add(e, kept=e.id in kept)
    nodes = tree.run()
    assessed = {a.id: a.assessment for a in areas if a.id is not None and a.assessment is not None}
    for pid, node in nodes.items():  # a parent's verdict on its sums replaces its own row's
        if node.assessment is not None:
            assessed[pid] = node.assessment
    return Rollup(nodes, MappingProxyType(assessed))


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
