"""Audit of graded outcomes: overlapping classes, gaps between them, and readings that make an
empty area key complex. Each check on Decision 28 and on a constructed counter-example."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.model.loader import load_plan_text

PLAN = "national-28-qd-ttg-2025"


def codes(plan: vdc.Plan) -> list[str]:
    return [f.code for f in vdc.audit(plan) if f.code.startswith("GRADE_")]


def test_decision_28_overlaps_gaps_and_a_literal_reading_are_reported() -> None:
    findings = [f for f in vdc.audit(PLAN) if f.code.startswith("GRADE_")]
    found = {f.code: f for f in findings}
    assert set(found) == {"GRADE_OVERLAP", "GRADE_GAP", "GRADE_READING_DRUG_FREE"}
    overlaps = [(f.stated, f.derived) for f in findings if f.code == "GRADE_OVERLAP"]
    assert overlaps == [("I + III", "I"), ("II + III", "II")]
    assert found["GRADE_READING_DRUG_FREE"].stated == "literal: III"
    assert "registered_users = 50" in found["GRADE_GAP"].message_en


def test_a_single_class_cannot_overlap_or_leave_a_gap() -> None:
    plan = vdc.get_plan(PLAN)
    province = plan.classifications[1]
    only = attrs.evolve(plan, classifications=(province,), readings=())
    assert codes(only) == []


def test_the_literal_reading_chosen_reports_nothing_about_empty_areas() -> None:
    """With "literal" chosen, the plan's own reading is the literal one: nothing to report."""
    package = Path(vdc.__file__).parent / "data"
    text = (package / "plans" / f"{PLAN}.toml").read_text(encoding="utf-8")
    before = 'chosen = "some-but-below"\nalternatives = ["literal"]'
    assert before in text
    text = text.replace(before, 'chosen = "literal"\nalternatives = ["some-but-below"]')
    source = (package / "sources" / "qd-28-2025-qd-ttg.txt").read_text(encoding="utf-8")
    plan = load_plan_text(f"{PLAN}.toml", text, source_text=source)
    empty = dict.fromkeys(plan.indicators, 0) | {"residents": 10_000}
    del empty["communes"], empty["communes_class_1_2"]
    day = datetime.date(2026, 1, 1)
    assert vdc.assess(plan, vdc.Snapshot(empty, as_of=day, level="xã")).key_complex_class == "III"
    assert "GRADE_READING_DRUG_FREE" not in codes(plan)
