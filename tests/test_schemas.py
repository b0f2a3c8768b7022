"""The shipped JSON Schemas are valid Draft 2020-12 and describe what the commands print."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import jsonschema
import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main

EXPECTED = (
    "assess",
    "audit",
    "calendar",
    "indicators",
    "input",
    "show",
    "targets",
    "units",
    "vectors",
)


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(list(argv))
    return status, out.getvalue()


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        vdc.json_schema(name), format_checker=jsonschema.FormatChecker()
    )


def test_every_contract_schema_is_shipped() -> None:
    assert vdc.schema_names() == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = vdc.json_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", EXPECTED)
def test_schema_command_prints_the_shipped_file(name: str) -> None:
    status, text = run_cli("schema", name)
    assert status == 0
    assert json.loads(text) == vdc.json_schema(name)


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(vdc.InputError, match="unknown schema 'nope'"):
        vdc.json_schema("nope")
    with pytest.raises(SystemExit) as exc:
        run_cli("schema", "nope")
    assert exc.value.code == 2


def test_input_schema_accepts_list_and_object_and_refuses_bad_counts() -> None:
    v = validator("input")
    area = {"id": "TDP-01", "level": "tổ dân phố", "hotspots": 0, "households": None, "note": "x"}
    assert v.is_valid([area])
    assert v.is_valid({"areas": [area]})
    assert not v.is_valid([{**area, "hotspots": -1}])
    assert not v.is_valid([{**area, "hotspots": 1.5}])
    assert not v.is_valid([{"level": "xã"}])


def test_assess_schema_refuses_a_row_outside_the_contract() -> None:
    v = validator("assess")
    good = {
        "plan": "lai-chau-city-2024",
        "areas": [{"id": "A", "drug_free": True, "criteria": {"C1": True}}],
        "rejected": [{"row": 2, "id": None, "errors": ["households: missing"]}],
    }
    assert v.is_valid(good)
    assert not v.is_valid({**good, "rejected": [{"row": 0, "id": None, "errors": ["x"]}]})
    assert not v.is_valid({**good, "areas": [{"id": "A", "drug_free": "yes", "criteria": {}}]})


def test_vectors_output_validates() -> None:
    status, text = run_cli("vectors")
    assert status == 0
    doc = json.loads(text)
    errors = list(validator("vectors").iter_errors(doc))
    assert errors == []


@pytest.mark.parametrize("name", ["units", "indicators"])
def test_reference_data_validates(name: str) -> None:
    doc = valid_json(name, name, "--format", "json")
    assert doc


def test_assess_json_validates_against_its_schema() -> None:
    v = validator("assess")
    for args in (
        ("assess", "lai-chau-city-2024", "--example", "--format", "json"),
        ("assess", "lai-chau-city-2024", "--example", "--rollup", "--format", "json"),
    ):
        status, text = run_cli(*args)
        assert status == 0
        doc = json.loads(text)
        assert list(v.iter_errors(doc)) == []
        assert len(doc["areas"]) == 72


def test_assess_json_with_rejected_rows_validates(tmp_path: Path) -> None:
    rows = [
        {"id": "A", "level": "xã", "as_of": "2024-06-01", "hotspots": -1},
        {"id": "B", "level": "xã", "as_of": "2024-06-01"},
    ]
    plan = vdc.get_plan("lao-cai-414-2023")
    for r in rows[1:]:
        r.update(dict.fromkeys(plan.indicators, 0))
        r["effective_models"] = 1
    rows[0].update({k: 0 for k in plan.indicators if k != "hotspots"})
    path = tmp_path / "areas.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert validator("input").is_valid(rows[1:])
    status, text = run_cli("assess", "lao-cai-414-2023", str(path), "--format", "json", "--rollup")
    assert status == 1
    doc = json.loads(text)
    assert [r["row"] for r in doc["rejected"]] == [1]
    assert [a["id"] for a in doc["areas"]] == ["B"]
    assert list(validator("assess").iter_errors(doc)) == []


def test_example_input_validates_against_the_input_schema() -> None:
    table = vdc.example_table("lai-chau-city-2024")
    records = []
    for row in table.rows:
        record: dict[str, object] = {}
        for name, cell in zip(table.columns, row.cells, strict=True):
            record[name] = int(cell) if cell.isdigit() else (cell or None)
        records.append(record)
    assert list(validator("input").iter_errors(records)) == []


PLANS = vdc.list_plans()
# Dates around the bundled calendars: before, inside and after the Lai Châu phases, a June day
# of the action month and a day of the national goal's period.
ON_DATES = ("2021-01-01", "2024-05-01", "2025-03-15", "2025-06-26", "2026-01-01")


def valid_json(name: str, *argv: str, status: int = 0) -> dict[str, object]:
    code, text = run_cli(*argv)
    assert code == status, argv
    doc: dict[str, object] = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(doc)]
    assert errors == [], argv
    return doc


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_show_json_validates(plan: str) -> None:
    doc = valid_json("show", "show", plan, "--format", "json")
    assert doc["id"] == plan


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_calendar_json_validates(plan: str) -> None:
    doc = valid_json("calendar", "calendar", plan, "--format", "json")
    assert "on" not in doc
    for on in ON_DATES:
        doc = valid_json("calendar", "calendar", plan, "--on", on, "--format", "json")
        assert isinstance(doc["on"], dict)
        assert doc["on"]["date"] == on


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_plan_audit_json_validates(plan: str, lang: str) -> None:
    doc = valid_json("audit", "audit", plan, "--format", "json", "--lang", lang)
    assert doc["plan"] == plan


def test_calendar_schema_refuses_a_made_up_day_and_allows_new_members() -> None:
    v = validator("calendar")
    _, text = run_cli("calendar", "lai-chau-city-2024", "--on", "2025-03-15", "--format", "json")
    good = json.loads(text)
    assert v.is_valid({**good, "notes": [{"code": "x"}]})  # a member added in a later version
    assert not v.is_valid({**good, "problems": [{"code": "x"}]})  # problems have a shape
    overlap = {
        "kind": "overlap",
        "phases": [1, 2],
        "start": "2024-03-01",
        "end": "2024-03-31",
        "text": "t",
    }
    assert v.is_valid({**good, "problems": [overlap]})
    assert not v.is_valid({k: val for k, val in good.items() if k != "problems"})
    bad_deadline = {**good["deadlines"][0], "last_day": "2025-02-30"}
    assert not v.is_valid({**good, "deadlines": [bad_deadline]})
    undated = {"id": "u", "title": "Báo cáo", "frequency": "yearly", "period": "2023"}
    assert v.is_valid({**good, "undated": [undated]})
    assert not v.is_valid({**good, "undated": [{**undated, "period": "sometime"}]})
    assert not v.is_valid({k: val for k, val in good.items() if k != "undated"})


def _series_cases() -> list[tuple[str, list[dict[str, object]]]]:
    from tests.test_target_data import CASES

    return [(plan, rows) for plan, _tid, rows, _expected in CASES]


def test_targets_json_on_every_example_series_validates(tmp_path: Path) -> None:
    """Each boundary series of the target tests, run through the command, validates."""
    seen: set[str] = set()
    statuses: set[str] = set()
    for i, (plan, rows) in enumerate(_series_cases()):
        path = tmp_path / f"series-{i}.json"
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        doc = valid_json("targets", "targets", plan, str(path), "--format", "json")
        results = doc["results"]
        assert isinstance(results, list)
        assert results
        seen.add(plan)
        statuses.update(r["status"] for r in results)
    assert seen == {"thanh-hoa-151-2022", "can-tho-205-2021", "lai-chau-city-2024",
                    "national-132-kl-tw-2025"}  # fmt: skip
    assert statuses == {
        "met",
        "not met",
        "not evaluable",
        "matches baseline",
        "differs from baseline",
    }


def test_targets_json_with_a_reading_and_csv_input_validates(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("period,villages_built_drug_free\nphase 2,45\n", encoding="utf-8")
    for extra in ((), ("--reading", "stated-count"), ("--reading", "p2-build=share")):
        doc = valid_json("targets", "targets", "lai-chau-city-2024", str(path), "--format",
                         "json", *extra)  # fmt: skip
        build = [r for r in doc["results"] if r["target"] == "p2-build"]
        assert [r["status"] for r in build] == (
            ["met"] if extra[:2] == ("--reading", "stated-count") else ["not met"]
        )


def test_targets_schema_refuses_the_old_shape_and_a_bad_status() -> None:
    v = validator("targets")
    row = {
        "target": "1b", "label": "(1)", "kind": "count", "period": "2022", "status": "met",
        "reading": None, "figures": {"rings_dismantled": 11}, "value": "11",
        "threshold": "> 10", "explanation": "11 > 10",
    }  # fmt: skip
    assert v.is_valid({"plan": "thanh-hoa-151-2022", "results": [row]})
    assert v.is_valid({"plan": "p", "results": [{**row, "value": "23/25 (92%)"}]})
    assert not v.is_valid({"plan": "thanh-hoa-151-2022", "targets": [{"id": "1b"}]})
    assert not v.is_valid({"plan": "p", "results": [{**row, "status": "passed"}]})
    assert not v.is_valid({"plan": "p", "results": [{**row, "figures": {"rings": -1}}]})
    assert not v.is_valid({"plan": "p", "results": [{**row, "period": "Q1"}]})
