"""Exact shares and the smallest counts that satisfy them."""

from __future__ import annotations

import re
from fractions import Fraction

from vn_drugfree_criteria.errors import InputError

__all__ = ["MAX_SHARE_DIGITS", "format_share", "nearest_count", "parse_share", "required_count"]


MAX_SHARE_DIGITS = 30
"""The most digits in each number of a share written as text (``"83%"`` has 2)."""

_DIGITS = f"[0-9]{{1,{MAX_SHARE_DIGITS}}}"
_SHARE = re.compile(
    rf"(?P<int>{_DIGITS})(?:[.,](?P<frac>{_DIGITS}))?(?P<pct> ?%)?|(?P<num>{_DIGITS})/(?P<den>{_DIGITS})"
)


def parse_share(value: str | Fraction | int) -> Fraction:
    """Read a share exactly: ``"83%"``, ``"0.83"``, ``"83/100"`` or a :class:`~fractions.Fraction`.

    Text is a plain decimal percentage (``83%``, ``12.5%``, ``12,5 %``), a plain decimal
    (``0.83``) or a fraction of two whole numbers (``83/100``), in ASCII digits, at most
    :data:`MAX_SHARE_DIGITS` digits in each number, with spaces only around it: no sign, no
    exponent, no ``_`` and no other digits. Floats are refused: ``0.83`` as a float is not 83/100.

    >>> parse_share("83%")
    Fraction(83, 100)
    >>> parse_share("4/5")
    Fraction(4, 5)
    >>> parse_share("1e-5")
    Traceback (most recent call last):
      ...
    vn_drugfree_criteria.errors.InputError: '1e-5' is not a share such as '83%', '0.83' or '1/2'

    Raises:
        InputError: The value is not an exact number in that form, or is negative (an
            ``InputError`` is a ``ValueError``).
    """
    if isinstance(value, bool):
        raise InputError("a share cannot be a boolean")
    if isinstance(value, float):
        raise InputError("give shares as Fraction or text such as '83%', never as a float")
    if isinstance(value, Fraction | int):
        result = Fraction(value)
    elif isinstance(value, str):
        result = _share_text(value)
    else:
        raise InputError(f"{value!r} is not a share")
    if result < 0:
        raise InputError(f"a share cannot be negative: {value!r}")
    return result


def _share_text(value: str) -> Fraction:
    shown = value if len(value) <= 40 else value[:40] + "…"
    m = _SHARE.fullmatch(value.strip(" "))
    if m is None:
        raise InputError(f"{shown!r} is not a share such as '83%', '0.83' or '1/2'")
    if m["num"] is not None:
        if int(m["den"]) == 0:
            raise InputError(f"{shown!r} divides by zero")
        return Fraction(int(m["num"]), int(m["den"]))
    result = Fraction(int(m["int"] + (m["frac"] or "")), 10 ** len(m["frac"] or ""))
    return result / 100 if m["pct"] else result


def format_share(value: Fraction) -> str:
    """Render a share as a percentage, exact when it has a finite decimal form.

    >>> format_share(Fraction(83, 100))
    '83%'
    >>> format_share(Fraction(45, 55))
    '81.82%'
    """
    percent = value * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    hundredths = round(percent * 100)
    text = f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")
    return f"{text}%"


def nearest_count(reference: Fraction, *, above: bool, strict: bool) -> int:
    """The whole count nearest ``reference`` on the side a comparison allows.

    This is the one place the library turns an exact bound into a count: with ``above``, the
    smallest count ``c`` with ``c >= reference`` (``c > reference`` when ``strict``); otherwise
    the largest ``c`` with ``c <= reference`` (``c < reference`` when ``strict``).

    >>> nearest_count(Fraction(21, 2), above=True, strict=False)
    11
    >>> nearest_count(Fraction(10), above=True, strict=True)
    11
    >>> nearest_count(Fraction(10), above=False, strict=True)
    9
    """
    floor = reference.numerator // reference.denominator
    exact = reference.denominator == 1
    if above:
        return floor + 1 if strict or not exact else floor
    return floor - 1 if strict and exact else floor


def required_count(whole: int, share: Fraction | str | int, *, strict: bool = False) -> int:
    """The smallest count out of ``whole`` that satisfies "≥ share" (or "> share" when strict).

    "Từ 83% trở lên" of 55 needs 46, because 45/55 is 81.8%; "trên 80%" of 10 needs 9.

    >>> required_count(55, "83%")
    46
    >>> required_count(10, "80%", strict=True)
    9
    >>> required_count(10, "80%")
    8

    Args:
        whole: The whole, a non-negative integer.
        share: The share, exact (a Fraction or text such as ``"83%"``; never a float).
        strict: ``True`` for "trên" (strictly greater than).

    Raises:
        InputError: (a ``ValueError``) A negative whole, a float or negative share, or a share no count can reach
            (more than 100%, or strictly more than 100%).
    """
    checked: object = whole  # callers in untyped code may pass anything
    if isinstance(checked, bool) or not isinstance(checked, int) or whole < 0:
        raise InputError(f"the whole must be a non-negative integer, got {whole!r}")
    exact = parse_share(share)
    needed = nearest_count(exact * whole, above=True, strict=strict)
    if whole == 0 and (exact < 1 or (exact == 1 and not strict)):
        return 0  # nothing to count: the share holds vacuously
    if needed > whole:
        raise InputError(
            f"no count out of {whole} is {'above' if strict else 'at least'} {format_share(exact)}"
        )
    return needed
