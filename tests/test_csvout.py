"""Spreadsheet safety of CSV output (issue 5 item 4)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vn_drugfree_criteria.io.csvout import (
    FORMULA_STARTS,
    csv_line,
    executes_as_formula,
    safe_cell,
    write_csv,
)


class TestSafeCell:
    """A cell starting with =, +, -, @, tab or carriage return is neutralised, its text kept."""

    @given(st.sampled_from(FORMULA_STARTS), st.text())
    def test_formula_cells_are_quoted_and_keep_their_text(self, first: str, rest: str) -> None:
        cell = safe_cell(first + rest)
        assert cell == "'" + first + rest
        assert not cell.startswith(FORMULA_STARTS)

    @given(st.text())
    def test_other_cells_are_unchanged(self, text: str) -> None:
        """A cell is changed only when a spreadsheet would execute it, and then only prefixed."""
        if not executes_as_formula(text):
            assert safe_cell(text) == text
        else:
            assert safe_cell(text) == "'" + text
        assert not executes_as_formula(safe_cell(text))

    @pytest.mark.parametrize(
        "text",
        [
            "=cmd|' /C calc'!A0",
            " =1+1",
            "\u00a0=1+1",
            "\u200b=1+1",
            "\ufeff=1+1",
            "\x0b=1+1",
            "\x0c@SUM(A1)",
            "\n-1",
            "\uff1d1+1",
            "\uff0b1",
            "\uff0d1",
            "\uff20SUM(A1)",
            "  \u2060\u3000+1",
        ],
    )
    def test_what_a_spreadsheet_skips_does_not_hide_a_formula(self, text: str) -> None:
        assert executes_as_formula(text)
        assert safe_cell(text) == "'" + text

    @pytest.mark.parametrize("text", ["TDP-01", "Xã A", " 12", "a=b", "", "  "])
    def test_plain_cells_stay_as_they_are(self, text: str) -> None:
        assert safe_cell(text) == text


class TestCsvLine:
    """Every record reads back as the same cells; no cell can start a row of its own."""

    @given(st.lists(st.text(), min_size=1, max_size=6))
    def test_a_record_reads_back_as_its_cells(self, cells: list[str]) -> None:
        """RFC 4180: whatever a cell holds (CR, LF, quotes, commas), the record is one row."""
        text = csv_line(cells)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows == [cells]

    def test_a_bare_carriage_return_is_quoted(self) -> None:
        line = csv_line(["A", "x\r=cmd|' /C calc'!A0"])
        assert line == "A,\"x\r=cmd|' /C calc'!A0\"\n"
        out = io.StringIO()
        write_csv([["id"], ["\r=cmd|' /C calc'!A0"]], out)
        assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
            ["id"],
            ["'\r=cmd|' /C calc'!A0"],
        ]
