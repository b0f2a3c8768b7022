"""A plan's own indicators (``[[indicators]]`` in its file): read on every path, as shared ones are.

The fixture plan ``local-indicators.toml`` declares a count (``volunteers``), a part of a shared
whole (``households_informed`` of ``households``), a yes/no fact (``counselling_point``) and an
area in m² (``cleared_area_m2``), and its criteria read them beside a shared one (``hotspots``).
It is copied with its source text into a temporary folder and loaded from there, as a plan file
a user writes: no code is written for it.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import pickle
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import vn_drugfree_criteria as vdc
from tests.test_schemas import validator
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.vocab.indicators import INDICATORS, SHARED

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
PLAN_FILE, SOURCE_FILE = "local-indicators.toml", "local-indicators-source.txt"
DAY = datetime.date(2025, 6, 1)
LOCAL = ("volunteers", "households_informed", "counselling_point", "cleared_area_m2")
CRITERIA = ("C1", "C2", "C3", "C4", "C5")

# Three communes: one meets everything; one misses each criterion on a local indicator (the
# area just below 500 m², the share just below 90%); one fails only the shared C5.
ROWS: list[dict[str, Any]] = [
    {
        "id": "x1",
        "hotspots": 0,
        "households": 10,
        "volunteers": 2,
        "households_informed": 9,
        "counselling_point": 1,
        "cleared_area_m2": "500,5",
    },
    {
        "id": "x2",
        "hotspots": 0,
        "households": 10,
        "volunteers": 1,
        "households_informed": 8,
        "counselling_point": 0,
        "cleared_area_m2": "499,75",
    },
    {
        "id": "x3",
        "hotspots": 1,
        "households": 20,
        "volunteers": 5,
        "households_informed": 20,
        "counselling_point": 1,
        "cleared_area_m2": 800,
    },
]
EXPECTED = {
    "x1": (True, dict.fromkeys(CRITERIA, True)),
    "x2": (False, {"C1": False, "C2": False, "C3": False, "C4": False, "C5": True}),
    "x3": (False, {"C1": True, "C2": True, "C3": True, "C4": True, "C5": False}),
}


def _counts(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    for name in (PLAN_FILE, SOURCE_FILE):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / PLAN_FILE


@pytest.fixture
def plan(plan_path: Path) -> vdc.Plan:
    return vdc.load_plan_file(plan_path)


def _csv(tmp_path: Path, rows: list[dict[str, Any]], level: str = "commune") -> Path:
    path = tmp_path / "areas.csv"
    names = ["id", "level", "as_of", *(k for k in rows[0] if k != "id")]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, names)
        w.writeheader()
        for row in rows:
            w.writerow({"level": level, "as_of": DAY.isoformat(), **row})
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_plan_vocabulary_is_the_shared_one_and_its_own(plan: vdc.Plan) -> None:
    vocab = plan.vocabulary
    assert vocab.order == (*INDICATORS, *LOCAL)
    assert vocab.local == frozenset(LOCAL)
    assert vocab.wholes["households_informed"] == "households"
    assert "counselling_point" in vocab.flags
    assert "cleared_area_m2" in vocab.decimals
    assert plan.indicators == ("hotspots", "households", *LOCAL)
    # the shared vocabulary and its module-level names are unchanged
    assert SHARED.order == tuple(INDICATORS)
    assert "volunteers" not in vdc.INDICATORS
    assert vdc.get_plan("lai-chau-city-2024").vocabulary is SHARED
    assert pickle.loads(pickle.dumps(plan)) == plan


def test_assess_on_a_snapshot_of_the_plan_vocabulary(plan: vdc.Plan) -> None:
    for row in ROWS:
        snap = vdc.Snapshot(
            _counts(row), as_of=DAY, level="commune", area_id=row["id"], vocabulary=plan.vocabulary
        )
        result = vdc.assess(plan, snap)
        free, verdicts = EXPECTED[row["id"]]
        assert (result.drug_free, result.verdicts()) == (free, verdicts)
    snap = vdc.Snapshot(_counts(ROWS[1]), as_of=DAY, level="commune", vocabulary=plan.vocabulary)
    text = vdc.assess(plan, snap).explain("en")
    assert "anti-drug volunteers" in text
    assert "8 of 10 households have been informed" in text
    assert "499.75 m²" in text
    assert "A drug rehabilitation counselling point: no." in text


def test_a_snapshot_validates_the_local_names_and_parts(plan: vdc.Plan) -> None:
    vocab = plan.vocabulary
    with pytest.raises(vdc.SnapshotError) as unknown:
        vdc.Snapshot({"volunteers": 2}, as_of=DAY)  # the shared vocabulary lacks it
    assert unknown.value.field == "volunteers"
    assert unknown.value.code == "unknown_indicator"
    with pytest.raises(vdc.SnapshotError) as larger:
        vdc.Snapshot({"households": 3, "households_informed": 4}, as_of=DAY, vocabulary=vocab)
    assert larger.value.field == "households_informed"
    with pytest.raises(vdc.SnapshotError) as flag:
        vdc.Snapshot({"counselling_point": 2}, as_of=DAY, vocabulary=vocab)
    assert flag.value.field == "counselling_point"
    snap = vdc.Snapshot({"cleared_area_m2": "0,5"}, as_of=DAY, vocabulary=vocab)
    assert snap["cleared_area_m2"] == Fraction(1, 2)


def test_assess_refuses_a_snapshot_read_without_the_plan_indicators(plan: vdc.Plan) -> None:
    """A shared-vocabulary snapshot cannot hold a local count: refused, never read as missing."""
    snap = vdc.Snapshot({"hotspots": 0, "households": 10}, as_of=DAY, level="commune")
    with pytest.raises(vdc.SnapshotError) as exc:
        vdc.assess(plan, snap)
    assert exc.value.field == "volunteers"
    assert "vocabulary=plan.vocabulary" in str(exc.value)
    # a snapshot read for the plan serves a bundled plan too (its shared counts are the same)
    ours = vdc.Snapshot(
        {**_counts(ROWS[0]), "households_committed": 10},
        as_of=datetime.date(2024, 6, 1),
        level="village",
        vocabulary=plan.vocabulary,
    )
    shared = {k: v for k, v in ours.counts.items() if k in INDICATORS}
    alone = vdc.Snapshot(shared, as_of=ours.as_of, level="village")
    other = "lai-chau-city-2024"
    with pytest.raises(vdc.SnapshotError) as both:
        vdc.assess(other, ours)
    with pytest.raises(vdc.SnapshotError) as one:
        vdc.assess(other, alone)
    assert both.value.field == one.value.field  # the same first missing shared count


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_assess_many_backends(plan: vdc.Plan, backend: str) -> None:
    columns = {name: [row[name] for row in ROWS] for name in _counts(ROWS[0])}
    result = vdc.assess_many(
        plan, columns, ids=[r["id"] for r in ROWS], level="commune", backend=backend
    )
    assert result.rejected == ()
    for i, row in enumerate(ROWS):
        free, verdicts = EXPECTED[row["id"]]
        assert result.drug_free[i] is free
        assert {cid: result.criteria[cid][i] for cid in CRITERIA} == verdicts
    bad = {**columns, "households_informed": [11, 8, 20], "counselling_point": [1, 2, 1]}
    refused = vdc.assess_many(plan, bad, level="commune", backend=backend)
    assert [(e.row, e.codes) for e in refused.rejected] == [
        (1, ("part_exceeds_whole",)),
        (2, ("not_yes_no",)),
    ]


def test_cli_assess_csv_table_csv_and_json(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = str(_csv(tmp_path, ROWS))
    code, out, err = _run(capsys, "assess", str(plan_path), table, "--format", "json")
    assert (code, err) == (0, "")
    areas = {a["id"]: a for a in json.loads(out)["areas"]}
    assert {k: (a["drug_free"], a["criteria"]) for k, a in areas.items()} == EXPECTED
    code, out, _ = _run(capsys, "assess", str(plan_path), table, "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    for area_id, (free, verdicts) in EXPECTED.items():
        assert rows[area_id]["drug_free"] == str(free).lower()
        assert {c: rows[area_id][c] for c in CRITERIA} == {
            c: str(v).lower() for c, v in verdicts.items()
        }
    assert rows["x2"]["cleared_area_m2"] == "499,75"  # carried through as written
    code, out, _ = _run(capsys, "assess", str(plan_path), table, "--lang", "en")
    assert code == 0
    assert "x1" in out
    assert "anti-drug volunteers" in out
    assert "499.75 m²" in out


def test_cli_assess_json_input(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "areas.json"
    rows = [{"level": "commune", "as_of": DAY.isoformat(), **r} for r in ROWS]
    path.write_text(json.dumps(rows), encoding="utf-8")
    code, out, _ = _run(capsys, "assess", str(plan_path), str(path), "--format", "json")
    assert code == 0
    areas = {a["id"]: a for a in json.loads(out)["areas"]}
    assert {k: (a["drug_free"], a["criteria"]) for k, a in areas.items()} == EXPECTED


def test_cli_assess_refuses_a_bad_local_cell_naming_it(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{**ROWS[0], "counselling_point": 3}, {**ROWS[1], "volunteers": ""}]
    table = str(_csv(tmp_path, rows))
    code, out, _ = _run(capsys, "assess", str(plan_path), table, "--format", "json")
    assert code == 1
    rejected = {r["id"]: r for r in json.loads(out)["rejected"]}
    assert rejected["x1"]["codes"] == ["not_yes_no"]
    assert rejected["x2"]["codes"] == ["missing"]
    assert "volunteers" in rejected["x2"]["errors"][0]


def test_cli_rollup_sums_local_counts(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two villages add up into their commune: counts and areas sum, a yes/no fact is any."""
    villages = [
        {**ROWS[0], "id": "v1", "parent_id": "c1", "cleared_area_m2": "300,25"},
        {**ROWS[1], "id": "v2", "parent_id": "c1", "counselling_point": 1, "cleared_area_m2": 200},
    ]
    table = str(_csv(tmp_path, villages, level="village"))
    code, out, _ = _run(capsys, "assess", str(plan_path), table, "--rollup", "--format", "json")
    assert code == 0
    (node,) = json.loads(out)["rollup"]
    assert node["id"] == "c1"
    assert node["counts"] == {
        "hotspots": 0,
        "households": 20,
        "volunteers": 3,
        "households_informed": 17,
        "counselling_point": 1,
        "cleared_area_m2": "500.25",
    }
    assert node["problem"] is None
    assert node["criteria"] == dict.fromkeys(CRITERIA, True) | {"C2": False}


