import datetime
from fractions import Fraction

import pytest

import vn_drugfree_criteria as vdc
from tests.common import DAY, break_requirement, clean_counts

PLAN = vdc.get_plan("lai-chau-city-2024")


def _village(area_id: str, ok: bool = True, as_of: datetime.date = DAY) -> vdc.Snapshot:
    counts = clean_counts(PLAN)
    if not ok:
        counts = break_requirement(counts, PLAN.criterion("C8").requirements[0])
    return vdc.Snapshot(counts, as_of=as_of, level="village", area_id=area_id)


def test_three_levels_village_commune_city() -> None:
    snaps = [_village(f"v{i}", ok=i % 3 != 0) for i in range(6)]
    parent_of = {f"v{i}": ("c1" if i < 3 else "c2") for i in range(6)} | {
        "c1": "city",
        "c2": "city",
    }
    result = vdc.rollup(PLAN, snaps, parent_of)
    c1, c2, city = result.parents["c1"], result.parents["c2"], result.parents["city"]
    assert c1.level is vdc.Level.COMMUNE
    assert city.level is vdc.Level.DISTRICT
    assert (c1.drug_free_children, c1.share_drug_free) == (2, Fraction(2, 3))
    assert (c2.drug_free_children, c2.share_drug_free) == (2, Fraction(2, 3))
    assert city.children == ("c1", "c2")
    assert city.drug_free_children == 0
    assert city.counts["subunits"] == 6
    assert city.counts["cultivation_sites"] == 2
    assert city.meets_share(Fraction(0))
    assert not city.meets_share(Fraction(0), strict=True)
    assert c1.meets_share(Fraction(2, 3))
    assert not c1.meets_share(Fraction(2, 3), strict=True)


def test_after_the_reform_communes_roll_up_to_the_province() -> None:
    late = datetime.date(2025, 8, 1)
    snaps = [
        vdc.Snapshot(clean_counts(PLAN), as_of=late, level="commune", area_id=f"c{i}")
        for i in range(2)
    ]
    result = vdc.rollup(PLAN, snaps, {"c0": "p", "c1": "p"})
    parent = result.parents["p"]
    assert parent.level is vdc.Level.PROVINCE
    assert parent.assessment is None
    assert parent.problem is not None
    assert "no criteria for the province level" in parent.problem
    assert parent.share_drug_free == 1


def test_rollup_argument_errors() -> None:
    with pytest.raises(vdc.InputError, match="duplicate area id 'v1'"):
        vdc.rollup(PLAN, [_village("v1"), _village("v1")], {})
    with pytest.raises(vdc.InputError, match="its own parent"):
        vdc.rollup(PLAN, [_village("a")], {"a": "a"})
    no_id = vdc.Snapshot(clean_counts(PLAN), as_of=DAY, level="village")
    with pytest.raises(vdc.InputError, match="needs an area_id"):
        vdc.rollup(PLAN, [no_id], {})


def test_a_problem_with_one_parent_leaves_the_others_alone() -> None:
    """A cycle, mixed levels and mixed dates are problems of the parents concerned only."""
    later = datetime.date(2024, 7, 1)
    snaps = [
        _village("a"),
        _village("b"),  # a and b: a cycle
        _village("v1"),
        vdc.Snapshot(clean_counts(PLAN), as_of=DAY, level="commune", area_id="c"),  # mixed
        _village("d1"),
        _village("d2", as_of=later),  # dated differently
        _village("ok1"),
        _village("ok2", ok=False),
    ]
    links = {"a": "b", "b": "a", "v1": "M", "c": "M", "d1": "D", "d2": "D"}
    result = vdc.rollup(PLAN, snaps, links | {"ok1": "OK", "ok2": "OK"})
    parents = result.parents
    assert set(parents) == {"a", "b", "M", "D", "OK"}
    assert parents["a"].problem == "not built: the parent links form a cycle through 'a'"
    assert parents["a"].share_drug_free is None
    assert parents["M"].problem == "not assessed: the children of 'M' are at different levels"
    assert parents["M"].share_drug_free == Fraction(2, 2)
    assert parents["M"].assessment is None
    assert parents["D"].problem is not None
    assert "dated differently (2024-06-30, 2024-07-01)" in parents["D"].problem
    ok = parents["OK"]
    assert (ok.problem, ok.share_drug_free, ok.complete) == (None, Fraction(1, 2), True)
    assert ok.assessment is not None
    assert "OK" in result.areas


def test_empty_rollup() -> None:
    result = vdc.rollup(PLAN, [], {})
    assert not result.parents
    assert not result.areas


def test_own_records_that_break_part_whole_are_reported() -> None:
    own = vdc.Snapshot(
        {"households": 0, "households_committed": 0}, as_of=DAY, level="commune", area_id="p"
    )
    child = vdc.Snapshot(
        clean_counts(PLAN) | {"households": 1, "households_committed": 1},
        as_of=DAY,
        level="village",
        area_id="v",
    )
    result = vdc.rollup(PLAN, [own, child], {"v": "p"})
    assert result.parents["p"].counts["households"] == 1


def test_sum_counts_keeps_only_common_indicators() -> None:
    assert vdc.sum_counts([{"hotspots": 1, "addicts": 2}, {"hotspots": 2}]) == {"hotspots": 3}
    assert vdc.sum_counts([], own={"hotspots": 1}) == {"hotspots": 1}
