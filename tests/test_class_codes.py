"""Classes decided as small integer codes count alike on both backends (Decision 28/2025/QĐ-TTg).

The batch backends hold each commune's class as a code into the classification's class ids;
the counts per province of the communes in a set of classes (``in_classes``, and the
``communes_class_1_2`` a province takes from its communes, Điều 5.4) must equal the count of
the rows whose one-area verdict (:func:`assess`) names one of those classes.
"""

from __future__ import annotations

import datetime
import importlib
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.engine.columns import ClassCodes
from vn_drugfree_criteria.engine.grouping import group, in_classes

PLAN = "national-28-qd-ttg-2025"
DAY = datetime.date(2026, 3, 1)
NAMES = tuple(n for n in vdc.get_plan(PLAN).indicators if not n.startswith("communes"))
CLASS_IDS = ("I", "II", "III")
SUBSETS = [s for size in range(4) for s in combinations(CLASS_IDS, size)]

COMMUNE = st.fixed_dictionaries(
    {
        "parent": st.sampled_from(["P", "Q", "R"]),
        "registered_users": st.integers(-1, 80),  # -1: a rejected row, counted in no class
        "use_harbouring_venues": st.integers(0, 3),
        "drug_offenders_arrested": st.integers(0, 15),
        "plants_destroyed": st.sampled_from([0, 1, 499, 500, 2999, 3000]),
        "cultivated_area_m2": st.sampled_from([0, 124, 125, 749, 750]),
        "on_intraprovincial_key_route": st.integers(0, 1),
    }
)


def _counts(row: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = dict.fromkeys(NAMES, 0)
    out["residents"] = 10_000
    out.update({k: v for k, v in row.items() if k != "parent"})
    return out


def _class_of(row: dict[str, object]) -> str | None:
    """A row's class by the one-area verdict; ``None`` for a row the reader refuses."""
    if int(row["registered_users"]) < 0:  # type: ignore[call-overload]
        return None
    snap = vdc.Snapshot(_counts(row), as_of=DAY, level="xã")
    return vdc.assess(PLAN, snap).key_complex_class


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(COMMUNE, min_size=1, max_size=15), backend=st.sampled_from(["python", "numpy"])
)
def test_in_classes_counts_the_children_whose_own_class_is_in_the_set(
    rows: list[dict[str, object]], backend: str
) -> None:
    """Điều 5.4: per province, the communes in classes I-II (and every other set) counted."""
    full = [_counts(r) for r in rows]
    columns = {name: [r[name] for r in full] for name in NAMES}
    parents = [str(r["parent"]) for r in rows]
    up = vdc.rollup_many(PLAN, columns, parents, as_of=DAY, level="xã", backend=backend)  # type: ignore[arg-type]
    classes = [_class_of(r) for r in rows]
    for i, parent in enumerate(up.parents):
        mine = [c for c, p in zip(classes, parents, strict=True) if p == parent]
        for subset in SUBSETS:
            assert up.in_classes(i, subset) == sum(c in subset for c in mine), (parent, subset)
        wanted = sum(c in ("I", "II") for c in mine)
        assert int(up.counts["communes_class_1_2"][i]) == wanted


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_class_codes_read_back_as_the_class_names(backend: str) -> None:
    """The codes a batch keeps name the same class as the object column, row by row."""
    rows: list[dict[str, object]] = [
        {"registered_users": 60, "use_harbouring_venues": 2, "drug_offenders_arrested": 10},
        {"registered_users": 5},
        {},
        {"registered_users": -1},
    ]
    full = [_counts(r) for r in rows]
    columns = {name: [r[name] for r in full] for name in NAMES}
    batch = vdc.assess_many(PLAN, columns, as_of=DAY, level="xã", backend=backend)  # type: ignore[arg-type]
    assert list(batch.key_complex_class) == ["I", "III", None, None]
    assert [int(c) for c in batch.class_codes] == [0, 2, 3, 3]
    assert batch.class_ids == CLASS_IDS
    codes = ClassCodes(batch.class_codes, batch.class_ids)
    assert [codes[i] for i in range(len(codes))] == list(batch.key_complex_class)


@pytest.mark.parametrize("numpy", [False, True])
def test_in_classes_on_codes_equals_in_classes_on_names(numpy: bool) -> None:
    """One rule on either form of the classes: codes and names count the same children."""
    np = importlib.import_module("numpy") if numpy else None
    labels = ["I", None, "III", "II", "I", None]
    raw = (0, 3, 2, 1, 0, 3)
    codes = ClassCodes(raw if np is None else np.array(raw, dtype=np.int8), CLASS_IDS)
    keys = ["a", "b", "a", "b", "b", "a"]
    grouping = group(keys if np is None else np.asarray(keys), np)
    for subset in SUBSETS:
        by_codes = [int(x) for x in in_classes(grouping, codes, subset)]
        assert by_codes == [int(x) for x in in_classes(grouping, labels, subset)]
    assert [int(x) for x in in_classes(grouping, codes, ("I", "II"))] == [1, 2]
