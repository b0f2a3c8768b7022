"""Conformance vectors: complete, on both sides of every threshold, and passed by the library."""

from __future__ import annotations

import datetime
import io
import json
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from tests import mutants
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.conformance.grading_oracle import GRADED_KINDS
from vn_drugfree_criteria.conformance.reference import indicators_to_dict, units_to_dict
from vn_drugfree_criteria.conformance.vectors import conformance_plans
from vn_drugfree_criteria.vocab.indicators import MAX_COUNT

FIXTURES = Path(__file__).parent / "fixtures" / "plans"


def plan_of(plan_id: str) -> vdc.Plan:
    own = {p.id: p for p in conformance_plans()}
    return own.get(plan_id) or vdc.get_plan(plan_id)


@pytest.fixture(scope="module")
def vectors() -> dict[str, object]:
    return vdc.build_vectors()


def cases_of(doc: dict[str, object]) -> list[dict[str, object]]:
    cases = doc["cases"]
    assert isinstance(cases, list)
    return cases


def test_library_passes_its_own_vectors(vectors: dict[str, object]) -> None:
    assert vdc.check_vectors(vectors) == ()


def test_every_requirement_has_both_edges_and_wholes_a_vacuous_case(
    vectors: dict[str, object],
) -> None:
    """DOMAIN §3-4: each requirement is tested at its threshold and one step past it."""
    ids = {str(c["id"]) for c in cases_of(vectors)}
    for plan_id in vectors["plans"]:  # type: ignore[attr-defined]
        plan = plan_of(plan_id)
        for level in plan.scope.levels:
            for c in plan.criteria_for(level):
                for r in c.requirements:
                    if r.kind.value in GRADED_KINDS:
                        continue  # interval ends: test_vectors_grading
                    stem = f"{plan_id}:{level.value}:{r.id}"
                    op, bound = r.comparison.op.value, r.bound
                    can_fail = (op, bound) not in {("≥", 0), ("≤", 1)}
                    assert f"{stem}:edge-met" in ids
                    assert (f"{stem}:edge-unmet" in ids) == can_fail
                    assert (f"{stem}:vacuous" in ids) == (r.whole is not None)
                    big = (r.whole is not None and can_fail) or r.kind.value == "none_except"
                    assert (f"{stem}:big-edge-unmet" in ids) == big


def test_every_criterion_of_every_plan_with_criteria_is_covered(
    vectors: dict[str, object],
) -> None:
    # Every plan's criteria, Decision 28's included (its classes are not yet in the vectors).
    with_criteria = [p for p in vdc.list_plans() if vdc.get_plan(p).criteria]
    with_criteria += [p.id for p in conformance_plans()]
    assert set(with_criteria) <= set(vectors["plans"])  # type: ignore[call-overload]
    seen = Counter(
        (c["plan"], cid)
        for c in cases_of(vectors)
        if "criteria" in c["expected"]  # type: ignore[operator]
        for cid in c["expected"]["criteria"]  # type: ignore[index]
    )
    for plan_id in with_criteria:
        for crit in plan_of(plan_id).criteria:
            assert seen[(plan_id, crit.id)] > 0


def test_edge_cases_sit_on_the_side_they_claim(vectors: dict[str, object]) -> None:
    for case in cases_of(vectors):
        name = str(case["id"])
        expected = case["expected"]
        assert isinstance(expected, dict)
        if name.endswith(":edge-met") or name.endswith(":edge-unmet"):
            req_id = name.split(":")[-2]
            assert expected["requirements"][req_id]["met"] is name.endswith(":edge-met")
        if name.endswith(":vacuous"):
            req_id = name.split(":")[-2]
            assert expected["requirements"][req_id] == {
                "met": True,
                "vacuous": True,
                "shortfall": 0,
            }


