"""Every numeric target of the four documents, evaluated on example series at its boundary."""

from __future__ import annotations

from typing import Any

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria import Reading, TargetKind, evaluate_targets, series_from_rows
from vn_drugfree_criteria import TargetStatus as Status

MET, NOT, NA = Status.MET, Status.NOT_MET, Status.NOT_EVALUABLE
SAME, DIFF = Status.MATCHES_BASELINE, Status.DIFFERS_FROM_BASELINE
TARGET_PLANS = ("thanh-hoa-151-2022", "can-tho-205-2021", "lai-chau-city-2024",
                "national-132-kl-tw-2025")  # fmt: skip


def statuses(plan: str, tid: str, rows: list[dict[str, Any]], reading: Any = None) -> list[Status]:
    results = evaluate_targets(plan, series_from_rows(rows), reading)
    return [r.status for r in results if r.target.id == tid]


# (plan, target, rows, expected statuses per evaluated row): a passing and a failing boundary.
Y22 = "2022"
CASES: list[tuple[str, str, list[dict[str, Any]], list[Status]]] = [
    # Thanh Hóa 151/KH-UBND, line 5
    ("thanh-hoa-151-2022", "1a", [{"period": Y22, "possession_cases": 9, "possession_cases_traced": 9}], [MET]),
    ("thanh-hoa-151-2022", "1a", [{"period": Y22, "possession_cases": 9, "possession_cases_traced": 8}], [NOT]),
    ("thanh-hoa-151-2022", "1b", [{"period": Y22, "rings_dismantled": 11}], [MET]),
    ("thanh-hoa-151-2022", "1b", [{"period": Y22, "rings_dismantled": 10}], [NOT]),  # "trên 10"
    ("thanh-hoa-151-2022", "2a", [{"period": Y22, "hotspots_new": 0}], [MET]),
    ("thanh-hoa-151-2022", "2a", [{"period": Y22, "hotspots_new": 1}], [NOT]),
    ("thanh-hoa-151-2022", "2c", [{"period": Y22, "points_active": 40, "points_eliminated": 21}], [MET]),
    ("thanh-hoa-151-2022", "2c", [{"period": Y22, "points_active": 40, "points_eliminated": 20}], [NOT]),  # 50% is not "trên 50%"
    ("thanh-hoa-151-2022", "2e", [{"period": Y22, "hotspots_over_limit": 0}], [MET]),
    ("thanh-hoa-151-2022", "2e", [{"period": Y22, "hotspots_over_limit": 1}], [NOT]),
    ("thanh-hoa-151-2022", "2f", [{"period": Y22, "points_over_limit": 0}], [MET]),
    ("thanh-hoa-151-2022", "2f", [{"period": Y22, "points_over_limit": 2}], [NOT]),
    ("thanh-hoa-151-2022", "3", [{"period": Y22, "cultivation_sites": 0}], [MET]),
    ("thanh-hoa-151-2022", "3", [{"period": Y22, "cultivation_sites": 1}], [NOT]),
    ("thanh-hoa-151-2022", "4a", [{"period": Y22, "users": 5, "users_with_dossier": 5}], [MET]),
    ("thanh-hoa-151-2022", "4a", [{"period": Y22, "users": 5, "users_with_dossier": 4}], [NOT]),
    ("thanh-hoa-151-2022", "4b", [{"period": Y22, "managed_addicts": 0, "managed_addicts_treated": 0}], [MET]),
    ("thanh-hoa-151-2022", "4b", [{"period": Y22, "managed_addicts": 3, "managed_addicts_treated": 2}], [NOT]),
    ("thanh-hoa-151-2022", "4c", [{"period": Y22, "persons_to_assess": 7, "persons_assessed": 7}], [MET]),
    ("thanh-hoa-151-2022", "4c", [{"period": Y22, "persons_to_assess": 7, "persons_assessed": 6}], [NOT]),
    # 5b, share-taken-off: 5% of last year's 1000 managed addicts = 50 taken off the list
    ("thanh-hoa-151-2022", "5b", [{"period": "2021", "managed_addicts": 1000}, {"period": Y22, "managed_addicts": 990, "addicts_taken_off_list": 50}], [MET]),
    ("thanh-hoa-151-2022", "5b", [{"period": "2021", "managed_addicts": 1000}, {"period": Y22, "managed_addicts": 900, "addicts_taken_off_list": 49}], [NOT]),
    ("thanh-hoa-151-2022", "5b", [{"period": Y22, "managed_addicts": 900, "addicts_taken_off_list": 49}], [NA]),
    ("thanh-hoa-151-2022", "6a", [{"period": Y22, "districts": 27, "districts_with_area_transformed": 27}], [MET]),
    ("thanh-hoa-151-2022", "6a", [{"period": Y22, "districts": 27, "districts_with_area_transformed": 26}], [NOT]),
    ("thanh-hoa-151-2022", "6b", [{"period": Y22, "areas_more_complex": 0}], [MET]),
    ("thanh-hoa-151-2022", "6b", [{"period": Y22, "areas_more_complex": 1}], [NOT]),
    ("thanh-hoa-151-2022", "6c", [{"period": Y22, "districts": 27, "districts_with_model": 27}], [MET]),
    ("thanh-hoa-151-2022", "6c", [{"period": Y22, "districts": 27, "districts_with_model": 0}], [NOT]),
    ("thanh-hoa-151-2022", "7b", [{"period": Y22, "precursor_diversions": 0}], [MET]),
    ("thanh-hoa-151-2022", "7b", [{"period": Y22, "precursor_diversions": 1}], [NOT]),
    ("thanh-hoa-151-2022", "8a", [{"period": Y22, "units": 30, "units_campaigning": 30}], [MET]),
    ("thanh-hoa-151-2022", "8a", [{"period": Y22, "units": 30, "units_campaigning": 29}], [NOT]),
    # Cần Thơ 205/KH-UBND, I.2
    # a1 "dưới 1%": 1000 -> 1009 is 0.9%, 1010 is exactly 1% (not below)
    ("can-tho-205-2021", "a1", [{"period": "2021", "addicts": 1000}, {"period": "2022", "addicts": 1009}], [NA, MET]),
    ("can-tho-205-2021", "a1", [{"period": "2021", "addicts": 1000}, {"period": "2022", "addicts": 1010}], [NA, NOT]),
    ("can-tho-205-2021", "a2", [{"period": "2021", "communes_drug_free": 100}, {"period": "2022", "communes_drug_free": 101}], [NA, NOT]),
    ("can-tho-205-2021", "a2", [{"period": "2021", "communes_drug_free": 200}, {"period": "2022", "communes_drug_free": 201}], [NA, MET]),
    ("can-tho-205-2021", "a2", [{"period": "2021", "communes_drug_free": 0}, {"period": "2022", "communes_drug_free": 1}], [NA, NA]),
    ("can-tho-205-2021", "b", [{"period": "2022", "managed_users": 10, "managed_users_reached": 9}], [MET]),
    ("can-tho-205-2021", "b", [{"period": "2022", "managed_users": 10, "managed_users_reached": 8}], [NOT]),  # 80% is not "trên 80%"
    # c1 "tăng từ 5%": 200 -> 210 is exactly 5% (met), 209 is not
    ("can-tho-205-2021", "c1", [{"period": "2021", "cases_detected": 200}, {"period": "2022", "cases_detected": 210}], [NA, MET]),
    ("can-tho-205-2021", "c1", [{"period": "2021", "cases_detected": 200}, {"period": "2022", "cases_detected": 209}], [NA, NOT]),
    ("can-tho-205-2021", "c2", [{"period": "2022", "court_cases": 10, "court_cases_resolved": 10}], [MET]),
    ("can-tho-205-2021", "c2", [{"period": "2022", "court_cases": 10, "court_cases_resolved": 9}], [NOT]),  # 90% is not "trên 90%"
    ("can-tho-205-2021", "c3", [{"period": "2022", "transport_reports": 4, "transport_reports_verified": 4}], [MET]),
    ("can-tho-205-2021", "c3", [{"period": "2022", "transport_reports": 4, "transport_reports_verified": 3}], [NOT]),
    ("can-tho-205-2021", "d1", [{"period": "2021", "points_eliminated": 20}, {"period": "2022", "points_eliminated": 21}], [NA, MET]),
    ("can-tho-205-2021", "d1", [{"period": "2021", "points_eliminated": 21}, {"period": "2022", "points_eliminated": 22}], [NA, NOT]),
    ("can-tho-205-2021", "d2", [{"period": "2022", "points_new": 0}], [MET]),
    ("can-tho-205-2021", "d2", [{"period": "2022", "points_new": 1}], [NOT]),
    ("can-tho-205-2021", "d3", [{"period": "2022", "hotspots_new": 0}], [MET]),
    ("can-tho-205-2021", "d3", [{"period": "2022", "hotspots_new": 3}], [NOT]),
    ("can-tho-205-2021", "d4", [{"period": "2025", "hot_spots": 5, "hot_spots_eliminated": 5}], [MET]),
    ("can-tho-205-2021", "d4", [{"period": "2025", "hot_spots": 5, "hot_spots_eliminated": 4}], [NOT]),  # 80% is not "trên 80%"
    ("can-tho-205-2021", "d4", [{"period": "2024", "hot_spots": 5, "hot_spots_eliminated": 5}], [NA]),
    ("can-tho-205-2021", "dd1", [{"period": "2022", "communes": 85, "communes_reached": 85}], [MET]),
    ("can-tho-205-2021", "dd1", [{"period": "2022", "communes": 85, "communes_reached": 84}], [NOT]),
    ("can-tho-205-2021", "dd2", [{"period": "2022", "schools": 300, "schools_reached": 300}], [MET]),
    ("can-tho-205-2021", "dd2", [{"period": "2022", "schools": 300, "schools_reached": 299}], [NOT]),
    ("can-tho-205-2021", "dd3", [{"period": "2022", "industrial_zones": 8, "industrial_zones_reached": 8}], [MET]),
    ("can-tho-205-2021", "dd3", [{"period": "2022", "industrial_zones": 8, "industrial_zones_reached": 7}], [NOT]),
    ("can-tho-205-2021", "dd4", [{"period": "2021", "media_items": 50}, {"period": "2022", "media_items": 51}], [NA, MET]),
    ("can-tho-205-2021", "dd4", [{"period": "2021", "media_items": 50}, {"period": "2022", "media_items": 50}], [NA, NOT]),
    ("can-tho-205-2021", "e1", [{"period": "2022", "precursor_kinds": 40, "precursor_kinds_controlled": 40}], [MET]),
    ("can-tho-205-2021", "e1", [{"period": "2022", "precursor_kinds": 40, "precursor_kinds_controlled": 39}], [NOT]),
    ("can-tho-205-2021", "g", [{"period": "2022", "treatment_staff": 12, "treatment_staff_trained": 12}], [MET]),
    ("can-tho-205-2021", "g", [{"period": "2022", "treatment_staff": 12, "treatment_staff_trained": 11}], [NOT]),
    # Lai Châu city, III.2
    ("lai-chau-city-2024", "p1-baseline", [{"period": "phase 1", "villages": 72, "villages_drug_free": 17}], [SAME]),
    ("lai-chau-city-2024", "p1-baseline", [{"period": "phase 1", "villages": 72, "villages_drug_free": 18}], [DIFF]),
    ("lai-chau-city-2024", "p2-build", [{"period": "phase 2", "villages_built_drug_free": 46}], [MET]),
    ("lai-chau-city-2024", "p2-build", [{"period": "phase 2", "villages_built_drug_free": 45}], [NOT]),  # 45/55 = 81.8%
    ("lai-chau-city-2024", "p2-maintain", [{"period": "phase 2", "villages_drug_free_at_start": 17, "villages_kept_drug_free": 17}], [MET]),
    ("lai-chau-city-2024", "p2-maintain", [{"period": "phase 2", "villages_drug_free_at_start": 17, "villages_kept_drug_free": 16}], [NOT]),
    ("lai-chau-city-2024", "p3-maintain", [{"period": "phase 3", "villages_drug_free_at_start": 63, "villages_kept_drug_free": 63}], [MET]),
    ("lai-chau-city-2024", "p3-maintain", [{"period": "phase 3", "villages_drug_free_at_start": 63, "villages_kept_drug_free": 60}], [NOT]),
    ("lai-chau-city-2024", "p4-maintain", [{"period": "phase 4", "villages_drug_free_at_start": 63, "villages_kept_drug_free": 63}], [MET]),
    ("lai-chau-city-2024", "p4-maintain", [{"period": "phase 4", "villages_drug_free_at_start": 63, "villages_kept_drug_free": 62}], [NOT]),
    ("lai-chau-city-2024", "p3-san-thang", [{"period": "phase 3", "complex_villages_less_complex": 7}], [MET]),
    ("lai-chau-city-2024", "p3-san-thang", [{"period": "phase 3", "complex_villages_less_complex": 6}], [NOT]),
    ("lai-chau-city-2024", "p4-san-thang", [{"period": "phase 4", "complex_villages_drug_free": 7}], [MET]),
    ("lai-chau-city-2024", "p4-san-thang", [{"period": "phase 4", "complex_villages_drug_free": 6}], [NOT]),
    # Lai Châu city, task sections IV-V (no period stated: read as yearly)
    ("lai-chau-city-2024", "iv2-pledge", [{"period": "2024", "pledge_units": 90, "pledge_units_signed": 90}], [MET]),
    ("lai-chau-city-2024", "iv2-pledge", [{"period": "2024", "pledge_units": 90, "pledge_units_signed": 89}], [NOT]),
    ("lai-chau-city-2024", "iv2-mailbox", [{"period": "2024", "villages": 72, "villages_with_mailbox": 72}], [MET]),
    ("lai-chau-city-2024", "iv2-mailbox", [{"period": "2024", "villages": 72, "villages_with_mailbox": 71}], [NOT]),
    ("lai-chau-city-2024", "iv4-dossier", [{"period": "2025", "addicts_and_users": 30, "addicts_and_users_with_dossier": 30}], [MET]),
    ("lai-chau-city-2024", "iv4-dossier", [{"period": "2025", "addicts_and_users": 30, "addicts_and_users_with_dossier": 29}], [NOT]),
    ("lai-chau-city-2024", "v1-manage", [{"period": "2025", "addicts_and_post_rehab": 12, "addicts_and_post_rehab_managed": 12}], [MET]),
    ("lai-chau-city-2024", "v1-manage", [{"period": "2025", "addicts_and_post_rehab": 12, "addicts_and_post_rehab_managed": 11}], [NOT]),
    ("lai-chau-city-2024", "v11-model", [{"period": "2024", "communes": 7, "communes_with_member_model": 7}], [MET]),
    ("lai-chau-city-2024", "v11-model", [{"period": "2024", "communes": 7, "communes_with_member_model": 6}], [NOT]),
    # Cần Thơ, task II.4
    ("can-tho-205-2021", "ii4-keep", [{"period": "2022", "communes_free_of_drug_crime_at_start": 60, "communes_kept_free_of_drug_crime": 60}], [MET]),
    ("can-tho-205-2021", "ii4-keep", [{"period": "2022", "communes_free_of_drug_crime_at_start": 60, "communes_kept_free_of_drug_crime": 59}], [NOT]),
    ("can-tho-205-2021", "ii4-reduce", [{"period": "2021", "key_complex_communes": 9}, {"period": "2022", "key_complex_communes": 8}], [NA, MET]),
    ("can-tho-205-2021", "ii4-reduce", [{"period": "2021", "key_complex_communes": 9}, {"period": "2022", "key_complex_communes": 9}], [NA, NOT]),
    # Conclusion 132-KL/TW: at least 50% of commune-level units by the end of 2030
    ("national-132-kl-tw-2025", "n1", [{"period": "2030", "communes": 3321, "communes_drug_free": 1661}], [MET]),
    ("national-132-kl-tw-2025", "n1", [{"period": "2030", "communes": 3321, "communes_drug_free": 1660}], [NOT]),
    ("national-132-kl-tw-2025", "n1", [{"period": "2030", "communes": 3322, "communes_drug_free": 1661}], [MET]),  # exactly 50%: "ít nhất"
]  # fmt: skip


