"""The shipped JSON Schemas are valid Draft 2020-12 and describe what the commands print."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import jsonschema
import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria._cli import main

EXPECTED = ("assess", "audit", "calendar", "input", "targets", "vectors")


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
