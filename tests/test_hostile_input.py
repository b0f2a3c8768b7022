"""Hostile input: every reproducer of the hostile-input report is one line on stderr, never a
traceback, and nothing it writes can be forged."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.io.csvout import executes_as_formula
from vn_drugfree_criteria.model.loader import load_plan_text

LAI_CHAU = "lai-chau-city-2024"
DATA = resources.files("vn_drugfree_criteria").joinpath("data")
EXAMPLE = DATA.joinpath("examples", f"{LAI_CHAU}.csv").read_text(encoding="utf-8")
PLAN_TEXT = DATA.joinpath("plans", f"{LAI_CHAU}.toml").read_text(encoding="utf-8")
SOURCE_TEXT = DATA.joinpath("sources", "001_049b74cfff36fd8f.txt").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_failure(code: int, err: str) -> None:
    assert code == 2
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert "internal error" not in err


def example_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(EXAMPLE)))


# ------------------------------------------------------------------ writing


def test_a_full_disk_is_one_line_exit_2() -> None:
    """The real entry point writing to /dev/full: one line, status 2, no traceback."""
    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    for args in (["--format", "json"], ["--format", "csv"], []):
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "vn_drugfree_criteria",
                    "assess",
                    LAI_CHAU,
                    "--example",
                    *args,
                ],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 2
        assert (
            done.stderr
            == "vn-drugfree assess: error: cannot write the output: No space left on device\n"
        )


def test_a_closed_pipe_is_one_line_and_no_traceback() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "vn_drugfree_criteria", "vectors"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # the reader stops, as `| head` does
    err = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait() == 2
    assert err == "vn-drugfree vectors: error: the output was closed before it was complete\n"


def test_vectors_out_to_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "vectors", "--out", str(tmp_path))
    one_line_failure(code, err)
    assert "Is a directory" in err


# ------------------------------------------------------------------ JSON input


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[" * 100_000, "JSON nested deeper than 32 levels"),
        ('[{"id": "\\ud800"}]', "lone surrogate"),
    ],
    ids=["nested-100000", "surrogate"],
)
def test_hostile_json_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, problem: str
) -> None:
    f = tmp_path / "t.json"
    f.write_text(text, encoding="utf-8")
    for fmt in ("json", "csv", "table"):
        code, out, err = run(capsys, "assess", LAI_CHAU, str(f), "--format", fmt)
        one_line_failure(code, err)
        assert problem in err
        assert out == ""


def test_a_5000_digit_count_rejects_its_row_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A count of 5,000 digits is read without converting it, and refuses its own row only."""
    rows = example_rows()
    f = tmp_path / "t.json"
    rows[0]["hotspots"] = "HUGE"
    text = json.dumps(rows).replace('"HUGE"', "9" * 5000, 1)  # a JSON number of 5,000 digits
    f.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "assess", LAI_CHAU, str(f), "--format", "json")
    assert code == 1
    assert "1 trên 72 dòng bị từ chối" in err  # the summary line follows --lang (vi)
    data = json.loads(out)
    assert len(data["areas"]) + len(data["rejected"]) == len(rows)
    (rejected,) = data["rejected"]
    assert any(e.startswith("hotspots:") for e in rejected["errors"])


def test_a_surrogate_in_a_valid_table_fails_before_any_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = example_rows()
    rows[3]["id"] = "\ud800"
    f = tmp_path / "t.json"
    f.write_text(json.dumps(rows), encoding="utf-8")  # json escapes it as "\ud800"
    code, out, err = run(capsys, "assess", LAI_CHAU, str(f), "--format", "json")
    one_line_failure(code, err)
    assert out == ""


def test_hostile_json_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for text in ("[" * 100_000, '[{"period": ' + "9" * 5000 + "}]", '[{"period": "\\udc00"}]'):
        f = tmp_path / "f.json"
        f.write_text(text, encoding="utf-8")
        code, _, err = run(capsys, "targets", LAI_CHAU, str(f))
        one_line_failure(code, err)


# ------------------------------------------------------------------ resources


def test_dev_zero_is_refused_after_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("this system has no /dev/zero")
    code, _, err = run(capsys, "assess", LAI_CHAU, "/dev/zero", "--max-bytes", "100000")
    one_line_failure(code, err)
    assert "larger than 100000 bytes; raise the limit with --max-bytes" in err


def test_row_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(EXAMPLE, encoding="utf-8")
    code, _, err = run(capsys, "assess", LAI_CHAU, str(f), "--max-rows", "10")
    one_line_failure(code, err)
    assert "more than 10 rows (72); raise the limit with --max-rows" in err
    with pytest.raises(vdc.TableError, match="more than 10 rows"):
        vdc.read_table(LAI_CHAU, f, max_rows=10)
    assert len(vdc.read_table(LAI_CHAU, f, max_rows=72).rows) == 72


@pytest.mark.parametrize(
    "text", ["1e-999999999", "1e-5000", "٨٣%", "8_3%", " 8 3 % ", "-5%", "+5%", "9" * 31 + "%"]
)
def test_share_text_is_plain(text: str) -> None:
    """A share is a plain decimal percentage, decimal or fraction: refused at once otherwise."""
    with pytest.raises(vdc.InputError):
        vdc.parse_share(text)
    with pytest.raises(vdc.InputError):
        vdc.required_count(10, text)
    bad = PLAN_TEXT.replace('share = "83%"', f"share = {json.dumps(text)}", 1)
    with pytest.raises(vdc.DataFileError, match="share"):
        load_plan_text("x.toml", bad, source_text=SOURCE_TEXT)


