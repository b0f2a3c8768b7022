"""Roll a batch up by parent id: summed counts and exact shares of drug-free children.

The batch counterpart of :func:`~vn_drugfree_criteria.rollup` for one level of parents (villages
into communes, communes into provinces). Indicators add up (DOMAIN §3); the share of drug-free
children is exact (numerator and denominator are integers, :meth:`BatchRollup.share` gives a
:class:`~fractions.Fraction`); a target share is compared exactly, ``≥`` or, for "trên", ``>``.

A parent with a rejected child is *incomplete*: its counts are the sums over its valid children
only, and its share and target verdict are unknown (``None``). Nothing is dropped: every row is
counted in ``children`` of its parent.

On the numpy backend every step is vectorised (``numpy.unique``, ``bincount``, ``add.reduceat``);
sums are exact ``int64``, with Python integers as the fallback when they could overflow.

>>> from vn_drugfree_criteria.engine.batch import EXAMPLE_COLUMNS
>>> r = rollup_many("lai-chau-city-2024", EXAMPLE_COLUMNS, ["x", "x", "y"], target="50%",
...                 backend="python")
>>> list(r.parents), list(r.children), list(r.drug_free_children), r.share(0), r.share(1)
(['x', 'y'], [2, 1], [1, 0], Fraction(1, 2), None)
>>> list(r.meets_target), list(r.counts["households"])
([True, None], [66, 0])
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.batch import Backend, BatchResult, assess_many
from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.engine.columns import MAX_COUNT, Verdicts
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.registry import PlanLike
from vn_drugfree_criteria.vocab.numbers import parse_share

__all__ = ["BatchRollup", "rollup_many"]


@attrs.frozen
class BatchRollup(Displayable):
    """Parents built from a batch of children, one entry per parent, sorted by parent id.

    On the Python backend the sequences are tuples (``counts`` columns are lists of ``int``);
    on the numpy backend they are ``numpy`` arrays (``int64`` counts, ``bool`` flags).

    Attributes:
        plan_id: The plan the children were assessed against.
        backend: ``"python"`` or ``"numpy"``.
        parents: The parent ids, sorted.
        children: How many rows each parent has (rejected rows included).
        drug_free_children: How many of them are drug-free.
        rejected_children: How many of them were rejected by validation.
        complete: Whether every child was valid (then the sums and share are exact and whole).
        counts: Indicator to per-parent sums over the valid children.
        target: The share target given, if any.
        strict: Whether the target is "above" (``>``, "trên") rather than "at least" (``≥``).
        meets_target: Per parent, whether ``drug_free_children / children`` reaches the target
            (``None`` for an incomplete parent); ``None`` when no target was given.
    """

    plan_id: str
    backend: str
    parents: Sequence[Any]
    children: Sequence[int]
    drug_free_children: Sequence[int]
    rejected_children: Sequence[int]
    complete: Sequence[bool]
    counts: Mapping[str, Sequence[int]] = attrs.field(repr=False)
    target: Fraction | None
    strict: bool
    meets_target: Verdicts | None

    def __len__(self) -> int:
        return len(self.parents)

    def __repr__(self) -> str:
        incomplete = sum(1 for ok in self.complete if not ok)
        return (
            f"<BatchRollup {self.plan_id}: {len(self)} parents, {incomplete} incomplete"
            f" ({self.backend} backend)>"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, one entry per parent; ``share`` is ``"n/d"``, ``null`` if incomplete."""
        shares = self.shares()
        return {
            "plan": self.plan_id,
            "backend": self.backend,
            "target": None if self.target is None else str(self.target),
            "strict": self.strict,
            "parents": [
                {
                    "id": parent,
                    "children": int(self.children[i]),
                    "drug_free_children": int(self.drug_free_children[i]),
                    "rejected_children": int(self.rejected_children[i]),
                    "complete": bool(self.complete[i]),
                    "share": None if shares[i] is None else str(shares[i]),
                    "meets_target": None if self.meets_target is None else self.meets_target[i],
                    "counts": {name: int(col[i]) for name, col in self.counts.items()},
                }
                for i, parent in enumerate(as_list(self.parents))
            ],
        }

    def share(self, index: int) -> Fraction | None:
        """The exact share of drug-free children of the parent at ``index`` (None if incomplete)."""
        if not self.complete[index]:
            return None
        return Fraction(int(self.drug_free_children[index]), int(self.children[index]))

    def shares(self) -> tuple[Fraction | None, ...]:
        """Every parent's exact share, in order (None for incomplete parents)."""
        return tuple(self.share(i) for i in range(len(self)))

    def index(self, parent_id: Any) -> int:
        """The position of ``parent_id`` in :attr:`parents`.

        Raises:
            KeyError: No such parent.
        """
        for i, p in enumerate(as_list(self.parents)):
            if p == parent_id:
                return i
        raise KeyError(parent_id)


