"""``vn-drugfree assess``: every path of the contract, exit codes, rejected rows, output shapes."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, table_rows, to_csv, village
from vn_drugfree_criteria.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(tmp_path: Path, rows: list[dict[str, object]], name: str = "areas.csv") -> str:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    else:
        columns = list(dict.fromkeys(k for r in rows for k in r))
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return str(path)


MIXED = [
    village(id="A"),
    village(id="B", households_committed=39),
    village(id="C", hotspots=-1),
    village(id="A"),
]


def test_example_json_is_the_phase_1_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    """Source line 48: 17 of 72 residential groups and villages met all 8 criteria."""
    code, out, err = run(capsys, "assess", LAI_CHAU, "--example", "--format", "json")
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["plan"] == LAI_CHAU
    assert data["rejected"] == []
    assert len(data["areas"]) == 72
    assert sum(a["drug_free"] for a in data["areas"]) == 17
    assert all(set(a["criteria"]) == {f"C{i}" for i in range(1, 9)} for a in data["areas"])


def test_example_table_is_vietnamese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", LAI_CHAU, "--example")
    assert code == 0
    assert out.startswith("Kế hoạch lai-chau-city-2024: 72 dòng; 17 đạt không có ma túy")
    _, out_en, _ = run(capsys, "assess", LAI_CHAU, "--example", "--lang", "en")
    assert out_en.startswith("Plan lai-chau-city-2024: 72 rows; 17 drug-free, 55 not drug-free")


def test_mixed_file_exit_1_with_complete_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, MIXED)
    code, out, err = run(capsys, "assess", LAI_CHAU, path, "--format", "json", "--lang", "en")
    assert code == 1
    assert "2 of 4 rows rejected" in err
    data = json.loads(out)
    assert [(a["row"], a["id"], a["drug_free"]) for a in data["areas"]] == [
        (1, "A", True),
        (2, "B", False),
    ]
    assert data["areas"][1]["criteria"]["C6"] is False
    assert data["areas"][1]["shortfalls"][0]["explanation"] == (
        "1 of 40 households has not made the commitment."
    )
    assert [(r["row"], r["id"]) for r in data["rejected"]] == [(3, "C"), (4, "A")]
    assert data["rejected"][0]["errors"] == ["hotspots: must not be negative, got -1"]
    assert data["rejected"][1]["errors"] == ["id: 'A' is already used by row 1"]


def test_json_input_and_as_of_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [{k: v for k, v in village(id="A").items() if k != "as_of"}]
    path = write(tmp_path, rows, "areas.json")
    code, _, err = run(capsys, "assess", LAI_CHAU, path)
    assert code == 2
    assert "no 'as_of' column" in err
    code, out, _ = run(
        capsys, "assess", LAI_CHAU, path, "--as-of", "2024-06-30", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["areas"][0]["as_of"] == "2024-06-30"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess", "no-such-plan", "--example"], "unknown plan 'no-such-plan'"),
        (["assess", LAI_CHAU], "give a CSV, JSON or .xlsx file to assess, or --example"),
        (["assess", "lao-cai-414-2023", "--example"], "no bundled example"),
        (["assess", LAI_CHAU, "--example", "--as-of", "31/3/2024"], "not an ISO date"),
        (["assess", LAI_CHAU, "missing.csv"], "cannot read the file"),
        (["assess", LAI_CHAU, "--example", "--format", "xml"], "invalid choice"),
    ],
)
def test_command_cannot_run_exit_2_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = int(str(exc.code))
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,as_of\nA,\xff\n", "line 2: not valid UTF-8"),
        (b"id,as_of,hotspots\nA,2024-03-31,0\n", "required column(s) missing"),
        (b"", "no header row"),
    ],
)
def test_bad_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    code, out, err = run(capsys, "assess", LAI_CHAU, str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_bom_and_nfd_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = to_csv([{k: str(v) for k, v in village(level="Tổ dân phố").items()}])
    path = tmp_path / "nfd.csv"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8"))
    code, out, _ = run(capsys, "assess", LAI_CHAU, str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["areas"][0]["kind"] == "tổ dân phố"


def test_csv_output_carries_columns_and_keeps_rejected_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = ["ok", "=HYPERLINK(1)", "-x", "@y"]
    rows = [{**r, "note": n} for r, n in zip(MIXED, notes, strict=True)]
    columns = list(rows[0])
    path = write(tmp_path, rows)
    code, out, _ = run(capsys, "assess", LAI_CHAU, path, "--format", "csv", "--lang", "en")
    assert code == 1
    table = list(csv.reader(io.StringIO(out)))
    criteria = [f"C{i}" for i in range(1, 9)]
    assert table[0] == [*columns, "drug_free", *criteria, "shortfalls", "errors", "error_codes"]
    assert len(table) == 5
    body = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    assert [b["id"] for b in body] == ["A", "B", "C", "A"]
    assert [b["note"] for b in body] == ["ok", "'=HYPERLINK(1)", "'-x", "'@y"]
    assert body[2]["hotspots"] == "'-1"  # the rejected cell is kept, neutralised
    assert [b["drug_free"] for b in body] == ["true", "false", "", ""]
    assert body[1]["C6"] == "false"
    assert body[1]["C1"] == "true"
    assert body[1]["shortfalls"] == "C6: 1 of 40 households has not made the commitment."
    assert body[2]["errors"] == "hotspots: must not be negative, got -1"
    assert body[3]["errors"] == "id: 'A' is already used by row 1"


def test_csv_result_columns_do_not_clash_with_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, [village(id="A", drug_free="maybe")])
    code, out, _ = run(capsys, "assess", LAI_CHAU, path, "--format", "csv")
    header = next(csv.reader(io.StringIO(out)))
    assert code == 0
    assert header.count("drug_free") == 1
    assert "result_drug_free" in header


def test_rollup_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", LAI_CHAU, "--example", "--rollup", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["areas"]) == 72
    parents = {p["id"]: p for p in data["rollup"]}
    assert len(parents) == 7
    assert sum(len(p["children"]) for p in parents.values()) == 72
    assert parents["XA-02"]["share"] == "6/6"
    assert parents["XA-02"]["drug_free"] is True
    assert parents["PHUONG-05"]["share"] == "1/10"
    assert parents["PHUONG-05"]["drug_free"] is False
    assert all(p["level"] == "commune" for p in parents.values())


def test_rollup_parent_with_rejected_child_has_no_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [
        village(id="A", parent_id="P"),
        village(id="B", parent_id="P", hotspots="x"),
        village(id="C", parent_id="Q"),
    ]
    code, out, _ = run(
        capsys, "assess", LAI_CHAU, write(tmp_path, rows), "--rollup", "--format", "json"
    )
    assert code == 1
    parents = {p["id"]: p for p in json.loads(out)["rollup"]}
    assert parents["P"]["drug_free"] is None
    assert "row 2 (id 'B')" in parents["P"]["problem"]
    assert parents["Q"]["drug_free"] is True
    assert parents["Q"]["problem"] is None


def test_no_traceback_through_the_real_command(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"id,as_of\n\xc3\x28,2024-01-01\n")
    proc = subprocess.run(
        [sys.executable, "-m", "vn_drugfree_criteria", "assess", LAI_CHAU, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "not valid UTF-8" in proc.stderr


class TestJsonRoundTrip:
    """Contract: JSON output read back gives the verdicts of calling ``assess`` directly."""

    @given(table_rows())
    @settings(max_examples=40, deadline=None)
    def test_json_matches_direct_assessment(self, rows: list[tuple[dict[str, str], bool]]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "t.csv"
            path.write_text(to_csv([r for r, _ in rows]), encoding="utf-8")
            out = io.StringIO()
            old, sys.stdout = sys.stdout, out
            try:
                code = main(["assess", LAI_CHAU, str(path), "--format", "json"])
            finally:
                sys.stdout = old
        data = json.loads(out.getvalue())
        assert code == (1 if data["rejected"] else 0)
        rows_seen = [a["row"] for a in data["areas"]] + [r["row"] for r in data["rejected"]]
        assert sorted(rows_seen) == list(range(1, len(rows) + 1))
        for area in data["areas"]:
            cells, valid = rows[area["row"] - 1]
            assert valid
            counts = {k: int(v) for k, v in cells.items() if k in vdc.INDICATORS}
            snap = vdc.Snapshot(
                counts, as_of=datetime.date(2024, 3, 31), level=cells["level"], area_id=cells["id"]
            )
            direct = vdc.assess(LAI_CHAU, snap)
            assert area["drug_free"] == direct.drug_free
            assert area["criteria"] == {c: r.met for c, r in direct.criteria.items()}
