"""Sentences for the requirement kinds of the extended rule language, with their numbers.

Numbers are written the Vietnamese way in Vietnamese (``10.000``, ``0,62%``) and the English
way in English (``10,000``, ``0.62%``). A share that has no exact short decimal is written to
two decimals with ``≈``; the exact fraction always follows in brackets.

>>> from fractions import Fraction
>>> percent(Fraction(62, 10_000), "vi"), percent(Fraction(1, 3), "en")
('0,62%', '≈33.33%')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from vn_drugfree_criteria.model.rules import Interval, Requirement, RequirementKind
from vn_drugfree_criteria.vocab.indicators import INDICATORS

__all__ = ["explain_extended", "extended_shortfall", "interval_words", "number", "percent"]


def number(value: Fraction | int, lang: str) -> str:
    """A count or decimal with the language's separators (``3.000`` / ``3,000``)."""
    value = Fraction(value)
    whole = int(value)
    text = f"{whole:,}"
    rest = value - whole
    if rest:
        digits = f"{float(rest):.4f}"[2:].rstrip("0") or "0"
        text += "." + digits
    if lang == "vi":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(share: Fraction, lang: str) -> str:
    """A share as a percentage, exact when it has at most 4 decimals, else ``≈`` 2 decimals."""
    scaled = share * 100
    exact = (scaled * 10_000).denominator == 1
    if exact:
        text = f"{scaled.numerator / scaled.denominator:.4f}".rstrip("0").rstrip(".")
    else:
        text = f"≈{float(scaled):.2f}"
    return (text.replace(".", ",") if lang == "vi" else text) + "%"


def interval_words(interval: Interval, lang: str, *, share: bool) -> str:
    """``từ 0,1% đến dưới 0,5%`` / ``from 0.1% to below 0.5%``."""

    def fmt(v: Fraction) -> str:
        return percent(v, lang) if share else number(v, lang)

    vi = lang == "vi"
    low, high = interval.lower, interval.upper
    if low is not None and low == high:
        return f"đúng {fmt(low)}" if vi else f"exactly {fmt(low)}"
    parts = []
    if low is not None:
        if interval.lower_closed:
            parts.append(f"từ {fmt(low)}" if vi else f"from {fmt(low)}")
        else:
            parts.append(f"trên {fmt(low)}" if vi else f"above {fmt(low)}")
    if high is not None:
        if interval.upper_closed:
            parts.append(f"đến {fmt(high)}" if vi else f"to {fmt(high)}")
        else:
            parts.append(f"dưới {fmt(high)}" if vi else f"below {fmt(high)}")
    if high is None and interval.lower_closed:
        start = low if low is not None else Fraction(0)
        return f"từ {fmt(start)} trở lên" if vi else f"{fmt(start)} or more"
    if low is None and high is not None:
        word = ("tối đa" if vi else "at most") if interval.upper_closed else None
        return f"{word} {fmt(high)}" if word else parts[-1]
    return " ".join(parts)


def _label(name: str, lang: str) -> str:
    item = INDICATORS[name]
    return item.noun_en if lang == "en" else item.noun_vi


def _ratio(req: Requirement, values: Mapping[str, int], met: bool, lang: str) -> str:
    assert req.base is not None
    assert req.interval is not None
    v, b = values[req.indicator], values[req.base]
    words = interval_words(req.interval, lang, share=True)
    if b == 0:
        if lang == "en":
            return f"No share of {_label(req.base, lang)} can be stated: there are none; not met."
        return f"Không tính được tỷ lệ vì {_label(req.base, lang)} bằng 0; không đạt."
    share = Fraction(v, b)
    if lang == "en":
        verdict = "within" if met else "not within"
        return (
            f"{_label(req.indicator, lang)} per {_label(req.base, lang)}: "
            f"{percent(share, lang)} ({number(v, lang)}/{number(b, lang)}), {verdict} “{words}”."
        )
    tail = words if met else f"không thuộc khoảng “{words}”"
    return (
        f"Tỷ lệ {_label(req.indicator, lang)} so với {_label(req.base, lang)} là "
        f"{percent(share, lang)} ({number(v, lang)}/{number(b, lang)}), {tail}."
    )


