"""Exact shares and the smallest counts that satisfy them."""

from __future__ import annotations

from fractions import Fraction

__all__ = ["format_share", "nearest_count", "parse_share", "required_count"]


def parse_share(value: str | Fraction | int) -> Fraction:
    """Read a share exactly: ``"83%"``, ``"0.83"``, ``"83/100"`` or a :class:`~fractions.Fraction`.

    Floats are refused: ``0.83`` as a float is not 83/100.

    >>> parse_share("83%")
    Fraction(83, 100)
    >>> parse_share("4/5")
    Fraction(4, 5)

    Raises:
        ValueError: The value is not an exact number, or is negative.
    """
    if isinstance(value, bool):
        raise ValueError("a share cannot be a boolean")
    if isinstance(value, float):
        raise ValueError("give shares as Fraction or text such as '83%', never as a float")
    if isinstance(value, Fraction | int):
        result = Fraction(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1]
        if not text:
            raise ValueError(f"{value!r} is not a number")
        try:
            result = Fraction(text.replace(",", "."))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not an exact number such as '83%' or '1/2'") from None
        if percent:
            result /= 100
    else:
        raise ValueError(f"{value!r} is not a share")
    if result < 0:
        raise ValueError(f"a share cannot be negative: {value!r}")
    return result


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
        ValueError: A negative whole, a float or negative share, or a share no count can reach
            (more than 100%, or strictly more than 100%).
    """
    checked: object = whole  # callers in untyped code may pass anything
    if isinstance(checked, bool) or not isinstance(checked, int) or whole < 0:
        raise ValueError(f"the whole must be a non-negative integer, got {whole!r}")
    exact = parse_share(share)
    needed = nearest_count(exact * whole, above=True, strict=strict)
    if whole == 0 and (exact < 1 or (exact == 1 and not strict)):
        return 0  # nothing to count: the share holds vacuously
    if needed > whole:
        raise ValueError(
            f"no count out of {whole} is {'above' if strict else 'at least'} {format_share(exact)}"
        )
    return needed
