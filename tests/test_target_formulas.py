from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from strategies import counts, positive_counts, rates
from vn_drugfree_criteria import Op, Reading

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=500)


@given(fractions, st.sampled_from([Op.GE, Op.GT, Op.LE, Op.LT]))
def test_bound_count_is_the_nearest_count(reference: Fraction, op: Op) -> None:
    """DOMAIN §4: the bound satisfies the comparison and the next count towards it does not."""
    n = vdc.bound_count(reference, op)
    assert op.function(Fraction(n), reference)
    step = -1 if op in (Op.GE, Op.GT) else 1
    assert not op.function(Fraction(n + step), reference)


def test_bound_count_equality() -> None:
    assert vdc.bound_count(Fraction(7), Op.EQ) == 7
    with pytest.raises(ValueError, match="no whole count"):
        vdc.bound_count(Fraction(7, 2), Op.EQ)


@given(positive_counts, rates)
def test_previous_year_increase(previous: int, rate: Fraction) -> None:
    """DOMAIN §5 "tăng từ 5% so với năm trước": current ≥ previous × (1 + rate)."""
    ref = vdc.change_reference(Reading.PREVIOUS_YEAR, previous, 1, 1, rate, 1)
    need = vdc.bound_count(ref, Op.GE)
    assert Fraction(need - previous, previous) >= rate
    assert Fraction(need - 1 - previous, previous) < rate


@given(positive_counts, rates)
def test_growth_cap(previous: int, rate: Fraction) -> None:
    """DOMAIN §5 "dưới 1% so với năm trước": the largest count whose growth stays below the cap."""
    ref = vdc.change_reference(Reading.PREVIOUS_YEAR, previous, 1, 1, rate, 1)
    most = vdc.bound_count(ref, Op.LT)
    assert Fraction(most - previous, previous) < rate
    assert Fraction(most + 1 - previous, previous) >= rate


@given(positive_counts, rates, st.integers(min_value=1, max_value=10))
def test_compound_vs_linear_reduction(base: int, rate: Fraction, years: int) -> None:
    """DOMAIN §5 "giảm 5% mỗi năm": compounding never asks for more than the fixed-share reading,
    and both agree after one year."""
    comp = vdc.change_reference(Reading.COMPOUND_FROM_BASE, base, base, years, rate, -1)
    lin = vdc.change_reference(Reading.LINEAR_FROM_BASE, base, base, years, rate, -1)
    assert comp >= lin
    if years == 1:
        assert comp == lin == vdc.change_reference(Reading.PREVIOUS_YEAR, base, 7, 1, rate, -1)


@given(counts, rates)
def test_compound_is_repeated_previous_year(base: int, rate: Fraction) -> None:
    """Compounding from the base is the previous-year reading applied year after year."""
    value = Fraction(base)
    for years in range(1, 4):
        value *= 1 + rate
        ref = vdc.change_reference(Reading.COMPOUND_FROM_BASE, 0, base, years, rate, 1)
        assert ref == value


def test_change_reference_rejects() -> None:
    with pytest.raises(ValueError, match="sign"):
        vdc.change_reference(Reading.PREVIOUS_YEAR, 1, 1, 0, Fraction(1, 10), 1)
    with pytest.raises(ValueError, match="not a reading"):
        vdc.change_reference(Reading.SHARE, 1, 1, 1, Fraction(1, 10), 1)


def test_every_reading_is_described() -> None:
    assert set(vdc.READING_DESCRIPTIONS) == set(Reading)


def test_when_parse() -> None:
    assert vdc.When.parse("yearly").yearly
    assert vdc.When.parse("2025").year == 2025
    assert vdc.When.parse("phase 3").phase == 3
    assert str(vdc.When.parse("phase 3")) == "phase 3"
    with pytest.raises(ValueError, match="expected"):
        vdc.When.parse("soon")
