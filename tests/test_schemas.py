"""The shipped JSON Schemas are valid Draft 2020-12 and describe what the commands print."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

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
