import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import WHOLES, valid_counts
from vn_drugfree_criteria.vocab.indicators import DECIMALS

DAY = datetime.date(2024, 6, 1)


@given(counts=valid_counts())
def test_valid_counts_are_accepted_and_frozen(counts: dict[str, int]) -> None:
    """CONTRACT indicators: non-negative integers with every part at most its whole are accepted."""
    snap = vdc.Snapshot(counts, as_of=DAY)
    assert dict(snap.counts) == counts
    with pytest.raises(TypeError):
        snap.counts["hotspots"] = 1  # type: ignore[index]


REFUSED = {
    "negative": st.integers(max_value=-1),
    "not_whole_number": st.one_of(
        st.floats(allow_nan=False).filter(lambda f: not f.is_integer()),
        st.text(alphabet="abcxyz,;+e", min_size=1, max_size=4),
    ),
    "boolean": st.booleans(),
    "too_large": st.integers(min_value=2**63),
}


@given(counts=valid_counts(), data=st.data())
def test_every_invalid_snapshot_is_refused_naming_the_field(
    counts: dict[str, int], data: st.DataObject
) -> None:
    """CONTRACT indicators: negative, non-integer, unknown, or part > whole values are refused, naming the field and the code.

    An area in m² is a decimal: a fraction of a m² is valid there, so its "not a number" case
    draws text only and carries the decimal code ``not_decimal``.
    """
    name = data.draw(st.sampled_from(sorted(counts)))
    code = data.draw(st.sampled_from([*REFUSED, "part_exceeds_whole", "unknown_indicator"]))
    broken: dict[str, object] = dict(counts)
    if code == "not_whole_number" and name in DECIMALS:
        code = "not_decimal"
        broken[name] = data.draw(st.text(alphabet="abcxyz;+e", min_size=1, max_size=4))
    elif code in REFUSED:
        broken[name] = data.draw(REFUSED[code])
    elif code == "part_exceeds_whole":
        parts = [p for p in counts if p in WHOLES]
        name = data.draw(st.sampled_from(parts))
        broken[name] = counts[WHOLES[name]] + data.draw(st.integers(1, 5))
    else:
        name = "hotspot"  # a typo of a real indicator
        broken[name] = 0
    with pytest.raises(vdc.SnapshotError) as info:
        vdc.Snapshot(broken, as_of=DAY)
    assert (info.value.field, info.value.code) == (name, code)
    assert str(info.value).startswith(f"{name}: ")


@given(n=st.integers(0, 10**6), form=st.sampled_from(["{}", " {} ", "{}.0", "{}.00"]))
def test_whole_numbers_are_read_in_every_written_form(n: int, form: str) -> None:
    """Input policy: a count written as text or as a whole float is that count."""
    snap = vdc.Snapshot({"households": form.format(n), "hotspots": float(n)}, as_of=DAY)
    assert dict(snap.counts) == {"households": n, "hotspots": n}


def test_a_missing_value_leaves_the_indicator_out() -> None:
    """Input policy: None, blank text and NaN are missing, never zero."""
    snap = vdc.Snapshot({"households": None, "hotspots": " ", "addicts": float("nan")}, as_of=DAY)
    assert dict(snap.counts) == {}


def test_part_without_whole_is_refused() -> None:
    with pytest.raises(
        vdc.SnapshotError,
        match="households_committed: given, but its whole households is blank",
    ):
        vdc.Snapshot({"households_committed": 3}, as_of=DAY)


def test_level_and_kind() -> None:
    snap = vdc.Snapshot({}, as_of=DAY, level="Tổ dân phố")
    assert snap.level is vdc.Level.VILLAGE
    kind = vdc.find_kind("phường")
    assert vdc.Snapshot({}, as_of=DAY, kind=kind).level is vdc.Level.COMMUNE
    with pytest.raises(vdc.SnapshotError, match=r"^kind: "):
        vdc.Snapshot({}, as_of=DAY, level="village", kind=kind)
    with pytest.raises(vdc.SnapshotError, match=r"^level: "):
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
