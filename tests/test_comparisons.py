import datetime as dt
import unicodedata
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from strategies import dates, months, shares, wholes
from vn_drugfree_criteria import ComparisonKind as K


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("trên", K.GREATER),
        ("Trên 80%", K.GREATER),
        ("từ 83% trở lên", K.AT_LEAST),
        ("tăng từ 5%", K.AT_LEAST),
        ("ít nhất", K.AT_LEAST),
        ("tối thiểu", K.AT_LEAST),
        ("dưới 1%", K.LESS),
        ("không quá", K.AT_MOST),
        ("tối đa", K.AT_MOST),
        ("100%", K.ALL),
        ("Mỗi", K.ALL),
        ("không có", K.ZERO),
        ("Không để phát sinh", K.ZERO),
        ("không phát sinh", K.ZERO),
        ("tồn tại quá 06 tháng", K.LONGER_THAN_MONTHS),
        ("trước ngày", K.BEFORE_DATE),
        ("gửi trước", K.BEFORE_DATE),
        ("mỗi năm giảm 05%", K.AT_LEAST),
        ("tăng hàng năm", K.GREATER),
    ],
)
def test_read_comparison_table(phrase: str, kind: K) -> None:
    """DOMAIN §4: each comparison word reads to exactly one kind, phrase kept verbatim."""
    read = vdc.read_comparison(phrase)
    assert read.kind is kind
    assert read.phrase_vi == phrase


def test_read_comparison_nfd_and_unknown() -> None:
    assert vdc.read_comparison(unicodedata.normalize("NFD", "Trên")).kind is K.GREATER
    with pytest.raises(ValueError, match="no comparison word"):
        vdc.read_comparison("phấn đấu")


def test_numeric_comparison_boundaries() -> None:
    """DOMAIN §4: "trên" fails at equality, "từ ... trở lên" holds at it, "dưới" fails at it."""
    assert not vdc.read_comparison("trên").comparison().holds(10, 10)
    assert vdc.read_comparison("từ 5% trở lên").comparison().holds(5, 5)
    assert not vdc.read_comparison("dưới").comparison().holds(1, 1)
    assert vdc.read_comparison("không quá").comparison().holds(3, 3)
    with pytest.raises(ValueError, match="not a numeric"):
        vdc.read_comparison("trước ngày").comparison()


def test_last_valid_day() -> None:
    """DOMAIN §4: "trước ngày 16/3/2025" means the last day is 15/3/2025."""
    assert vdc.last_valid_day(dt.date(2025, 3, 16)) == dt.date(2025, 3, 15)
    assert vdc.last_valid_day(dt.date(2025, 1, 1)) == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("identified", "n", "end"),
    [
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2022, 8, 31), 6, dt.date(2023, 2, 28)),
        (dt.date(2099, 8, 31), 6, dt.date(2100, 2, 28)),  # 2100 is not a leap year
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 15), 3, dt.date(2024, 4, 15)),
    ],
)
def test_lifetime_end_month_ends(identified: dt.date, n: int, end: dt.date) -> None:
    """DOMAIN §4: calendar months follow the calendar (31 Aug + 6 months = end of February)."""
    assert vdc.lifetime_end(identified, n) == end
    assert not vdc.exceeds_lifetime(identified, end, n)
    assert vdc.exceeds_lifetime(identified, end + dt.timedelta(days=1), n)


@given(dates, months, st.integers(min_value=0, max_value=5000))
def test_exceeds_lifetime_is_a_threshold(identified: dt.date, n: int, days: int) -> None:
    """ "Quá N tháng": existing longer than N calendar months, monotone in the day of review."""
    until = identified + dt.timedelta(days=days)
    assert vdc.exceeds_lifetime(identified, until, n) == (until > vdc.lifetime_end(identified, n))
    if vdc.exceeds_lifetime(identified, until, n):
        assert vdc.exceeds_lifetime(identified, until + dt.timedelta(days=1), n)


@given(dates, months)
def test_lifetime_end_in_the_right_month(identified: dt.date, n: int) -> None:
    """N calendar months later lands in the month N months on, never spilling into the next."""
    end = vdc.lifetime_end(identified, n)
    assert (end.year * 12 + end.month) - (identified.year * 12 + identified.month) == n
    assert end.day <= identified.day


def test_lifetime_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        vdc.lifetime_end(dt.date(2024, 1, 1), -1)
    with pytest.raises(ValueError, match="before"):
        vdc.exceeds_lifetime(dt.date(2024, 1, 2), dt.date(2024, 1, 1), 1)


@given(wholes, shares)
def test_required_count_minimal(whole: int, share: Fraction) -> None:
    """DOMAIN §4: the required count satisfies "≥ share" and one fewer does not."""
    n = vdc.required_count(whole, share)
    assert 0 <= n <= whole
    if whole:
        assert Fraction(n, whole) >= share
        if n > 0:
            assert Fraction(n - 1, whole) < share


@given(wholes, shares)
def test_required_count_strict_minimal(whole: int, share: Fraction) -> None:
    """DOMAIN §4 "trên": the count satisfies "> share" and one fewer does not."""
    if whole == 0 or share == 1:
        return
    n = vdc.required_count(whole, share, strict=True)
    assert Fraction(n, whole) > share
    assert Fraction(n - 1, whole) <= share


@given(wholes, shares)
def test_strict_differs_exactly_at_integer_products(whole: int, share: Fraction) -> None:
    """ "Trên" and "từ ... trở lên" differ exactly when share × whole is a whole number."""
    if whole == 0 or share == 1:
        return
    product = share * whole
    loose = vdc.required_count(whole, share)
    strict = vdc.required_count(whole, share, strict=True)
    assert (strict == loose + 1) == (product.denominator == 1)
    assert strict in (loose, loose + 1)


@given(wholes, wholes, shares)
def test_required_count_monotone_in_whole(a: int, b: int, share: Fraction) -> None:
    """A larger whole never needs fewer."""
    lo, hi = sorted((a, b))
    assert vdc.required_count(lo, share) <= vdc.required_count(hi, share)


@given(wholes, shares, shares)
def test_required_count_monotone_in_share(whole: int, s: Fraction, t: Fraction) -> None:
    """A larger share never needs fewer."""
    lo, hi = sorted((s, t))
    assert vdc.required_count(whole, lo) <= vdc.required_count(whole, hi)


def test_required_count_examples() -> None:
    """DOMAIN §4: ≥ 83% of 55 needs 46; > 80% of 10 needs 9."""
    assert vdc.required_count(55, "83%") == 46
    assert vdc.required_count(10, "80%", strict=True) == 9
    with pytest.raises(ValueError, match="float"):
        vdc.required_count(10, 0.8)  # type: ignore[arg-type]