def test_batch_assessment_agrees_with_the_vectors(vectors: dict[str, object]) -> None:
    """assess_many must reach the same verdicts as the single-area vectors."""
    for case in cases_of(vectors):
        expected = case["expected"]
        assert isinstance(expected, dict)
        if case["kind"] != "assess" or "error" in expected:
            continue
        counts = case["counts"]
        assert isinstance(counts, dict)
        result = vdc.assess_many(
            plan_of(str(case["plan"])),
            {k: [v] for k, v in counts.items()},
            as_of=datetime.date.fromisoformat(str(case["as_of"])),
            level=case["level"],  # type: ignore[arg-type]
        )
        assert result.drug_free[0] is expected["drug_free"], case["id"]
        assert {k: v[0] for k, v in result.criteria.items()} == expected["criteria"]


def test_a_wrong_expectation_is_reported(vectors: dict[str, object]) -> None:
    doc = json.loads(json.dumps(vectors))
    case = next(c for c in doc["cases"] if c["id"].endswith("C3.1:edge-unmet"))
    case["expected"]["drug_free"] = True
    failures = vdc.check_vectors(doc)
    assert len(failures) == 1
    assert case["id"] in failures[0]


def test_a_malformed_case_is_reported_not_raised() -> None:
    failures = vdc.check_vectors({"cases": [{"id": "x", "plan": "lao-cai-414-2023"}]})
    assert failures == ("x: cannot be run: 'as_of'",)
    failures = vdc.check_vectors({"cases": [{"id": "y", "kind": "nonsense"}]})
    assert failures == ("y: cannot be run: 'nonsense'",)


@pytest.mark.parametrize("name", ["minimal.toml", "shares.toml"])
def test_share_boundaries_of_every_comparison(name: str) -> None:
    """DOMAIN §4: "trên" fails at exactly the share, "dưới" fails at it, "không quá" holds."""
    plan = vdc.load_plan_file(FIXTURES / name)
    doc = vdc.build_vectors([plan])
    assert vdc.check_vectors(doc, [plan]) == ()
    by_id = {c["id"]: c for c in doc["cases"]}
    if name == "shares.toml":
        gt = by_id["shares:village:C1.1:edge-unmet"]["counts"]
        assert gt["households_committed"] * 5 == gt["households"] * 4  # exactly 80%: not "trên"
        le = by_id["shares:village:C1.3:edge-met"]["counts"]
        assert le["subunits_with_mailbox"] * 4 == le["subunits"]  # exactly 25%: "không quá" holds
    else:
        ge = by_id["minimal:village:C2.2:edge-met"]["counts"]
        assert ge["households_committed"] * 100 == ge["households"] * 83


def test_date_edges_of_the_district_level() -> None:
    """DOMAIN §2: the district level ends on 30 June 2025, inside the Lai Châu city plan."""
    doc = vdc.build_vectors(["lai-chau-city-2024"])
    by_id = {c["id"]: c for c in doc["cases"]}
    assert by_id["lai-chau-city-2024:district:level-last-day"]["as_of"] == "2025-06-30"
    assert by_id["lai-chau-city-2024:district:level-ended"]["expected"] == {
        "error": "not_valid_on_date"
    }


def test_vectors_command_writes_and_checks_a_file(tmp_path: Path) -> None:
    out = tmp_path / "vectors.json"
    assert main(["vectors", "--plan", "lao-cai-414-2023", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["plans"] == ["lao-cai-414-2023"]
    assert list(doc["definitions"]) == ["lao-cai-414-2023"]
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["vectors", "--check", str(out)]) == 0
    assert json.loads(buf.getvalue()) == {"checked": len(doc["cases"]), "failures": []}
    doc["cases"][0]["expected"]["drug_free"] = not doc["cases"][0]["expected"]["drug_free"]
    out.write_text(json.dumps(doc), encoding="utf-8")
    with redirect_stdout(io.StringIO()):
        assert main(["vectors", "--check", str(out)]) == 1


def test_vectors_check_refuses_a_file_that_is_not_vectors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["vectors", "--check", str(bad)]) == 2
    assert "not a vector file" in capsys.readouterr().err