def _blank(cell: Any) -> bool:
    return cell is None or cell == "" or (isinstance(cell, float) and math.isnan(cell))


def _blank_rows(np: Any, keys: Any) -> Any:
    kind = keys.dtype.kind
    if kind in "iu":
        return ()
    if kind == "f":
        return np.flatnonzero(np.isnan(keys)).tolist()
    if kind in "US":
        return np.flatnonzero(keys == keys.dtype.type()).tolist()
    return (i for i, c in enumerate(keys.tolist()) if _blank(c))


def _check_parents(result: BatchResult, blank_rows: Any) -> None:
    for i in blank_rows:
        raise InputError(f"row {i + 1} (id {result.ids[i]!r}): parent_id: missing")


def _python(result: BatchResult, parent_ids: list[Any]) -> dict[str, Any]:
    groups: dict[Any, list[int]] = {}
    for i, parent in enumerate(parent_ids):
        groups.setdefault(parent, []).append(i)
    parents = sorted(groups)
    mask, valid = result.drug_free.mask, result.valid
    counts = {}
    for name, col in result.counts.items():
        counts[name] = [
            sum(itertools.compress(map(col.__getitem__, rows), map(valid.__getitem__, rows)))
            for rows in map(groups.__getitem__, parents)
        ]
    children = tuple(len(groups[p]) for p in parents)
    free = tuple(sum(map(mask.__getitem__, groups[p])) for p in parents)
    bad = tuple(len(groups[p]) - sum(map(valid.__getitem__, groups[p])) for p in parents)
    return {
        "parents": tuple(parents),
        "children": children,
        "drug_free_children": free,
        "rejected_children": bad,
        "complete": tuple(b == 0 for b in bad),
        "counts": counts,
    }


def _group(np: Any, keys: Any) -> tuple[Any, Any]:
    """Sorted distinct keys and each row's group number; without sorting for compact integers."""
    if len(keys) and keys.dtype.kind in "iu":
        lo, hi = int(keys.min()), int(keys.max())
        if hi - lo <= 4 * len(keys) + 1024:  # codes such as commune numbers: a lookup table
            offsets = (keys - lo).astype(np.int64, copy=False)
            present = np.zeros(hi - lo + 1, dtype=bool)
            present[offsets] = True
            parents = (np.flatnonzero(present) + lo).astype(keys.dtype)
            return parents, (np.cumsum(present) - 1)[offsets]
    parents, inverse = np.unique(keys, return_inverse=True)
    return parents, inverse.reshape(-1)


def _numpy(np: Any, result: BatchResult, keys: Any) -> dict[str, Any]:
    parents, inverse = _group(np, keys)
    k = len(parents)
    children = np.bincount(inverse, minlength=k)
    valid = np.asarray(result.valid)
    free = np.bincount(inverse[np.asarray(result.drug_free.mask)], minlength=k)
    everything_valid = bool(valid.all())
    bad = np.zeros(k, np.int64) if everything_valid else np.bincount(inverse[~valid], minlength=k)
    grouped = bool((inverse[1:] >= inverse[:-1]).all())  # rows already sorted by parent
    order = None if grouped else np.argsort(inverse, kind="stable")
    starts = np.concatenate(([0], np.cumsum(children)[:-1])) if k else children
    counts = {}
    for name, col in result.counts.items():
        values: Any = col if everything_valid else np.where(valid, col, 0)
        top = int(values.max(initial=0)) * int(children.max(initial=0))
        if top > MAX_COUNT:  # int64 sums could wrap: add Python integers
            values = values.astype(object)
        if order is not None:
            values = values[order]
        counts[name] = np.add.reduceat(values, starts) if k else values[:0]
    out = {
        "parents": parents,
        "children": children,
        "drug_free_children": free,
        "rejected_children": bad,
        "complete": bad == 0,
        "counts": counts,
    }
    for value in [*out.values(), *counts.values()]:
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return out