def _count(req: Requirement, values: Mapping[str, int], met: bool, lang: str) -> str:
    assert req.interval is not None
    v = values[req.indicator]
    words = interval_words(req.interval, lang, share=False)
    if lang == "en":
        verdict = "within" if met else "not within"
        return f"{_label(req.indicator, lang)}: {number(v, lang)}, {verdict} “{words}”."
    tail = words if met else f"không thuộc khoảng “{words}”"
    return f"Số {_label(req.indicator, lang)} là {number(v, lang)}, {tail}."


def _exempt(req: Requirement, values: Mapping[str, int], met: bool, lang: str) -> str:
    total = values[req.indicator]
    exempt = sum(values[p] for p in req.exempt)
    rest = max(0, total - exempt)
    if lang == "en":
        if met:
            return (
                f"{_label(req.indicator, lang)}: {total}, all within the exempt groups ({exempt})."
            )
        return f"{rest} of {total} {_label(req.indicator, lang)} are outside the exempt groups."
    if met:
        return f"{_label(req.indicator, lang).capitalize()}: {total}, đều thuộc diện được trừ ({exempt})."
    return f"{rest} trong số {total} {_label(req.indicator, lang)} không thuộc diện được trừ."


def extended_shortfall(req: Requirement, counts: Mapping[str, int]) -> int:
    """Units to remove or add to comply; 0 when met or when no single count decides.

    People outside the exemptions for ``none_except``, the distance of a count to its interval
    for ``count``; a share, a fact or an "or" has no single count to change.
    """
    if req.kind is RequirementKind.NONE_EXCEPT:
        return max(0, counts[req.indicator] - sum(counts[p] for p in req.exempt))
    if req.kind is RequirementKind.COUNT and req.interval is not None:
        v = Fraction(counts[req.indicator])
        iv = req.interval
        if iv.lower is not None and v <= iv.lower and not iv.contains(v):
            return max(1, math.ceil(iv.lower - v))
        if iv.upper is not None and v >= iv.upper and not iv.contains(v):
            return max(1, math.ceil(v - iv.upper))
    return 0


def explain_extended(
    req: Requirement,
    values: Mapping[str, int],
    met: bool,
    lang: str,
    detail: tuple[str, ...] = (),
) -> str:
    """One sentence for a requirement of the extended kinds, in ``vi`` or ``en``."""
    kind = req.kind
    if kind is RequirementKind.RATIO:
        return _ratio(req, values, met, lang)
    if kind is RequirementKind.COUNT:
        return _count(req, values, met, lang)
    if kind is RequirementKind.NONE_EXCEPT:
        return _exempt(req, values, met, lang)
    if kind is RequirementKind.FACT:
        yes = values[req.indicator] == 1
        if lang == "en":
            return f"{_label(req.indicator, lang).capitalize()}: {'yes' if yes else 'no'}."
        return f"{'Có' if yes else 'Không'} {_label(req.indicator, lang)}."
    if kind is RequirementKind.ANY_OF:
        parts = [
            explain_extended(o, values, o.holds(values), lang).rstrip(".") for o in req.options
        ]
        joiner = "; or " if lang == "en" else "; hoặc "
        head = (
            ("met: " if met else "not met: ")
            if lang == "en"
            else ("đạt: " if met else "không đạt: ")
        )
        return head + joiner.join(parts) + "."
    assert req.interval is not None
    n = values.get("criteria_met", 0)
    words = interval_words(req.interval, lang, share=False)
    listed = ", ".join(detail) or "-"
    if lang == "en":
        verdict = "within" if met else "not within"
        return f"{n} criteria of class {req.class_id} met ({listed}), {verdict} “{words}”."
    tail = words if met else f"không thuộc khoảng “{words}”"
    return f"Đạt {n} tiêu chí của loại {req.class_id} ({listed}), {tail}."
