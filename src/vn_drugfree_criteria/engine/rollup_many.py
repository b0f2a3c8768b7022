"""Roll a batch up by parent id: summed counts and exact shares of drug-free children.

The batch counterpart of :func:`~vn_drugfree_criteria.rollup` for one level of parents (villages
into communes, communes into provinces). Indicators add up (DOMAIN §3); the share of drug-free
children is exact (numerator and denominator are integers, :meth:`BatchRollup.share` gives a
:class:`~fractions.Fraction`); a target share is compared exactly, ``≥`` or, for "trên", ``>``.

A parent with a rejected child is *incomplete*: its counts are the sums over its valid children
only, and its share and target verdict are unknown (``None``). Nothing is dropped: every row is
counted in ``children`` of its parent.

The grouping is the one-level core of every roll-up (:mod:`vn_drugfree_criteria.engine.grouping`):
parent ids are factorised once, children are counted with ``bincount`` (numpy) or one loop
(Python), and the sums of an indicator are computed only when :attr:`BatchRollup.counts` is read
for it. Sums are exact: ``int64``, with Python integers where they could overflow.

>>> from vn_drugfree_criteria.engine.batch import EXAMPLE_COLUMNS
>>> r = rollup_many("lai-chau-city-2024", EXAMPLE_COLUMNS, ["x", "x", "y"], target="50%",
...                 backend="python")
>>> list(r.parents), list(r.children), list(r.drug_free_children), r.share(0), r.share(1)
(['x', 'y'], [2, 1], [1, 0], Fraction(1, 2), None)
>>> list(r.meets_target), list(r.counts["households"])
([True, None], [66, 0])
"""

from __future__ import annotations

import collections
import functools
import math
import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.batch import Backend, BatchResult, assess_many
from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.engine.columns import ClassCodes, PositionalIds, Verdicts
from vn_drugfree_criteria.engine.grouping import (
    Grouping,
    LazySums,
    Tally,
    add_up,
    adds_up,
    any_child,
    area_key,
    canonical_texts,
    child_counts,
    group,
    reaches,
    tally_flags,
)
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.registry import PlanLike
from vn_drugfree_criteria.vocab.cells import plain
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
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
        classes: For a plan with classifications (Decision 28/2025/QĐ-TTg), class id to how
            many valid children fall in that class, per parent (``I``, ``II``, ``III``).
    """

    plan_id: str
    backend: str
    parents: Sequence[Any]
    children: Sequence[int]
    drug_free_children: Sequence[int]
    rejected_children: Sequence[int]
    complete: Sequence[bool]
    counts: Mapping[str, Sequence[Amount]] = attrs.field(repr=False)
    target: Fraction | None
    strict: bool
    meets_target: Verdicts | None
    classes: Mapping[str, Sequence[int]] = attrs.field(factory=dict)

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
            "classes": list(self.classes),
            "parents": [
                {
                    "id": parent,
                    "children": int(self.children[i]),
                    "drug_free_children": int(self.drug_free_children[i]),
                    "rejected_children": int(self.rejected_children[i]),
                    "complete": bool(self.complete[i]),
                    "share": None if shares[i] is None else str(shares[i]),
                    "meets_target": None if self.meets_target is None else self.meets_target[i],
                    "counts": {
                        name: json_number(plain(col[i])) for name, col in self.counts.items()
                    },
                    "classes": {cid: int(col[i]) for cid, col in self.classes.items()},
                }
                for i, parent in enumerate(as_list(self.parents))
            ],
        }

    def share(self, index: int) -> Fraction | None:
        """The exact share of drug-free children of the parent at ``index`` (None if incomplete)."""
        if not self.complete[index]:
            return None
        return Fraction(int(self.drug_free_children[index]), int(self.children[index]))

    def in_classes(self, index: int, class_ids: Sequence[str]) -> int:
        """How many children of the parent at ``index`` fall in any of ``class_ids``.

        With ``("I", "II")`` on a table of communes under their province, this is the count of
        Điều 5.4 of Decision 28/2025/QĐ-TTg (``communes_class_1_2``).
        """
        return sum(int(self.classes[cid][index]) for cid in class_ids)

    def shares(self) -> tuple[Fraction | None, ...]:
        """Every parent's exact share, in order (None for incomplete parents)."""
        return tuple(self.share(i) for i in range(len(self)))

    def index(self, parent_id: Any) -> int:
        """The position of ``parent_id`` in :attr:`parents` (text compared in Unicode NFC).

        Raises:
            KeyError: No such parent.
        """
        key = area_key(parent_id)
        for i, p in enumerate(as_list(self.parents)):
            if p == key:
                return i
        raise KeyError(parent_id)


