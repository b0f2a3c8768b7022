"""The column fast path of the input policy gives what the policy gives cell by cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vn_drugfree_criteria.vocab.cell_columns import plain_counts, plain_texts
from vn_drugfree_criteria.vocab.cell_limit import cell_length_limit
from vn_drugfree_criteria.vocab.cells import read_count, read_text

CELL = st.one_of(
    st.integers(0, 10**25).map(str),
    st.text("0123456789", min_size=0, max_size=22),
    st.sampled_from(["", " 3", "3 ", "٣", "３", "-1", "3.0", "1e3", "+3", "9" * 19, "0" * 30]),
)


@settings(max_examples=300)
@given(st.lists(CELL, max_size=12), st.sampled_from([None, 2, 5, 30]))
def test_plain_columns_read_as_each_cell_reads(cells: list[str], limit: int | None) -> None:
    """Law: when the column fast path answers, every cell reads by the policy as that count,
    without a problem; it answers for every column of ASCII digit texts that are short enough."""
    with cell_length_limit(limit):
        counts = plain_counts(cells)
        one_by_one = [read_count(c) for c in cells]
        if counts is not None:
            assert one_by_one == [(n, "") for n in counts]
        short = 18 if limit is None else min(18, limit)
        if all(c.isascii() and c.isdigit() and len(c) <= short for c in cells):
            assert counts is not None


TEXT = st.one_of(
    st.text("AZaz09-_. ", max_size=8),
    st.sampled_from(["", " ", "A", " A", "A ", "\tA", "A\x1f", "Hòa", "x" * 40, "\u00a0A"]),
)


@settings(max_examples=300)
@given(st.lists(TEXT, max_size=12), st.sampled_from([None, 2, 5, 30]))
def test_plain_text_columns_read_as_each_cell_reads(cells: list[str], limit: int | None) -> None:
    """Law: when the column fast path answers, every cell reads by the policy as that text,
    without a problem; it answers for every column of ASCII texts without surrounding white
    space that are short enough."""
    with cell_length_limit(limit):
        texts = plain_texts(cells)
        one_by_one = [read_text("id", c) for c in cells]
        if texts is not None:
            assert one_by_one == [(t, None) for t in texts]
        short = 10_000 if limit is None else limit
        if all(c.isascii() and c == c.strip() and len(c) <= short for c in cells):
            assert texts is not None


def test_a_count_kept_under_one_cell_limit_is_refused_under_a_lower_one() -> None:
    """Law (input policy: cell length, counts are text): a text read as a count under one
    limit is not a plain count under a limit it exceeds, and reads again once the limit is
    back; a cell that is not text is never a plain count, whatever text equal to it was seen."""
    assert plain_counts(["12345", "1"]) == [12345, 1]
    with cell_length_limit(3):
        assert plain_counts(["12345", "1"]) is None
        assert plain_counts(["123"]) == [123]
    assert plain_counts(["12345"]) == [12345]
    for cells in ([1], [True], [None], [1.0], [["1"]], [{"1": 1}], ["1", 1]):
        assert plain_counts(cells) is None
    assert plain_counts(["1"]) == [1]
