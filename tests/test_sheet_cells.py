"""Workbook cells that hold no value have codes of their own: ``spreadsheet_error`` (``#REF!``,
``#DIV/0!``, ``#N/A`` …) and ``formula_not_computed`` (a formula saved without its value), in
every column that is read (counts, areas, ids, levels, dates, periods of figures), on every
path (the table readers, both ``assess_many`` backends, the figures reader)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Literal

import openpyxl
import pytest

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from tests.test_xlsx_input import HEADER, inline, sheet_xml, with_sheet
from vn_drugfree_criteria.errors import RowError
from vn_drugfree_criteria.io import xlsx
from vn_drugfree_criteria.io.series import read_series
from vn_drugfree_criteria.io.tables import table_from_records
from vn_drugfree_criteria.io.xlsx import xlsx_items
from vn_drugfree_criteria.vocab.cells import read_cell, read_count, read_text
from vn_drugfree_criteria.vocab.sheet_cells import UNCOMPUTED, SheetError

DAY = datetime.date(2024, 6, 1)
CELLS = {"spreadsheet_error": SheetError("#DIV/0!"), "formula_not_computed": UNCOMPUTED}


@pytest.mark.parametrize("code", sorted(CELLS))
def test_the_policy_gives_each_its_code(code: str) -> None:
    cell = CELLS[code]
    assert read_count(cell) == (0, code)
    assert read_cell(cell, decimal=True) == (0, code)
    text, problem = read_text("id", cell)
    assert text is None
    assert problem is not None
    assert problem.code == code
    assert code in vdc.ERROR_CODES


@pytest.mark.parametrize("code", sorted(CELLS))
@pytest.mark.parametrize("field", ["households", "id", "level", "as_of"])
def test_every_read_column_rejects_its_row_with_the_code(code: str, field: str) -> None:
    record = {**village(id="A"), field: CELLS[code]}
    table = table_from_records(LAI_CHAU, [record], as_of=DAY)
    (row,) = table.rows
    assert code in row.codes
    assert row.errors[row.codes.index(code)].startswith(f"{field}: ")


def test_the_message_names_the_error_in_both_languages() -> None:
    record = {**village(id="A"), "households": SheetError("#N/A")}
    (row,) = table_from_records(LAI_CHAU, [record], as_of=DAY).rows
    assert row.errors == ("households: the spreadsheet shows the error #N/A in this cell",)
    (vi,) = row.messages("vi")
    assert vi.startswith("households: ")
    assert "#N/A" in vi
    assert vi != row.errors[0]


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_both_batch_backends_give_the_codes(backend: Literal["python", "numpy"]) -> None:
    columns: dict[str, list[object]] = {
        k: [v] * 3 for k, v in village().items() if k in vdc.INDICATORS
    }
    columns["households"] = [SheetError("#REF!"), UNCOMPUTED, 40]
    result = vdc.assess_many(LAI_CHAU, columns, backend=backend, as_of=DAY)
    codes = {e.row: e.codes for e in result.rejected}
    assert codes[1] == ("spreadsheet_error",)
    assert codes[2] == ("formula_not_computed",)


def _book(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    path = tmp_path / "figures.xlsx"
    book.save(path)
    return path


def test_figures_of_targets_get_the_codes(tmp_path: Path) -> None:
    path = _book(tmp_path, [["period", "addicts"], [2022, "=1+1"]])
    with pytest.raises(RowError) as caught:
        read_series(path)
    assert caught.value.codes == ("formula_not_computed",)
    path = _book(tmp_path, [["period", "addicts"], ["=2022", 3]])
    with pytest.raises(RowError) as caught:
        read_series(path)
    assert caught.value.codes == ("formula_not_computed",)


def _cells(rows: str) -> list[tuple[int | None, tuple[object, ...]]]:
    _, items = xlsx_items(with_sheet(sheet_xml(HEADER + rows)), "t.xlsx")
    return [(line, cells) for line, cells, _ in items]


def test_a_saved_value_is_the_value_and_a_missing_one_is_marked() -> None:
    """Formulas with a saved value read as it; without one (absent, ``<v/>``, empty, a shared
    formula's follower) they are marked; a cell with no formula stays blank."""
    rows = (
        '<row r="2">' + inline("A2", "a") + '<c r="B2"><f>20*2</f><v>40</v></c></row>'
        '<row r="3">' + inline("A3", "b") + '<c r="B3"><f>20*2</f></c></row>'
        '<row r="4">' + inline("A4", "c") + '<c r="B4"><f>20*2</f><v/></c></row>'
        '<row r="5">' + inline("A5", "d") + '<c r="B5"><f t="shared" si="0"/><v></v></c></row>'
        '<row r="6">' + inline("A6", "e") + '<c r="B6" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="7">' + inline("A7", "f") + '<c r="B7"/></row>'
    )
    assert _cells(rows) == [
        (2, ("a", 40)),
        (3, ("b", UNCOMPUTED)),
        (4, ("c", UNCOMPUTED)),
        (5, ("d", UNCOMPUTED)),
        (6, ("e", SheetError("#DIV/0!"))),
        (7, ("f",)),
    ]


def test_rows_and_cells_without_numbers_pair_as_openpyxl_reads_them() -> None:
    """Rows and cells without ``r`` count on from the previous; a row numbered below one already
    read is dropped by openpyxl's reader, and its formulas are not put on another row."""
    rows = (
        '<row r="3"><c t="inlineStr"><is><t>a</t></is></c><c><f>1</f></c></row>'
        "<row><c/><c/><c><f>1</f></c></row>"
        '<row r="2"><c t="inlineStr"><is><t>x</t></is></c><c><f>1</f></c></row>'
        '<row r="6">' + inline("A6", "b") + '<c r="C6"><f>1</f></c></row>'
    )
    assert _cells(rows) == [
        (3, ("a", UNCOMPUTED)),
        (4, (None, None, UNCOMPUTED)),
        (6, ("b", None, UNCOMPUTED)),
    ]


def test_a_prefixed_namespace_is_searched_too() -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>'
        '<x:c r="B2"><x:f>1+1</x:f></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    _, items = xlsx_items(with_sheet(sheet), "t.xlsx")
    assert [cells for _, cells, _ in items] == [("a", UNCOMPUTED)]


def test_the_formula_search_reads_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search for a formula element inflates the sheet a chunk at a time: an element cut
    between two chunks is still found."""
    filler = "".join(f'<row r="{n}">' + inline(f"A{n}", "z" * 40) + "</row>" for n in range(2, 60))
    rows = filler + '<row r="60">' + inline("A60", "a") + '<c r="B60"><f>1</f></c></row>'
    sheet = sheet_xml(HEADER + rows).encode()
    at = sheet.index(b"<f>")
    for size in range(at - 2, at + 3):
        monkeypatch.setattr(xlsx, "_CHUNK", size)
        assert xlsx._has_formula(io.BytesIO(sheet))
        monkeypatch.setattr(xlsx, "_CHUNK", 1 << 20)
        _, items = xlsx_items(with_sheet(sheet.decode()), "t.xlsx")
        assert items[-1][1] == ("a", UNCOMPUTED)
    assert not xlsx._has_formula(io.BytesIO(sheet_xml(HEADER + filler).encode()))


def test_a_sheet_without_formulas_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No formula element: the second pass never starts (its parser is never called)."""
    from openpyxl.xml import functions

    calls: list[object] = []
    real = functions.iterparse

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("events"))
        return real(*args, **kwargs)

    monkeypatch.setattr(functions, "iterparse", spy)
    _cells('<row r="2">' + inline("A2", "a") + "</row>")
    assert ("start", "end") not in calls
    _cells('<row r="2">' + inline("A2", "a") + '<c r="B2"><f>1</f></c></row>')
    assert ("start", "end") in calls


