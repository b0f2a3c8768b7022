"""A refused row of programme figures (``targets``) is named as a rejected row of ``assess`` is:
its data row and, in a CSV file or a workbook, the line where it starts (the row a spreadsheet
shows), in every output format and both languages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.errors import RowError
from vn_drugfree_criteria.io.series import read_series, series_from_rows
from vn_drugfree_criteria.vocab.labels import say

PLAN = "lai-chau-city-2024"
# A header, a good row, a blank line, a row whose period spans two lines, then the bad row.
CSV_LINES = [
    "period,addicts,managed_addicts",
    "2022,10,5",
    "",
    '"phase',
    '2",10,5',
    "2023,x,20",
]
BAD_ROW = 3  # data rows: 2022, phase 2, 2023
BAD_LINE = len(CSV_LINES)  # the last line of the file


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(CSV_LINES) + "\n", encoding="utf-8")
    return path


def test_the_error_carries_the_line(tmp_path: Path) -> None:
    with pytest.raises(RowError) as caught:
        read_series(_csv(tmp_path))
    error = caught.value
    assert (error.row, error.line) == (BAD_ROW, BAD_LINE)
    assert error.codes == ("not_whole_number",)


def test_the_line_is_the_one_assess_gives_the_same_layout(tmp_path: Path) -> None:
    """The same physical layout as a table of areas: ``assess`` names the same line."""
    example = vdc.example_table(PLAN)
    columns, cells = list(example.columns), list(example.rows[0].cells)
    at, households = columns.index("id"), columns.index("households")
    rows = [
        columns,
        [*cells[:at], "A", *cells[at + 1 :]],
        [],
        [*cells[:at], "B\nC", *cells[at + 1 :]],
    ]
    bad = [*cells[:at], "D", *cells[at + 1 :]]
    bad[households] = "x"
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([*rows, bad])
    path = tmp_path / "areas.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    assert text.getvalue().count("\n") == BAD_LINE
    (rejected,) = [r for r in vdc.read_table(PLAN, path).rows if not r.ok]
    assert (rejected.row, rejected.line) == (BAD_ROW, BAD_LINE)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_output_format_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = _csv(tmp_path)
    assert main(["targets", PLAN, str(path), "--format", fmt, "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    where = say("assess.row_line", "en", row=BAD_ROW, line=BAD_LINE)
    assert (out, err.count("\n")) == ("", 1)
    assert f"error: {where}: addicts: not a whole number ('x')" in err
    assert main(["targets", PLAN, str(path), "--format", fmt, "--lang", "vi"]) == 2
    where_vi = say("assess.row_line", "vi", row=BAD_ROW, line=BAD_LINE)
    assert f"lỗi: {where_vi}: addicts: " in capsys.readouterr().err


def test_a_workbook_names_the_row_the_sheet_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in (["period", "addicts"], [2022, 10], [], [2023, -1]):
        ws.append(row)
    path = tmp_path / "figures.xlsx"
    book.save(path)
    with pytest.raises(RowError) as caught:
        read_series(path)
    assert (caught.value.row, caught.value.line) == (2, 4)  # the header is sheet row 1
    assert main(["targets", PLAN, str(path), "--lang", "en"]) == 2
    assert "row 2, line 4 of the file: addicts: must not be negative" in capsys.readouterr().err


def test_json_and_records_have_no_line(tmp_path: Path) -> None:
    path = tmp_path / "figures.json"
    path.write_text(json.dumps([{"period": "2022", "addicts": "x"}]), encoding="utf-8")
    for read in (lambda: read_series(path), lambda: series_from_rows([{"period": 2022, "x": 1}])):
        with pytest.raises(RowError) as caught:
            read()
        assert caught.value.line is None
        assert str(caught.value).startswith("row 1: ")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_row_error_words_its_place_as_assess_does(lang: str) -> None:
    error = RowError(2, None, ["a: b"], ["invalid"], ["a: b"], line=7)
    message = str(error) if lang == "en" else error.message_vi
    assert message == f"{say('assess.row_line', lang, row=2, line=7)}: a: b"
