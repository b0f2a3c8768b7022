"""What a roll-up gives: parents with summed counts and exact shares of drug-free children.

:class:`RollupNode` is one parent, :class:`Rollup` a whole tree; :func:`sum_counts` is the one
way indicator counts add up (DOMAIN §3). They are built by
:func:`~vn_drugfree_criteria.engine.rollup.rollup`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.assess import Assessment
from vn_drugfree_criteria.engine.grouping import adds_up, reaches
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["CountSums", "Rollup", "RollupNode", "share_text", "sum_counts"]


def sum_counts(
    parts: Iterable[Mapping[str, Amount]],
    own: Mapping[str, Amount] | None = None,
    vocabulary: Vocabulary = SHARED,
) -> dict[str, Amount]:
    """Add indicator counts of children (and the parent's own records).

    An indicator is kept when every child has it, or when the parent records it itself; the
    parent's own records add to the children's (a child that does not record an indicator the
    parent records contributes 0 to it). A yes/no fact does not add up (:func:`adds_up`): the
    parent has it when any child (or its own record) has it. ``vocabulary`` is the plan's.

    >>> sum_counts([{"households": 3}, {"households": 4}], own={"effective_models": 1})
    {'households': 7, 'effective_models': 1}
    >>> sum_counts([{"on_intraprovincial_key_route": 1}, {"on_intraprovincial_key_route": 1}])
    {'on_intraprovincial_key_route': 1}
    """
    sums = CountSums(vocabulary)
    for p in parts:
        sums.add(p)
    return sums.total(own)


class CountSums:
    """The counts of children added one child at a time: :func:`sum_counts` without the children.

    Children that record the same indicators (in the same order) share one running sum per
    indicator, added in one pass in C; nothing of a child is kept. Counts are never negative,
    so a yes/no fact is had exactly when its running sum is not 0.
    """

    __slots__ = ("_groups", "_parts", "_vocabulary")

    def __init__(self, vocabulary: Vocabulary = SHARED) -> None:
        self._vocabulary = vocabulary
        self._parts = 0
        self._groups: dict[tuple[str, ...], list[Any]] = {}  # names: [children, sums]

    def add(self, counts: Mapping[str, Amount]) -> None:
        """Add one child's counts."""
        self._parts += 1
        names = tuple(counts)
        group = self._groups.get(names)
        if group is None:
            self._groups[names] = [1, list(counts.values())]
        else:
            group[0] += 1
            group[1] = list(map(operator.add, group[1], counts.values()))

    def total(self, own: Mapping[str, Amount] | None = None) -> dict[str, Amount]:
        """The parent's counts: the children's, with its own records added (:func:`sum_counts`)."""
        own = own or {}
        had: dict[str, int] = {}
        sums: dict[str, Amount] = {}
        for names, (children, values) in self._groups.items():
            for name, value in zip(names, values, strict=True):
                had[name] = had.get(name, 0) + children
                sums[name] = sums.get(name, 0) + value
        total: dict[str, Amount] = {}
        for name in self._vocabulary.order:
            if (self._parts and had.get(name) == self._parts) or name in own:
                value = sums.get(name, 0) + own.get(name, 0)
                total[name] = value if adds_up(name, self._vocabulary) else int(value > 0)
        return total


@attrs.frozen
class RollupNode(Displayable):
    """A parent built from its children.

    Attributes:
        id: The parent's id (Unicode NFC).
        level: Its level (given, or one above its children).
        children: Ids of its direct children (a rejected row without an id is counted in
            ``rejected_children`` only).
        counts: Summed indicators (children plus own records; a yes/no fact is 1 when any
            child has it), and the counts taken from the children's classes (``communes``,
            ``communes_class_1_2``); over the children with data only when the parent is
            incomplete.
        drug_free_children: How many direct children are drug-free.
        share_drug_free: ``drug_free_children / len(children)``, exact; ``None`` when the parent
            is incomplete.
        assessment: The parent assessed on its summed counts, if the plan covers it and the
            parent is complete.
        problem: Why it has no assessment, otherwise.
        assessed_children: How many direct children could be assessed against the plan
            (villages under a commune-level plan add their counts but are not assessed).
        rejected_children: How many direct children were rejected rows (their counts unknown).
        incomplete_children: How many direct children are themselves incomplete parents.
        complete: Whether every count below the parent is known (no rejected row below it, its
            own row not rejected, every parent below it built).
    """

    id: str
    level: Level | None
    children: tuple[str, ...]
    counts: Mapping[str, Amount]
    drug_free_children: int
    share_drug_free: Fraction | None
    assessment: Assessment | None
    problem: str | None
    assessed_children: int = 0
    rejected_children: int = 0
    incomplete_children: int = 0
    complete: bool = True

    def meets_share(self, share: Fraction, *, strict: bool = False) -> bool | None:
        """Whether the share of drug-free children reaches ``share`` (``>`` when strict).

        ``None`` when the share is unknown (an incomplete parent).
        """
        if not self.complete:
            return None
        return bool(reaches(self.drug_free_children, len(self.children), share, strict=strict))

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data; ``share`` is the exact fraction ``"n/d"`` (``None`` if incomplete)."""
        return {
            "id": self.id,
            "level": self.level.value if self.level else None,
            "children": list(self.children),
            "assessed_children": self.assessed_children,
            "drug_free_children": self.drug_free_children,
            "rejected_children": self.rejected_children,
            "incomplete_children": self.incomplete_children,
            "complete": self.complete,
            "share": share_text(self),
            "counts": {name: json_number(value) for name, value in self.counts.items()},
            "assessment": None if self.assessment is None else self.assessment.to_dict(lang=lang),
            "problem": self.problem,
        }


def share_text(node: RollupNode | None) -> str | None:
    """A parent's share of drug-free children as ``"n/d"`` (unreduced); ``None`` when unknown."""
    if node is None or not node.complete:
        return None
    return f"{node.drug_free_children}/{len(node.children)}"


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