def by_id(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    return {str(c["id"]): c for c in cases_of(doc)}


def test_an_exact_share_rule_gets_both_sides_of_its_boundary() -> None:
    """A share read as "=" fails one step below and one step above the exact share."""
    doc = vdc.build_vectors(["conformance-shares"])
    assert vdc.check_vectors(doc) == ()
    cases = by_id(doc)
    stem = "conformance-shares:village:C2.1"
    met = cases[f"{stem}:edge-met"]["counts"]
    assert met["users_present_with_dossier"] * 2 == met["users_present"]  # type: ignore[index]
    for side in ("edge-unmet", "edge-unmet-above", "offgrid-above", "offgrid-below"):
        expected = cases[f"{stem}:{side}"]["expected"]
        assert expected["requirements"]["C2.1"]["met"] is False  # type: ignore[index]
        assert expected["requirements"]["C2.1"]["shortfall"] >= 1  # type: ignore[index]


def test_build_vectors_works_for_every_requirement_kind_and_comparison() -> None:
    kinds = {
        (r.kind.value, r.comparison.op.value)
        for p in conformance_plans()
        for c in p.criteria
        for r in c.requirements
    }
    assert {("share", op) for op in (">", "≥", "<", "≤", "=")} <= kinds
    assert {("none", "="), ("all", "="), ("at_least", "≥")} <= kinds


def test_criteria_that_do_not_apply_at_a_level_are_left_out() -> None:
    """DOMAIN §3: a criterion applies only at its levels; failing it elsewhere changes nothing."""
    cases = by_id(vdc.build_vectors(["conformance-levels"]))
    case = cases["conformance-levels:village:C4:not-applicable"]
    assert case["counts"]["cultivation_sites"] > 0  # type: ignore[index]
    assert case["expected"]["drug_free"] is True  # type: ignore[index]
    assert set(case["expected"]["criteria"]) == {"C1", "C2"}  # type: ignore[index]
    assert cases["conformance-levels:no-level:clean"]["expected"] == {"error": "level_not_covered"}
    assert cases["conformance-levels:province:not-covered"]["expected"] == {
        "error": "level_not_covered"
    }


def test_which_refusal_wins_when_two_apply() -> None:
    cases = by_id(vdc.build_vectors(["lao-cai-414-2023"]))
    assert cases["lao-cai-414-2023:province:not-covered-before"]["expected"] == {
        "error": "not_valid_on_date"
    }
    assert cases["lao-cai-414-2023:district:not-covered-ended"]["expected"] == {
        "error": "not_valid_on_date"
    }
    assert cases["lao-cai-414-2023:province:not-covered-no-counts"]["counts"] == {}
    no_level = cases["lao-cai-414-2023:no-level:clean"]["expected"]
    assert no_level["drug_free"] is True  # type: ignore[index]


def test_counts_above_2_53_are_in_the_vectors(vectors: dict[str, object]) -> None:
    """Counts between 2**53 and 2**63 - 1 are valid and must be read exactly."""
    counts = [
        v
        for c in cases_of(vectors)
        if c["kind"] == "assess"
        for v in c["counts"].values()  # type: ignore[attr-defined]
        if isinstance(v, int)  # an area in m² may be decimal text
    ]
    assert max(counts) == MAX_COUNT
    assert sum(2**53 < v < MAX_COUNT for v in counts) > 100
    big = [c for c in cases_of(vectors) if str(c["id"]).endswith("big-edge-unmet")]
    assert big
    for case in big:  # one count apart from the boundary, which a double cannot see
        assert any(v > 2**53 for v in case["counts"].values())  # type: ignore[attr-defined]


def test_unit_cases_cover_the_reform_dates(vectors: dict[str, object]) -> None:
    """DOMAIN §2: thị trấn ends on 30 June 2025; đặc khu begins on 1 July 2025."""
    cases = by_id(vectors)
    assert cases["unit:kind-thi-tran-nfd:2025-06-30"]["expected"] == {
        "level": "commune",
        "kind": "thi-tran",
    }
    assert cases["unit:kind-thi-tran-nfd:2025-07-01"]["expected"] == {"error": "not_valid_on_date"}
    assert cases["unit:kind-dac-khu-ascii:2025-06-30"]["expected"] == {"error": "not_valid_on_date"}
    assert cases["unit:kind-dac-khu-upper:2025-07-01"]["expected"]["kind"] == "dac-khu"  # type: ignore[index]
    assert cases["unit:ambiguous:2025-07-01"]["expected"] == {"error": "ambiguous_kind"}


def test_the_vectors_kill_the_catalogued_mistakes(vectors: dict[str, object]) -> None:
    """At least 30 plausible mistakes, each changing some case's outcome; >= 95% are killed."""
    units, indicators = units_to_dict(), indicators_to_dict()
    assert len(mutants.MISTAKES) >= 30
    assert mutants.failures(vectors, units, frozenset(), indicators) == 0
    killed, survived = mutants.score(vectors, units, indicators)
    assert len(killed) / len(mutants.MISTAKES) >= 0.95, survived


def test_a_planted_mistake_is_caught_by_a_boundary_case(vectors: dict[str, object]) -> None:
    """Reading "trên" as ≥ fails exactly at the share: the edge-unmet cases of > rules."""
    ref = mutants.Reference(units_to_dict(), frozenset({"gt_as_ge"}), indicators_to_dict())
    wrong = [c["id"] for c in cases_of(vectors) if ref.run(vectors, c) != c["expected"]]
    assert "conformance-shares:village:C1.1:edge-unmet" in wrong
    assert all("edge-unmet" in str(w) or "offgrid" in str(w) for w in wrong)


def test_rollup_cases_add_counts_and_leave_a_parent_with_a_rejected_child_incomplete(
    vectors: dict[str, object],
) -> None:
    """DOMAIN §3: a parent's counts are its children's sums; a rejected child hides them."""
    cases = by_id(vectors)
    stem = "conformance-levels:rollup:village-2024-01-01"
    clean = cases[f"{stem}-all-clean"]["expected"]["P"]  # type: ignore[index]
    assert clean["complete"] is True
    assert clean["level"] == "commune"
    assert clean["drug_free_children"] == clean["children"] == 3
    assert clean["counts"]["effective_models"] == 3 * 3  # each village meets "ít nhất 03"
    assert clean["verdict"]["drug_free"] is True
    rejected = cases[f"{stem}-rejected-child"]["expected"]["P"]  # type: ignore[index]
    assert rejected == {
        "level": "commune",
        "children": 2,
        "drug_free_children": 1,
        "complete": False,
        "counts": None,
        "verdict": None,
    }
    big = cases[f"{stem}-sums-above-2-53"]["expected"]["P"]  # type: ignore[index]
    assert big["counts"]["households"] == 3 * (2**61 + 1)


def test_rollup_parent_of_communes_follows_the_reform(vectors: dict[str, object]) -> None:
    """DOMAIN §2: communes roll up into a district until 30 June 2025, then into a province."""
    cases = by_id(vectors)
    before = cases["conformance-levels:rollup:commune-2025-06-30-all-clean"]["expected"]
    after = cases["conformance-levels:rollup:commune-2025-07-01-all-clean"]["expected"]
    assert before["P"]["level"] == "district"  # type: ignore[index]
    assert before["P"]["verdict"]["drug_free"] is True  # type: ignore[index]
    assert after["P"]["level"] == "province"  # type: ignore[index]
    assert after["P"]["verdict"] is None  # type: ignore[index]  # the plan has no province criteria


def test_calendar_cases_put_the_last_day_before_the_due_day(vectors: dict[str, object]) -> None:
    """DOMAIN §4: "trước ngày D" is met up to D - 1; on D the deadline is overdue."""
    cases = by_id(vectors)
    stem = "lai-chau-city-2024:calendar:implementation-plans"
    assert cases[f"{stem}-last-day"]["as_of"] == "2024-04-30"
    assert "implementation-plans" in cases[f"{stem}-last-day"]["expected"]["upcoming"]  # type: ignore[index]
    assert "implementation-plans" in cases[f"{stem}-due-day"]["expected"]["overdue"]  # type: ignore[index]
    phase = cases["lai-chau-city-2024:calendar:phase-2-last-day"]["expected"]
    assert phase["phases"] == [2]  # type: ignore[index]
    after = cases["lai-chau-city-2024:calendar:phase-2-day-after"]["expected"]
    assert after["phases"] == [3]  # type: ignore[index]


def test_target_cases_cover_every_reading_on_both_sides(vectors: dict[str, object]) -> None:
    """DOMAIN §5: each reading of an ambiguous target is a separate, named case."""
    cases = by_id(vectors)
    for plan_id in vdc.list_plans():
        for t in vdc.get_plan(plan_id).targets:
            if t.qualitative:
                continue
            for reading in [r.value for r in t.readings] or ["as-written"]:
                stem = f"{plan_id}:target:{t.id}:{reading}"
                met, unmet = cases[f"{stem}:met"]["expected"], cases[f"{stem}:unmet"]["expected"]
                assert list(met.values())[-1] in ("met", "matches baseline")  # type: ignore[attr-defined]
                assert list(unmet.values())[-1] in ("not met", "differs from baseline")  # type: ignore[attr-defined]
    compound = cases["can-tho-205-2021:target:c1:compound-from-base:met"]["expected"]
    assert compound["2023"] == "not evaluable"  # type: ignore[index]  # the base year itself
    stated = cases["lai-chau-city-2024:target:p2-build:stated-count:unmet"]
    assert stated["rows"][0]["villages_built_drug_free"] == 44  # type: ignore[index]


def test_decision_28_criteria_are_decided_with_their_exemptions(vectors: dict[str, object]) -> None:
    """Điều 6.1: nobody addicted or using beyond those in the three exempted programmes."""
    cases = by_id(vectors)
    stem = "national-28-qd-ttg-2025:commune:C1.1"
    met, unmet = cases[f"{stem}:edge-met"], cases[f"{stem}:edge-unmet"]
    assert met["counts"]["residents_addicted_or_using"] == 3  # type: ignore[index]
    assert met["expected"]["requirements"]["C1.1"]["met"] is True  # type: ignore[index]
    assert unmet["expected"]["requirements"]["C1.1"] == {  # type: ignore[index]
        "met": False,
        "vacuous": False,
        "shortfall": 1,
    }


def test_cell_cases_follow_the_input_policy(vectors: dict[str, object]) -> None:
    """A blank cell is missing, never zero; every refused form has its stable code."""
    got = {json.dumps(c["cell"]): c["expected"] for c in cases_of(vectors) if c["kind"] == "cell"}
    assert got["null"] == got['"   "'] == {"error": "missing"}
    assert got["-1"] == got['"-3"'] == {"error": "negative"}
    assert got["true"] == {"error": "boolean"}
    assert got['"3.0"'] == got['" 3 "'] == {"count": 3}
    assert got[str(2**63 - 1)] == {"count": 2**63 - 1}
    assert got[str(2**63)] == {"error": "too_large"}
    assert got["1e+16"] == {"error": "inexact_float"}
    assert got['"\\u0663"'] == {"error": "non_ascii_digits"}


def test_row_cases_name_every_problem_with_its_code(vectors: dict[str, object]) -> None:
    """A row reports all its problems at once; a part over a blank whole is refused too."""
    cases = by_id(vectors)
    assert cases["lao-cai-414-2023:row:valid"]["expected"] == {"accepted": True}
    both = cases["lao-cai-414-2023:row:level-unknown-and-negative"]["expected"]
    assert [code for _, code in both["rejected"]] == ["negative", "level_unknown"]  # type: ignore[index]
    blank = cases["lao-cai-414-2023:row:whole-blank"]["expected"]["rejected"]  # type: ignore[index]
    assert ["addicts", "missing"] in blank
    assert ["addicts_with_dossier", "part_without_whole"] in blank
