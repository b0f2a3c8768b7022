"""Laws of the domain, stated as hypothesis properties."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.common import DAY, level_of
from tests.strategies import valid_counts

PLANS = [vdc.get_plan("lao-cai-414-2023"), vdc.get_plan("lai-chau-city-2024")]
plans = st.sampled_from(PLANS)


def _assess(plan: vdc.Plan, counts: dict[str, int]) -> vdc.Assessment:
    return vdc.assess(plan, vdc.Snapshot(counts, as_of=DAY, level=level_of(plan)))


@st.composite
def plan_and_counts(draw: st.DrawFn) -> tuple[vdc.Plan, dict[str, int]]:
    plan = draw(plans)
    return plan, draw(valid_counts(plan.indicators))


def _toward_compliance(plan: vdc.Plan, counts: dict[str, int], draw: st.DrawFn) -> dict[str, int]:
    """Move one requirement's counted indicator one or more steps toward what the rule asks."""
    req = draw(st.sampled_from([r for c in plan.criteria for r in c.requirements]))
    out = dict(counts)
    value = out[req.indicator]
    if req.kind is vdc.RequirementKind.NONE:
        out[req.indicator] = draw(st.integers(0, value))
    elif req.kind is vdc.RequirementKind.AT_LEAST:
        out[req.indicator] = draw(st.integers(value, value + 5))
    else:
        assert req.whole is not None
        out[req.indicator] = draw(st.integers(value, out[req.whole]))
    return out


@given(data=st.data(), pc=plan_and_counts())
def test_moving_toward_compliance_never_turns_a_pass_into_a_fail(
    data: st.DataObject, pc: tuple[vdc.Plan, dict[str, int]]
) -> None:
    """DOMAIN §3 monotonicity: fewer forbidden items, more dossiers/commitments, more models never hurt."""
    plan, counts = pc
    before = _assess(plan, counts)
    after = _assess(plan, _toward_compliance(plan, counts, data.draw))
    for cid, result in before.criteria.items():
        if result.met:
            assert after.criteria[cid].met, cid
    if before.drug_free:
        assert after.drug_free


@given(pc=plan_and_counts())
def test_requirements_read_the_comparison_words_exactly(
    pc: tuple[vdc.Plan, dict[str, int]],
) -> None:
    """DOMAIN §3/§4: "không có/không để" is exactly zero, "100%" is part = whole, "ít nhất 01" is ≥ 1."""
    plan, counts = pc
    result = _assess(plan, counts)
    for crit in result.criteria.values():
        for r in crit.requirements:
            req = r.requirement
            value = counts[req.indicator]
            if req.kind is vdc.RequirementKind.NONE:
                assert r.met == (value == 0)
                assert r.shortfall == value
            elif req.kind is vdc.RequirementKind.ALL:
                assert req.whole is not None
                assert r.met == (value == counts[req.whole])
                assert r.shortfall == counts[req.whole] - value
            else:
                assert r.met == (value >= req.bound)
                assert r.shortfall == max(0, int(req.bound) - value)
        assert crit.met == all(r.met for r in crit.requirements)
    assert result.drug_free == all(c.met for c in result.criteria.values())


@given(pc=plan_and_counts())
def test_a_zero_whole_makes_an_all_requirement_hold_vacuously(
    pc: tuple[vdc.Plan, dict[str, int]],
) -> None:
    """DOMAIN §3 vacuous truth: "100% of …" holds when there is nobody to count, and says so."""
    plan, counts = pc
    result = _assess(plan, counts)
    for crit in result.criteria.values():
        for r in crit.requirements:
            whole = r.requirement.whole
            if whole is not None and counts[whole] == 0:
                assert r.met
                assert r.vacuous
                assert "vacuously" in r.explanation_en
            else:
                assert not r.vacuous


