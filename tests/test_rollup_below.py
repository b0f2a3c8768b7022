"""What a parent keeps of its children (``engine.rollup_below``) and what the tree keeps of a
parent once built (``engine.rollup_tree``): less than the children, the same answers."""

from __future__ import annotations

import datetime
import gc
import weakref

from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU
from vn_drugfree_criteria.engine.grouping import FREE
from vn_drugfree_criteria.engine.rollup import Area, entry
from vn_drugfree_criteria.engine.rollup_below import Below
from vn_drugfree_criteria.engine.rollup_tree import Tree
from vn_drugfree_criteria.vocab.indicators import SHARED, Snapshot
from vn_drugfree_criteria.vocab.levels import Level

# Text of every kind: lone surrogates, NUL, and ids long enough for a length of 2 and 3 bytes.
IDS = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec=None), max_size=12),
    st.builds(lambda t, n: (t or "x") * n, st.text(max_size=3), st.integers(40, 6000)),
)


@given(st.lists(st.one_of(IDS, st.none()), max_size=30))
def test_the_ids_of_the_children_are_given_back_as_added(names: list[str | None]) -> None:
    """Law: ``Below.names`` is the ids of the children added (folded or deferred), in the order
    they were added, whatever the text (ids are kept packed as bytes, not as objects)."""
    below: Below[str] = Below(SHARED)
    for i, name in enumerate(names):
        if name is not None and i % 3 == 0 and name not in below.deferred:
            below.defer(name, name)
        else:
            below.fold(name, FREE, None, None, None)
    assert below.names == tuple(n for n in names if n is not None)


def _snapshot(day: int, level: Level | None) -> Snapshot:
    return Snapshot({"households": 1}, as_of=datetime.date(2024, 1, 1 + day), level=level)


@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from([None, *Level])), max_size=20))
def test_the_levels_and_dates_of_the_children_are_their_sets(
    children: list[tuple[int, Level | None]],
) -> None:
    """Law: ``Below.levels`` and ``Below.dates`` are the sets of the levels and dates of the
    children with counts (kept as one value while there is one)."""
    below: Below[str] = Below(SHARED)
    for day, level in children:
        below.fold(None, FREE, _snapshot(day, level), None, None)
    below.fold(None, FREE, None, "no counts", None)
    assert below.levels == {level for _, level in children}
    assert below.dates == {datetime.date(2024, 1, 1 + day) for day, _ in children}


def _chain_tree() -> Tree:
    """Villages under communes under a district, the district's row first."""
    plan = vdc.get_plan(LAI_CHAU)
    day = datetime.date(2024, 6, 30)
    counts = {"households": 4, "hotspots": 0}
    areas = [Area("H", None, Snapshot(counts, as_of=day, level=Level.DISTRICT))]
    for c in range(3):
        areas.append(Area(f"C{c}", "H", Snapshot(counts, as_of=day, level=Level.COMMUNE)))
        areas += [
            Area(f"T{c}{v}", f"C{c}", Snapshot(counts, as_of=day, level=Level.VILLAGE))
            for v in range(4)
        ]
    entries = [entry(a) for a in areas]
    tree = Tree(plan, {p for e in entries if (p := e.child_of()) is not None})
    for e in entries:
        tree.add(e)
    return tree


def test_built_gives_the_parents_of_run_in_its_order() -> None:
    """``Tree.built`` gives one at a time the parents ``Tree.run`` holds, in the same order."""
    whole = _chain_tree().run()
    given_one_by_one = list(_chain_tree().built())
    assert [n.id for n in given_one_by_one] == list(whole) == ["C0", "C1", "C2", "H"]
    assert given_one_by_one == list(whole.values())
    assert whole["H"].children == ("C0", "C1", "C2")
    assert whole["H"].counts["households"] == 4 * 16


def test_a_parent_given_is_not_kept() -> None:
    """Once a parent is given and let go of, nothing holds it: memory does not grow with the
    parents already written."""
    tree = _chain_tree()
    gone = []
    for node in tree.built():
        gone.append(weakref.ref(node))
        del node
        gc.collect()
        assert gone[-1]() is None
    assert len(gone) == 4
    assert not tree.own
    assert not tree.below
