"""Shared hypothesis strategies for the domain: counts, snapshots, plans' indicators."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from hypothesis import strategies as st

from vn_drugfree_criteria import INDICATORS

WHOLES = {name: ind.whole for name, ind in INDICATORS.items() if ind.whole is not None}


def _depth(name: str) -> int:
    d = 0
    while name in WHOLES:
        name = WHOLES[name]
        d += 1
    return d


# Wholes before parts, so each part can be drawn below its whole.
ORDERED = sorted(INDICATORS, key=_depth)


@st.composite
def valid_counts(
    draw: st.DrawFn, names: Iterable[str] | None = None, max_value: int = 30
) -> dict[str, int]:
    """Valid counts for ``names`` (and the wholes they need): parts never exceed their wholes."""
    wanted = set(names if names is not None else INDICATORS)
    closure = set(wanted)
    for start in wanted:
        name = start
        while name in WHOLES:
            name = WHOLES[name]
            closure.add(name)
    counts: dict[str, int] = {}
    for name in ORDERED:
        if name not in closure:
            continue
        whole = WHOLES.get(name)
        upper = counts[whole] if whole is not None else max_value
        counts[name] = draw(st.integers(0, upper))
    return counts


def dates(
    start: datetime.date = datetime.date(2023, 1, 1),
    end: datetime.date = datetime.date(2026, 12, 31),
) -> st.SearchStrategy[datetime.date]:
    """Dates around the plans' lifetimes and the 2025 reform."""
    return st.dates(min_value=start, max_value=end)