def test_template_has_the_local_columns_with_their_labels(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "template", str(plan_path), "--lang", "en")
    assert code == 0
    header, labels = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[:2]
    assert header == ["id", "level", "parent_id", "as_of", "hotspots", "households", *LOCAL]
    assert labels[header.index("volunteers")] == "anti-drug volunteers"
    assert labels[header.index("cleared_area_m2")] == "cleared area"


def test_show_lists_the_local_indicators(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "show", str(plan_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    local = {i["name"]: i for i in data["local_indicators"]}
    assert list(local) == list(LOCAL)
    area = local["cleared_area_m2"]
    assert (area["unit"], area["value"], area["noun_en"]) == ("m2", "decimal", "cleared area")
    assert area["definition_vi"].startswith("Diện tích phát quang là")
    assert area["definition_source"]["line"] == 7
    assert area["source"]["file"] == SOURCE_FILE
    assert local["households_informed"]["whole"] == "households"
    assert local["counselling_point"]["value"] == "flag"
    assert {"part": "households_informed", "whole": "households"} in data["part_whole"]
    assert vdc.get_plan("lai-chau-city-2024").to_dict()["local_indicators"] == []
    code, out, _ = _run(capsys, "show", str(plan_path))
    assert code == 0
    assert "volunteers" in out
    assert "tình nguyện viên phòng, chống ma túy" in out


def _load_edited(tmp_path: Path, old: str, new: str) -> vdc.Plan:
    """The fixture plan with ``old`` replaced by ``new`` (once), loaded from ``tmp_path``."""
    text = (FIXTURES / PLAN_FILE).read_text(encoding="utf-8")
    assert text.count(old) >= 1
    shutil.copy(FIXTURES / SOURCE_FILE, tmp_path / SOURCE_FILE)
    (tmp_path / PLAN_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return vdc.load_plan_file(tmp_path / PLAN_FILE)


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ('name = "volunteers"', 'name = "households"', "indicators[0].name", "shared indicator"),
        ('name = "counselling_point"', 'name = "volunteers"', "indicators[2].name", "twice"),
        ('whole = "households"', 'whole = "homes"', "indicators[1].whole", "'homes'"),
        ('unit = "persons"', 'unit = "people"', "indicators[0].unit", "unknown unit 'people'"),
        ('name = "volunteers"', 'name = "Volunteers"', "indicators[0].name", "lower-case"),
        ('unit = "persons"', 'unit = "persons"\ncolour = "red"', "indicators[0].colour", "unknown"),
        (
            'source = { file = "local-indicators-source.txt", line = 10,',
            'source = { file = "other.txt", line = 10,',
            "indicators[0].source.file",
            "'other.txt' is not the plan's source_file",
        ),
        (
            'source = { file = "local-indicators-source.txt", line = 10,',
            'source = { file = "local-indicators-source.txt", line = 99,',
            "indicators[0].source.line",
            "beyond the end",
        ),
        (
            'source = { file = "local-indicators-source.txt", line = 10,',
            'source = { file = "local-indicators-source.txt", line = 11,',
            "indicators[0].label_vi",
            "the word 'tình' is not at the source lines 11",
        ),
        (
            'definition_source = { file = "local-indicators-source.txt", line = 7,',
            'definition_source = { file = "local-indicators-source.txt", line = 10,',
            "indicators[3].definition_vi",
            "is not at the source lines 10",
        ),
        (
            'indicator = "volunteers"',
            'indicator = "volunteer"',
            "criteria[0].requirements[0].indicator",
            "unknown indicator 'volunteer'",
        ),
    ],
)
def test_a_bad_local_indicator_is_refused_naming_the_file_and_key(
    tmp_path: Path, old: str, new: str, key: str, words: str
) -> None:
    with pytest.raises(vdc.DataFileError) as exc:
        _load_edited(tmp_path, old, new)
    assert (exc.value.path, exc.value.key) == (PLAN_FILE, key)
    assert words in exc.value.problem


def test_a_local_whole_may_have_local_parts(tmp_path: Path) -> None:
    """A part of a local whole is a local part: checked against it on every path."""
    plan = _load_edited(tmp_path, 'whole = "households"', 'whole = "volunteers"')
    assert plan.vocabulary.wholes["households_informed"] == "volunteers"
    with pytest.raises(vdc.SnapshotError) as exc:
        vdc.Snapshot(
            {"volunteers": 1, "households_informed": 2}, as_of=DAY, vocabulary=plan.vocabulary
        )
    assert exc.value.code == "part_exceeds_whole"


def test_a_plan_adopting_another_gets_its_local_indicators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adopted plan's own indicators are in the adopting plan's vocabulary, and it reads them.

    The fixture plan stands for a bundled plan here (the loader's lookup of bundled plans and
    their source texts is pointed at it), since no bundled plan declares indicators of its own.
    """
    from vn_drugfree_criteria.model import loader  # patched for this test only

    adopted_text = (FIXTURES / PLAN_FILE).read_text(encoding="utf-8")
    source = tuple((FIXTURES / SOURCE_FILE).read_text(encoding="utf-8").splitlines())
    real_text, real_source = loader._bundled_plan_text, loader.bundled_source
    monkeypatch.setattr(
        loader,
        "_bundled_plan_text",
        lambda plan_id: adopted_text if plan_id == "local-indicators" else real_text(plan_id),
    )
    monkeypatch.setattr(
        loader, "bundled_source", lambda name: source if name == SOURCE_FILE else real_source(name)
    )
    adopting = (
        (FIXTURES / "tinh-mau-adopts-28.toml")
        .read_text(encoding="utf-8")
        .replace('id = "tinh-mau-adopts-28"', 'id = "tinh-mau-adopts-local"')
        .replace('adopts = "national-28-qd-ttg-2025"', 'adopts = "local-indicators"')
        .replace('levels = ["commune", "province"]', 'levels = ["commune"]')
        .replace("valid_from = 2026-01-05", "valid_from = 2025-01-05")
        .replace("valid_to = 2026-12-31", "valid_to = 2025-12-31")
    )
    path = tmp_path / "adopting.toml"
    path.write_text(adopting, encoding="utf-8")
    try:
        plan = vdc.load_plan_file(path)
    except vdc.DataFileError as exc:  # the constructed province's targets need other dates
        pytest.fail(str(exc))
    assert plan.adopts == "local-indicators"
    assert plan.vocabulary.local == frozenset(LOCAL)
    snap = vdc.Snapshot(_counts(ROWS[1]), as_of=DAY, level="commune", vocabulary=plan.vocabulary)
    result = vdc.assess(plan, snap)
    assert (result.drug_free, result.verdicts()) == EXPECTED["x2"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_filled_template_is_read_back_its_labels_row_skipped(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, _ = _run(capsys, "template", str(plan_path), "--lang", lang)
    assert code == 0
    header = next(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header)
    for row in ROWS:
        writer.writerow({"level": "commune", "as_of": DAY.isoformat(), **row})
    path = tmp_path / "filled.csv"
    path.write_text(out + buffer.getvalue(), encoding="utf-8")
    for argv in ([], ["--rollup"]):  # the streamed path, and the whole table at once
        code, result, _ = _run(
            capsys, "assess", str(plan_path), str(path), "--format", "json", *argv
        )
        assert code == 0
        areas = {a["id"]: a for a in json.loads(result)["areas"]}
        assert {k: (a["drug_free"], a["criteria"]) for k, a in areas.items()} == EXPECTED


def test_assess_frame(plan: vdc.Plan) -> None:
    frame = pd.DataFrame([{"level": "commune", "as_of": DAY.isoformat(), **r} for r in ROWS])
    out = vdc.assess_frame(plan, frame)
    for i, row in enumerate(ROWS):
        free, verdicts = EXPECTED[row["id"]]
        assert bool(out["drug_free"][i]) is free
        assert {cid: bool(out[cid][i]) for cid in CRITERIA} == verdicts


def test_cli_assess_xlsx_in_and_out(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook is read with the local columns, and written with their counts as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    names = ["id", "level", "as_of", *_counts(ROWS[0])]
    sheet.append(names)
    for row in ROWS:
        sheet.append([{"level": "commune", "as_of": DAY.isoformat(), **row}[n] for n in names])
    source = tmp_path / "areas.xlsx"
    book.save(source)
    code, out, _ = _run(capsys, "assess", str(plan_path), str(source), "--format", "json")
    assert code == 0
    areas = {a["id"]: a for a in json.loads(out)["areas"]}
    assert {k: (a["drug_free"], a["criteria"]) for k, a in areas.items()} == EXPECTED
    target = tmp_path / "out.xlsx"
    code, _, _ = _run(
        capsys, "assess", str(plan_path), str(source), "--format", "xlsx", "--out", str(target)
    )
    assert code == 0
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert [r[header.index("volunteers")] for r in rows[1:]] == [2, 1, 5]


def test_show_json_and_json_input_of_the_plan_follow_their_schemas(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "show", str(plan_path), "--format", "json")
    assert code == 0
    show = json.loads(out)
    assert list(validator("show").iter_errors(show)) == []
    broken = {**show, "local_indicators": [{**show["local_indicators"][0], "value": "text"}]}
    assert list(validator("show").iter_errors(broken)) != []
    rows = [{"level": "commune", "as_of": DAY.isoformat(), **r} for r in ROWS]
    assert list(validator("input").iter_errors(rows)) == []


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_rollup_many_sums_local_counts_and_takes_any_local_fact(
    plan: vdc.Plan, backend: str
) -> None:
    columns = {
        "hotspots": [0, 0, 0],
        "households": [10, 10, 5],
        "volunteers": [2, 1, 1],
        "households_informed": [9, 8, 5],
        "counselling_point": [1, 1, 0],
        "cleared_area_m2": ["500,5", "499", "1"],
    }
    up = vdc.rollup_many(plan, columns, ["c1", "c1", "c2"], level="village", backend=backend)
    parents = up.to_dict()["parents"]
    assert [p["counts"] for p in parents] == [
        {
            "hotspots": 0,
            "households": 20,
            "volunteers": 3,
            "households_informed": 17,
            "counselling_point": 1,  # a yes/no fact: any child, never 2
            "cleared_area_m2": "999.5",
        },
        {
            "hotspots": 0,
            "households": 5,
            "volunteers": 1,
            "households_informed": 5,
            "counselling_point": 0,
            "cleared_area_m2": 1,
        },
    ]
