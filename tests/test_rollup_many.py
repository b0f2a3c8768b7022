"""rollup_many: the batch roll-up agrees with the object roll-up, exactly."""

from __future__ import annotations

import datetime
import unicodedata
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import SHARES, area_counts, parent_assignment, rows_to_columns

ON = datetime.date(2024, 6, 30)
PLAN = vdc.get_plan("lai-chau-city-2024")
BACKENDS = ["python", "numpy"]


@pytest.mark.parametrize("backend", BACKENDS)
@given(data=st.data(), target=SHARES, strict=st.booleans())
def test_matches_object_rollup(backend: Any, data: Any, target: Fraction, strict: bool) -> None:
    """Norm (DOMAIN §3, §5): a parent's indicators are the sums of its children's, and its share
    of drug-free children ("≥ 83% of villages", "trên 80%") is an exact fraction.

    On random two-level trees, counts, children, drug-free children, the share and the target
    verdict equal those of the object roll-up.
    """
    rows = data.draw(st.lists(area_counts(PLAN.indicators), min_size=1, max_size=15))
    parents = data.draw(parent_assignment(len(rows)))
    ids = [f"v{i}" for i in range(len(rows))]
    got = vdc.rollup_many(
        PLAN,
        rows_to_columns(rows, PLAN.indicators),
        parents,
        ids=ids,
        target=target,
        strict=strict,
        backend=backend,
    )
    snaps = [
        vdc.Snapshot(r, as_of=ON, level="village", area_id=i)
        for r, i in zip(rows, ids, strict=True)
    ]
    want = vdc.rollup(PLAN, snaps, dict(zip(ids, parents, strict=True)))
    assert [str(p) for p in got.parents] == sorted(want.parents)
    assert got.meets_target is not None
    for i, pid in enumerate(got.parents):
        node = want.parents[str(pid)]
        assert got.children[i] == len(node.children)
        assert got.drug_free_children[i] == node.drug_free_children
        assert got.share(i) == node.share_drug_free
        assert got.meets_target[i] == node.meets_share(target, strict=strict)
        assert {k: int(v[i]) for k, v in got.counts.items()} == dict(node.counts)
    assert sum(got.children) == len(rows)


@pytest.mark.parametrize("backend", BACKENDS)
def test_rejected_child_makes_parent_incomplete(backend: Any) -> None:
    """Norm (CONTRACT): a batch never drops a row; a parent missing a child's data is unknown."""
    cols: dict[str, list[Any]] = {name: [0, 0, 0] for name in PLAN.indicators}
    cols["effective_models"] = [1, 1, None]
    cols["households"] = cols["households_committed"] = [3, 4, 5]
    r = vdc.rollup_many(PLAN, cols, [7, 9, 9], target="50%", backend=backend)
    assert [int(p) for p in r.parents] == [7, 9]
    assert list(r.children) == [1, 2]
    assert list(r.rejected_children) == [0, 1]
    assert list(r.complete) == [True, False]
    assert r.shares() == (Fraction(1), None)
    assert r.meets_target == [True, None]
    assert list(r.counts["households"]) == [3, 4]
    assert r.index(9) == 1
    assert len(r) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_from_result_and_unsorted_parents(backend: Any) -> None:
    cols: dict[str, list[int]] = {name: [0] * 4 for name in PLAN.indicators}
    cols["effective_models"] = [1, 0, 1, 1]
    cols["households"] = cols["households_committed"] = [1, 2, 3, 4]
    cols["parent_id"] = ["b", "a", "b", "a"]
    result = vdc.assess_many(PLAN, cols, backend=backend)
    r = vdc.rollup_many(result, None, np.array(["b", "a", "b", "a"]))
    assert list(r.parents) == ["a", "b"]
    assert list(r.counts["households"]) == [6, 4]
    assert list(r.drug_free_children) == [1, 2]
    assert r.meets_target is None
    by_name = vdc.rollup_many(PLAN, cols, "parent_id", target="1/2", strict=True, backend=backend)
    assert by_name.meets_target == [False, True]


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_beyond_int64(backend: Any) -> None:
    """Norm (DOMAIN §3): a roll-up is a sum, exact whatever the size of the counts."""
    cols: dict[str, list[int]] = {name: [0, 0] for name in PLAN.indicators}
    cols["effective_models"] = [2**62, 2**62]
    r = vdc.rollup_many(PLAN, cols, ["p", "p"], backend=backend)
    assert int(r.counts["effective_models"][0]) == 2**63


