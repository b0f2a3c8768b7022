"""Shared hypothesis strategies: counts of areas, messy table cells, small trees of areas."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from vn_drugfree_criteria import INDICATORS

WHOLES = {name: ind.whole for name, ind in INDICATORS.items()}


@st.composite
def area_counts(draw: st.DrawFn, names: tuple[str, ...], top: int = 4) -> dict[str, int]:
    """Valid counts of one area for ``names``: every part within its whole.

    Small values make every requirement both pass and fail often (0 wholes included, so vacuous
    passes are exercised).
    """
    counts: dict[str, int] = {}
    for name in sorted(names, key=_depth):
        whole = WHOLES[name]
        if whole is not None and whole in names:
            counts[name] = draw(st.integers(0, counts[whole]))
        else:
            counts[name] = draw(st.integers(0, top))
    return counts


def _depth(name: str) -> int:
    depth = 0
    while WHOLES[name] is not None:
        name = WHOLES[name]  # type: ignore[assignment]
        depth += 1
    return depth


def rows_to_columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Turn a list of row dicts into columns."""
    return {name: [row[name] for row in rows] for name in names}


MESSY_CELLS = st.one_of(
    st.integers(0, 5),
    st.integers(0, 5),
    st.integers(0, 5),
    st.sampled_from([None, -1, 2.5, 3.0, "3", True, float("nan"), float("inf"), 2**63, 2**64]),
)
"""Cells as spreadsheets and notebooks deliver them: mostly counts, sometimes anything."""

SHARES = st.fractions(min_value=0, max_value=1, max_denominator=1000).map(Fraction)
"""Exact shares from 0 to 1."""


@st.composite
def parent_assignment(draw: st.DrawFn, n: int) -> list[str]:
    """A parent id for each of ``n`` rows, from a few parents (``"P0"``, ``"P1"``, ...)."""
    k = draw(st.integers(1, max(1, min(n, 5))))
    return [f"P{draw(st.integers(0, k - 1))}" for _ in range(n)]