@pytest.mark.parametrize(("plan", "tid", "rows", "expected"), CASES)
def test_target_boundary(
    plan: str, tid: str, rows: list[dict[str, Any]], expected: list[Status]
) -> None:
    """DOMAIN §4-§5: each comparison word decides its boundary case exactly."""
    assert statuses(plan, tid, rows) == expected


def test_every_numeric_target_has_a_met_and_a_failing_case() -> None:
    """Every numeric target of the four documents is evaluated in the table above."""
    covered: dict[tuple[str, str], set[Status]] = {}
    for plan, tid, _, expected in CASES:
        covered.setdefault((plan, tid), set()).update(expected)
    for plan_id in TARGET_PLANS:
        for t in vdc.get_plan(plan_id).targets:
            if t.kind is TargetKind.QUALITATIVE:
                continue
            both = {SAME, DIFF} if t.kind is TargetKind.BASELINE else {MET, NOT}
            assert both <= covered.get((plan_id, t.id), set()), (plan_id, t.id)


def test_stated_count_reading_keeps_the_documents_45() -> None:
    """Lai Châu line 54: 83% of 55 needs 46; the document's own count is 45. Both readings exist."""
    rows = [{"period": "phase 2", "villages_built_drug_free": 45}]
    assert statuses("lai-chau-city-2024", "p2-build", rows, Reading.STATED_COUNT) == [MET]
    assert statuses("lai-chau-city-2024", "p2-build", rows, {"p2-build": Reading.SHARE}) == [NOT]
    t = vdc.get_plan("lai-chau-city-2024").target("p2-build")
    assert (t.whole_stated, t.share, t.stated_count) == (55, vdc.parse_share("83%"), 45)
    assert vdc.required_count(55, t.share) == 46  # type: ignore[arg-type]


