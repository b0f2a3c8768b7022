"""Shared hypothesis strategies."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import strategies as st

wholes = st.integers(min_value=0, max_value=2000)
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)
rates = st.fractions(min_value=0, max_value=Fraction(1, 2), max_denominator=1000)
counts = st.integers(min_value=0, max_value=100_000)
positive_counts = st.integers(min_value=1, max_value=100_000)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
months = st.integers(min_value=0, max_value=120)
