"""Laws of list numbering in Vietnamese administrative documents."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import outlines
from vn_drugfree_criteria.auditing.outline import list_items, numbering_problems


@given(outlines())
def test_a_correct_outline_has_no_numbering_problem(lines: list[str]) -> None:
    """Norm: items are numbered I, II, …; 1, 2, … within each section; a, b, c, d, đ, e, g, h, …
    within each item (the Vietnamese sequence has no f). A correct outline raises nothing."""
    assert numbering_problems(lines) == ()


@given(outlines(), st.data())
def test_removing_an_item_is_one_gap(lines: list[str], data: st.DataObject) -> None:
    """Norm: each list runs without gaps; dropping any item that has a successor in its list
    leaves exactly one gap, at that successor, naming the dropped label."""
    items = list_items(lines)
    candidates = [
        (i, item)
        for i, item in enumerate(items)
        if any(
            later.style == item.style
            and later.section.rsplit(".", 1)[0] == item.section.rsplit(".", 1)[0]
            and later.ordinal == item.ordinal + 1
            for later in items[i + 1 :]
        )
        and not any(
            deeper.line > item.line and deeper.section.startswith(item.section + ".")
            for deeper in items
        )
    ]
    if not candidates:
        return
    _, dropped = data.draw(st.sampled_from(candidates))
    remaining = [text for n, text in enumerate(lines, 1) if n != dropped.line]
    (problem,) = numbering_problems(remaining)
    assert problem.kind == "gap"
    assert problem.expected == dropped.label