def test_readings_of_the_yearly_reduction() -> None:
    """Thanh Hóa (5) "mỗi năm giảm 05%": each named reading gives its own verdict."""
    rows = [
        {"period": "2020", "managed_addicts": 1000},
        {"period": "2021", "managed_addicts": 950},
        {"period": Y22, "managed_addicts": 901, "addicts_taken_off_list": 47},
    ]
    plan = "thanh-hoa-151-2022"
    assert statuses(plan, "5b", rows, Reading.SHARE_TAKEN_OFF) == [NOT]  # 47 < 5% of 950
    assert statuses(plan, "5b", rows) == [NOT]  # the plan's most plausible reading
    assert statuses(plan, "5b", rows, Reading.PREVIOUS_YEAR) == [MET]  # 901 ≤ 950 × 0.95
    assert statuses(plan, "5b", rows, Reading.COMPOUND_FROM_BASE) == [MET]  # 901 ≤ 902.5
    assert statuses(plan, "5b", rows, Reading.LINEAR_FROM_BASE) == [NOT]  # 901 > 1000 × 0.90


def test_gross_growth_reading_of_a1() -> None:
    """Cần Thơ a): net growth 0% but 12 new addicts on 1000 is 1.2% gross growth."""
    rows = [
        {"period": "2021", "addicts": 1000},
        {"period": "2022", "addicts": 1000, "new_addicts": 12},
    ]
    assert statuses("can-tho-205-2021", "a1", rows) == [NA, MET]
    assert statuses("can-tho-205-2021", "a1", rows, {"a1": Reading.NEW_OVER_PREVIOUS}) == [NA, NOT]


