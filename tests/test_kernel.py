"""The rule kernel: one definition per requirement kind, the same verdict on every evaluator."""

from __future__ import annotations

import datetime
import gc
import pickle
import weakref
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria import Comparison, Op, Requirement, RequirementKind
from vn_drugfree_criteria.conformance.builder import rule_of
from vn_drugfree_criteria.conformance.oracle import decide
from vn_drugfree_criteria.engine.batch_numpy import numpy_ops
from vn_drugfree_criteria.engine.batch_python import LIST_OPS, evaluate_requirement_columns
from vn_drugfree_criteria.model.kernel import compile_criteria
from vn_drugfree_criteria.model.kinds import EXTENDED_KINDS
from vn_drugfree_criteria.model.kinds_extended import met_key
from vn_drugfree_criteria.model.rules import Interval

PART, WHOLE = "households_committed", "households"


def _requirement(kind: RequirementKind, op: Op, bound: Fraction) -> Requirement:
    whole = WHOLE if kind in (RequirementKind.ALL, RequirementKind.SHARE) else None
    indicator = PART if whole else ("effective_models" if op is Op.GE else "hotspots")
    return Requirement(
        id="C1.1",
        kind=kind,
        indicator=indicator,
        whole=whole,
        comparison=Comparison(op, "(kiểm thử)"),
        bound=bound,
        text_vi="(kiểm thử)",
        text_en="(test)",
    )


def _share(op: Op, bound: Fraction) -> Requirement:
    return _requirement(RequirementKind.SHARE, op, bound)


_SHARES = st.builds(
    _share,
    st.sampled_from(list(Op)),
    st.fractions(min_value=0, max_value=1, max_denominator=300),
).filter(  # the loader refuses a share no part could ever meet
    lambda r: (
        not (r.comparison.op is Op.GT and r.bound == 1)
        and not (r.comparison.op is Op.LT and r.bound == 0)
    )
)
_BOUNDS = st.fractions(min_value=0, max_value=50, max_denominator=40)


@st.composite
def _interval(draw: st.DrawFn) -> Interval:
    """An interval with a lower end, an upper end or both, each open or closed."""
    ends = sorted([draw(_BOUNDS), draw(_BOUNDS)])
    shape = draw(st.sampled_from(["low", "high", "both"]))
    low = ends[0] if shape != "high" else None
    high = ends[1] if shape != "low" else None
    return Interval(low, draw(st.booleans()), high, draw(st.booleans()))


def _extended(kind: RequirementKind, **fields: Any) -> Requirement:
    return attrs.evolve(_requirement(RequirementKind.NONE, Op.EQ, Fraction(0)), kind=kind, **fields)


_COUNT = _interval().map(
    lambda iv: _extended(RequirementKind.COUNT, indicator="hotspots", interval=iv)
)
_RATIO = _interval().map(
    lambda iv: _extended(
        RequirementKind.RATIO,
        indicator="hotspots",
        base="effective_models",
        interval=Interval(
            None if iv.lower is None else iv.lower / 50,
            iv.lower_closed,
            None if iv.upper is None else iv.upper / 50,
            iv.upper_closed,
        ),
    )
)
_FACT = st.just(_extended(RequirementKind.FACT, indicator="on_interprovincial_key_route"))
_EXEMPT = st.just(
    _extended(
        RequirementKind.NONE_EXCEPT,
        indicator="residents_addicted_or_using",
        exempt=(
            "residents_in_substitution_treatment",
            "residents_in_home_community_rehab",
            "residents_under_post_rehab_management",
        ),
    )
)
_ANY = st.tuples(_COUNT, _RATIO, _FACT).map(
    lambda opts: _extended(RequirementKind.ANY_OF, indicator="", options=opts)
)
_MET = _interval().map(
    lambda iv: _extended(RequirementKind.CRITERIA_MET, indicator="", class_id="II", interval=iv)
)

# One strategy per kind; a new kind without one fails test_every_kind_has_a_strategy.
REQUIREMENTS: dict[RequirementKind, st.SearchStrategy[Requirement]] = {
    RequirementKind.COUNT: _COUNT,
    RequirementKind.RATIO: _RATIO,
    RequirementKind.FACT: _FACT,
    RequirementKind.NONE_EXCEPT: _EXEMPT,
    RequirementKind.ANY_OF: _ANY,
    RequirementKind.CRITERIA_MET: _MET,
    RequirementKind.NONE: st.just(_requirement(RequirementKind.NONE, Op.EQ, Fraction(0))),
    RequirementKind.ALL: st.just(_requirement(RequirementKind.ALL, Op.EQ, Fraction(1))),
    RequirementKind.AT_LEAST: st.integers(1, 12).map(
        lambda n: _requirement(RequirementKind.AT_LEAST, Op.GE, Fraction(n))
    ),
    RequirementKind.SHARE: _SHARES,
}


