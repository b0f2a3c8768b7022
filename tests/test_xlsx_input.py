"""Excel workbooks as input: typed cells through the one input policy, hostile workbooks refused."""

from __future__ import annotations

import builtins
import datetime
import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.errors import MissingExtraError, TableError
from vn_drugfree_criteria.io.xlsx import xlsx_items


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def workbook(path: Path, rows: list[list[object]], **sheets: list[list[object]]) -> Path:
    """A workbook whose first sheet holds ``rows`` (a header first), and other named sheets."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Bảng"
    for row in rows:
        ws.append(row)
    for name, other in sheets.items():
        extra = book.create_sheet(name)
        for row in other:
            extra.append(row)
    book.save(path)
    return path


def typed_rows() -> list[list[object]]:
    """Rows as Excel types them: numbers, a date cell, text; one of each refused form."""
    columns = list(village())
    rows: list[list[object]] = [columns]
    cells: list[dict[str, object]] = [
        village(id="TDP-01", as_of=datetime.datetime(2024, 3, 31)),  # a date-formatted cell
        village(id=17, households=40.0, households_committed=40),  # numbers as Excel stores them
        village(id="TDP-03", households=True),  # TRUE is not a count
        village(id="TDP-04", households="#REF!"),  # replaced below by an error cell
        village(id="TDP-05", households=40.5),
    ]
    rows += [[c[k] for k in columns] for c in cells]
    return rows


def with_error_cell(path: Path) -> Path:
    """Make the ``#REF!`` text of the workbook an error cell, as Excel writes one."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "#REF!":
                cell.data_type = "e"
    book.save(path)
    return path


def test_typed_cells_go_through_the_one_input_policy(tmp_path: Path) -> None:
    path = with_error_cell(workbook(tmp_path / "areas.xlsx", typed_rows()))
    table = vdc.read_table(LAI_CHAU, path)
    assert [r.area_id for r in table.areas] == ["TDP-01", "17"]
    assert table.areas[0].snapshot is not None
    assert table.areas[0].snapshot.as_of == datetime.date(2024, 3, 31)
    assert table.areas[1].snapshot is not None
    assert table.areas[1].snapshot["households"] == 40
    rejected = {r.area_id: r for r in table.rejected}
    assert rejected["TDP-03"].codes == ("boolean",)
    assert rejected["TDP-04"].codes == ("spreadsheet_error",)
    assert rejected["TDP-04"].errors == (
        "households: the spreadsheet shows the error #REF! in this cell",
    )
    assert rejected["TDP-05"].codes == ("not_whole_number",)
    # line: the row number Excel shows (the header is row 1); row: the data row
    assert [(r.row, r.line) for r in table.rows] == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]
    assert table.rows[0].cells[list(table.columns).index("as_of")] == "2024-03-31"
    assert table.rows[3].cells[list(table.columns).index("households")] == "#REF!"


def test_the_same_rows_as_csv_and_as_xlsx_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A workbook and the CSV of the same cells give the same assessment."""
    rows = [
        list(village()),
        *[list(village(id=f"TDP-{i}", hotspots=i % 2).values()) for i in range(4)],
    ]
    csv_path = tmp_path / "areas.csv"
    csv_path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    xlsx_path = workbook(tmp_path / "areas.xlsx", rows)
    outs = []
    for path in (csv_path, xlsx_path):
        code, out, _ = run(capsys, "assess", LAI_CHAU, str(path), "--format", "json")
        assert code == 0
        outs.append(json.loads(out))
    assert outs[0]["areas"] == outs[1]["areas"]
    assert sum(a["drug_free"] for a in outs[1]["areas"]) == 2


def test_blank_rows_are_skipped_and_lines_stay_the_sheets(tmp_path: Path) -> None:
    rows: list[list[object]] = [list(village()), [], list(village(id="B").values())]
    table = vdc.read_table(LAI_CHAU, workbook(tmp_path / "gap.xlsx", rows))
    assert [(r.row, r.line, r.area_id) for r in table.rows] == [(1, 3, "B")]


def test_several_sheets_need_one_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "two.xlsx", [list(village()), list(village().values())], Ghi_chú=[["x"]]
    )
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert (code, out) == (2, "")
    assert "the workbook has 2 sheets ('Bảng', 'Ghi_chú'); name one with --sheet" in err
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(path), "--sheet", "Bảng", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["areas"]) == 1
    code, _, err = run(capsys, "assess", LAI_CHAU, str(path), "--sheet", "Sheet9")
    assert code == 2
    assert "no sheet 'Sheet9' in the workbook" in err


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,households\nA,1\n", "not an .xlsx workbook (not a zip archive)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "an old .xls workbook or a password"),
        (b"PK\x03\x04 broken", "not a readable .xlsx workbook"),
        (zip_bytes({"hello.txt": b"hi"}), "not a readable .xlsx workbook"),
        (b"", "not an .xlsx workbook"),
    ],
)
def test_not_a_workbook_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


def test_xls_name_is_read_as_a_workbook_and_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    code, _, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert code == 2
    assert "save it from Excel as 'Excel Workbook (*.xlsx)'" in err


def test_decompression_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    """A part that inflates past the byte limit is refused from the archive's directory."""
    bomb = zip_bytes({"xl/worksheets/sheet1.xml": b" " * (8 << 20)})
    assert len(bomb) < 20_000
    started = time.perf_counter()
    with pytest.raises(TableError, match="uncompressed, more than 1000000; raise the limit"):
        xlsx_items(bomb, "bomb.xlsx", max_bytes=1_000_000)
    assert time.perf_counter() - started < 1


