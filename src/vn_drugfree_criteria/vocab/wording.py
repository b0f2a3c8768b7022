"""Numbers, shares and intervals written for a sentence, in Vietnamese or English.

Vietnamese separates thousands with a dot and decimals with a comma (``10.000``, ``0,62%``);
English the other way round. A share with more than four decimals of a percent is written to
two decimals with ``≈``; sentences give the exact fraction beside it.

>>> from fractions import Fraction
>>> number(3000, "vi"), number(3000, "en"), percent(Fraction(62, 10_000), "vi")
('3.000', '3,000', '0,62%')
>>> percent(Fraction(1, 3), "en")
'≈33.33%'
>>> interval_words(Fraction(1, 1000), True, Fraction(1, 200), False, "vi", share=True)
'từ 0,1% đến dưới 0,5%'
"""

from __future__ import annotations

from fractions import Fraction

from vn_drugfree_criteria.vocab.decimals import decimal_places, decimal_text

__all__ = ["interval_words", "number", "percent", "quantity"]


def _localise(text: str, lang: str) -> str:
    if lang != "vi":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def number(value: Fraction | int, lang: str) -> str:
    """A count or a decimal with the language's separators: every digit of an exact decimal.

    A value with no exact decimal (a third) is written to 4 decimals.

    >>> number(Fraction(15001, 20), "vi"), number(Fraction(15001, 20), "en")
    ('750,05', '750.05')
    """
    value = Fraction(value)
    whole = int(value)
    text = f"{whole:,}"
    rest = value - whole
    if rest and decimal_places(rest) is not None:
        text += "." + decimal_text(abs(rest)).partition(".")[2]
    elif rest:
        digits = f"{float(rest):.4f}"[2:].rstrip("0") or "0"
        text += "." + digits
    return _localise(text, lang)


def quantity(value: Fraction | int, unit: str, lang: str) -> str:
    """A value with its unit where the unit is written after a number (``750,5 m²``).

    >>> quantity(Fraction(1501, 2), "m2", "vi"), quantity(3000, "plants", "en")
    ('750,5 m²', '3,000')
    """
    return f"{number(value, lang)} m²" if unit == "m2" else number(value, lang)


def percent(share: Fraction, lang: str) -> str:
    """A share as a percentage: exact up to 4 decimals, else ``≈`` and 2 decimals."""
    scaled = share * 100
    if (scaled * 10_000).denominator == 1:
        text = f"{scaled.numerator / scaled.denominator:.4f}".rstrip("0").rstrip(".")
    else:
        text = f"≈{float(scaled):.2f}"
    return _localise(text, lang) + "%"


def interval_words(
    lower: Fraction | None,
    lower_closed: bool,
    upper: Fraction | None,
    upper_closed: bool,
    lang: str,
    *,
    share: bool,
    unit: str = "",
) -> str:
    """An interval in words: ``từ 0,1% đến dưới 0,5%`` / ``from 0.1% to below 0.5%``."""

    def fmt(v: Fraction) -> str:
        return percent(v, lang) if share else quantity(v, unit, lang)

    vi = lang == "vi"
    if lower is not None and lower == upper:
        return f"đúng {fmt(lower)}" if vi else f"exactly {fmt(lower)}"
    low = ""
    if lower is not None:
        word = ("từ" if vi else "from") if lower_closed else ("trên" if vi else "above")
        low = f"{word} {fmt(lower)}"
    if upper is None:
        if lower_closed and lower is not None:
            return f"từ {fmt(lower)} trở lên" if vi else f"{fmt(lower)} or more"
        return low
    if upper_closed:
        word = ("đến" if vi else "to") if lower is not None else ("tối đa" if vi else "at most")
    elif lower is not None:
        word = "đến dưới" if vi else "to below"
    else:
        word = "dưới" if vi else "below"
    high = f"{word} {fmt(upper)}"
    return f"{low} {high}" if low else high