@st.composite
def family(draw: st.DrawFn) -> tuple[vdc.Plan, list[dict[str, int]]]:
    plan = PLANS[1]  # Lai Châu: village-level children, commune-level parent
    children = draw(st.lists(valid_counts(plan.indicators, max_value=6), min_size=1, max_size=6))
    return plan, children


def _rolled(
    plan: vdc.Plan, children: list[dict[str, int]], own: dict[str, int] | None = None
) -> vdc.Rollup:
    snaps = [
        vdc.Snapshot(c, as_of=DAY, level="village", area_id=f"v{i}") for i, c in enumerate(children)
    ]
    if own is not None:
        snaps.append(vdc.Snapshot(own, as_of=DAY, level="commune", area_id="parent"))
    return vdc.rollup(plan, snaps, {f"v{i}": "parent" for i in range(len(children))})


@given(fam=family())
def test_none_and_all_hold_for_a_parent_iff_for_every_child(
    fam: tuple[vdc.Plan, list[dict[str, int]]],
) -> None:
    """DOMAIN §3 roll-up law: with nothing of its own, a parent meets a none/all requirement iff every child does."""
    plan, children = fam
    result = _rolled(plan, children)
    parent = result.parents["parent"]
    assert parent.assessment is not None
    for crit in parent.assessment.criteria.values():
        for r in crit.requirements:
            if r.requirement.kind in (vdc.RequirementKind.NONE, vdc.RequirementKind.ALL):
                each = [
                    result.areas[f"v{i}"]
                    .criteria[crit.criterion.id]
                    .requirements[crit.requirements.index(r)]
                    .met
                    for i in range(len(children))
                ]
                assert r.met == all(each), r.requirement.id


@given(fam=family())
def test_rollup_sums_indicators_and_counts_drug_free_children_exactly(
    fam: tuple[vdc.Plan, list[dict[str, int]]],
) -> None:
    """DOMAIN §3 additivity: parent indicators are the sums of the children's; the share is exact."""
    plan, children = fam
    parent = _rolled(plan, children).parents["parent"]
    for name in plan.indicators:
        assert parent.counts[name] == sum(c[name] for c in children)
    free = sum(1 for c in children if _assess_village(plan, c))
    assert parent.drug_free_children == free
    assert parent.share_drug_free == Fraction(free, len(children))
    assert isinstance(parent.share_drug_free, Fraction)


def _assess_village(plan: vdc.Plan, counts: dict[str, int]) -> bool:
    return vdc.assess(plan, vdc.Snapshot(counts, as_of=DAY, level="village")).drug_free


@given(n=st.integers(1, 8))
def test_at_least_can_hold_for_a_parent_while_failing_every_child(n: int) -> None:
    """DOMAIN §3: an at-least requirement (≥ 1 model) can hold for a commune whose villages each have none."""
    plan = PLANS[1]
    child = dict.fromkeys(plan.indicators, 0) | {
        "subunits": 1,
        "subunits_with_hotline_board": 1,
    }
    result = _rolled(plan, [child] * n, own={"effective_models": 1})
    assert all(not result.areas[f"v{i}"].criteria["C7"].met for i in range(n))
    parent = result.parents["parent"]
    assert parent.assessment is not None
    assert parent.assessment.criteria["C7"].met
    assert parent.counts["effective_models"] == 1
    assert parent.counts["subunits"] == n


@given(fam=family(), own_hotspots=st.integers(1, 3))
def test_parent_records_of_its_own_add_to_the_children(
    fam: tuple[vdc.Plan, list[dict[str, int]]], own_hotspots: int
) -> None:
    """DOMAIN §3: a commune's indicators are its villages' sums plus what it records itself."""
    plan, children = fam
    parent = _rolled(plan, children, own={"hotspots": own_hotspots}).parents["parent"]
    assert parent.counts["hotspots"] == sum(c["hotspots"] for c in children) + own_hotspots
    assert parent.assessment is not None
    assert not parent.assessment.criteria["C1"].met
