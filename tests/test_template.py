"""``vn-drugfree template``: start a table from the plan's columns, fill it, assess it."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import openpyxl
import pytest

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.csvout import executes_as_formula
from vn_drugfree_criteria.io.template import is_labels_row, template_columns, template_rows
from vn_drugfree_criteria.io.xlsxout import xlsx_bytes

AREA_PLANS = [p for p in vdc.list_plans() if vdc.get_plan(p).all_criteria]
FIGURE_PLANS = [p for p in vdc.list_plans() if vdc.get_plan(p).targets]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def filled_rows(plan_id: str) -> list[dict[str, object]]:
    """One valid row per level the plan covers, every count 0, dated inside the plan."""
    plan = vdc.get_plan(plan_id)
    day = plan.scope.valid_from or datetime.date(2025, 1, 1)
    if plan.scope.valid_to is not None:
        day = min(day, plan.scope.valid_to)
    return [
        {"id": f"A{i}", "level": level.value, "as_of": day}
        for i, level in enumerate(sorted(plan.scope.levels, key=lambda lv: lv.value))
    ]


def csv_cells(header: tuple[str, ...], row: dict[str, object], sep: str) -> str:
    return sep.join(str(row[c]) if c in row else ("" if c == "parent_id" else "0") for c in header)


def template_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan_id: str, fmt: str, *options: str
) -> Path:
    path = tmp_path / f"template.{fmt}"
    code, out, err = run(capsys, "template", plan_id, "--format", fmt, "--out", str(path), *options)
    assert (code, out, err) == (0, "", "")
    return path


def assess_json(capsys: pytest.CaptureFixture[str], plan_id: str, path: Path) -> dict[str, object]:
    code, out, err = run(capsys, "assess", plan_id, str(path), "--format", "json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


@pytest.mark.parametrize("plan_id", AREA_PLANS)
@pytest.mark.parametrize(
    ("sep", "newline"), [(",", "\n"), (";", "\r\n")], ids=["comma", "excel-vietnam"]
)
def test_csv_template_filled_is_assessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan_id: str, sep: str, newline: str
) -> None:
    """Template → rows typed under the labels → every row assessed, none rejected."""
    path = template_file(capsys, tmp_path, plan_id, "csv", "--delimiter", sep)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header_line, labels_line = raw.decode("utf-8-sig").splitlines()
    header = tuple(header_line.split(sep))
    rows = filled_rows(plan_id)
    lines = [header_line, labels_line, *(csv_cells(header, r, sep) for r in rows)]
    path.write_bytes(b"\xef\xbb\xbf" + newline.join(lines).encode("utf-8") + newline.encode())
    data = assess_json(capsys, plan_id, path)
    assert data["rejected"] == []
    table = vdc.read_table(plan_id, path)
    assert [(r.area_id, r.row, r.line) for r in table.rows] == [
        (r["id"], n, n + 2) for n, r in enumerate(rows, 1)
    ]


@pytest.mark.parametrize("plan_id", AREA_PLANS)
def test_xlsx_template_filled_is_assessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan_id: str
) -> None:
    """The workbook template, filled in Excel's types (numbers, date cells), is assessed."""
    path = template_file(capsys, tmp_path, plan_id, "xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    header = tuple(str(c.value) for c in ws[1])
    assert header == template_columns(plan_id)
    assert [c.value for c in ws[2]] == list(template_rows(plan_id)[1])
    assert ws[1][0].font.bold
    assert ws.freeze_panes == "A3"
    rows = filled_rows(plan_id)
    for r in rows:
        ws.append([r.get(c, None if c == "parent_id" else 0) for c in header])
    book.save(path)
    data = assess_json(capsys, plan_id, path)
    assert data["rejected"] == []
    table = vdc.read_table(plan_id, path)
    assert [(r.row, r.line) for r in table.rows] == [(n, n + 2) for n in range(1, len(rows) + 1)]


@pytest.mark.parametrize("plan_id", FIGURE_PLANS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_figures_template_filled_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan_id: str, fmt: str
) -> None:
    path = template_file(capsys, tmp_path, plan_id, fmt, "--figures")
    header, _ = template_rows(plan_id, figures=True)
    assert header[0] == "period"
    if fmt == "csv":
        with path.open("a", encoding="utf-8", newline="") as f:
            f.write("2024," + ",".join("0" for _ in header[1:]) + "\n")
    else:
        book = openpyxl.load_workbook(path)
        ws = book.active
        assert ws is not None
        ws.append([2024, *[0 for _ in header[1:]]])
        book.save(path)
    series = vdc.read_series(path)
    assert [r.period for r in series.rows] == ["2024"]
    assert set(series.rows[0].figures) == set(header[1:])
    code, _, err = run(capsys, "targets", plan_id, str(path))
    assert code == 0, err


def test_template_refuses_what_the_plan_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "template", "thanh-hoa-151-2022")
    assert code == 2
    assert "sets no recognition criteria" in err
    assert "(--figures)" in err
    code, _, err = run(capsys, "template", "lao-cai-414-2023", "--figures")
    assert code == 2
    assert "sets no targets" in err


