"""A plan not bundled with the library can be used from its data file alone."""

import json
import re
from importlib import resources
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
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
    code = main(
        ["assess", "lao-cai-414-2023", str(table), "--rollup", "--format", "json", "--lang", "en"]
    )
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
    code = main(
        ["assess", "lao-cai-414-2023", str(table), "--rollup", "--format", "json", "--lang", "en"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [a["id"] for a in data["areas"]] == ["A", "B"]
    assert data["rejected"] == []
    assert {p["id"] for p in data["rollup"]} == {"A", "B"}
    assert all(p["problem"].startswith("not built: ") for p in data["rollup"])


# ------------------------------------------------------------------ every command on a path

BUNDLED = resources.files("vn_drugfree_criteria").joinpath("data")
LAI_CHAU = "lai-chau-city-2024"
LAI_CHAU_SOURCE = "001_049b74cfff36fd8f.txt"


def _copy_bundled(folder: Path, new_id: str | None = None) -> Path:
    """A bundled plan and its source text copied into ``folder`` (optionally under a new id)."""
    text = BUNDLED.joinpath("plans", f"{LAI_CHAU}.toml").read_text(encoding="utf-8")
    if new_id is not None:
        text = text.replace(f'id = "{LAI_CHAU}"', f'id = "{new_id}"', 1)
    plan = folder / f"{new_id or LAI_CHAU}.toml"
    plan.write_text(text, encoding="utf-8")
    source = BUNDLED.joinpath("sources", LAI_CHAU_SOURCE).read_bytes()
    (folder / LAI_CHAU_SOURCE).write_bytes(source)
    return plan


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    # An iCalendar stamps each event with the time it was written (DTSTAMP, to the second):
    # two runs a second apart differ there and nowhere else.
    out = re.sub(r"(?m)^DTSTAMP:.*$", "DTSTAMP:(when written)", out)
    return code, out, err


COMMANDS = [
    ("show",),
    ("show", "--format", "json"),
    ("assess", "TABLE"),
    ("assess", "TABLE", "--format", "json"),
    ("assess", "TABLE", "--format", "csv"),
    ("assess", "TABLE", "--rollup"),
    ("assess", "TABLE", "--rollup", "--format", "json"),
    ("assess", "TABLE", "--rollup", "--format", "csv"),
    ("targets", "FIGURES"),
    ("targets", "FIGURES", "--format", "json"),
    ("targets", "FIGURES", "--format", "csv"),
    ("calendar",),
    ("calendar", "--format", "json"),
    ("calendar", "--format", "ics"),
    ("audit",),
    ("audit", "--format", "json"),
]


@pytest.mark.parametrize("new_id", [None, "my-lai-chau"], ids=["same-file", "own-id"])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_takes_a_plan_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...], new_id: str | None
) -> None:
    """A plan given as a path, its source beside it, answers exactly as the bundled plan does."""
    plan = _copy_bundled(tmp_path, new_id)
    figures = tmp_path / "figures.csv"
    figures.write_text("period,villages_built_drug_free\nphase 2,45\n", encoding="utf-8")
    table = tmp_path / "areas.csv"
    table.write_bytes(BUNDLED.joinpath("examples", f"{LAI_CHAU}.csv").read_bytes())
    files = {"FIGURES": str(figures), "TABLE": str(table)}
    name, *rest = (files.get(a, a) for a in command)
    by_path = _run(capsys, name, str(plan), *rest)
    by_id = _run(capsys, name, LAI_CHAU, *rest)
    assert by_path[0] == by_id[0]
    assert by_path[2] == by_id[2] == ""
    if new_id is None:
        assert by_path[1] == by_id[1]
    else:
        assert by_path[1].replace(new_id, LAI_CHAU) == by_id[1]


def test_vectors_take_a_plan_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _copy_bundled(tmp_path, "my-lai-chau")
    code, out, err = _run(capsys, "vectors", "--plan", str(plan))
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["plans"] == ["my-lai-chau"]
    cases = tmp_path / "cases.json"
    cases.write_text(out, encoding="utf-8")
    code, out, err = _run(capsys, "vectors", "--check", str(cases), "--plan", str(plan))
    assert (code, err) == (0, "")
    assert json.loads(out)["failures"] == []
    assert json.loads(out)["checked"] == len(doc["cases"]) > 0


def test_a_plan_file_finds_its_source_beside_it_not_in_the_package(tmp_path: Path) -> None:
    plan = _copy_bundled(tmp_path, "my-lai-chau")
    (tmp_path / LAI_CHAU_SOURCE).unlink()
    with pytest.raises(vdc.DataFileError, match="not beside the plan") as info:
        vdc.load_plan_file(plan)
    assert info.value.key == "source_file"


def test_a_missing_source_loads_only_when_allowed_and_then_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _copy_bundled(tmp_path, "my-lai-chau")
    (tmp_path / LAI_CHAU_SOURCE).unlink()
    code, out, err = _run(capsys, "show", str(plan))
    assert code == 2
    assert err.count("\n") == 1
    assert "--allow-missing-source" in err
    loaded = vdc.load_plan_file(plan, allow_missing_source=True)
    assert loaded.source_missing
    assert not vdc.get_plan(LAI_CHAU).source_missing
    code, out, err = _run(capsys, "show", str(plan), "--allow-missing-source", "--lang", "en")
    assert (code, err) == (0, "")
    assert "its pointers and quotes were not checked" in out
    code, out, err = _run(capsys, "show", str(plan), "--allow-missing-source", "--format", "json")
    assert json.loads(out)["source_missing"] is True
    code, out, err = _run(capsys, "audit", str(plan), "--allow-missing-source", "--lang", "en")
    assert code == 0
    assert "SOURCE_NOT_AVAILABLE" in out
    assert "its pointers and quotes were not checked" in out


def test_the_loader_checks_pointers_and_quotes_of_a_plan_file(tmp_path: Path) -> None:
    """A quote that is not at its line is refused when loading, not only by the project's tests."""
    plan = _copy_bundled(tmp_path, "my-lai-chau")
    source = tmp_path / LAI_CHAU_SOURCE
    lines = source.read_text(encoding="utf-8").splitlines()
    criterion = vdc.get_plan(LAI_CHAU).criteria[0]
    lines[criterion.source.line - 1] = "1. Một câu khác hẳn."
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(vdc.DataFileError) as info:
        vdc.load_plan_file(plan)
    assert info.value.key.startswith("criteria[0].")


def test_a_pointer_beyond_a_short_source_beside_the_plan_is_refused(tmp_path: Path) -> None:
    plan = _copy_bundled(tmp_path, "my-lai-chau")
    (tmp_path / LAI_CHAU_SOURCE).write_text("only one line\n", encoding="utf-8")
    with pytest.raises(vdc.DataFileError, match="beyond the end"):
        vdc.load_plan_file(plan)


def test_a_plan_file_reusing_a_bundled_id_is_refused_unless_it_is_that_file(
    tmp_path: Path,
) -> None:
    plan = _copy_bundled(tmp_path)
    assert vdc.load_plan_file(plan) == vdc.get_plan(LAI_CHAU)
    stricter = plan.read_text(encoding="utf-8").replace('share = "83%"', 'share = "90%"', 1)
    plan.write_text(stricter, encoding="utf-8")
    with pytest.raises(vdc.DataFileError, match="id of a bundled plan") as info:
        vdc.load_plan_file(plan)
    assert info.value.key == "id"
