"""assess_many: the same rules as assess, on both backends, with every bad row reported."""

from __future__ import annotations

import datetime
import sys
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import MESSY_CELLS, SHARES, area_counts, rows_to_columns
from vn_drugfree_criteria import Comparison, Op, Requirement, RequirementKind

ON = datetime.date(2024, 6, 30)
LAI_CHAU = vdc.get_plan("lai-chau-city-2024")
LAO_CAI = vdc.get_plan("lao-cai-414-2023")
BACKENDS = ["python", "numpy"]


def share_plan(bound: Fraction, op: Op) -> vdc.Plan:
    """Lai Châu's plan with one share criterion on households, to exercise share requirements."""
    req = Requirement(
        id="C1.1",
        kind=RequirementKind.SHARE,
        indicator="households_committed",
        whole="households",
        comparison=Comparison(op, "trên" if op is Op.GT else "từ ... trở lên"),
        bound=bound,
        text_vi="(kiểm thử)",
        text_en="(test)",
    )
    c1 = LAI_CHAU.criteria[0]
    return attrs.evolve(LAI_CHAU, criteria=(attrs.evolve(c1, requirements=(req,)),))


def expected(plan: vdc.Plan, rows: list[dict[str, int]], level: str) -> list[vdc.Assessment]:
    return [vdc.assess(plan, vdc.Snapshot(r, as_of=ON, level=level)) for r in rows]


def check_same_as_assess(result: vdc.BatchResult, wanted: list[vdc.Assessment]) -> None:
    assert list(result.drug_free) == [a.drug_free for a in wanted]
    for cid in wanted[0].criteria if wanted else ():
        assert list(result.criteria[cid]) == [a.criteria[cid].met for a in wanted]
    assert result.rejected == ()
    assert result.drug_free_count == sum(a.drug_free for a in wanted)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("plan", "level"), [(LAI_CHAU, "village"), (LAO_CAI, "commune")])
@given(data=st.data())
def test_same_verdicts_as_assess(plan: vdc.Plan, level: str, backend: Any, data: Any) -> None:
    """Norm (DOMAIN §3): a requirement is one predicate over counts, whatever evaluates it.

    ``assess_many`` evaluates the same rule definitions as ``assess``, column by column, so each
    row's verdict and each criterion equal ``assess`` on that row alone.
    """
    rows = data.draw(st.lists(area_counts(plan.indicators), max_size=12))
    cols = rows_to_columns(rows, plan.indicators)
    result = vdc.assess_many(plan, cols, as_of=ON, level=level, backend=backend)
    assert result.backend == backend
    check_same_as_assess(result, expected(plan, rows, level))


@pytest.mark.parametrize("backend", BACKENDS)
@given(bound=SHARES, strict=st.booleans(), data=st.data())
def test_share_requirements_exact(bound: Fraction, strict: bool, backend: Any, data: Any) -> None:
    """Norm (DOMAIN §4): "trên X%" is >, "từ X% trở lên" is ≥, X% is exactly X/100.

    The batch compares ``part * den op num * whole`` in integers; ``assess`` compares Fractions.
    """
    assume(not (strict and bound == 1))  # "above 100%" is no requirement a plan can state
    plan = share_plan(bound, Op.GT if strict else Op.GE)
    rows = data.draw(st.lists(area_counts(plan.indicators, top=12), max_size=12))
    result = vdc.assess_many(plan, rows_to_columns(rows, plan.indicators), backend=backend)
    check_same_as_assess(result, expected(plan, rows, "village"))


@given(data=st.data())
@settings(max_examples=150)
def test_backends_agree_on_messy_input(data: Any) -> None:
    """Norm (CONTRACT, tabular input): a blank is missing, never zero; no row is ever dropped.

    Both backends accept and reject exactly the same rows, with the same messages, and agree on
    every verdict; every row is either valid or rejected.
    """
    names = LAI_CHAU.indicators
    n = data.draw(st.integers(0, 8))
    cols = {name: data.draw(st.lists(MESSY_CELLS, min_size=n, max_size=n)) for name in names}
    py = vdc.assess_many(LAI_CHAU, cols, backend="python")
    fast = vdc.assess_many(LAI_CHAU, cols, backend="numpy")
    assert [(e.row, e.area_id, e.errors) for e in py.rejected] == [
        (e.row, e.area_id, e.errors) for e in fast.rejected
    ]
    assert py.drug_free == fast.drug_free
    assert all(py.criteria[c] == fast.criteria[c] for c in py.criteria)
    assert list(py.valid) == [bool(v) for v in fast.valid]
    assert len(py.rejected) + sum(py.valid) == n
    assert {e.row for e in py.rejected} == {i + 1 for i, ok in enumerate(py.valid) if not ok}


@given(data=st.data())
@settings(max_examples=50)
def test_arrays_and_frames_read_like_lists(data: Any) -> None:
    """Norm (CONTRACT, tabular input): the same table gives the same result in any container.

    numpy arrays (integer or float with NaN for blanks) and pandas DataFrames (nullable
    integers) are read by the same rules as lists.
    """
    names = LAI_CHAU.indicators
    n = data.draw(st.integers(1, 8))
    cells = st.one_of(st.integers(0, 4), st.none())
    cols = {name: data.draw(st.lists(cells, min_size=n, max_size=n)) for name in names}
    floats = {k: np.array([np.nan if v is None else v for v in c], float) for k, c in cols.items()}
    frame = pd.DataFrame({k: pd.array(c, dtype="Int64") for k, c in cols.items()})
    reference = vdc.assess_many(LAI_CHAU, cols, backend="python")
    for backend in BACKENDS:
        for table in (floats, frame):
            got = vdc.assess_many(LAI_CHAU, table, backend=backend)
            assert got.drug_free == reference.drug_free
            assert [e.errors for e in got.rejected] == [e.errors for e in reference.rejected]


