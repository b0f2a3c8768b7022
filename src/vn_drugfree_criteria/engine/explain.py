"""The numbers behind a requirement's verdict, and the sentence that explains it.

:func:`outcome` decides a requirement on one area's counts (exactly, in integers);
:func:`explain` renders the verdict as one Vietnamese or English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from vn_drugfree_criteria.engine.explain_grading import explain_extended, extended_shortfall
from vn_drugfree_criteria.model.rules import EXTENDED_KINDS, Op, Requirement, RequirementKind
from vn_drugfree_criteria.vocab.indicators import INDICATORS
from vn_drugfree_criteria.vocab.numbers import format_share, required_count

__all__ = ["agree", "explain", "outcome"]


def _noun(name: str, lang: str) -> str:
    ind = INDICATORS[name]
    return ind.noun_en if lang == "en" else ind.noun_vi


def needed_count(req: Requirement, whole: int) -> int:
    """The count of ``whole`` the requirement is measured against.

    For ``all``, every member; for a share read as "at least" or "above" (``≥``, ``>``), the
    least count that satisfies it; for "at most" or "below" (``≤``, ``<``), the most count that
    does; for ``=``, the exact count (rounded up when the share of ``whole`` is not whole).
    """
    if req.kind is RequirementKind.ALL:
        return whole
    op = req.comparison.op
    if op in (Op.GE, Op.GT):
        return required_count(whole, req.bound, strict=op is Op.GT)
    product = req.bound * whole
    floor = product.numerator // product.denominator
    if op is Op.LE:
        return floor
    if op is Op.LT:
        return floor - 1 if product.denominator == 1 else floor
    return floor if product.denominator == 1 else floor + 1


_SINGULAR = {"have": "has", "are": "is", "use": "uses", "do": "does", "keep": "keeps"}


def agree(count: int, verb_phrase: str) -> str:
    """Make an English verb phrase agree with "``count`` of …" (singular when the count is 1).

    >>> agree(1, "have not signed the commitment")
    'has not signed the commitment'
    >>> agree(1, "use another drug or do not keep the facility's rules")
    "uses another drug or does not keep the facility's rules"
    >>> agree(1, "use no other drug and keep the facility's rules")
    "uses no other drug and keeps the facility's rules"
    >>> agree(3, "are not present in the area")
    'are not present in the area'
    """
    if count != 1:
        return verb_phrase
    words = verb_phrase.split(" ")
    words[0] = _SINGULAR.get(words[0], words[0])
    for i in range(1, len(words)):
        if words[i - 1] in ("and", "or") and words[i] in _SINGULAR:
            words[i] = _SINGULAR[words[i]]
    return " ".join(words)


def _upper(req: Requirement) -> bool:
    return req.comparison.op in (Op.LE, Op.LT)


def outcome(req: Requirement, counts: Mapping[str, int]) -> tuple[bool, bool, int]:
    """Decide ``req`` on one area's counts.

    Returns:
        ``(met, vacuous, shortfall)``: whether it holds, whether only because its whole is 0,
        and how many units are missing to comply (0 when met).
    """
    kind = req.kind
    if kind in EXTENDED_KINDS:
        return req.holds(counts), False, extended_shortfall(req, counts)
    value = counts[req.indicator]
    if kind is RequirementKind.NONE:
        return value == 0, False, value
    if kind is RequirementKind.AT_LEAST:
        minimum = int(req.bound)
        return value >= minimum, False, max(0, minimum - value)
    assert req.whole is not None
    whole = counts[req.whole]
    if whole == 0:
        return True, True, 0
    if kind is RequirementKind.ALL:
        return value == whole, False, whole - value
    met = req.holds(counts)
    if met:
        return True, False, 0
    gap = value - needed_count(req, whole) if _upper(req) else needed_count(req, whole) - value
    return False, False, max(1, abs(gap))


def explain(
    req: Requirement, values: Mapping[str, int], met: bool, vacuous: bool, shortfall: int, lang: str
) -> str:
    """One sentence explaining a requirement's verdict, in ``vi`` or ``en``."""
    en = lang == "en"
    kind = req.kind
    if kind in EXTENDED_KINDS:
        return explain_extended(req, values, met, lang)
    value = values[req.indicator]
    if kind is RequirementKind.NONE:
        noun = _noun(req.indicator, lang)
        if met:
            return f"No {noun}." if en else f"Không có {noun}."
        if en:
            return f"{noun.capitalize()}: {value}; required: none."
        return f"Còn {value} {noun}; yêu cầu «{req.comparison.phrase_vi}» (bằng 0)."
    if kind is RequirementKind.AT_LEAST:
        minimum = int(req.bound)
        noun = _noun(req.indicator, lang)
        if en:
            text = f"{value} {noun} (at least {minimum} required)"
            return text + (f": {shortfall} short." if not met else ".")
        text = f"Có {value} {noun} (yêu cầu {req.comparison.phrase_vi} {minimum:02d})"
        return text + (f": còn thiếu {shortfall}." if not met else ".")
    assert req.whole is not None
    whole = values[req.whole]
    ind = INDICATORS[req.indicator]
    whole_noun = _noun(req.whole, lang)
    if vacuous:
        what = "100%" if kind is RequirementKind.ALL else ("share" if en else "tỷ lệ")
        if en:
            return f"There are no {whole_noun}, so the {what} requirement holds vacuously."
        return f"Không có {whole_noun} nào, nên yêu cầu {what} được coi là đạt (đúng hiển nhiên)."
    if kind is RequirementKind.ALL:
        if met:
            done = agree(value, ind.done_en) if en else ind.done_vi
            return (
                f"{value} of {whole} {whole_noun} {done}."
                if en
                else f"{value}/{whole} {whole_noun} {done}."
            )
        missing = agree(shortfall, ind.missing_en) if en else ind.missing_vi
        return (
            f"{shortfall} of {whole} {whole_noun} {missing}."
            if en
            else f"{shortfall} trong số {whole} {whole_noun} {missing}."
        )
    share = format_share(req.bound)
    needed = needed_count(req, whole)
    upper = _upper(req)
    if en:
        bound = f"at most {needed}" if upper else f"needs {needed}"
        text = (
            f"{value} of {whole} {whole_noun} {agree(value, ind.done_en)}; "
            f"{req.comparison.op.value} {share} required ({bound})"
        )
        gap = f": {shortfall} too many." if upper else f": {shortfall} short."
        return text + (gap if not met else ".")
    bound = f"tối đa {needed}" if upper else f"cần {needed}"
    text = (
        f"{value}/{whole} {whole_noun} {ind.done_vi}; yêu cầu {req.comparison.phrase_vi} {share} "
        f"({bound})"
    )
    gap = f": vượt {shortfall}." if upper else f": còn thiếu {shortfall}."
    return text + (gap if not met else ".")