def test_row_limit_is_checked_while_streaming(tmp_path: Path) -> None:
    rows = [list(village()), *[list(village(id=f"A{i}").values()) for i in range(30)]]
    path = workbook(tmp_path / "many.xlsx", rows)
    with pytest.raises(TableError, match="more than 10 rows"):
        vdc.read_table(LAI_CHAU, path, max_rows=10)


def test_far_cells_cost_no_hang_and_extra_cells_reject_the_row(tmp_path: Path) -> None:
    """A cell in Excel's last column and one far down are read in bounded time."""
    path = workbook(tmp_path / "far.xlsx", [list(village()), list(village().values())])
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    ws["XFD2"] = "stray"
    ws.cell(row=1048576, column=list(village()).index("id") + 1, value="last")
    book.save(path)
    started = time.perf_counter()
    table = vdc.read_table(LAI_CHAU, path)
    assert time.perf_counter() - started < 30
    first, last = table.rows
    assert first.error_codes == ("extra_cells",)
    assert "has 16384 cells but the header has" in first.errors[0]
    assert (last.row, last.line, last.area_id) == (2, 1048576, "last")


def test_a_formula_never_computed_is_not_a_blank_cell(tmp_path: Path) -> None:
    """A formula never computed and saved (as openpyxl writes it) rejects its row with its own
    code, telling to open and save the workbook; a truly blank cell is still ``missing``."""
    rows = [
        list(village()),
        list(village(id="F", households="=40").values()),
        list(village(id="B", households=None, households_committed=None).values()),
    ]
    table = vdc.read_table(LAI_CHAU, workbook(tmp_path / "f.xlsx", rows))
    formula, blank = table.rejected
    assert (formula.area_id, formula.codes) == ("F", ("formula_not_computed",))
    assert formula.errors[0].startswith("households: a formula whose value was never computed")
    assert "open the workbook in a spreadsheet program and save it" in formula.errors[0]
    assert blank.errors[0] == "households: missing (blank cell); criterion C6 needs it"
    at = list(table.columns).index("households")
    assert table.rows[0].cells[at] == ""  # nothing to carry through


def test_stdin_and_input_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = workbook(tmp_path / "areas.bin", [list(village()), list(village().values())])
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert code == 2  # read as CSV by its name: the bytes are not text
    assert "not valid UTF-8" in err
    code, out, _ = run(
        capsys, "assess", LAI_CHAU, str(path), "--input-format", "xlsx", "--format", "json"
    )
    assert code == 0
    assert len(json.loads(out)["areas"]) == 1
    table = vdc.parse_table(LAI_CHAU, path.read_bytes(), format="xlsx")
    assert len(table.areas) == 1
    with pytest.raises(TableError, match="a workbook is bytes"):
        vdc.parse_table(LAI_CHAU, "id", format="xlsx")


def test_targets_read_a_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = workbook(tmp_path / "figures.xlsx", [["period", "rings_dismantled"], [2022, 11]])
    code, out, _ = run(capsys, "targets", "thanh-hoa-151-2022", str(path), "--format", "csv")
    assert code == 0
    assert "1b,1,count,2022,met" in out


def test_without_the_excel_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    path = workbook(tmp_path / "areas.xlsx", [list(village()), list(village().values())])
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(MissingExtraError, match=r"pip install .*openpyxl.*\[excel\]"):
        vdc.read_table(LAI_CHAU, path)


