"""Spreadsheet safety of CSV output (issue 5 item 4)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vn_drugfree_criteria.io.csvout import FORMULA_STARTS, safe_cell


class TestSafeCell:
    """A cell starting with =, +, -, @, tab or carriage return is neutralised, its text kept."""

    @given(st.sampled_from(FORMULA_STARTS), st.text())
    def test_formula_cells_are_quoted_and_keep_their_text(self, first: str, rest: str) -> None:
        cell = safe_cell(first + rest)
        assert cell == "'" + first + rest
        assert not cell.startswith(FORMULA_STARTS)

    @given(st.text())
    def test_other_cells_are_unchanged(self, text: str) -> None:
        if not text.startswith(FORMULA_STARTS):
            assert safe_cell(text) == text
        else:
            assert safe_cell(text)[1:] == text
