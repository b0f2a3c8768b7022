import datetime

import pytest

import vn_drugfree_criteria as vdc
from tests.common import DAY, break_requirement, clean_counts, level_of

PLAN_IDS = ["lao-cai-414-2023", "lai-chau-city-2024"]
REQS = [
    (plan_id, c.id, r)
    for plan_id in PLAN_IDS
    for c in vdc.get_plan(plan_id).criteria
    for r in c.requirements
]


def _snap(plan: vdc.Plan, counts: dict[str, int], **kw: object) -> vdc.Snapshot:
    return vdc.Snapshot(
        counts, as_of=kw.pop("as_of", DAY), level=kw.pop("level", level_of(plan)), **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_clean_area_is_drug_free(plan_id: str) -> None:
    plan = vdc.get_plan(plan_id)
    result = vdc.assess(plan_id, _snap(plan, clean_counts(plan)))
    assert result.drug_free
    assert list(result.criteria) == [c.id for c in plan.criteria]
    assert all(r.met and not r.vacuous for c in result.criteria.values() for r in c.requirements)
    assert result.failed == ()
    assert "đạt" in result.explain("vi")


@pytest.mark.parametrize(("plan_id", "criterion_id", "req"), REQS, ids=[r.id for _, _, r in REQS])
def test_each_requirement_fails_exactly_its_criterion(
    plan_id: str, criterion_id: str, req: vdc.Requirement
) -> None:
    plan = vdc.get_plan(plan_id)
    counts = break_requirement(clean_counts(plan), req)
    result = vdc.assess(plan, _snap(plan, counts))
    assert not result.drug_free
    assert result.failed == (criterion_id,)
    (short,) = result.criteria[criterion_id].shortfalls
    assert short.requirement is req
    assert short.shortfall == 1
    assert short.explanation_vi
    assert short.explanation_en
    assert criterion_id in result.explain("en")


def test_explanations_give_the_numbers() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    counts = clean_counts(plan) | {
        "households": 41,
        "households_committed": 38,
        "hotspots": 2,
        "effective_models": 0,
    }
    result = vdc.assess(plan, _snap(plan, counts))
    assert result.failed == ("C1", "C6", "C7")
    c6 = result.criteria["C6"].shortfalls[0]
    assert c6.explanation_en == "3 of 41 households have not made the commitment."
    assert c6.explanation_vi == "3 trong số 41 hộ gia đình chưa cam kết."
    assert c6.values == {"households_committed": 38, "households": 41}
    c1 = result.criteria["C1"].shortfalls[0]
    assert c1.explanation_en == "Drug hotspots: 2; required: none."
    assert c1.shortfall == 2
    c7 = result.criteria["C7"].shortfalls[0]
    assert (
        c7.explanation_en
        == "0 drug-prevention models kept effective (at least 1 required): 1 short."
    )
    assert "ít nhất 01" in c7.explanation_vi


def test_vacuous_pass_is_marked_and_explained() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    counts = clean_counts(plan) | {"substitution_over_12m": 0, "substitution_over_12m_compliant": 0}
    result = vdc.assess(plan, _snap(plan, counts))
    (req,) = result.criteria["C4"].requirements
    assert req.met
    assert req.vacuous
    assert "vacuously" in req.explanation_en
    assert "đúng hiển nhiên" in req.explanation_vi


def test_level_not_covered() -> None:
    plan = vdc.get_plan("lao-cai-414-2023")
    with pytest.raises(vdc.LevelNotCoveredError, match="no criteria for the village level"):
        vdc.assess(plan, _snap(plan, clean_counts(plan), level="village"))


def test_plan_dates_are_enforced() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    with pytest.raises(vdc.NotValidOnDateError, match="applies until 2025-11-30"):
        vdc.assess(plan, _snap(plan, clean_counts(plan), as_of=datetime.date(2025, 12, 1)))
    with pytest.raises(vdc.NotValidOnDateError, match="applies from 2024-01-01"):
        vdc.assess(plan, _snap(plan, clean_counts(plan), as_of=datetime.date(2023, 12, 31)))
    lao_cai = vdc.get_plan("lao-cai-414-2023")
    with pytest.raises(vdc.NotValidOnDateError, match="applies from 2023-11-13"):
        vdc.assess(
            lao_cai, _snap(lao_cai, clean_counts(lao_cai), as_of=datetime.date(2023, 11, 12))
        )


def test_city_level_after_the_reform_is_refused() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    snap = _snap(plan, clean_counts(plan), level="district", as_of=datetime.date(2025, 7, 1))
    with pytest.raises(vdc.NotValidOnDateError, match="district level no longer existed"):
        vdc.assess(plan, snap)
    early = _snap(plan, clean_counts(plan), level="district", as_of=datetime.date(2025, 6, 30))
    assert vdc.assess(plan, early).drug_free


def test_thi_tran_after_the_reform_is_refused() -> None:
    plan = vdc.get_plan("lao-cai-414-2023")
    kind = vdc.find_kind("thị trấn")
    ok = vdc.Snapshot(clean_counts(plan), as_of=datetime.date(2025, 6, 30), kind=kind)
    assert vdc.assess(plan, ok).drug_free
    late = vdc.Snapshot(clean_counts(plan), as_of=datetime.date(2025, 7, 1), kind=kind)
    with pytest.raises(vdc.NotValidOnDateError, match=r"'thị trấn'.*two-level"):
        vdc.assess(plan, late)


def test_missing_indicator_is_named() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    counts = clean_counts(plan)
    del counts["cultivation_sites"]
    with pytest.raises(
        vdc.SnapshotError, match=r"cultivation_sites: missing \(blank cell\); criterion C8"
    ):
        vdc.assess(plan, _snap(plan, counts))


def test_unknown_plan_and_wrong_types() -> None:
    with pytest.raises(
        vdc.UnknownPlanError, match="unknown plan 'nope'; known plans: action-month"
    ):
        vdc.get_plan("nope")
    with pytest.raises(vdc.InputError, match="expected a Snapshot"):
        vdc.assess("lao-cai-414-2023", {"hotspots": 0})  # type: ignore[arg-type]


def test_plans_without_criteria_cannot_assess() -> None:
    snap = vdc.Snapshot({}, as_of=datetime.date(2024, 1, 1), level="province")
    with pytest.raises(vdc.LevelNotCoveredError, match="sets no recognition criteria"):
        vdc.assess("can-tho-205-2021", snap)


def test_level_may_be_omitted_when_all_criteria_share_levels() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    snap = vdc.Snapshot(clean_counts(plan), as_of=DAY)
    assert vdc.assess(plan, snap).level is None


def test_assessment_to_dict() -> None:
    plan = vdc.get_plan("lao-cai-414-2023")
    counts = clean_counts(plan) | {
        "subunits": 6,
        "subunits_with_mailbox": 5,
        "subunits_with_hotline_board": 6,
    }
    d = vdc.assess(plan, _snap(plan, counts, area_id="X")).to_dict(lang="en")
    assert d["id"] == "X"
    assert d["drug_free"] is False
    assert d["criteria"]["C5"] is False
    assert d["shortfalls"] == [
        {
            "criterion": "C5",
            "requirement": "C5.2",
            "met": False,
            "vacuous": False,
            "values": {"subunits_with_mailbox": 5, "subunits": 6},
            "shortfall": 1,
            "explanation": "1 of 6 villages and residential groups has no crime-report mailbox.",
        }
    ]


def test_share_requirements_explain_both_directions() -> None:
    """ "Trên 80%" needs more; "không quá 25%" / "dưới 1/3" allow at most a count."""
    from pathlib import Path

    plan = vdc.load_plan_file(Path(__file__).parent / "fixtures" / "plans" / "shares.toml")
    reqs = {r.comparison.op: r for c in plan.criteria for r in c.requirements}

    gt = reqs[vdc.Op.GT]
    assert gt.whole is not None
    counts = {gt.indicator: 96, gt.whole: 120}
    assert gt.outcome(counts) == (False, False, 1)  # 96/120 is exactly 80%: one more needed
    assert "needs 97" in gt.explain(counts, "en")
    le = reqs[vdc.Op.LE]
    assert le.whole is not None
    counts = {le.indicator: 32, le.whole: 120}
    assert le.outcome(counts) == (False, False, 2)  # at most 30 of 120
    text = le.explain(counts, "en")
    assert "at most 30" in text
    assert "2 too many" in text
    lt = reqs[vdc.Op.LT]
    assert lt.whole is not None
    counts = {lt.indicator: 40, lt.whole: 120}  # exactly 1/3 is not below 1/3: at most 39
    assert lt.outcome(counts) == (False, False, 1)
    assert lt.outcome({lt.indicator: 39, lt.whole: 120}) == (True, False, 0)


def test_results_are_built_on_demand_and_equal_eager_evaluation() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    counts = break_requirement(clean_counts(plan), plan.criterion("C6").requirements[0])
    result = vdc.assess(plan, _snap(plan, counts))
    assert result.failed == ("C6",)
    assert "C6" in repr(result.criteria)
    assert len(result.criteria) == 8
    for cid, crit in result.criteria.items():
        assert crit.met == all(r.met for r in crit.requirements), cid
        assert result.criteria[cid] is crit  # built once
    again = vdc.assess(plan, _snap(plan, counts))
    assert again == result


def test_checks_are_not_skipped_on_repeated_calls() -> None:
    """The applicability check is remembered only when it passed: a bad date fails every time."""
    plan = vdc.get_plan("lai-chau-city-2024")
    good = _snap(plan, clean_counts(plan))
    late = _snap(plan, clean_counts(plan), as_of=datetime.date(2025, 12, 1))
    for _ in range(3):
        assert vdc.assess(plan, good).drug_free
        with pytest.raises(vdc.NotValidOnDateError):
            vdc.assess(plan, late)
    kind = vdc.find_kind("thị trấn")
    lao_cai = vdc.get_plan("lao-cai-414-2023")
    ok = vdc.Snapshot(clean_counts(lao_cai), as_of=datetime.date(2025, 6, 30), kind=kind)
    gone = vdc.Snapshot(clean_counts(lao_cai), as_of=datetime.date(2025, 7, 1), kind=kind)
    for _ in range(2):
        assert vdc.assess(lao_cai, ok).drug_free
        with pytest.raises(vdc.NotValidOnDateError):
            vdc.assess(lao_cai, gone)


def test_a_kind_given_as_the_level_is_checked_against_the_reform() -> None:
    """DOMAIN §2: "thị trấn" ended on 30/6/2025 and "đặc khu" began on 1/7/2025, however named."""
    plan = vdc.get_plan("lao-cai-414-2023")
    counts = clean_counts(plan)
    gone = vdc.Snapshot(counts, as_of=datetime.date(2025, 7, 1), level="thi tran")
    assert gone.kind is not None
    assert gone.kind.id == "thi-tran"
    assert gone.level is vdc.Level.COMMUNE
    with pytest.raises(vdc.NotValidOnDateError, match="thị trấn"):
        vdc.assess(plan, gone)
    early = vdc.Snapshot(counts, as_of=datetime.date(2024, 7, 1), level="Đặc khu")
    with pytest.raises(vdc.NotValidOnDateError, match="đặc khu"):
        vdc.assess(plan, early)
    by_kind_name = vdc.Snapshot(counts, as_of=datetime.date(2024, 7, 1), kind="phường")
    assert by_kind_name.level is vdc.Level.COMMUNE
    with pytest.raises(vdc.SnapshotError, match=r"^kind: "):
        vdc.Snapshot(counts, as_of=datetime.date(2024, 7, 1), kind="hamlet-x")
    columns = {name: [value] for name, value in counts.items()}
    for backend in ("python", "numpy"):
        with pytest.raises(vdc.NotValidOnDateError, match="thị trấn"):
            vdc.assess_many(
                plan, columns, as_of=datetime.date(2025, 7, 1), level="thị trấn", backend=backend
            )
        ok = vdc.assess_many(
            plan, columns, as_of=datetime.date(2025, 6, 30), level="thị trấn", backend=backend
        )
        assert list(ok.drug_free) == [True]


def test_english_verbs_agree_with_a_count_of_one() -> None:
    plan = vdc.get_plan("lai-chau-city-2024")
    counts = clean_counts(plan) | {"households": 41, "households_committed": 40}
    c6 = vdc.assess(plan, _snap(plan, counts)).criteria["C6"].requirements[0]
    assert c6.explanation_en == "1 of 41 households has not made the commitment."
    counts = clean_counts(plan) | {"substitution_over_12m": 1, "substitution_over_12m_compliant": 1}
    c4 = vdc.assess(plan, _snap(plan, counts)).criteria["C4"].requirements[0]
    assert c4.explanation_en.endswith("uses no other drug and keeps the facility's rules.")