def test_unsupported_reading_is_refused() -> None:
    rows = [{"period": Y22}]
    with pytest.raises(vdc.InputError, match="cannot be read"):
        evaluate_targets("thanh-hoa-151-2022", series_from_rows(rows), {"1b": Reading.SHARE})
    with pytest.raises(vdc.InputError, match="no target"):
        evaluate_targets("thanh-hoa-151-2022", series_from_rows(rows), {"zz": Reading.SHARE})


def test_qualitative_targets_are_kept_not_dropped() -> None:
    """ "Thiết thực, hiệu quả" and "tăng cường hợp tác" are encoded with their text, never dropped."""
    th = vdc.get_plan("thanh-hoa-151-2022")
    assert th.target("8b").qualitative
    assert "thiết thực, hiệu quả" in th.target("8b").text_vi
    ct = vdc.get_plan("can-tho-205-2021")
    assert ct.target("h").qualitative
    results = evaluate_targets(ct, series_from_rows([]))
    assert [r.status for r in results if r.target.id == "h"] == [NA]
    assert len({r.target.id for r in results}) == len(ct.targets)


def test_target_labels_and_ids() -> None:
    """Thanh Hóa keeps labels 1-8; Cần Thơ a-h with no f ("đ" -> "dd"), then task II.4."""
    th = vdc.get_plan("thanh-hoa-151-2022")
    assert sorted({t.label for t in th.targets}) == [str(i) for i in range(1, 9)]
    ct = vdc.get_plan("can-tho-205-2021")
    assert list(dict.fromkeys(t.label for t in ct.targets)) == [
        "a",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "g",
        "h",
        "II.4",
    ]
    assert all(t.id.startswith("dd") for t in ct.targets if t.label == "đ")


def test_national_goal_has_no_source_pointer() -> None:
    """Conclusion 132-KL/TW: its text is not bundled, so nothing points into it."""
    plan = vdc.get_plan("national-132-kl-tw-2025")
    assert plan.source_file is None
    assert plan.document.source is None
    assert plan.document.citation is not None
    assert all(t.source is None for t in plan.targets)
    t = plan.target("n1")
    assert (t.share, str(t.when)) == (vdc.parse_share("50%"), "2030")


def test_every_bundled_target_source_line_exists() -> None:
    from vn_drugfree_criteria.model.loader import source_lines

    for plan_id in TARGET_PLANS:
        plan = vdc.get_plan(plan_id)
        if plan.source_file is None:
            continue
        lines = source_lines(plan.source_file)
        assert lines is not None
        for t in plan.targets:
            assert t.source is not None
            text = " ".join(lines[t.source.line - 1 : t.source.end_line or t.source.line])
            words = t.comparison.phrase_vi.split()[-1] if t.comparison else t.text_vi.split()[0]
            assert words.lower() in text.lower(), (plan_id, t.id)
