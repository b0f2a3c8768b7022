"""Build parents from their children: indicators add up, shares of drug-free children are exact.

The indicators of a commune are the sums of its villages' plus what the commune records itself
(DOMAIN §3). A *none* or *all* requirement therefore holds for a parent exactly when it holds
for every child (and the parent records nothing of its own); an *at least* requirement can hold
for a parent while failing for every child.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.assess import Assessment, assess
from vn_drugfree_criteria.errors import DrugFreeError, InputError
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.indicators import INDICATORS, Snapshot
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Rollup", "RollupNode", "rollup", "sum_counts"]


def sum_counts(
    parts: Iterable[Mapping[str, int]], own: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Add indicator counts of children (and the parent's own records).

    An indicator is kept when every child has it, or when the parent records it itself; the
    parent's own records add to the children's (a child that does not record an indicator the
    parent records contributes 0 to it).

    >>> sum_counts([{"households": 3}, {"households": 4}], own={"effective_models": 1})
    {'households': 7, 'effective_models': 1}
    """
    items = list(parts)
    common = set(INDICATORS)
    for p in items:
        common &= set(p)
    own = own or {}
    total = {
        name: sum(p.get(name, 0) for p in items) + own.get(name, 0)
        for name in INDICATORS
        if (items and name in common) or name in own
    }
    return total


@attrs.frozen
class RollupNode:
    """A parent built from its children.

    Attributes:
        id: The parent's id.
        level: Its level (given, or one above its children).
        children: Ids of its direct children.
        counts: Summed indicators (children plus own records).
        drug_free_children: How many direct children are drug-free.
        share_drug_free: ``drug_free_children / len(children)``, exact.
        assessment: The parent assessed on its summed counts, if the plan covers it.
        problem: Why it could not be assessed, otherwise.
        assessed_children: How many direct children could be assessed against the plan
            (villages under a commune-level plan add their counts but are not assessed).
    """

    id: str
    level: Level | None
    children: tuple[str, ...]
    counts: Mapping[str, int]
    drug_free_children: int
    share_drug_free: Fraction
    assessment: Assessment | None
    problem: str | None
    assessed_children: int = 0

    def meets_share(self, share: Fraction, *, strict: bool = False) -> bool:
        """Whether the share of drug-free children reaches ``share`` (``>`` when strict)."""
        return self.share_drug_free > share if strict else self.share_drug_free >= share

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data; ``share`` is the exact fraction ``"n/d"`` of drug-free children."""
        return {
            "id": self.id,
            "level": self.level.value if self.level else None,
            "children": list(self.children),
            "assessed_children": self.assessed_children,
            "drug_free_children": self.drug_free_children,
            "share": f"{self.drug_free_children}/{len(self.children)}",
            "counts": dict(self.counts),
            "assessment": None if self.assessment is None else self.assessment.to_dict(lang=lang),
            "problem": self.problem,
        }


@attrs.frozen
class Rollup(Displayable):
    """All parents of a roll-up, bottom-up, and the assessments of every area involved."""

    parents: Mapping[str, RollupNode]
    areas: Mapping[str, Assessment]

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data: every parent's form, then every area's assessment, by id."""
        return {
            "parents": [node.to_dict(lang=lang) for node in self.parents.values()],
            "areas": [a.to_dict(lang=lang) for a in self.areas.values()],
        }

    def __repr__(self) -> str:
        return f"<Rollup: {len(self.parents)} parents, {len(self.areas)} areas>"


def _parent_level(child: Level | None, on: _dt.date) -> Level | None:
    if child is None or child is Level.PROVINCE:
        return None
    if child is Level.VILLAGE:
        return Level.COMMUNE
    if child is Level.COMMUNE:
        return Level.DISTRICT if Level.DISTRICT.valid_on(on) else Level.PROVINCE
    return Level.PROVINCE


def rollup(plan: PlanLike, snapshots: Iterable[Snapshot], parent_of: Mapping[str, str]) -> Rollup:
    """Roll children up into parents and assess every level.

    Args:
        plan: A plan or its id.
        snapshots: Every area with data (children, and parents that record something themselves).
            Each needs an ``area_id``; ids must be unique and share one ``as_of``.
        parent_of: Child id to parent id. Parents need not have a snapshot of their own.

    Returns:
        Parents with summed counts and exact shares of drug-free children.

    Raises:
        InputError: Missing or duplicate ids, mixed dates, a cycle, or inconsistent levels.
    """
    p = get_plan(plan)
    by_id: dict[str, Snapshot] = {}
    for s in snapshots:
        if s.area_id is None:
            raise InputError("every snapshot in a roll-up needs an area_id")
        if s.area_id in by_id:
            raise InputError(f"duplicate area id {s.area_id!r}")
        by_id[s.area_id] = s
    dates = {s.as_of for s in by_id.values()}
    if len(dates) > 1:
        raise InputError("all snapshots of a roll-up must share one as_of date")
    if not dates:
        return Rollup(MappingProxyType({}), MappingProxyType({}))
    on = dates.pop()
    children: dict[str, list[str]] = {}
    for child, parent in parent_of.items():
        if child == parent:
            raise InputError(f"area {child!r} is its own parent")
        if child in by_id or child in parent_of.values():
            children.setdefault(parent, []).append(child)

    done: dict[str, Snapshot] = {}
    areas: dict[str, Assessment] = {}
    parents: dict[str, RollupNode] = {}
    visiting: set[str] = set()

    def verdict(node_id: str, snap: Snapshot) -> Assessment | str:
        try:
            result = assess(p, snap)
        except DrugFreeError as exc:
            return str(exc)
        areas[node_id] = result
        return result

    def build(node_id: str) -> Snapshot | None:
        if node_id in done:
            return done[node_id]
        if node_id in visiting:
            raise InputError(f"the parent links form a cycle through {node_id!r}")
        visiting.add(node_id)
        kids = children.get(node_id, [])
        own = by_id.get(node_id)
        if not kids:
            visiting.discard(node_id)
            if own is not None:
                done[node_id] = own
                verdict(node_id, own)
            return own
        kid_snaps = [s for s in (build(k) for k in kids) if s is not None]
        kid_levels = {s.level for s in kid_snaps}
        if own is not None and own.level is not None:
            level: Level | None = own.level
        elif len(kid_levels) == 1:
            level = _parent_level(kid_levels.pop(), on)
        else:
            raise InputError(f"the children of {node_id!r} are at different levels")
        counts = sum_counts((s.counts for s in kid_snaps), own.counts if own else None)
        try:
            snap = Snapshot(
                counts, as_of=on, level=level, kind=own.kind if own else None, area_id=node_id
            )
        except DrugFreeError as exc:  # own records can break part <= whole
            raise InputError(f"rolled-up counts of {node_id!r} are invalid: {exc}") from None
        outcome = verdict(node_id, snap)
        kid_free = sum(1 for k in kids if k in areas and areas[k].drug_free)
        kid_assessed = sum(1 for k in kids if k in areas)
        parents[node_id] = RollupNode(
            id=node_id,
            level=level,
            children=tuple(kids),
            counts=MappingProxyType(counts),
            drug_free_children=kid_free,
            assessed_children=kid_assessed,
            share_drug_free=Fraction(kid_free, len(kids)),
            assessment=outcome if isinstance(outcome, Assessment) else None,
            problem=outcome if isinstance(outcome, str) else None,
        )
        visiting.discard(node_id)
        done[node_id] = snap
        return snap

    for node_id in [*by_id, *children]:
        build(node_id)
    return Rollup(MappingProxyType(parents), MappingProxyType(areas))
