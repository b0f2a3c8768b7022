"""One JSON form per result and plan type: ``to_dict()``, complete, plain and what is published.

Every attribute of a result or plan type must show in its JSON form, under its own name or
under the keys listed in ``RENAMED``; ``OMITTED`` names the few that are deliberately left out,
with the reason. Adding an attribute without adding it to the form fails here.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import vn_drugfree_criteria as vdc
from tests.samples import plan_objects, result_objects
from vn_drugfree_criteria.cli import main

PLAN = "lai-chau-city-2024"

# attribute -> the keys of the JSON form that carry it
RENAMED: dict[type[Any], dict[str, tuple[str, ...]]] = {
    vdc.Assessment: {"plan_id": ("plan",), "area_id": ("id",)},
    vdc.CriterionResult: {"criterion": ("criterion",)},
    vdc.RequirementResult: {"requirement": ("requirement",)},
    vdc.BatchResult: {
        "plan_id": ("plan",),
        "class_codes": ("key_complex_class",),  # the codes written as the class names
    },
    vdc.BatchRollup: {
        "plan_id": ("plan",),
        "children": ("parents",),
        "drug_free_children": ("parents",),
        "rejected_children": ("parents",),
        "complete": ("parents",),
        "counts": ("parents",),
        "meets_target": ("parents",),
    },
    vdc.RollupNode: {"share_drug_free": ("share",)},
    vdc.ParentResult: {
        "node": ("level", "children", "drug_free_children", "assessed_children", "share")
    },
    vdc.TableAssessment: {
        "plan_id": ("plan",),
        "rows": ("areas", "rejected"),
        "results": ("areas",),
        "parents": ("rollup",),
    },
    vdc.Table: {"plan_id": ("plan",)},
    vdc.TableRow: {"area_id": ("id",)},
    vdc.Snapshot: {"area_id": ("id",)},
    vdc.TargetResult: {
        "target": ("target", "label", "kind", "doubt"),
        "threshold_words": ("threshold",),  # written in the language asked for
        "explanation_words": ("explanation",),
    },
    vdc.Requirement: {"comparison": ("op", "phrase_vi")},
    vdc.Deadline: {"title_vi": ("title",)},
    vdc.RecurringDeadline: {"title_vi": ("title",)},
    vdc.UndatedReport: {"title_vi": ("title",)},
    vdc.Observance: {"title_vi": ("title",)},
    vdc.Occurrence: {"title_vi": ("title",)},
    vdc.PhaseProblem: {"days": ("start", "end")},
    vdc.Finding: {
        "message_vi": ("message_vi", "message"),
        "stated_vi": ("stated",),  # "stated" in the language asked for
        "derived_vi": ("derived",),
    },
}

# attribute -> why the JSON form leaves it out
OMITTED: dict[type[Any], dict[str, str]] = {
    vdc.TableAssessment: {"table": "the input table: its rows are the areas and rejected rows"},
    vdc.TableRow: {"problems": "written as errors (in the form's language) and codes"},
    vdc.Plan: {
        "_compiled": "the criteria compiled for assess, derived from the plan, not data",
        "source_lines": "the source text itself; source_missing says whether it was at hand",
        "vocabulary": "the shared indicators and the plan's own; written as local_indicators "
        "and, for those the criteria read, indicators",
    },
    vdc.Requirement: {"vocabulary": "its plan's vocabulary, written once in the plan's form"},
    vdc.Snapshot: {"vocabulary": "the vocabulary its counts were read on: the plan's"},
    vdc.BatchResult: {"vocabulary": "the plan's vocabulary, written in the plan's form"},
}

# Exported attrs classes that are vocabulary or input values rather than results or plans.
VALUES = {
    vdc.CodeInfo: "an entry of the finding codes table (FINDING_CODES)",
    vdc.Comparison: "written into its requirement's form as op and phrase_vi",
    vdc.Figure: "an entry of the programme figures table (FIGURES)",
    vdc.Indicator: "an entry of the indicators table, written into the plan's form",
    vdc.PartialDate: "written as ISO text at its precision (iso())",
    vdc.PeriodFigures: "a row of input figures",
    vdc.Phrase: "written into its target's form as comparison",
    vdc.Series: "input figures",
    vdc.When: "written as its text (str(when))",
    vdc.UnitKind: "an entry of the unit kinds table, written as its Vietnamese name",
    vdc.Vocabulary: "the indicators table; a plan's form lists its own (local_indicators)",
}


def _objects() -> list[object]:
    return [*plan_objects(), *result_objects()]


def _form(obj: object) -> dict[str, Any]:
    to_dict: Callable[[], dict[str, Any]] = obj.to_dict  # type: ignore[attr-defined]
    return to_dict()


def test_every_attribute_of_every_result_and_plan_type_is_in_its_json_form() -> None:
    seen: set[type[Any]] = set()
    missing: set[str] = set()
    for obj in _objects():
        cls = type(obj)
        seen.add(cls)
        form = _form(obj)
        for field in attrs.fields(cls):
            if field.name in OMITTED.get(cls, {}):
                continue
            keys = RENAMED.get(cls, {}).get(field.name, (field.name,))
            missing |= {f"{cls.__name__}.{field.name} -> {k!r}" for k in keys if k not in form}
    assert not missing, "attributes missing from their JSON form: " + ", ".join(sorted(missing))
    assert set(_exported_types()) - seen == set(), "exported types without a sample here"


def _exported_types() -> list[type[Any]]:
    exported = [getattr(vdc, n) for n in vdc.__all__]
    return [c for c in exported if isinstance(c, type) and attrs.has(c) and c not in VALUES]


def test_every_exported_result_or_plan_type_has_a_to_dict_method() -> None:
    types = _exported_types()
    assert len(types) >= 25
    assert [c.__name__ for c in types if not callable(getattr(c, "to_dict", None))] == []
    assert [c.__name__ for c in types if hasattr(c, "as_dict")] == []


def test_json_forms_are_plain_json() -> None:
    for obj in _objects():
        text = json.dumps(_form(obj), ensure_ascii=False, allow_nan=False)
        assert json.loads(text) == _form(obj), type(obj).__name__


def test_show_json_is_the_plans_form_and_names_the_province(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for plan_id in vdc.list_plans():
        assert main(["show", plan_id, "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data == vdc.get_plan(plan_id).to_dict()
        assert "province" in data["document"]


def test_targets_json_is_the_results_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("period,villages_drug_free\nphase 1,17\n", encoding="utf-8")
    assert main(["targets", PLAN, str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = [r.to_dict() for r in vdc.evaluate_targets(PLAN, vdc.read_series(str(path)))]
    assert data["results"] == expected


def test_audit_json_is_the_findings_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "thanh-hoa-151-2022", "--format", "json", "--lang", "en"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    expected = [f.to_dict(lang="en") for f in vdc.audit("thanh-hoa-151-2022")]
    assert data["findings"] == expected


def test_assess_and_calendar_json_are_the_results_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", PLAN, "--example", "--rollup", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    table = vdc.assess_table(PLAN, vdc.example_table(PLAN), with_rollup=True)
    assert data == table.to_dict()
    assert main(["calendar", PLAN, "--on", "2024-06-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    day = datetime.date(2024, 6, 1)
    assert data == {"plan": PLAN, **vdc.get_plan(PLAN).calendar.to_dict(day)}
