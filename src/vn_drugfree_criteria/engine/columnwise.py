"""Column-wise helpers of the roll-up that need no grouping: lazy sums, shares, id checks.

Split from :mod:`vn_drugfree_criteria.engine.grouping`, which re-exports them.

>>> reaches([5, 4], (6, 6), Fraction(5, 6))
[True, False]
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.engine.columns import MAX_COUNT
from vn_drugfree_criteria.vocab.decimals import Amount

__all__ = ["LazySums", "canonical_texts", "reaches"]


def canonical_texts(texts: Sequence[str]) -> bool:
    """Whether every text is already its own :func:`area_key` (NFC, no surrounding space).

    One check over all of them at once, in C: the texts joined by NUL (a starter that never
    composes, so the join is NFC exactly when each text is).
    """
    joined = "\x00".join(texts)
    return unicodedata.is_normalized("NFC", joined) and _EDGE_SPACE.search(joined) is None


_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")


class LazySums(Mapping[str, Sequence[Amount]]):
    """Indicator name to per-parent sums, each computed the first time it is read."""

    __slots__ = ("_cache", "_compute", "_names")

    def __init__(self, names: Sequence[str], compute: Callable[[str], Sequence[Amount]]) -> None:
        self._names = tuple(names)
        self._compute = compute
        self._cache: dict[str, Sequence[Amount]] = {}

    def __getitem__(self, name: str) -> Sequence[Amount]:
        if name not in self._cache:
            if name not in self._names:
                raise KeyError(name)
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"LazySums({list(self._names)!r})"


def reaches(
    free: Any, children: Any, target: Fraction, *, strict: bool = False, np: Any = None
) -> Any:
    """Whether ``free / children`` reaches ``target`` (``>`` when strict), exactly.

    Works on Python integers, element-wise on lists or tuples of them (a list of verdicts), or
    element-wise on numpy arrays (``np`` given), where products that could overflow ``int64``
    are taken on Python integers.

    >>> reaches(5, 6, Fraction(83, 100)), reaches(5, 6, Fraction(5, 6), strict=True)
    (True, False)
    >>> reaches([5, 4], (6, 6), Fraction(5, 6))
    [True, False]
    """
    p, q = target.numerator, target.denominator
    cmp = operator.gt if strict else operator.ge
    if isinstance(free, list | tuple):  # columns of Python integers: one pass in C
        over = map(operator.mul, free, itertools.repeat(q))
        return list(map(cmp, over, map(operator.mul, children, itertools.repeat(p))))
    if np is not None and int(np.max(children, initial=0)) * max(p, q) > MAX_COUNT:
        free, children = np.asarray(free).astype(object), np.asarray(children).astype(object)
    return cmp(free * q, children * p)
