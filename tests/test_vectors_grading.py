"""Conformance vectors of the key complex classes (Decision 28/2025/QĐ-TTg, Điều 4 and 5)."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Iterator, Mapping
from contextlib import redirect_stdout
from typing import Any

import jsonschema
import pytest

import vn_drugfree_criteria as vdc
from tests import mutants
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.conformance.grading_oracle import GRADED_KINDS
from vn_drugfree_criteria.conformance.reference import indicators_to_dict, units_to_dict
from vn_drugfree_criteria.model.kinds import KINDS

PLAN = "national-28-qd-ttg-2025"
COMMUNE = f"{PLAN}:commune:grade:commune-key-complex"
PROVINCE = f"{PLAN}:province:grade:province-key-complex"
# The drug-free kinds, decided by the oracle of the drug-free criteria.
DRUG_FREE_KINDS = frozenset({"none", "none_except", "all", "at_least", "share"})


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return vdc.build_vectors([PLAN])


@pytest.fixture(scope="module")
def cases(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in doc["cases"]}


def criterion(case: Mapping[str, Any], cid: str) -> bool:
    grades = case["expected"]["grades"]
    return bool(next(g for g in grades.values() if cid in g["criteria"])["criteria"][cid])


def test_the_library_passes_the_graded_cases(doc: dict[str, Any]) -> None:
    assert vdc.check_vectors(doc) == ()


@pytest.mark.parametrize(
    ("stem", "cid", "name", "inside", "outside"),
    [
        ("I.a.1:lower", "I.a", "registered_users", 50, 49),  # 0,5% of 10.000 is class I's a
        ("II.a.1:lower", "II.a", "registered_users", 10, 9),  # 0,1% exactly is class II's a
        ("II.a.1:upper", "II.a", "registered_users", 49, 50),  # "đến dưới 0,5%": open at the top
        ("I.d.1.1:lower", "I.d", "plants_destroyed", 3000, 2999),
        ("I.d.1.2:lower", "I.d", "cultivated_area_m2", 750, 749),
        ("II.d.1.2:lower", "II.d", "cultivated_area_m2", 125, 124),
        ("II.b.1:lower", "II.b", "use_harbouring_venues", 1, 0),  # "có 1 điểm": exactly one
        ("II.b.1:upper", "II.b", "use_harbouring_venues", 1, 2),
        ("III.a.1:lower", "III.a", "registered_users", 1, 0),  # "dưới 0,1%": some, but below
    ],
)
def test_both_sides_of_each_class_boundary(
    cases: dict[str, dict[str, Any]], stem: str, cid: str, name: str, inside: int, outside: int
) -> None:
    """Điều 4: each end of each range decides its criterion exactly at the stated figure."""
    met, unmet = cases[f"{COMMUNE}:{stem}-in"], cases[f"{COMMUNE}:{stem}-out"]
    assert (met["counts"][name], unmet["counts"][name]) == (inside, outside)
    assert met["counts"]["residents"] == unmet["counts"]["residents"] == 10_000
    assert criterion(met, cid) is True
    assert criterion(unmet, cid) is False


def test_criterion_dd_needs_the_route_and_two_class_ii_criteria(
    cases: dict[str, dict[str, Any]],
) -> None:
    """Điều 4.1.đ: two or more class II criteria AND on an intra- or inter-provincial route."""
    for route in ("I.dd.2.1", "I.dd.2.2"):
        met, unmet = cases[f"{COMMUNE}:{route}:edge-in"], cases[f"{COMMUNE}:{route}:edge-out"]
        for case in (met, unmet):
            assert (
                case["expected"]["grades"]["commune-key-complex"]["classes"]["II"]["met_count"] >= 2
            )
        assert criterion(met, "I.dd") is True
        assert criterion(unmet, "I.dd") is False
    two, one = cases[f"{COMMUNE}:I.dd.1:tally-lower-in"], cases[f"{COMMUNE}:I.dd.1:tally-lower-out"]
    assert two["expected"]["grades"]["commune-key-complex"]["classes"]["II"]["met_count"] == 2
    assert one["expected"]["grades"]["commune-key-complex"]["classes"]["II"]["met_count"] == 1
    assert (criterion(two, "I.dd"), criterion(one, "I.dd")) == (True, False)


def test_k_of_n_overlaps_and_no_class(cases: dict[str, dict[str, Any]]) -> None:
    """Điều 4-5: at least k of n criteria; the most severe class wins; none is a real outcome."""
    for cls, k in (("I", 3), ("II", 3), ("III", 1)):
        at = cases[f"{COMMUNE}:class-{cls}:min-met"]["expected"]
        assert at["key_complex_class"] == cls
        assert at["grades"]["commune-key-complex"]["classes"][cls]["met_count"] == k
        short = cases[f"{COMMUNE}:class-{cls}:one-short"]["expected"]
        assert short["grades"]["commune-key-complex"]["classes"][cls] == {
            "met_count": k - 1,
            "holds": False,
        }
    for a, b in (("I", "II"), ("I", "III"), ("II", "III")):
        both = cases[f"{COMMUNE}:overlap-{a}-{b}"]["expected"]
        classes = both["grades"]["commune-key-complex"]["classes"]
        assert classes[a]["holds"]
        assert classes[b]["holds"]
        assert both["key_complex_class"] == a
    assert cases[f"{COMMUNE}:no-class-nothing"]["expected"]["key_complex_class"] is None
    some = cases[f"{COMMUNE}:no-class-some-criteria"]["expected"]
    assert some["key_complex_class"] is None
    assert any(some["grades"]["commune-key-complex"]["criteria"].values())
    province = cases[f"{PROVINCE}:class-key-complex:min-met"]["expected"]
    assert province["key_complex_class"] == "key complex"
    assert province["grades"]["province-key-complex"]["classes"]["key complex"]["met_count"] == 4
    short = cases[f"{PROVINCE}:class-key-complex:one-short"]["expected"]
    assert short["key_complex_class"] is None


def test_ratios_at_a_zero_base_and_above_2_53(cases: dict[str, dict[str, Any]]) -> None:
    """A ratio to no residents is not met; a ratio one count off its boundary above 2**53."""
    zero = cases[f"{COMMUNE}:I.a.1:zero-base"]
    assert zero["counts"]["residents"] == 0
    assert criterion(zero, "I.a") is False
    met, unmet = cases[f"{COMMUNE}:I.a.1:big-lower-in"], cases[f"{COMMUNE}:I.a.1:big-lower-out"]
    residents = met["counts"]["residents"]
    assert 2**53 < residents < 2**63
    assert met["counts"]["registered_users"] * 200 == residents
    assert unmet["counts"]["registered_users"] == met["counts"]["registered_users"] - 1
    assert (criterion(met, "I.a"), criterion(unmet, "I.a")) == (True, False)
    p4 = cases[f"{PROVINCE}:P.4.1:big-lower-in"]["counts"]
    assert p4["communes_class_1_2"] * 100 == 3 * p4["communes"]


def test_every_assess_case_of_a_graded_plan_carries_its_class(doc: dict[str, Any]) -> None:
    assess = [c for c in doc["cases"] if c["kind"] == "assess" and "error" not in c["expected"]]
    assert assess
    for case in assess:
        assert "key_complex_class" in case["expected"]
        if case["level"] is None:
            assert case["expected"]["grades"] == {}


def _kinds(reqs: list[Mapping[str, Any]]) -> Iterator[str]:
    for r in reqs:
        yield r["kind"]
        yield from _kinds(r.get("options", []))


def test_build_vectors_handles_every_registered_requirement_kind() -> None:
    """Every kind registered in the kernel is decided by the oracle and appears in the vectors.

    A kind added to the kernel without a decision in the conformance oracle fails here.
    """
    registered = {k.value for k in KINDS}
    assert registered == GRADED_KINDS | DRUG_FREE_KINDS, registered ^ (
        GRADED_KINDS | DRUG_FREE_KINDS
    )
    doc = vdc.build_vectors()
    seen = set()
    for definition in doc["definitions"].values():
        seen |= set(_kinds([r for c in definition["criteria"] for r in c["requirements"]]))
        for g in definition["classifications"]:
            for k in g["classes"]:
                seen |= set(_kinds([r for c in k["criteria"] for r in c["requirements"]]))
    assert registered <= seen, registered - seen


def test_each_grading_mistake_is_killed(doc: dict[str, Any]) -> None:
    """The catalogue's grading mistakes each change some graded case's outcome."""
    units, indicators = units_to_dict(), indicators_to_dict()
    grading = [
        "most_severe_loses",
        "range_closed_top",
        "k_of_n_strict",
        "k_of_n_minus_one",
        "dd_ignores_route",
        "ratio_float",
        "ratio_rounded_percent",
        "ratio_wrong_base",
        "any_of_as_and",
        "below_literal",
        "one_as_at_least",
        "zero_base_met",
        "classes_top_down",
        "area_rounded",
    ]
    assert set(grading) <= set(mutants.MISTAKES)
    assert mutants.failures(doc, units, frozenset(), indicators) == 0
    for name in grading:
        assert mutants.failures(doc, units, frozenset({name}), indicators) > 0, name


def test_extended_kinds_in_drug_free_criteria_have_both_sides_of_each_end() -> None:
    """A drug-free criterion may use count, ratio, fact and any_of (the test plan
    conformance-kinds): each end of each interval, inside and one step outside, decides its
    requirement; a ratio also above 2**53 and on a base of 0; each option of an any_of alone."""
    doc = vdc.build_vectors(["conformance-kinds"])
    assert vdc.check_vectors(doc) == ()
    cases = {c["id"]: c for c in doc["cases"]}
    stem = "conformance-kinds:commune"

    def met(name: str, req: str) -> bool:
        return bool(cases[f"{stem}:{name}"]["expected"]["requirements"][req]["met"])

    for req, sides in {
        "C1.1": ("lower", "upper"),  # exactly 2
        "C1.2": ("upper",),  # at most 3
        "C1.3": ("upper",),  # below 4
        "C2.1": ("lower", "upper"),  # [10, 20)
        "C2.2": ("lower", "upper"),  # (100, 500]
        "C3.1": ("upper", "big-upper"),  # below 0,5% of the residents
    }.items():
        for side in sides:
            assert met(f"{req}:{side}-in", req), (req, side)
            assert not met(f"{req}:{side}-out", req), (req, side)
    assert cases[f"{stem}:C2.1:upper-out"]["counts"]["drug_offenders_arrested"] == 20
    assert cases[f"{stem}:C2.2:lower-out"]["counts"]["plants_destroyed"] == 100
    assert not met("C3.1:zero-base", "C3.1")
    assert met("C4.1:C4.1.2:lower-in", "C4.1")  # 6.000 plants, on the route: the other option
    assert not met("C4.1:C4.1.2:lower-out", "C4.1")
    assert (met("C5.1:edge-in", "C5.1"), met("C5.1:edge-out", "C5.1")) == (True, False)
    short = cases[f"{stem}:C2.1:upper-out"]["expected"]["requirements"]["C2.1"]["shortfall"]
    assert short == 1


@pytest.mark.parametrize(
    ("stem", "cid", "below", "above", "met_below"),
    [
        ("I.d.1.2:decimal-lower", "I.d", "749.5", "750.25", False),  # "từ 750 m2 trở lên"
        ("II.d.1.2:decimal-lower", "II.d", "124.5", "125.25", False),  # "từ 125 m2"
        ("II.d.1.2:decimal-upper", "II.d", "749.5", "750.25", True),  # "đến dưới 750 m2"
        ("III.c.1.2:decimal-upper", "III.c", "124.5", "125.25", True),  # "dưới 125 m2"
    ],
)
def test_areas_in_m2_are_exact_decimals_on_both_sides_of_each_end(
    cases: dict[str, dict[str, Any]], stem: str, cid: str, below: str, above: str, met_below: bool
) -> None:
    """An area in m² is an exact decimal: 749.5 is below 750, 750.25 above; written as text."""
    low, high = cases[f"{COMMUNE}:{stem}-below"], cases[f"{COMMUNE}:{stem}-above"]
    assert (low["counts"]["cultivated_area_m2"], high["counts"]["cultivated_area_m2"]) == (
        below,
        above,
    )
    assert criterion(low, cid) is met_below
    assert criterion(high, cid) is not met_below


def test_show_schema_describes_what_an_implementer_reads_to_grade() -> None:
    """`show --format json` carries the classes in order, min_met, intervals and readings, and
    its schema checks them (a broken interval or a class without min_met is refused)."""
    validator = jsonschema.Draft202012Validator(vdc.json_schema("show"))
    shown = cli_show(PLAN)
    assert list(validator.iter_errors(shown)) == []
    assert [k["id"] for k in shown["classifications"][0]["classes"]] == ["I", "II", "III"]
    assert {r["id"] for r in shown["readings"]} >= {"class-iii-below", "exactly-one"}
    broken = copy.deepcopy(shown)
    req = broken["classifications"][0]["classes"][0]["criteria"][0]["requirements"][0]
    req["interval"]["lower"] = "0.5%"
    assert not validator.is_valid(broken)
    del broken["classifications"][0]["classes"][0]["min_met"]
    assert not validator.is_valid(broken)


def cli_show(plan: str) -> dict[str, Any]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["show", plan, "--format", "json"]) == 0
    return dict(json.loads(out.getvalue()))
