"""Shared hypothesis strategies."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import strategies as st

from vn_drugfree_criteria._outline import LETTERS

wholes = st.integers(min_value=0, max_value=2000)
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)
rates = st.fractions(min_value=0, max_value=Fraction(1, 2), max_denominator=1000)
counts = st.integers(min_value=0, max_value=100_000)
positive_counts = st.integers(min_value=1, max_value=100_000)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
months = st.integers(min_value=0, max_value=120)


@st.composite
def outlines(draw: st.DrawFn) -> list[str]:
    """A correctly numbered document outline: Roman sections, Arabic items, lettered sub-items."""
    lines: list[str] = []
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    for roman in romans[: draw(st.integers(1, len(romans)))]:
        lines.append(f"{roman}. PHẦN")
        for number in range(1, draw(st.integers(0, 16)) + 1):
            lines.append(f"{number}. Mục")
            for letter in LETTERS[: draw(st.integers(0, 9))]:
                lines.append(f"{letter}) ý")
            if draw(st.booleans()):
                lines.append("- nội dung không đánh số")
    return lines
