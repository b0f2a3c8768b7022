"""A plan not bundled with the library can be used from its data file alone."""

import json
from pathlib import Path

import pytest

from vn_drugfree_criteria.cli import main

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


ROLL_HEADER = (
    "id,level,parent_id,as_of,hotspots,complex_points,retail_sellers,use_venues,suspect_persons,"
    "suspect_groups,suspect_rings,addicts,addicts_with_dossier,addicts_present,"
    "addicts_present_with_treatment_dossier,post_rehab,post_rehab_with_dossier,users_present,"
    "users_present_with_dossier,households,households_committed,subunits,subunits_with_mailbox,"
    "subunits_with_hotline_board,effective_models\n"
)


def test_villages_roll_up_into_a_commune_under_a_commune_level_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOMAIN §3: a commune's counts are its villages' sums plus its own records."""
    table = tmp_path / "roll.csv"
    table.write_text(
        ROLL_HEADER
        + "T1,thôn,X1,2024-06-01,0,0,0,0,0,0,0,1,1,1,1,0,0,0,0,40,40,1,1,1,0\n"
        + "T2,thôn,X1,2024-06-01,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,30,29,1,1,1,0\n"
        + "X1,xã,,2024-06-01,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1\n",
        encoding="utf-8",
    )
    code = main(["assess", "lao-cai-414-2023", str(table), "--rollup", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # the villages are not assessed by a commune-level plan
    assert [r["id"] for r in data["rejected"]] == ["T1", "T2"]
    assert all("no criteria for the village level" in r["errors"][0] for r in data["rejected"])
    (parent,) = data["rollup"]
    assert parent["id"] == "X1"
    assert parent["children"] == ["T1", "T2"]
    assert parent["assessed_children"] == 0
    assert parent["criteria"]["C5"] is False  # 69 of 70 households committed
    assert parent["criteria"]["C6"] is True  # the commune's own model
    assert parent["problem"] is None


def test_a_roll_up_that_cannot_be_built_keeps_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "roll.csv"
    row = ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,10,10,1,1,1,1\n"
    table.write_text(
        ROLL_HEADER + "A,xã,B,2024-06-01" + row + "B,xã,A,2024-06-02" + row, encoding="utf-8"
    )
    code = main(["assess", "lao-cai-414-2023", str(table), "--rollup", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [a["id"] for a in data["areas"]] == ["A", "B"]
    assert data["rejected"] == []
    assert {p["id"] for p in data["rollup"]} == {"A", "B"}
    assert all(p["problem"].startswith("not built: ") for p in data["rollup"])