def _openpyxl_uncomputed(book: bytes) -> dict[int, tuple[int, ...]]:
    """The oracle: the cells openpyxl reads as a formula (``data_only=False``) and as blank
    (``data_only=True``), by sheet row; two whole readings of the workbook, fine for a test."""
    readings = []
    for data_only in (True, False):
        ws = openpyxl.load_workbook(io.BytesIO(book), read_only=True, data_only=data_only).active
        ws.reset_dimensions()
        readings.append(ws.iter_rows(min_row=1, max_row=xlsx.EXCEL_ROWS))
    out: dict[int, tuple[int, ...]] = {}
    for number, (values, formulas) in enumerate(zip(*readings, strict=True), 1):
        pairs = enumerate(zip(values, formulas, strict=True))
        found = tuple(i for i, (v, f) in pairs if v.value is None and f.data_type == "f")
        if found:
            out[number] = found
    return out


ODD_ROWS = [
    '<row r="2">' + inline("A2", "a") + '<c r="B2"><f>1+1</f></c></row>',
    "<row>" + '<c t="inlineStr"><is><t>b</t></is></c><c><f>2</f><v>3</v></c><c><f>2</f><v/></c>'
    "</row>",
    '<row r="6">' + inline("A6", "c") + '<c r="B6"><f t="shared" si="0"/></c></row>',
    '<row r="4">' + inline("A4", "d") + '<c r="C4"><f>9</f></c></row>',  # dropped by openpyxl
    '<row r="8.0"><c/><c><f>3</f></c></row>',
    '<row r="9">' + inline("A9", "e") + '<c r="B9" t="str"><f>"x"</f></c></row>',
]


@pytest.mark.parametrize("cut", range(len(ODD_ROWS) + 1))
def test_the_marks_are_the_cells_openpyxl_reads_as_formula_and_blank(cut: int) -> None:
    """The second pass finds exactly the cells openpyxl itself, read once for values and once
    for formulas, shows as a formula with no value (an independent oracle)."""
    book = with_sheet(sheet_xml(HEADER + "".join(ODD_ROWS[cut:] + ODD_ROWS[:cut])))
    _, items = xlsx_items(book, "t.xlsx")
    marked = {
        line: tuple(i for i, cell in enumerate(cells) if cell is UNCOMPUTED)
        for line, cells, _ in items
    }
    expected = _openpyxl_uncomputed(book)
    assert expected
    assert {k: v for k, v in marked.items() if v} == expected
