"""Spreadsheet safety of CSV output (issue 5 item 4)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vn_drugfree_criteria.io.csvout import (
    FORMULA_STARTS,
    _comma_cells,
    _comma_lines,
    _comma_results,
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


_CELLS = st.one_of(
    st.sampled_from(["", "0", "12", "TDP-01", "thôn", "2024-03-31", "a,b", 'x"y', "=1+1", "-3"]),
    st.sampled_from(["@A", " =1", "\ta", "line\nbreak", "\r", "＝1", "a\u00a0", ",", "'"]),
    st.text(max_size=6),
)


@given(st.integers(1, 5).flatmap(lambda w: st.lists(st.lists(_CELLS, min_size=w, max_size=w))))
def test_lines_of_a_chunk_are_each_rows_own_line(rows: list[list[str]]) -> None:
    """Law (spreadsheet safety, quoting): the lines of many rows looked at together are the
    lines each row gets alone, and each reads back as its row with formulas neutralised."""
    lines = _comma_lines(rows)
    assert lines == [_comma_cells(row) for row in rows]
    for row, line in zip(rows, lines, strict=True):
        read = list(csv.reader(io.StringIO(line, newline="")))
        assert read == ([] if row == [""] else [[safe_cell(c) for c in row]])


@given(st.lists(_CELLS, min_size=4, max_size=4))
def test_result_cells_are_quoted_as_any_cells(cells: list[str]) -> None:
    """Law (one quoting rule): an assessed row's result cells get the text any cells get."""
    results = ["true", "false", "", *cells[:1], *cells[1:]]
    assert _comma_results(results) == _comma_cells(results)
