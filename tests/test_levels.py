import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.vocab.levels import check_valid_on, units

REFORM = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Thị trấn", "thị trấn"),
        (unicodedata.normalize("NFD", "thị trấn"), "thị trấn"),
        ("thi tran", "thị trấn"),
        ("  THỊ   TRẤN ", "thị trấn"),
        ("TỔ DÂN PHỐ", "tổ dân phố"),
        ("to dan pho", "tổ dân phố"),
        ("Bản", "bản"),
        ("phuong", "phường"),
        ("Dac khu", "đặc khu"),
        ("xa", "xã"),
        ("quận", "quận"),
    ],
)
def test_kind_found_from_any_spelling(spelling: str, canonical: str) -> None:
    assert vdc.find_kind(spelling).name_vi == canonical


@given(kind=st.sampled_from(units().kinds), data=st.data())
def test_every_kind_round_trips_through_spelling_variants(
    kind: vdc.UnitKind, data: st.DataObject
) -> None:
    """DOMAIN §2: "Thị trấn", NFD "thị trấn" and "thi tran" are the same kind, in any case."""
    form = data.draw(st.sampled_from(["NFC", "NFD"]))
    text = unicodedata.normalize(form, kind.name_vi)
    text = data.draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    text = (
        data.draw(st.sampled_from(["", " ", "  "])) + text + data.draw(st.sampled_from(["", " "]))
    )
    assert vdc.find_kind(text) is kind


def test_ambiguous_city_names_are_refused_with_options() -> None:
    with pytest.raises(vdc.UnknownKindError, match="ambiguous") as info:
        vdc.find_level("thành phố")
    assert "thành phố thuộc tỉnh" in str(info.value)
    assert "thành phố trực thuộc trung ương" in str(info.value)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(vdc.UnknownKindError, match="unknown level or unit kind 'hamlet-x'"):
        vdc.find_kind("hamlet-x")


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_kind_is_refused(name: str) -> None:
    with pytest.raises(vdc.UnknownKindError, match="non-empty"):
        vdc.find_level(name)


def test_level_names_in_english_and_vietnamese() -> None:
    assert vdc.find_level("village") == (vdc.Level.VILLAGE, None)
    assert vdc.find_level("Commune")[0] is vdc.Level.COMMUNE
    assert vdc.find_level("cấp huyện")[0] is vdc.Level.DISTRICT
    level, kind = vdc.find_level("tổ dân phố")
    assert level is vdc.Level.VILLAGE
    assert kind is not None
    assert kind.id == "to-dan-pho"


def test_thi_tran_ends_with_the_reform() -> None:
    assert vdc.resolve("thị trấn", BEFORE)[0] is vdc.Level.COMMUNE
    with pytest.raises(vdc.NotValidOnDateError, match="two-level local government") as info:
        vdc.resolve("thị trấn", REFORM)
    assert "2025-06-30" in str(info.value)


def test_dac_khu_begins_with_the_reform() -> None:
    assert vdc.resolve("đặc khu", REFORM)[0] is vdc.Level.COMMUNE
    with pytest.raises(vdc.NotValidOnDateError, match="began on 2025-07-01"):
        vdc.resolve("đặc khu", BEFORE)


@pytest.mark.parametrize("name", ["district", "huyện", "quận", "thị xã", "thành phố thuộc tỉnh"])
def test_district_level_ends_with_the_reform(name: str) -> None:
    assert vdc.resolve(name, BEFORE)[0] is vdc.Level.DISTRICT
    with pytest.raises(vdc.NotValidOnDateError, match="reform"):
        vdc.resolve(name, REFORM)


@given(day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)))
def test_validity_partitions_time_at_the_reform(day: datetime.date) -> None:
    """DOMAIN §2/§8: thị trấn and the district level exist exactly until 30/6/2025, đặc khu from 1/7/2025."""
    thi_tran = vdc.find_kind("thị trấn")
    dac_khu = vdc.find_kind("đặc khu")
    assert thi_tran.valid_on(day) == (day < REFORM)
    assert dac_khu.valid_on(day) == (day >= REFORM)
    assert vdc.Level.DISTRICT.valid_on(day) == (day < REFORM)
    for level in (vdc.Level.PROVINCE, vdc.Level.COMMUNE, vdc.Level.VILLAGE):
        assert level.valid_on(day)
        check_valid_on(level, None, day)


def test_reform_data() -> None:
    reform = units().reform
    assert reform.effective == REFORM
    assert {lv.rank for lv in vdc.Level} == {0, 1, 2, 3, 4}
    assert (
        vdc.Level.NATIONAL.rank
        < vdc.Level.PROVINCE.rank
        < vdc.Level.DISTRICT.rank
        < vdc.Level.COMMUNE.rank
        < vdc.Level.VILLAGE.rank
    )


def test_no_two_kinds_share_a_folded_spelling_except_city() -> None:
    index = units().index
    ambiguous = {
        key for key, found in index.items() if len({getattr(f, "level", f) for f in found}) > 1
    }
    assert ambiguous == {"thanh pho"}