@pytest.mark.parametrize("backend", BACKENDS)
def test_rejections_name_row_id_and_field(backend: Any) -> None:
    cols: dict[str, list[Any]] = {name: [0, 0, 0, 0] for name in LAI_CHAU.indicators}
    cols.update(
        households=[5, 5, None, 5],
        households_committed=[5, 6, 1, 2.5],
        subunits=[1, 1, 1, 1],
        subunits_with_hotline_board=[1, 1, 1, 1],
        effective_models=[1, -2, 1, 1],
    )
    r = vdc.assess_many(LAI_CHAU, cols, ids=["a", "b", "c", "d"], backend=backend)
    assert [(e.row, e.area_id, e.errors) for e in r.rejected] == [
        (
            2,
            "b",
            (
                "effective_models: must not be negative, got -2",
                "households_committed: 6 is larger than its whole households (5)",
            ),
        ),
        (
            3,
            "c",
            (
                "households: missing (blank cell); criterion C6 needs it",
                "households_committed: given, but its whole households is blank",
            ),
        ),
        (4, "d", ("households_committed: not a whole number (2.5)",)),
    ]
    assert [e.codes for e in r.rejected] == [
        ("negative", "part_exceeds_whole"),
        ("missing", "part_without_whole"),
        ("not_whole_number",),
    ]
    assert list(r.drug_free) == [True, None, None, None]


@pytest.mark.parametrize("backend", BACKENDS)
def test_huge_counts_compare_exactly(backend: Any) -> None:
    """Norm (DOMAIN §4): shares are exact, even where int64 products would overflow."""
    plan = share_plan(Fraction(83, 100), Op.GE)
    whole = 2**62
    needed = vdc.required_count(whole, "83%")
    cols = {"households": [whole, whole], "households_committed": [needed, needed - 1]}
    assert list(vdc.assess_many(plan, cols, backend=backend).drug_free) == [True, False]


def test_dataframe_ids_and_numpy_types() -> None:
    frame = pd.DataFrame({name: [0, 0] for name in LAI_CHAU.indicators})
    frame["id"] = ["v1", "v2"]
    frame["effective_models"] = [1, 0]
    r = vdc.assess_many(LAI_CHAU, frame, backend="numpy")
    assert list(r.ids) == ["v1", "v2"]
    assert isinstance(r.drug_free.mask, np.ndarray)
    assert list(r.drug_free) == [True, False]
    assert isinstance(vdc.assess_many(LAI_CHAU, frame, backend="python").drug_free.mask, tuple)


def test_missing_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    cols = {name: [0] for name in LAI_CHAU.indicators}
    with pytest.raises(vdc.MissingExtraError, match=r"\[fast\]"):
        vdc.assess_many(LAI_CHAU, cols, backend="numpy")
    assert vdc.assess_many(LAI_CHAU, cols).backend == "python"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hotspots": None}, "required column missing: hotspots"),
        ({"hotspots": [0, 0]}, "same length"),
    ],
)
def test_table_errors(change: dict[str, Any], message: str) -> None:
    cols: dict[str, Any] = {name: [0] for name in LAI_CHAU.indicators}
    cols.update(change)
    cols = {k: v for k, v in cols.items() if v is not None}
    with pytest.raises(vdc.InputError, match=message):
        vdc.assess_many(LAI_CHAU, cols)


def test_ids_must_be_unique_and_one_per_row() -> None:
    cols = {name: [0, 0] for name in LAI_CHAU.indicators}
    with pytest.raises(vdc.InputError, match="duplicate id 'x'"):
        vdc.assess_many(LAI_CHAU, cols, ids=["x", "x"])
    with pytest.raises(vdc.InputError, match="1 ids for 2 rows"):
        vdc.assess_many(LAI_CHAU, cols, ids=["x"])
    with pytest.raises(vdc.InputError, match="unknown backend"):
        vdc.assess_many(LAI_CHAU, cols, backend="gpu")  # type: ignore[arg-type]


def test_plan_without_criteria_and_dates() -> None:
    cols = {name: [0] for name in LAI_CHAU.indicators}
    with pytest.raises(vdc.LevelNotCoveredError):
        vdc.assess_many("can-tho-205-2021", cols)
    with pytest.raises(vdc.NotValidOnDateError):
        vdc.assess_many(LAI_CHAU, cols, as_of=datetime.date(2026, 1, 1), level="village")


def test_verdicts_and_positional_ids() -> None:
    v = vdc.Verdicts((True, False, False), (True, True, False))
    assert v[0] is True
    assert v[2] is None
    assert v[-2] is False
    assert v[1:] == (False, None)
    assert v != [True, False, False]
    assert v.true_count() == 1
    assert "n=3" in repr(v)
    with pytest.raises(ValueError, match="length"):
        vdc.Verdicts((True,), ())
    ids = vdc.PositionalIds(3)
    assert ids[1:] == ("2", "3")
    assert repr(ids) == "PositionalIds(3)"
