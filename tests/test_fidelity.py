"""Every element the fidelity review listed is encoded, or listed as not encoded with a reason."""

from __future__ import annotations

import datetime

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.model.fidelity import Status, fidelity_rows


def _rows(plan_id: str) -> list[tuple[str, Status, int | None]]:
    return [
        (r.element, r.status, r.source.line if r.source else None)
        for r in fidelity_rows(vdc.get_plan(plan_id))
    ]


@pytest.mark.parametrize(
    ("target", "line", "figure"),
    [
        ("iv2-pledge", 94, "pledge_units_signed"),
        ("iv2-mailbox", 94, "villages_with_mailbox"),
        ("iv4-dossier", 114, "addicts_and_users_with_dossier"),
        ("v1-manage", 164, "addicts_and_post_rehab_managed"),
        ("v11-model", 228, "communes_with_member_model"),
    ],
)
def test_lai_chau_task_section_goals_are_encoded(target: str, line: int, figure: str) -> None:
    t = vdc.get_plan("lai-chau-city-2024").target(target)
    assert t.source is not None
    assert (t.source.line, t.figure) == (line, figure)


def test_can_tho_ii4_is_encoded_and_bears_on_target_a2() -> None:
    plan = vdc.get_plan("can-tho-205-2021")
    keep, reduce = plan.target("ii4-keep"), plan.target("ii4-reduce")
    assert keep.source is not None
    assert reduce.source is not None
    assert (keep.source.line, keep.comparison and keep.comparison.kind.value) == (91, "all")
    assert reduce.comparison is not None
    assert (reduce.source.end_line, reduce.comparison.kind.value) == (93, "less")
    assert "II.4" in (plan.target("a2").doubt or "")
    (f,) = [f for f in vdc.audit(plan) if f.code == "TARGET_SENSE_DOUBTFUL"]
    assert "91-93" in f.message_en


def test_action_month_scope_figures_are_listed_as_not_encoded_with_a_reason() -> None:
    rows = list(fidelity_rows(vdc.get_plan("action-month-321-2022")))
    missing = [
        (r.source.line if r.source else None) for r in rows if r.status is Status.NOT_ENCODED
    ]
    assert missing == [8, 12]
    assert all(r.why for r in rows if r.status is Status.NOT_ENCODED)


@pytest.mark.parametrize(
    ("plan_id", "end"),
    [
        ("thanh-hoa-151-2022", datetime.date(2022, 12, 31)),
        ("can-tho-205-2021", datetime.date(2025, 12, 31)),
        ("action-month-321-2022", datetime.date(2022, 12, 31)),
    ],
)
def test_stated_periods_are_recorded(plan_id: str, end: datetime.date) -> None:
    plan = vdc.get_plan(plan_id)
    assert plan.scope.valid_to == end
    assert plan.scope.period_source is not None
    assert not [f for f in vdc.audit(plan) if "states no end date" in f.message_en]


@pytest.mark.parametrize(
    ("plan_id", "element", "line"),
    [
        ("lai-chau-city-2024", "C1.4", 24),
        ("lai-chau-city-2024", "C2.1", 26),
        ("lai-chau-city-2024", "C4.1", 30),
        ("lao-cai-414-2023", "C1.4", 49),
        ("lao-cai-414-2023", "C5.1", 57),
        ("can-tho-205-2021", "target b", 40),
        ("can-tho-205-2021", "target e1", 55),
        ("can-tho-205-2021", "target a2", 37),
        ("thanh-hoa-151-2022", "target 5b", 5),
    ],
)
def test_every_reading_is_named_with_its_reason(plan_id: str, element: str, line: int) -> None:
    (row,) = [r for r in fidelity_rows(vdc.get_plan(plan_id)) if r.element == element]
    assert row.status is Status.READING
    assert row.source is not None
    assert row.source.line == line
    assert row.why
    assert "[chosen]" in row.why or "[first chosen]" in row.why


def test_a_plan_without_notes_is_all_faithful() -> None:
    """Counter-example: the constructed clean plan names no reading; every element is faithful."""
    from tests.audit_fixtures import clean_plan

    rows = fidelity_rows(clean_plan())
    assert rows
    assert {r.status for r in rows} == {Status.FAITHFUL}


def test_english_keeps_the_words_of_the_source() -> None:
    """C1 "điểm tổ chức và sử dụng": "and using" is kept; Lào Cai's "cam kết" is not "signed"."""
    for plan_id in ("lai-chau-city-2024", "lao-cai-414-2023"):
        c1 = vdc.get_plan(plan_id).criterion("C1")
        assert "organising and using" in c1.text_en
        assert "organising and using" in c1.requirements[3].text_en
    assert vdc.INDICATORS["use_venues"].noun_vi == "điểm tổ chức và sử dụng trái phép chất ma túy"
    c5 = vdc.get_plan("lao-cai-414-2023").criterion("C5")
    assert "sign" not in c5.text_en
    assert "signed" not in c5.requirements[0].text_en.split("(")[0]
    e1 = vdc.get_plan("can-tho-205-2021").target("e1")
    assert e1.note
    assert "count" in e1.note


def test_an_element_without_a_source_is_paraphrased_not_faithful() -> None:
    """Conclusion 132-KL/TW is known by its citation only: its goal cannot be called verbatim."""
    (row,) = fidelity_rows(vdc.get_plan("national-132-kl-tw-2025"))
    assert row.source is None
    assert row.status is Status.PARAPHRASED
    assert row.why is not None
    assert "not bundled" in row.why


def test_every_faithful_element_points_into_its_source() -> None:
    """Fidelity rule: "faithful" is claimed only where a pointer lets a reader check the words."""
    for plan_id in vdc.list_plans():
        for r in fidelity_rows(vdc.get_plan(plan_id)):
            if r.status is Status.FAITHFUL:
                assert r.source is not None, (plan_id, r.element)
