"""Shared hypothesis strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from vn_drugfree_criteria._outline import LETTERS


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
