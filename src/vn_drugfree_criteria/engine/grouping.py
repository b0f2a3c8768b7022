"""One level of a roll-up: child rows grouped by parent, counted and summed in one pass.

Every roll-up of the library is built on this module. :func:`~vn_drugfree_criteria.rollup_many`
is one grouping of a batch; :func:`~vn_drugfree_criteria.rollup` (and so ``assess --rollup`` and
``rollup_frame``) builds a tree of parents as repeated one-level roll-ups.

Each child row is in one of five states (:data:`FREE` ... :data:`INCOMPLETE`). The rule for a
parent is the same everywhere:

* ``children`` counts every child row, rejected ones included: nothing is dropped;
* the parent is *complete* when none of its children is rejected or incomplete; only then is
  its share of drug-free children known, ``drug_free_children / children``, exact;
* a child without a verdict whose counts are known (a level the plan does not cover, a parent
  whose children mix levels) counts in ``children`` but not among the drug-free ones: only a
  positive verdict makes an area drug-free;
* a count the vocabulary declares *from children* (``from_children`` in ``indicators.toml``:
  ``communes``, ``communes_class_1_2`` of Điều 5.4, Decision 28/2025/QĐ-TTg), where the plan
  reads it, is for a parent whose children are at the declared level the number of its children (those whose class is
  one of the declared classes, when classes are given): :func:`child_counts`;
* a yes/no fact (a key route) does not add up: a parent has it when any child has it
  (:func:`adds_up`, :func:`any_child`).

Both backends group in one pass: distinct parent keys are factorised once (sorted), each row
gets the number of its group, and per-group counts are taken with ``bincount`` (numpy) or one
loop (Python). Sums of indicators are computed only when asked for (:class:`LazySums`), exact.

>>> g = group(["b", "a", "b"])
>>> list(g.parents), list(g.codes)
(['a', 'b'], [1, 0, 1])
>>> t = tally(g, [FREE, REJECTED, NOT_FREE])
>>> list(t.children), list(t.drug_free_children), list(t.complete)
([1, 2], [0, 1], [False, True])
>>> list(add_up(g, [5, 7, 9]))
[7, 14]
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Callable, Container, Sequence
from typing import Any

import attrs

from vn_drugfree_criteria.engine.columns import MAX_COUNT, ClassCodes
from vn_drugfree_criteria.engine.columnwise import LazySums, canonical_texts, reaches
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.text import nfc

__all__ = [
    "FREE",
    "INCOMPLETE",
    "NOT_FREE",
    "REJECTED",
    "UNASSESSED",
    "Grouping",
    "LazySums",
    "Tally",
    "add_up",
    "adds_up",
    "any_child",
    "area_key",
    "canonical_texts",
    "child_counts",
    "count_where",
    "group",
    "in_classes",
    "reaches",
    "tally",
    "tally_by",
    "tally_flags",
]

FREE, NOT_FREE, UNASSESSED, REJECTED, INCOMPLETE = range(5)
"""States of a child row: assessed drug-free; assessed, not drug-free; counts known but no
verdict; rejected by validation (counts unknown); a parent whose own counts are incomplete."""

_STATES = 5
_EXACT_FLOAT = 2**53  # below this every integer, and every partial sum, is exact in a float64


def area_key(value: Any) -> Any:
    r"""The key an area id is compared by: text in Unicode NFC without surrounding spaces.

    ``"Xã A"`` typed in NFC and in NFD is one area. Numbers are kept as they are.

    >>> area_key("Xa\u0303 A") == area_key("X\u00e3 A ")
    True
    """
    return nfc(value) if isinstance(value, str) else value


@attrs.frozen
class Grouping:
    """Child rows factorised by parent key.

    Attributes:
        parents: The distinct parent keys, sorted (a tuple, or a numpy array).
        codes: Per row, the position of its parent in :attr:`parents` (list or numpy array).
        np: The numpy module on the numpy path, ``None`` on the pure-Python path.
        sizes: How many rows each parent has, when the grouping counted them on the way.
    """

    parents: Sequence[Any]
    codes: Sequence[int]
    np: Any = None
    sizes: Sequence[int] | None = None

    def __len__(self) -> int:
        return len(self.parents)


def _group_python(keys: Sequence[Any]) -> Grouping:
    kinds = set(map(type, keys))
    if kinds <= {int} or (kinds == {str} and canonical_texts(keys)):  # keys as they are: in C
        sizes = collections.Counter(keys)
        try:
            ordered = sorted(sizes)
        except TypeError:  # pragma: no cover - one type of key only
            raise InputError("parent ids must be all text or all numbers") from None
        index = dict(zip(ordered, range(len(ordered)), strict=True))
        codes = list(map(index.__getitem__, keys))
        return Grouping(tuple(ordered), codes, None, [sizes[k] for k in ordered])
    first: dict[Any, int] = {}
    codes = [first.setdefault(area_key(k), len(first)) for k in keys]
    try:
        ordered = sorted(first)
    except TypeError:
        raise InputError("parent ids must be all text or all numbers") from None
    rank = [0] * len(ordered)
    for position, key in enumerate(ordered):
        rank[first[key]] = position
    return Grouping(tuple(ordered), [rank[c] for c in codes])


def _group_numpy(np: Any, keys: Any) -> Grouping:
    if len(keys) and keys.dtype.kind in "iu":
        lo, hi = int(keys.min()), int(keys.max())
        if hi - lo <= 4 * len(keys) + 1024:  # codes such as commune numbers: count them directly
            offsets = (
                keys if lo == 0 and keys.dtype == np.intp else np.subtract(keys, lo, dtype=np.intp)
            )
            sizes = np.bincount(offsets, minlength=hi - lo + 1)
            if sizes.all():  # every number in the range is used: the offsets are the codes
                parents = np.arange(lo, hi + 1, dtype=keys.dtype)
                return Grouping(parents, offsets, np, sizes)
            present = sizes > 0
            rank = np.cumsum(present, dtype=np.intp) - 1
            parents = (np.flatnonzero(present) + lo).astype(keys.dtype)
            return Grouping(parents, rank[offsets], np, sizes[present])
    try:
        parents, codes = np.unique(keys, return_inverse=True)
    except TypeError:  # an object array mixing text and numbers
        raise InputError("parent ids must be all text or all numbers") from None
    codes = codes.reshape(-1)
    if parents.dtype.kind in "UO":  # one area whatever the Unicode form of its id
        canonical = [area_key(k) for k in parents.tolist()]
        if canonical != parents.tolist():
            merged = _group_python(canonical)
            remap = np.asarray(merged.codes, dtype=np.intp)
            return Grouping(np.asarray(merged.parents, dtype=parents.dtype), remap[codes], np)
    return Grouping(parents, codes, np)


def group(keys: Sequence[Any], np: Any = None) -> Grouping:
    """Factorise parent keys: sorted distinct keys and each row's group number.

    Args:
        keys: The parent key of each child row (text or integers; text compared in NFC).
        np: The numpy module for the vectorised path (``keys`` then an array), else ``None``.

    Raises:
        InputError: Keys mix text and numbers.
    """
    return _group_python(keys) if np is None else _group_numpy(np, keys)


@attrs.frozen
class Tally:
    """Per parent: how many children, in which state; whether the parent is complete."""

    children: Sequence[int]
    drug_free_children: Sequence[int]
    assessed_children: Sequence[int]
    rejected_children: Sequence[int]
    incomplete_children: Sequence[int]
    complete: Sequence[bool]


def tally(grouping: Grouping, states: Sequence[int]) -> Tally:
    """Count the children of every parent by state, in one pass over the rows.

    Args:
        grouping: The rows' grouping.
        states: Per row, one of :data:`FREE` ... :data:`INCOMPLETE` (a small-integer numpy array on
            the numpy path).
    """
    np, k = grouping.np, len(grouping)
    if np is None:
        by = [[0] * k for _ in range(_STATES)]
        for code, state in zip(grouping.codes, states, strict=True):
            by[state][code] += 1
        return tally_by(by)
    codes = np.asarray(grouping.codes)
    flat = np.bincount(codes * _STATES + np.asarray(states), minlength=_STATES * k)
    by = flat.reshape(k, _STATES).T
    missing = by[REJECTED] + by[INCOMPLETE]
    out = Tally(
        by.sum(axis=0),
        by[FREE],
        by[FREE] + by[NOT_FREE],
        by[REJECTED],
        by[INCOMPLETE],
        missing == 0,
    )
    return _frozen(np, out)


def tally_by(by: Sequence[Sequence[int]]) -> Tally:
    """:func:`tally` of children counted already, ``by[state][parent]`` (the pure-Python path)."""
    totals = tuple(map(sum, zip(*by, strict=True)))
    assessed = tuple(map(operator.add, by[FREE], by[NOT_FREE]))
    complete = tuple(r == 0 and i == 0 for r, i in zip(by[REJECTED], by[INCOMPLETE], strict=True))
    free, rejected, incomplete = tuple(by[FREE]), tuple(by[REJECTED]), tuple(by[INCOMPLETE])
    return Tally(totals, free, assessed, rejected, incomplete, complete)


def tally_flags(grouping: Grouping, free: Any, valid: Any) -> Tally:
    """:func:`tally` for a batch, from its drug-free and validity flags (no state column built).

    On the numpy path: one ``bincount`` of the rows, one of the drug-free rows, and one of the
    rejected rows unless every row is valid.
    """
    np, k = grouping.np, len(grouping)
    if np is None:
        codes = grouping.codes
        children = grouping.sizes
        if children is None:
            sizes = collections.Counter(codes)
            children = [sizes[i] for i in range(k)]
        free_children = tuple(count_where(grouping, free))
        lost: tuple[int, ...] = (0,) * k
        if not all(valid):
            lost = tuple(count_where(grouping, list(map(operator.not_, valid))))
        return Tally(
            tuple(children),
            free_children,
            tuple(map(operator.sub, children, lost)),
            lost,
            (0,) * k,
            tuple(r == 0 for r in lost),
        )
    codes = np.asarray(grouping.codes)
    children = np.bincount(codes, minlength=k) if grouping.sizes is None else grouping.sizes
    drug_free = count_where(grouping, free)
    valid = np.asarray(valid)
    rejected = np.zeros(k, np.intp) if valid.all() else count_where(grouping, ~valid)
    none = np.zeros(k, np.intp)
    return _frozen(
        np, Tally(children, drug_free, children - rejected, rejected, none, rejected == 0)
    )


def count_where(grouping: Grouping, flags: Sequence[bool]) -> Any:
    """Per parent, how many of its rows have their flag set: one pass, in C on both paths.

    >>> list(count_where(group(["b", "a", "b"]), [True, True, False]))
    [1, 1]
    """
    np, k = grouping.np, len(grouping)
    if np is None:
        counted = collections.Counter(itertools.compress(grouping.codes, flags))
        return [counted[i] for i in range(k)]
    counted = np.bincount(np.asarray(grouping.codes), weights=np.asarray(flags), minlength=k)
    return counted.astype(np.int64)  # whole numbers below 2**53: exact in the float weights


def _frozen(np: Any, t: Tally) -> Tally:
    fields = (t.children, t.drug_free_children, t.assessed_children, t.rejected_children)
    for value in (*fields, t.incomplete_children, t.complete):
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return t


def add_up(grouping: Grouping, column: Sequence[Amount], keep: Sequence[bool] | None = None) -> Any:
    """Exact per-parent sums of ``column`` over the rows where ``keep`` holds (all rows if None).

    On the numpy path the sums are ``int64`` when they fit, else Python integers (object array);
    a column of exact decimals (areas in m²) adds up exactly in an object array.
    """
    np, k = grouping.np, len(grouping)
    if np is None:
        listed: list[Amount] = [0] * k
        if keep is None:
            for code, value in zip(grouping.codes, column, strict=True):
                listed[code] += value
        else:
            for code, value, ok in zip(grouping.codes, column, keep, strict=True):
                if ok:
                    listed[code] += value
        return listed
    values = np.asarray(column)
    codes = np.asarray(grouping.codes)
    if keep is not None and not np.all(keep):
        values, codes = values[np.asarray(keep)], codes[np.asarray(keep)]
    top = int(values.max(initial=0)) * max(len(values), 1)
    if values.dtype != object and top < _EXACT_FLOAT:  # integer sums below 2**53: float64 exact
        sums = np.bincount(codes, weights=values, minlength=k).astype(np.int64)
    else:  # Python integers, or exact decimals (areas in m²): added as Python objects
        sums = np.zeros(k, dtype=object)
        np.add.at(sums, codes, values.astype(object))
        if int(max(sums, default=0)) <= MAX_COUNT and all(type(s) is int for s in sums):
            sums = sums.astype(np.int64)
    sums.flags.writeable = False
    return sums


def adds_up(name: str, vocabulary: Vocabulary = SHARED) -> bool:
    """Whether a parent's value of indicator ``name`` is the sum of its children's.

    Every count adds up. A yes/no fact does not: a parent has it when any of its children has it
    (:func:`any_child`), since it contains them (a province with a commune on a key route lies on
    that route; two such communes do not make "2"). ``vocabulary`` is the plan's.
    """
    return name not in vocabulary.flags


def any_child(grouping: Grouping, column: Sequence[Amount], keep: Sequence[bool] | None) -> Any:
    """Per parent, 1 when any of its children's yes/no ``column`` is 1 (where ``keep``), else 0."""
    sums = add_up(grouping, column, keep)
    if grouping.np is None:
        return [int(s > 0) for s in sums]
    out = (sums > 0).astype(grouping.np.int64)
    out.flags.writeable = False
    return out


