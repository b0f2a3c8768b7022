import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import WHOLES, valid_counts

DAY = datetime.date(2024, 6, 1)


@given(counts=valid_counts())
def test_valid_counts_are_accepted_and_frozen(counts: dict[str, int]) -> None:
    """CONTRACT indicators: non-negative integers with every part at most its whole are accepted."""
    snap = vdc.Snapshot(counts, as_of=DAY)
    assert dict(snap.counts) == counts
    with pytest.raises(TypeError):
        snap.counts["hotspots"] = 1  # type: ignore[index]


@given(counts=valid_counts(), data=st.data())
def test_every_invalid_snapshot_is_refused_naming_the_field(
    counts: dict[str, int], data: st.DataObject
) -> None:
    """CONTRACT indicators: negative, non-integer, unknown, or part > whole values are refused, naming the field."""
    name = data.draw(st.sampled_from(sorted(counts)))
    kind = data.draw(
        st.sampled_from(["negative", "float", "text", "bool", "none", "part", "unknown"])
    )
    broken: dict[str, object] = dict(counts)
    if kind == "negative":
        broken[name] = data.draw(st.integers(max_value=-1))
    elif kind == "float":
        broken[name] = data.draw(st.floats(allow_nan=True))
    elif kind == "text":
        broken[name] = data.draw(st.text(max_size=3))
    elif kind == "bool":
        broken[name] = data.draw(st.booleans())
    elif kind == "none":
        broken[name] = None
    elif kind == "part":
        parts = [p for p in counts if p in WHOLES]
        name = data.draw(st.sampled_from(parts))
        broken[name] = counts[WHOLES[name]] + data.draw(st.integers(1, 5))
    else:
        name = "hotspot"  # a typo of a real indicator
        broken[name] = 0
    with pytest.raises(vdc.SnapshotError) as info:
        vdc.Snapshot(broken, as_of=DAY)
    assert info.value.field == name
    assert repr(name) in str(info.value)


def test_part_without_whole_is_refused() -> None:
    with pytest.raises(
        vdc.SnapshotError,
        match="'households_committed': is a part of 'households', which is missing",
    ):
        vdc.Snapshot({"households_committed": 3}, as_of=DAY)


def test_level_and_kind() -> None:
    snap = vdc.Snapshot({}, as_of=DAY, level="Tổ dân phố")
    assert snap.level is vdc.Level.VILLAGE
    kind = vdc.find_kind("phường")
    assert vdc.Snapshot({}, as_of=DAY, kind=kind).level is vdc.Level.COMMUNE
    with pytest.raises(vdc.SnapshotError, match="'kind'"):
        vdc.Snapshot({}, as_of=DAY, level="village", kind=kind)
    with pytest.raises(vdc.SnapshotError, match="'level'"):
        vdc.Snapshot({}, as_of=DAY, level="hamlet-x")


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(vdc.SnapshotError, match="as_of"):
        vdc.Snapshot({}, as_of=datetime.datetime(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(vdc.SnapshotError, match="as_of"):
        vdc.Snapshot({}, as_of="2024-01-01")  # type: ignore[arg-type]


def test_no_person_level_fields_exist() -> None:
    """The vocabulary is counts only: no names, identity numbers or dates of birth."""
    forbidden = ("name", "cccd", "cmnd", "identity", "birth", "phone", "address")
    for field in vdc.INDICATORS:
        assert not any(word in field for word in forbidden)


def test_one_count_limit_everywhere() -> None:
    """Counts fit in 64 bits on every path, so assess and assess_many never disagree."""
    huge = 2**63
    with pytest.raises(vdc.SnapshotError, match="too large"):
        vdc.Snapshot({"households": huge, "households_committed": huge}, as_of=DAY)
    fine = vdc.Snapshot({"households": huge - 1, "households_committed": huge - 1}, as_of=DAY)
    assert fine["households"] == huge - 1
