"""``vn-drugfree show`` and ``vn-drugfree plans``: everything a plan encodes, exit codes."""

from __future__ import annotations

import json

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.model.loader import source_lines


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plans_json_lists_every_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plans", "--format", "json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)["plans"]] == list(vdc.list_plans())


@pytest.mark.parametrize("plan_id", vdc.list_plans())
def test_show_json_has_every_criterion_verbatim_with_source(
    capsys: pytest.CaptureFixture[str], plan_id: str
) -> None:
    code, out, err = run(capsys, "show", plan_id, "--format", "json")
    assert code == 0
    assert err == ""
    data = json.loads(out)
    plan = vdc.get_plan(plan_id)
    assert data["id"] == plan_id
    assert [c["id"] for c in data["criteria"]] == [c.id for c in plan.criteria]
    if plan.source_file is None:  # an instrument known by its citation only
        assert data["document"]["form"] == "citation only"
        assert data["criteria"] == []
    else:
        assert source_lines(plan.source_file) is not None
    assert [t["id"] for t in data["targets"]] == [t.id for t in plan.targets]
    assert [p["number"] for p in data["calendar"]["phases"]] == [
        p.number for p in plan.calendar.phases
    ]
    for c, crit in zip(data["criteria"], plan.criteria, strict=True):
        assert c["ref"] == f"{plan_id}:{crit.id}"
        assert c["text_vi"] == crit.text_vi
        assert c["text_en"] == crit.text_en
        assert c["source"]["line"] == crit.source.line
        assert all(r["formula"] for r in c["requirements"])
    assert [i["name"] for i in data["indicators"]] == list(plan.indicators)


def test_show_keeps_unknowns_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    """The Lai Châu city plan leaves its number and day blank: nothing is invented."""
    data = json.loads(run(capsys, "show", "lai-chau-city-2024", "--format", "json")[1])
    assert data["document"]["number"] is None
    assert data["document"]["issued"] == "2024-04"
    assert data["document"]["issued_precision"] == "month"
    _, text_vi, _ = run(capsys, "show", "lai-chau-city-2024")
    assert "Số: không rõ" in text_vi
    _, text_en, _ = run(capsys, "show", "lai-chau-city-2024", "--lang", "en")
    assert "Number: unknown" in text_en


def test_show_text_quotes_criteria_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "lai-chau-city-2024", "--lang", "en")
    for c in vdc.get_plan("lai-chau-city-2024").criteria:
        assert c.text_vi in out
        assert c.text_en in out
        assert f"lai-chau-city-2024:{c.id} ({c.source}" in out
    assert "substitution_over_12m_compliant = substitution_over_12m" in out


def test_show_unknown_plan_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "no-such-plan")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "unknown plan 'no-such-plan'" in err