def _blank(cell: Any) -> bool:
    """Whether a parent id is missing: ``None``, pandas' ``NA``, NaN, or only white space."""
    if cell is None or type(cell).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(cell, str):
        return not cell.strip()
    return isinstance(cell, float) and math.isnan(cell)


def _mixed(cells: Sequence[Any]) -> None:
    if len({isinstance(c, str) for c in cells if not _blank(c)}) > 1:
        raise InputError("parent ids must be all text or all numbers")


def _blank_rows(np: Any, keys: Any) -> Any:
    kind = keys.dtype.kind
    if kind in "iu":
        return ()
    if kind == "f":
        return np.flatnonzero(np.isnan(keys)).tolist()
    if kind in "US":  # blank text is found among the distinct ids, after grouping
        return ()
    return (i for i, c in enumerate(keys.tolist()) if _blank(c))


def _check_parents(result: BatchResult, blank_rows: Any) -> None:
    for i in blank_rows:
        raise InputError(f"row {i + 1} (id {result.ids[i]!r}): parent_id: missing")


def _check_blank_parents(result: BatchResult, grouping: Grouping) -> None:
    if grouping.np is not None and grouping.parents.dtype.kind in "iuf":  # type: ignore[attr-defined]
        return  # integers are never blank; NaN rows were refused before grouping
    blank = [i for i, p in enumerate(as_list(grouping.parents)) if _blank(p)]
    if blank:
        np, codes = grouping.np, grouping.codes
        first = int(np.argmax(np.asarray(codes) == blank[0])) if np else codes.index(blank[0])
        _check_parents(result, [first])


def _check_one_level(result: BatchResult, grouping: Grouping) -> None:
    """Refuse a batch where a row is itself the parent of other rows (a tree, not one level)."""
    if isinstance(result.ids, PositionalIds):  # ids by position name no parent
        return
    parents = {area_key(str(p)) for p in as_list(grouping.parents)}
    ids: Sequence[str] = result.ids
    if canonical_texts(ids):  # every id already as area_key gives it: compare in C
        if parents.isdisjoint(ids):
            return
    else:
        ids = [area_key(i) for i in ids]
    for i, row_id in enumerate(ids):
        if row_id in parents:
            raise InputError(
                f"row {i + 1} (id {result.ids[i]!r}) is the parent of other rows: rollup_many "
                "rolls up one level; build a tree with assess_table or rollup_frame"
            )


def _sums(result: BatchResult, grouping: Grouping, counted: Tally) -> LazySums:
    """Per-parent sums over the valid children, each indicator summed when first read.

    A count the parents take from their children (:func:`child_counts`) replaces the sum.
    """
    valid = result.valid
    levels = [result.level] * len(grouping)
    labels = ClassCodes(result.class_codes, result.class_ids)
    vocab = result.vocabulary
    derived = child_counts(
        grouping, counted.children, labels, levels, result.plan_indicators, vocab
    )

    def compute(name: str) -> Any:
        if name in derived:
            return derived[name]
        keep = None if not result.rejected else valid
        combine = add_up if adds_up(name, vocab) else any_child
        return combine(grouping, result.counts[name], keep)

    return LazySums(tuple(dict.fromkeys((*result.counts, *derived))), compute)