def _meets(np: Any, parts: dict[str, Any], target: Fraction, strict: bool) -> Verdicts:
    free, children = parts["drug_free_children"], parts["children"]
    p, q = target.numerator, target.denominator
    cmp = operator.gt if strict else operator.ge
    if np is None:
        held = tuple(map(cmp, (f * q for f in free), (c * p for c in children)))
        mask = tuple(map(operator.and_, held, parts["complete"]))
        return Verdicts(mask, parts["complete"])
    if int(children.max(initial=0)) * max(p, q) > MAX_COUNT:
        free, children = free.astype(object), children.astype(object)
    held = np.asarray(cmp(free * q, children * p), dtype=bool) & parts["complete"]
    held.flags.writeable = False
    return Verdicts(held, parts["complete"])


def rollup_many(
    source: BatchResult | PlanLike,
    columns: Mapping[str, Sequence[Any]] | Any | None,
    parent_ids: Sequence[Any] | str,
    *,
    target: Fraction | str | None = None,
    strict: bool = False,
    backend: Backend = "auto",
    **assess_options: Any,
) -> BatchRollup:
    """Group rows by parent id; sum their counts and count their drug-free children exactly.

    Args:
        source: A :class:`BatchResult` (its counts and verdicts are used; ``columns`` must then
            be ``None``), or a plan or plan id (the rows are assessed first with
            :func:`assess_many`).
        columns: The table, when ``source`` is a plan.
        parent_ids: The parent of each row (strings or integers, no blanks), or the name of a
            column of ``columns`` holding them (``"parent_id"``).
        target: A share of drug-free children to check, exact (``"50%"``, ``Fraction(1, 2)``).
        strict: ``True`` for "trên" (strictly above the target).
        backend: As for :func:`assess_many`, when ``source`` is a plan.
        **assess_options: ``ids``, ``as_of``, ``level``: passed to :func:`assess_many`.

    Returns:
        One entry per parent, sorted by parent id.

    Raises:
        InputError: A parent id is missing, the parent ids are not one per row, or both a
            result and columns were given.
    """
    if isinstance(source, BatchResult):
        if columns is not None or assess_options:
            raise InputError("give either a BatchResult or a plan with columns, not both")
        result = source
    else:
        if columns is None:
            raise InputError("columns are needed to assess the rows")
        result = assess_many(source, columns, backend=backend, **assess_options)
    if isinstance(parent_ids, str):
        if columns is None or parent_ids not in columns:
            raise InputError(f"required column missing: {parent_ids}")
        parent_ids = columns[parent_ids]
    if len(parent_ids) != len(result):
        raise InputError(f"{len(parent_ids)} parent ids for {len(result)} rows")
    np = None
    if result.backend == "numpy":
        from vn_drugfree_criteria.engine.batch_numpy import import_numpy  # noqa: PLC0415  # numpy path only

        np = import_numpy("the numpy backend of rollup_many")
        keys = np.asarray(parent_ids)
        _check_parents(result, _blank_rows(np, keys))
        parts = _numpy(np, result, keys)
    else:
        cells = as_list(parent_ids)
        _check_parents(result, (i for i, c in enumerate(cells) if _blank(c)))
        parts = _python(result, cells)
    goal = None if target is None else parse_share(target)
    return BatchRollup(
        plan_id=result.plan_id,
        backend=result.backend,
        counts=MappingProxyType(parts.pop("counts")),
        target=goal,
        strict=strict,
        meets_target=None if goal is None else _meets(np, parts, goal, strict),
        **parts,
    )