@pytest.mark.parametrize(
    ("text", "value"),
    [("83%", "83/100"), ("12,5 %", "1/8"), ("0.83", "83/100"), ("1/3", "1/3"), (" 5% ", "1/20")],
)
def test_plain_shares_still_read(text: str, value: str) -> None:
    assert str(vdc.parse_share(text)) == value


def test_required_count_on_bad_text_raises_a_library_error() -> None:
    for whole, share in (("x", "83%"), (10, "abc"), (-1, "1%"), (10, 0.5), (10, "120%")):
        with pytest.raises(vdc.DrugFreeError):
            vdc.required_count(whole, share)  # type: ignore[arg-type]


# ------------------------------------------------------------------ plan files


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        (r"(?m)^valid_to = \d{4}", "valid_to = 0001"),
        (r"(?m)^valid_to = \d{4}", "valid_to = 9999"),
        (r"(?m)^start = \d{4}", "start = 0001"),
        (r'(?m)^issued = "\d{4}', 'issued = "9999'),
        (r'(?m)^issued = "\d{4}', 'issued = "0000'),
        (r"(?m)^first_year = \d+", "first_year = 9223372036854775807"),
        (r"(?m)^first_year = \d+", "first_year = 0"),
        (r"(?m)^last_year = \d+", "last_year = 10000"),
        (r"(?m)^readings = .*$", "readings = []"),
        (r'(?m)^id = "lai-chau-city-2024"', 'id = "lai-chau-city-2024\\n"'),
        (r'(?m)^source_file = ".*"', 'source_file = "' + "x" * 300 + '"'),
        (r'(?m)^when = "phase 2"', 'when = "phase 2\\n"'),
    ],
    ids=[
        "year-1",
        "year-9999",
        "phase-year-1",
        "issued-9999",
        "issued-0",
        "first-year-2**63-1",
        "first-year-0",
        "last-year-10000",
        "readings-empty",
        "id-newline",
        "source-300-chars",
        "when-newline",
    ],
)
def test_hostile_plan_values_are_refused_at_load(pattern: str, replacement: str) -> None:
    bad, n = re.subn(pattern, replacement, PLAN_TEXT, count=1)
    assert n == 1
    with pytest.raises(vdc.DataFileError):
        load_plan_text("x.toml", bad, source_text=SOURCE_TEXT)


def test_a_binary_source_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "plan.toml").write_text(
        PLAN_TEXT.replace('id = "lai-chau-city-2024"', 'id = "mine"', 1).replace(
            "001_049b74cfff36fd8f.txt", "bin.txt"
        ),
        encoding="utf-8",
    )
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    code, _, err = run(capsys, "show", str(tmp_path / "plan.toml"))
    one_line_failure(code, err)
    assert "not UTF-8" in err


# ------------------------------------------------------------------ forged output


def _table_with(tmp_path: Path, **cells: str) -> str:
    rows = example_rows()
    rows[0].update(cells)
    f = tmp_path / "t.csv"
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(rows[0]), lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    writer.writerows(rows)
    f.write_text(out.getvalue(), encoding="utf-8")
    return str(f)


def test_a_carriage_return_cannot_forge_a_csv_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = _table_with(tmp_path, id="X\r=cmd|' /C calc'!A0")
    code, out, _ = run(capsys, "assess", LAI_CHAU, f, "--format", "csv")
    assert code in (0, 1)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 73  # the header and the 72 rows, no forged one
    assert rows[1][0] == "X\r=cmd|' /C calc'!A0"
    assert not any(executes_as_formula(cell) for row in rows for cell in row)


@pytest.mark.parametrize(
    "cell", [" =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff=1+1", "\x0b=1+1", "\uff1d1+1"]
)
def test_formula_prefixes_are_neutralised_in_assess_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str
) -> None:
    f = _table_with(tmp_path, id=cell)
    _, out, _ = run(capsys, "assess", LAI_CHAU, f, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[1][0] == "'" + cell
    assert not any(executes_as_formula(c) for row in rows for c in row)


def test_targets_csv_neutralises_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "f.csv"
    f.write_text("period,villages_drug_free\nphase 1,17\n", encoding="utf-8")
    code, out, _ = run(capsys, "targets", LAI_CHAU, str(f), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert not any(executes_as_formula(c) for row in rows for c in row)
    assert any(c.startswith("'=") for row in rows for c in row)  # `= 17 (all)`, neutralised


def test_an_id_cannot_forge_a_line_of_the_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    forged = "XA-1\n" + "TDP-X" + " " * 20 + "drug-free\x1b[0m"
    f = _table_with(tmp_path, id=forged)
    _, out, _ = run(capsys, "assess", LAI_CHAU, f, "--lang", "en")
    assert "\x1b" not in out
    assert not any(line.startswith("TDP-X") for line in out.splitlines())
    assert "XA-1\\nTDP-X" in out


def test_one_long_id_does_not_widen_every_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = _table_with(tmp_path, id="L" * 4000)  # the longest cell is 4,096 characters
    _, out, _ = run(capsys, "assess", LAI_CHAU, f)
    lines = out.splitlines()
    assert max(len(line) for line in lines) >= 4000  # the long id's own line
    assert sum(len(line) for line in lines) < 4000 + 100 * len(lines)  # the others stay narrow