# Long: the docstring documents every argument and error of the public entry point.
def _grouping(result: BatchResult, parent_ids: Sequence[Any]) -> Grouping:
    """The rows grouped by parent id, every id checked (none missing, one level)."""
    np = None
    if result.backend == "numpy":
        from vn_drugfree_criteria.engine.batch_numpy import import_numpy  # noqa: PLC0415  # numpy path only

        np = import_numpy("the numpy backend of rollup_many")
        if isinstance(parent_ids, list | tuple):  # numpy would turn mixed ids into text
            _mixed(parent_ids)
        keys = np.asarray(parent_ids)
        _check_parents(result, _blank_rows(np, keys))
    else:
        keys = as_list(parent_ids)
        kinds = set(map(type, keys))
        if not (kinds <= {int} or kinds == {str}):  # blank text is found after grouping
            _check_parents(result, (i for i, c in enumerate(keys) if _blank(c)))
    grouping = group(keys, np)
    _check_blank_parents(result, grouping)
    _check_one_level(result, grouping)
    return grouping


def _result(
    source: BatchResult | PlanLike, columns: Any, backend: Backend, options: Mapping[str, Any]
) -> BatchResult:
    """The batch to roll up: given, or assessed here from a plan and columns."""
    if isinstance(source, BatchResult):
        if columns is not None or options:
            raise InputError("give either a BatchResult or a plan with columns, not both")
        return source
    if columns is None:
        raise InputError("columns are needed to assess the rows")
    return assess_many(source, columns, backend=backend, **options)


def _share_verdicts(t: Tally, target: Fraction, *, strict: bool, np: Any) -> Verdicts:
    """Per parent: whether its share reaches ``target``; ``None`` for an incomplete parent."""
    if np is None:
        held = reaches(t.drug_free_children, t.children, target, strict=strict)
        return Verdicts(tuple(map(operator.and_, held, t.complete)), tuple(t.complete))
    met = reaches(t.drug_free_children, t.children, target, strict=strict, np=np)
    met = np.asarray(met, dtype=bool) & t.complete
    met.flags.writeable = False
    return Verdicts(met, t.complete)


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
        InputError: A parent id is missing, the parent ids are not one per row, a row is the
            parent of other rows (one level only: a parent's own row would otherwise be summed
            as a child of its own parent), or both a result and columns were given.
    """
    result = _result(source, columns, backend, assess_options)
    if isinstance(parent_ids, str):
        if columns is None or parent_ids not in columns:
            raise InputError(f"required column missing: {parent_ids}")
        parent_ids = columns[parent_ids]
    if len(parent_ids) != len(result):
        raise InputError(f"{len(parent_ids)} parent ids for {len(result)} rows")
    grouping = _grouping(result, parent_ids)
    counted = tally_flags(grouping, result.drug_free.mask, result.valid)
    goal = _goal(target)
    return BatchRollup(
        plan_id=result.plan_id,
        backend=result.backend,
        parents=grouping.parents,
        children=counted.children,
        drug_free_children=counted.drug_free_children,
        rejected_children=counted.rejected_children,
        complete=counted.complete,
        counts=_sums(result, grouping, counted),
        target=goal,
        strict=strict,
        meets_target=None
        if goal is None
        else _share_verdicts(counted, goal, strict=strict, np=grouping.np),
        classes=_classes(result, grouping),
    )


def _goal(target: Fraction | str | None) -> Fraction | None:
    """The target share, exact (text is read once: the reading is pure)."""
    if target is None:
        return None
    return _share(target) if isinstance(target, str) else parse_share(target)


@functools.lru_cache(maxsize=64)
def _share(text: str) -> Fraction:
    return parse_share(text)


def _classes(result: BatchResult, grouping: Grouping) -> Mapping[str, Sequence[int]]:
    """Per class id, how many valid children of each parent fall in it: one count of codes.

    Each row's class code (a rejected row has none) is counted per parent in one pass: a
    ``bincount`` of ``parent * (classes + 1) + code`` on numpy, a ``Counter`` of pairs in Python.
    """
    m, k = len(result.class_ids) + 1, len(grouping)
    if not result.class_ids:
        return {}
    np = grouping.np
    if np is not None:
        keys = np.asarray(grouping.codes, dtype=np.int64) * m + np.asarray(result.class_codes)
        table = np.bincount(keys, minlength=k * m).reshape(k, m)
        return {cid: table[:, i].astype(np.int64) for i, cid in enumerate(result.class_ids)}
    counted = collections.Counter(zip(grouping.codes, result.class_codes, strict=True))
    return {
        cid: [counted[parent, i] for parent in range(k)] for i, cid in enumerate(result.class_ids)
    }