@pytest.mark.parametrize(
    "parents",
    [
        ["p", ""],
        ["p", None],
        [1.0, float("nan")],
        ["p", " \u00a0"],
        np.array(["p", "  "]),
        pd.Series([1, pd.NA], dtype="Int64"),
        pd.Series(["p", None], dtype="string"),
    ],
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_blank_parent_is_an_error(parents: Any, backend: Any) -> None:
    cols = {name: [0, 0] for name in PLAN.indicators}
    with pytest.raises(vdc.InputError, match=r"row 2 \(id '2'\): parent_id: missing"):
        vdc.rollup_many(PLAN, cols, parents, backend=backend)


@pytest.mark.parametrize("parents", [["a", 1], pd.Series(["a", 1], dtype=object)])
@pytest.mark.parametrize("backend", BACKENDS)
def test_parent_ids_mixing_text_and_numbers_are_refused(parents: Any, backend: Any) -> None:
    cols = {name: [0, 0] for name in PLAN.indicators}
    with pytest.raises(vdc.InputError, match="all text or all numbers"):
        vdc.rollup_many(PLAN, cols, parents, backend=backend)


def test_argument_errors() -> None:
    cols = {name: [0, 0] for name in PLAN.indicators}
    result = vdc.assess_many(PLAN, cols)
    with pytest.raises(vdc.InputError, match="not both"):
        vdc.rollup_many(result, cols, ["a", "b"])
    with pytest.raises(vdc.InputError, match="columns are needed"):
        vdc.rollup_many(PLAN, None, ["a", "b"])
    with pytest.raises(vdc.InputError, match="1 parent ids for 2 rows"):
        vdc.rollup_many(result, None, ["a"])
    with pytest.raises(vdc.InputError, match="required column missing: parent_id"):
        vdc.rollup_many(result, None, "parent_id")
    with pytest.raises(KeyError):
        vdc.rollup_many(result, None, ["a", "b"]).index("c")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_row_that_is_a_parent_is_refused(backend: Any) -> None:
    """One level only: a parent's own row would otherwise be summed under its own parent."""
    cols = {name: [0, 0, 0] for name in PLAN.indicators}
    with pytest.raises(vdc.InputError, match=r"row 3 \(id 'X'\) is the parent of other rows"):
        vdc.rollup_many(PLAN, cols, ["X", "X", "D"], ids=["a", "b", "X"], backend=backend)
    nfd = unicodedata.normalize("NFD", "Xã")
    with pytest.raises(vdc.InputError, match=r"row 3 .* is the parent of other rows"):
        vdc.rollup_many(PLAN, cols, ["Xã", "Xã", "D"], ids=["a", "b", nfd], backend=backend)
    up = vdc.rollup_many(PLAN, cols, ["1", "1", "2"], backend=backend)  # positional ids
    assert list(up.parents) == ["1", "2"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("dtype", ["int32", "int64", "uint16"])
def test_parent_codes_keep_their_dtype(backend: Any, dtype: str) -> None:
    cols = {name: np.zeros(4, dtype=dtype) for name in PLAN.indicators}
    cols["effective_models"] = np.array([1, 1, 0, 1], dtype=dtype)
    parents = np.array([30, 10, 30, 30], dtype=dtype)
    up = vdc.rollup_many(PLAN, cols, parents, target="2/3", backend=backend)
    assert [int(p) for p in up.parents] == [10, 30]
    assert list(up.children) == [1, 3]
    assert list(up.drug_free_children) == [1, 2]
    assert list(up.meets_target) == [True, True]
    assert [int(v) for v in up.counts["effective_models"]] == [1, 2]
    if backend == "numpy":
        assert up.parents.dtype == np.dtype(dtype)
