"""CSV as spreadsheets write it: comma, semicolon or tab; UTF-8 with a BOM, UTF-16; CRLF."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.csvin import decode_text, delimiter_argument, detect_delimiter

ROWS = [
    village(id="TDP-01"),
    village(id="Bản Nà Khum", level="bản", households_committed=39),
    village(id="TDP-03", hotspots=-1),
]


def excel_text(rows: list[dict[str, object]], sep: str) -> str:
    """The text a spreadsheet writes: every row ends in CRLF, cells joined by ``sep``."""
    columns = list(rows[0])
    lines = [sep.join(columns)] + [sep.join(str(r[c]) for c in columns) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def assessed(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> dict[str, object]:
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path), "--format", "json", *options)
    assert code == 1, err  # one row is rejected on purpose
    data: dict[str, object] = json.loads(out)
    return data


@pytest.mark.parametrize(
    ("sep", "encode"),
    [
        (";", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),  # Excel "CSV UTF-8", Vietnam
        (",", lambda t: t.encode("utf-8")),
        ("\t", lambda t: t.encode("utf-16")),  # Excel "Unicode Text": UTF-16 with its mark
        ("\t", lambda t: t.encode("utf-8")),
    ],
)
def test_every_dialect_reads_the_same_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sep: str, encode: object
) -> None:
    """The same rows in any supported dialect give the same assessment, row for row."""
    baseline = tmp_path / "comma.csv"
    baseline.write_text(excel_text(ROWS, ","), encoding="utf-8", newline="")
    path = tmp_path / "excel.csv"
    path.write_bytes(encode(excel_text(ROWS, sep)))  # type: ignore[operator]
    got, want = assessed(capsys, path), assessed(capsys, baseline)
    assert got["areas"] == want["areas"]
    assert got["rejected"] == want["rejected"]
    assert [a["id"] for a in got["areas"]] == ["TDP-01", "Bản Nà Khum"]  # type: ignore[attr-defined]
    assert got["rejected"][0]["codes"] == ["negative"]  # type: ignore[index]


def test_semicolon_file_keeps_its_cells_in_csv_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A cell holding a comma in a semicolon file stays one cell (and is quoted on output)."""
    rows = [{**village(id="TDP-01"), "note": "đã rà soát, đủ hồ sơ"}]
    path = tmp_path / "note.csv"
    path.write_bytes(b"\xef\xbb\xbf" + excel_text(rows, ";").encode("utf-8"))
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(path), "--format", "csv")
    assert code == 0
    assert '"đã rà soát, đủ hồ sơ"' in out.splitlines()[1]


def test_ambiguous_header_is_refused_naming_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two delimiters that both read the header as columns: one line naming them, exit 2."""
    path = tmp_path / "odd.csv"
    path.write_text("id;households,id\nA;1,2\n", encoding="utf-8")
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert (code, out) == (2, "")
    assert "with a comma or with a semicolon; say which with --delimiter" in err
    assert err.count("\n") == 1
    code, _, err = run(capsys, "assess", LAI_CHAU, str(path), "--delimiter", ";")
    assert code == 2
    assert "no 'as_of' column" in err  # read with ';': columns id, "households,id"


def test_delimiter_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(excel_text(ROWS, ";"), encoding="utf-8")
    for name in (";", "semicolon"):
        assert assessed(capsys, path, "--delimiter", name)["areas"]
    code, _, err = run(capsys, "assess", LAI_CHAU, str(path), "--delimiter", ",")
    assert code == 2
    assert "required column 'id' is missing" in err
    code, _, err = run(capsys, "assess", LAI_CHAU, str(path), "--delimiter", "|")
    assert code == 2
    assert "'|' is not a delimiter" in err


def test_legacy_code_page_is_refused_with_the_formats_that_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Windows-1258 (Excel's plain CSV in a Vietnamese locale) is never guessed."""
    path = tmp_path / "ansi.csv"
    text = unicodedata.normalize("NFD", excel_text([village(level="bản")], ";"))
    path.write_bytes(text.encode("cp1258"))  # the code page spells tone marks as combining
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert (code, out) == (2, "")
    assert "line 2: not valid UTF-8" in err
    assert "'CSV UTF-8 (Comma delimited)'" in err


def test_decimal_comma_in_a_count_rejects_its_row(tmp_path: Path) -> None:
    """A count is a whole number in any locale: ``3,5`` in a semicolon file is refused."""
    path = tmp_path / "decimal.csv"
    path.write_text(excel_text([village(households="40,5")], ";"), encoding="utf-8")
    table = vdc.read_table(LAI_CHAU, path)
    assert table.rejected[0].codes == ("not_whole_number",)
    assert table.rejected[0].errors == ("households: not a whole number ('40,5')",)


def test_targets_read_a_semicolon_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbfperiod;rings_dismantled\r\n2022;11\r\n")
    code, out, _ = run(capsys, "targets", "thanh-hoa-151-2022", str(path), "--format", "csv")
    assert code == 0
    assert "1b,1,count,2022,met" in out
    code, _, err = run(capsys, "targets", "thanh-hoa-151-2022", str(path), "--delimiter", "tab")
    assert code == 2
    assert "'period' column" in err


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,level", ","),
        ("\ufeffID ; level", ";"),  # names are matched ignoring case and spaces
        ("id\tlevel\thouseholds", "\t"),
        ("households;level", ","),  # no 'id' anywhere: the reader names the missing column
        ("id", ","),  # one column: every delimiter reads it alike
        ('"id;x",level', ","),  # a quoted cell is one cell
    ],
)
def test_detect_delimiter(header: str, expected: str) -> None:
    assert detect_delimiter(decode_text(header, "t"), "t") == expected


def test_delimiter_names() -> None:
    assert [delimiter_argument(x) for x in (",", "comma", ";", "Semicolon", "tab", "\t")] == [
        ",",
        ",",
        ";",
        ";",
        "\t",
        "\t",
    ]
    with pytest.raises(TableError, match="not a delimiter"):
        delimiter_argument("::")


def test_utf16_damage_is_one_error() -> None:
    with pytest.raises(TableError, match="not valid UTF-16"):
        decode_text(b"\xff\xfei\x00d\x00\x00\xd8", "t")
