"""The numpy backend reads integer columns in their own dtype, without copying them.

Every fast path of the numpy reader is compared, row by row, with the pure-Python backend on
the same cells as Python lists: the same rows valid, the same verdicts, the same rejections
(codes and messages), the same counts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc

LAI_CHAU = vdc.get_plan("lai-chau-city-2024")
NATIONAL = vdc.get_plan("national-28-qd-ttg-2025")
PLANS = [(LAI_CHAU, "village"), (NATIONAL, "commune")]
DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
TOP = 2**63 - 1


def _cells(dtype: np.dtype[Any]) -> st.SearchStrategy[int]:
    """Counts that fit ``dtype``: mostly small, sometimes at the ends of its range."""
    info = np.iinfo(dtype)
    ends = [info.min, info.max, 0, 1, TOP - 1, TOP]
    return st.one_of(
        st.integers(0, 6),
        st.integers(int(info.min), int(info.max)),
        st.sampled_from([e for e in ends if info.min <= e <= info.max]),
    )


def _same(py: vdc.BatchResult, fast: vdc.BatchResult) -> None:
    assert [(e.row, e.errors, e.codes) for e in py.rejected] == [
        (e.row, e.errors, e.codes) for e in fast.rejected
    ]
    assert list(py.valid) == [bool(v) for v in fast.valid]
    assert py.drug_free == fast.drug_free
    assert all(py.criteria[c] == fast.criteria[c] for c in py.criteria)
    assert list(py.key_complex_class) == list(fast.key_complex_class)
    for name, col in py.counts.items():
        assert list(col) == [int(v) for v in fast.counts[name]], name


@pytest.mark.parametrize(("plan", "level"), PLANS)
@given(data=st.data())
@settings(max_examples=60)
def test_every_integer_dtype_reads_as_python_integers(
    plan: vdc.Plan, level: str, data: Any
) -> None:
    """Norm (input policy): a count is the same count whatever integer type holds it.

    Columns of int8 … int64 and uint8 … uint64, with values anywhere in their range (negative
    ones, 2**63 - 1 and above it, parts above their wholes), give the numpy backend exactly the
    pure-Python backend's result on the same cells as Python integers. Products that would
    overflow a narrow dtype (shares of residents scaled by 1000) are widened, never wrapped.
    """
    n = data.draw(st.integers(0, 6))
    arrays: dict[str, Any] = {}
    for name in plan.indicators:
        dtype = np.dtype(data.draw(st.sampled_from(DTYPES)))
        arrays[name] = np.array(data.draw(st.lists(_cells(dtype), min_size=n, max_size=n)), dtype)
    lists = {name: [int(v) for v in col] for name, col in arrays.items()}
    py = vdc.assess_many(plan, lists, level=level, backend="python")
    fast = vdc.assess_many(plan, arrays, level=level, backend="numpy")
    _same(py, fast)
    for name, col in arrays.items():  # a column with no refused cell is read in place
        clean = n and (col.dtype.kind == "u" or col.min() >= 0) and int(col.max()) <= TOP
        if clean:
            assert np.shares_memory(fast.counts[name], col), name


@given(data=st.data())
@settings(max_examples=40)
def test_nullable_and_masked_columns_read_as_lists(data: Any) -> None:
    """Norm (input policy): ``<NA>`` and a masked cell are missing, never their stored value.

    pandas nullable integers (Int8 … UInt64) and masked arrays give the pure-Python result on
    lists with ``None`` in those cells; without any missing cell, they are read in place.
    """
    n = data.draw(st.integers(1, 5))
    names = LAI_CHAU.indicators
    dtype = np.dtype(data.draw(st.sampled_from(DTYPES)))
    cells = st.one_of(st.none(), _cells(dtype))
    lists = {name: data.draw(st.lists(cells, min_size=n, max_size=n)) for name in names}
    frame = pd.DataFrame(
        {
            k: pd.array(v, dtype=dtype.name.capitalize().replace("Ui", "UI"))
            for k, v in lists.items()
        }
    )
    masked = {
        k: np.ma.masked_array(
            [0 if c is None else c for c in v], mask=[c is None for c in v], dtype=dtype
        )
        for k, v in lists.items()
    }
    py = vdc.assess_many(LAI_CHAU, lists, backend="python")
    for table in (frame, masked):
        fast = vdc.assess_many(LAI_CHAU, table, backend="numpy")
        _same(py, fast)
    for name in names:
        if None not in lists[name] and min(lists[name]) >= 0 and max(lists[name]) <= TOP:
            got = vdc.assess_many(LAI_CHAU, frame, backend="numpy").counts[name]
            assert np.shares_memory(got, frame[name].array)
            got = vdc.assess_many(LAI_CHAU, masked, backend="numpy").counts[name]
            assert np.shares_memory(got, masked[name])
            break


def test_counts_near_2_63_decide_exactly_in_every_width() -> None:
    """A part one below its whole at 2**63 - 1 fails "all"; equal, it holds; above, it is refused."""
    base = {k: np.zeros(3, np.int8) for k in LAI_CHAU.indicators}
    base["effective_models"] = np.ones(3, np.int8)
    base["subunits"] = base["subunits_with_hotline_board"] = np.ones(3, np.int8)
    for dtype in (np.int64, np.uint64):
        cols = dict(base)
        cols["households"] = np.array([TOP, TOP, TOP - 1], dtype)
        cols["households_committed"] = np.array([TOP, TOP - 1, TOP], dtype)
        result = vdc.assess_many(LAI_CHAU, cols, backend="numpy")
        assert list(result.drug_free) == [True, False, None]
        assert result.rejected[0].codes == ("part_exceeds_whole",)
    cols = dict(base, households=np.array([2**64 - 1, 0, 0], np.uint64))
    assert vdc.assess_many(LAI_CHAU, cols, backend="numpy").rejected[0].codes[0] == "too_large"
