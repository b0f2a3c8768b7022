"""A plan not bundled with the library can be used from its data file alone."""

import json
from pathlib import Path

import pytest

from vn_drugfree_criteria._cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_show_accepts_a_plan_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(FIXTURES / "plans" / "minimal.toml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "minimal"


def test_assess_accepts_a_plan_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "areas.csv"
    table.write_text(
        "id,level,as_of,hotspots,households,households_committed,effective_models\n"
        "A,thôn,2024-05-01,0,10,10,1\n"
        "B,thôn,2024-05-01,0,10,7,1\n",
        encoding="utf-8",
    )
    code = main(
        ["assess", str(FIXTURES / "plans" / "minimal.toml"), str(table), "--format", "json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"] == "minimal"
    assert [a["drug_free"] for a in data["areas"]] == [True, False]


def test_a_broken_plan_file_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(FIXTURES / "bad_plans" / "bad_op.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bad_op.toml: criteria[1].requirements[1].op" in err