@st.composite
def counts(draw: st.DrawFn, top: int) -> dict[str, int]:
    """Valid counts for every indicator the test requirements read (a part within its whole)."""
    whole = draw(st.integers(0, top))
    addicted = draw(st.integers(0, top))
    return {
        WHOLE: whole,
        PART: draw(st.integers(0, whole)),
        "hotspots": draw(st.integers(0, top)),
        "effective_models": draw(st.integers(0, top)),
        "on_interprovincial_key_route": draw(st.integers(0, 1)),
        "residents_addicted_or_using": addicted,
        "residents_in_substitution_treatment": draw(st.integers(0, addicted)),
        "residents_in_home_community_rehab": draw(st.integers(0, addicted)),
        "residents_under_post_rehab_management": draw(st.integers(0, addicted)),
        met_key("II"): draw(st.integers(0, 6)),
    }


def _published(rule: dict[str, Any], counts: dict[str, int]) -> bool:
    """An oracle for the extended kinds, from the requirement's published JSON form alone.

    Intervals are read from their exact text ends and compared in :class:`Fraction`; a ratio
    needs a positive base; "none except" compares the count with the sum of the exempt parts.
    """
    kind = rule["kind"]
    if kind == "any_of":
        return any(_published(o, counts) for o in rule["options"])
    if kind == "fact":
        return counts[rule["indicator"]] == 1
    if kind == "none_except":
        return counts[rule["indicator"]] <= sum(counts[p] for p in rule["exempt"])
    if kind == "criteria_met":
        value = Fraction(counts[met_key(rule["class_id"])])
    elif kind == "ratio":
        if counts[rule["base"]] == 0:
            return False
        value = Fraction(counts[rule["indicator"]], counts[rule["base"]])
    else:
        value = Fraction(counts[rule["indicator"]])
    iv = rule["interval"]
    low = None if iv["lower"] is None else Fraction(iv["lower"])
    high = None if iv["upper"] is None else Fraction(iv["upper"])
    above = low is None or value > low or (iv["lower_closed"] and value == low)
    below = high is None or value < high or (iv["upper_closed"] and value == high)
    return above and below


SIZES = st.sampled_from([20, 2**40, 2**62])  # small, and products that leave int64


def test_every_kind_has_a_strategy() -> None:
    assert set(REQUIREMENTS) == set(RequirementKind)


def _numpy(req: Requirement, rows: list[dict[str, int]]) -> list[bool]:
    cols = {name: np.array([r[name] for r in rows], dtype=np.int64) for name in rows[0]}
    met = np.broadcast_to(np.asarray(req.decide(numpy_ops(np), cols.__getitem__)), len(rows))
    return [bool(v) for v in met]


@pytest.mark.parametrize("kind", list(RequirementKind))
@given(data=st.data())
def test_kernel_verdict_equals_the_independent_oracle(kind: RequirementKind, data: Any) -> None:
    """Norm (DOMAIN §3–§4): "không có" is a count of 0, "100%" is part = whole, "ít nhất n" is
    count ≥ n, a share p/q holds when part × q op p × whole, exactly; a zero whole holds
    vacuously.

    The kernel's one definition of each kind, run as Python integers, as compiled source, on
    list columns and on numpy arrays, gives the verdict, vacuity and shortfall of the
    conformance vectors' independent oracle on every generated area, including counts whose
    products overflow 64 bits.
    """
    req = data.draw(REQUIREMENTS[kind])
    rows = data.draw(st.lists(counts(data.draw(SIZES)), min_size=1, max_size=8))
    if kind in EXTENDED_KINDS:
        expected = [_published(req.to_dict(), r) for r in rows]
        outcomes = [(m, False, req.shortfall(r)) for m, r in zip(expected, rows, strict=True)]
        assert all(s == 0 for m, _, s in outcomes if m)
    else:
        outcomes = [decide(rule_of(req), r) for r in rows]
        expected = [met for met, _, _ in outcomes]
    criterion = attrs.evolve(vdc.get_plan("lai-chau-city-2024").criteria[0], requirements=(req,))
    compiled = compile_criteria((criterion,), "test")
    assert [req.outcome(r) for r in rows] == outcomes
    assert [req.holds(r) for r in rows] == expected
    assert [compiled.met(r)[0] for r in rows] == expected
    assert [compiled.verdicts[0](r)[0] for r in rows] == [(m, v) for m, v, _ in outcomes]
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    assert evaluate_requirement_columns(req, columns) == expected
    listed = req.decide(LIST_OPS, columns.__getitem__)
    assert (listed if isinstance(listed, list) else [listed] * len(rows)) == expected
    assert _numpy(req, rows) == expected


def test_a_plans_compiled_form_lives_and_dies_with_the_plan() -> None:
    """The compiled criteria are kept by the plan: built once per level, freed with the plan."""
    plan = attrs.evolve(vdc.get_plan("lai-chau-city-2024"))  # a plan of its own, not the registry's
    counts = dict.fromkeys(plan.indicators, 0) | {"effective_models": 1}
    snap = vdc.Snapshot(counts, as_of=datetime.date(2024, 6, 30), level="village")
    assert vdc.assess(plan, snap).drug_free
    assert plan.compiled(vdc.Level.VILLAGE) is plan.compiled(vdc.Level.VILLAGE)
    again = pickle.loads(pickle.dumps(plan))  # the compiled form is rebuilt, never pickled
    assert again == plan
    assert vdc.assess(again, snap).drug_free
    ref = weakref.ref(plan)
    del plan, again
    gc.collect()
    assert ref() is None