def test_xlsx_never_goes_to_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, err = run(capsys, "template", LAI_CHAU, "--format", "xlsx")
    assert (code, out) == (2, "")
    assert "give --out FILE" in err


def test_template_columns_hold_every_needed_indicator_and_its_whole() -> None:
    for plan_id in AREA_PLANS:
        columns = set(template_columns(plan_id))
        plan = vdc.get_plan(plan_id)
        assert set(plan.indicators) <= columns
        for name in columns & set(vdc.INDICATORS):
            whole = vdc.INDICATORS[name].whole
            assert whole is None or whole in columns, (plan_id, name)


def test_labels_rows_in_either_language_are_skipped_and_partial_ones_are_data(
    tmp_path: Path,
) -> None:
    header, labels_vi = template_rows(LAI_CHAU)
    _, labels_en = template_rows(LAI_CHAU, lang="en")
    row = {**village(id="X1"), "parent_id": ""}
    data = ",".join(str(row[c]) for c in header)
    for labels in (labels_vi, labels_en):
        path = tmp_path / "t.csv"
        text = "\n".join([",".join(header), ",".join(f'"{x}"' for x in labels), data]) + "\n"
        path.write_text(text, encoding="utf-8")
        table = vdc.read_table(LAI_CHAU, path)
        assert [(r.row, r.line, r.area_id) for r in table.rows] == [(1, 3, "X1")]
    partial = list(labels_vi)
    partial[header.index("households")] = "40"  # typed into the labels row: it is data now
    path.write_text(
        "\n".join([",".join(header), ",".join(f'"{x}"' for x in partial), data]) + "\n",
        encoding="utf-8",
    )
    table = vdc.read_table(LAI_CHAU, path)
    assert [(r.row, r.area_id) for r in table.rows] == [(1, "Mã địa bàn"), (2, "X1")]
    assert "not_whole_number" in table.rows[0].error_codes
    assert is_labels_row(("ID ", "note"), ("  mã địa bàn ", None))
    assert not is_labels_row(("id", "note"), ("Mã địa bàn", "ghi chú"))
    assert not is_labels_row(("note",), ("",))  # no column with a label: never a labels row


def test_xlsx_output_is_spreadsheet_safe() -> None:
    """Text that a spreadsheet would execute is stored as neutralised text; numbers stay numbers."""
    data = xlsx_bytes(
        [["id", "n", "note"], ["=1+1", 3, "\uff1dcmd|' /C calc'!A0"], ["a\x01b", 0, None]]
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    cells = [list(row) for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells[0]] == ["'=1+1", 3, "'\uff1dcmd|' /C calc'!A0"]
    assert [c.data_type for c in cells[0]] == ["s", "n", "s"]
    assert [c.value for c in cells[1]] == ["a\\x01b", 0, None]
    for row in cells:
        for c in row:
            assert not (isinstance(c.value, str) and executes_as_formula(c.value))


def test_template_rows_in_python() -> None:
    header, labels = template_rows(LAI_CHAU, lang="en")
    assert (header[0], labels[0]) == ("id", "Area id")
    with pytest.raises(InputError):
        template_rows("action-month-321-2022")


def test_the_labels_row_does_not_count_against_the_row_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = template_file(capsys, tmp_path, LAI_CHAU, "xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws is not None
    header = [str(c.value) for c in ws[1]]
    for i in range(3):
        row = {**village(id=f"X{i}"), "parent_id": None}
        ws.append([row[c] for c in header])
    book.save(path)
    assert len(vdc.read_table(LAI_CHAU, path, max_rows=3).areas) == 3
    with pytest.raises(vdc.TableError, match="more than 2 rows"):
        vdc.read_table(LAI_CHAU, path, max_rows=2)
