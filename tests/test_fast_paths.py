"""The column-wise fast paths decide exactly as the cell-by-cell rules they stand in for."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from vn_drugfree_criteria.engine.batch_python import _all_counts
from vn_drugfree_criteria.engine.grouping import area_key, canonical_texts, group, tally_flags
from vn_drugfree_criteria.vocab.cells import MAX_COUNT, read_count

CELLS = st.one_of(
    st.integers(0, 9),
    st.integers(-(2**64), 2**64),
    st.sampled_from([MAX_COUNT, MAX_COUNT - 1, MAX_COUNT + 1, 2**62, -1, 0]),
    st.booleans(),
    st.floats(allow_nan=True),
    st.none(),
    st.text(max_size=3),
)


@given(st.lists(CELLS, max_size=6))
def test_a_column_passes_the_fast_check_iff_every_cell_is_a_plain_count(cells: list[Any]) -> None:
    """Norm (input policy): a cell is a count when it is a non-bool integer in [0, 2**63 - 1].

    The pure-Python backend's one-pass check of a whole column (types, least value, sum, and
    greatest value only when the sum is large) accepts it exactly when every cell is a plain
    ``int`` that :func:`read_count` reads as itself.
    """
    expected = all(type(c) is int and read_count(c) == (c, "") for c in cells)
    assert _all_counts(cells) is expected


KEYS = st.one_of(
    st.lists(st.integers(-5, 40), min_size=1, max_size=12),
    st.lists(
        st.sampled_from(["Xã A", "Xa\u0303 A", " Xã A", "B", "b ", "\u00c5", "A\u030a"]),
        min_size=1,
        max_size=12,
    ),
)


@given(KEYS, st.data())
def test_grouping_is_one_answer_on_both_backends(keys: list[Any], data: Any) -> None:
    """Norm (roll-up): rows with one parent id (compared in NFC, without surrounding space) are
    one parent; parents come sorted, each row points to its own, and the counts per parent are
    the children of that parent, on lists (fast path or not) and on numpy arrays alike."""
    canonical = [area_key(k) for k in keys]
    parents = sorted(set(canonical))
    py = group(keys)
    assert list(py.parents) == parents
    assert [parents[c] for c in py.codes] == canonical
    if all(isinstance(k, str) for k in keys):
        assert canonical_texts(keys) is (canonical == keys)
    fast = group(np.asarray(keys), np)
    assert [str(p) for p in fast.parents] == [str(p) for p in parents]
    assert list(fast.codes) == list(py.codes)
    free = data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    valid = data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    free = [f and v for f, v in zip(free, valid, strict=True)]
    a = tally_flags(py, tuple(free), tuple(valid))
    b = tally_flags(fast, np.asarray(free, bool), np.asarray(valid, bool))
    for field in ("children", "drug_free_children", "rejected_children", "complete"):
        assert list(getattr(a, field)) == [v.item() for v in getattr(b, field)], field
    assert list(a.children) == [canonical.count(p) for p in parents]