def test_table_output_names_the_row_a_spreadsheet_shows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = with_error_cell(workbook(tmp_path / "areas.xlsx", typed_rows()))
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(path), "--lang", "en")
    assert code == 1
    assert "REJECTED (row 4, line 5 of the file)" in out
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(path))
    assert "BỊ TỪ CHỐI (dòng dữ liệu 4, dòng 5 của tệp)" in out
    json_path = tmp_path / "areas.json"
    json_path.write_text(json.dumps([village(id="J", households=-1)]), encoding="utf-8")
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(json_path), "--lang", "en")
    assert "REJECTED (row 1)" in out


def test_assess_writes_a_safe_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Counts as numbers, text through the formula neutraliser, every row (rejected too) kept."""
    rows = [
        list(village()),
        list(village(id='=HYPERLINK("http://x")').values()),
        list(village(id="B", hotspots=-1).values()),
    ]
    source = tmp_path / "in.csv"
    source.write_text("\n".join(";".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    for extra in ((), ("--rollup",)):
        code, text, _ = run(
            capsys, "assess", LAI_CHAU, str(source), "--format", "xlsx", "--out", str(out), *extra
        )
        assert (code, text) == (1, "")
        ws = openpyxl.load_workbook(out).active
        assert ws is not None
        assert ws.title == "Kết quả"
        got = [[c.value for c in row] for row in ws.iter_rows()]
        header = got[0]
        assert header[-3:] == ["shortfalls", "errors", "error_codes"]
        assert got[1][header.index("id")] == '\'=HYPERLINK("http://x")'
        assert got[1][header.index("households")] == 40
        assert got[1][header.index("drug_free")] == "true"
        assert got[2][header.index("error_codes")] == "negative"
        assert got[2][header.index("hotspots")] == "'-1"  # not a count: text, and neutralised
        assert len(got) == 3


def test_assess_out_and_terminals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    code, text, _ = run(
        capsys, "assess", LAI_CHAU, "--example", "--format", "json", "--out", str(out)
    )
    assert (code, text) == (0, "")
    assert len(json.loads(out.read_text(encoding="utf-8"))["areas"]) == 72
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, text, err = run(capsys, "assess", LAI_CHAU, "--example", "--format", "xlsx")
    assert (code, text) == (2, "")
    assert "give --out FILE" in err


def with_sheet(sheet: str) -> bytes:
    """A valid workbook whose worksheet part is ``sheet`` (as the fuzz harness builds it)."""
    source = io.BytesIO()
    book = openpyxl.Workbook()
    book.save(source)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source.getvalue())) as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        for info in src.infolist():
            part = "xl/worksheets/sheet1.xml"
            dst.writestr(info.filename, sheet if info.filename == part else src.read(info))
    return out.getvalue()


def sheet_xml(rows: str) -> str:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>'


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = '<row r="1">' + inline("A1", "id") + inline("B1", "households") + "</row>"


@pytest.mark.parametrize(
    "sheet",
    [
        "<worksheet><sheetData><row>",  # not well-formed
        sheet_xml(HEADER + '<row r="2">' + inline("ZZZZZ2", "x") + "</row>"),  # no such column
        sheet_xml(HEADER + '<row r="2"><c r="A2" t="d"><v>not a date</v></c></row>'),
        '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + sheet_xml(HEADER + '<row r="2">' + inline("A2", "&b;") + "</row>"),  # entities
    ],
)
def test_hostile_sheet_content_is_one_table_error(sheet: str) -> None:
    with pytest.raises(TableError, match=r"not a readable \.xlsx workbook"):
        vdc.parse_table(LAI_CHAU, with_sheet(sheet), format="xlsx", as_of=datetime.date(2024, 6, 1))


def test_error_and_out_of_range_cells_reject_their_rows() -> None:
    rows = (
        HEADER
        + '<row r="2">'
        + inline("A2", "X")
        + '<c r="B2" t="e"><v>#N/A</v></c></row>'
        + '<row r="99999999999">'
        + inline("A99999999999", "beyond")
        + "</row>"
    )
    started = time.perf_counter()
    header, items = xlsx_items(with_sheet(sheet_xml(rows)), "t.xlsx")
    assert time.perf_counter() - started < 30
    assert header == ("id", "households")
    assert [(line, cells) for line, cells, _ in items] == [(2, ("X", items[0][1][1]))]
    assert repr(items[0][1][1]) == "the spreadsheet error #N/A"