def in_classes(grouping: Grouping, labels: Sequence[str | None], classes: Sequence[str]) -> Any:
    """Per parent, how many of its children's ``labels`` (their classes) are in ``classes``.

    Classes held as codes (:class:`ClassCodes`, from a batch) are matched as a set of codes,
    one pass, then counted per parent with one ``bincount``; names, with one ``map``.
    """
    if isinstance(labels, ClassCodes):
        return count_where(grouping, labels.within(classes))
    return count_where(grouping, list(map(frozenset(classes).__contains__, labels)))


def child_counts(
    grouping: Grouping,
    children: Sequence[int],
    labels: Sequence[str | None] | Callable[[Sequence[str]], Sequence[int]],
    levels: Sequence[Level | None],
    wanted: Container[str],
    vocabulary: Vocabulary = SHARED,
) -> dict[str, list[int | None]]:
    """The counts each parent takes from its children (see the module's rules), per indicator.

    Args:
        grouping: The rows' grouping.
        children: Per parent, how many children it has (:attr:`Tally.children`).
        labels: Per row, the child's class (``I``, ``II`` …), ``None`` when it has none; or,
            for children counted already, a function giving per parent how many of its
            children are of one of the classes it is given.
        levels: Per parent, the level of its children (``None``: unknown or mixed).
        wanted: The indicators the plan reads: only those are taken from the children.
        vocabulary: The plan's vocabulary, which declares them.

    Returns:
        Per indicator declared ``from_children`` that the plan reads, per parent, its count, or
        ``None`` where the parent's children are not at the declared level.

    >>> g = group(["P", "P", "P"])
    >>> child_counts(g, [3], ["I", None, "III"], [Level.COMMUNE], {"communes_class_1_2"})
    {'communes_class_1_2': [1]}
    """
    out: dict[str, list[int | None]] = {}
    for name, rule in vocabulary.child_counts.items():
        if name not in wanted or all(level is not rule.level for level in levels):
            continue
        if not rule.classes:
            column = children
        elif callable(labels):
            column = labels(rule.classes)
        else:
            column = in_classes(grouping, labels, rule.classes)
        out[name] = [
            int(n) if level is rule.level else None for n, level in zip(column, levels, strict=True)
        ]
    return out
