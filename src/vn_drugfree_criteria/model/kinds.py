"""The requirement kinds, each defined once (see :mod:`vn_drugfree_criteria.model.kernel`).

>>> from vn_drugfree_criteria import get_plan
>>> req = get_plan("lai-chau-city-2024").criterion("C3").requirements[0]
>>> KINDS[req.kind].decide(SCALAR, req, {"addicts": 2, "addicts_with_dossier": 1}.__getitem__)
False
>>> print(KINDS[req.kind].formula(req))
addicts_with_dossier = addicts (vacuous when addicts = 0)
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from vn_drugfree_criteria.model.kernel import SCALAR, Facts, Kind, Ops
from vn_drugfree_criteria.model.kinds_extended import EXTENDED
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.numbers import format_share, nearest_count

if TYPE_CHECKING:  # the rules import the kinds; the kinds only name the rule type
    from vn_drugfree_criteria.model.kernel import B, V
    from vn_drugfree_criteria.model.rules import Requirement

__all__ = ["EXTENDED_KINDS", "KINDS", "RequirementKind", "agree", "needed_count"]


class RequirementKind(enum.Enum):
    """The shapes a requirement can take.

    * ``none``: a count must be 0 ("Không có", "Không để").
    * ``all``: a part must equal its whole ("100% ..."); holds vacuously when the whole is 0.
    * ``at_least``: a count must reach a minimum ("ít nhất 01").
    * ``share``: part / whole compared with an exact share ("từ 83% trở lên"); holds vacuously
      when the whole is 0.

    The extended kinds (:mod:`~vn_drugfree_criteria.model.kinds_extended`, Decision
    28/2025/QĐ-TTg):

    * ``count``: a count (or an area in m²) in an interval: at least, above, at most, below,
      exactly, or a range open or closed at either end ("từ 500 đến dưới 3.000").
    * ``ratio``: a count over a base that is not its whole (registered users per resident) in
      an interval, exactly; it does not hold on a zero base.
    * ``fact``: a yes/no indicator is yes ("Nằm trên tuyến ...").
    * ``none_except``: nobody counted beyond the exempt parts ("Không có ..., trừ ...").
    * ``any_of``: one of the listed requirements holds ("... hoặc ...").
    * ``criteria_met``: how many criteria of another class hold lies in an interval ("Có từ 2
      tiêu chí trong các tiêu chí ... loại II").
    """

    NONE = "none"
    ALL = "all"
    AT_LEAST = "at_least"
    SHARE = "share"
    COUNT = "count"
    RATIO = "ratio"
    FACT = "fact"
    NONE_EXCEPT = "none_except"
    ANY_OF = "any_of"
    CRITERIA_MET = "criteria_met"

    # Members are singletons compared by identity, so the identity hash is a correct one; it is
    # computed in C, where Enum's own hashes the member's name in Python, and every evaluation
    # looks its kind up in KINDS.
    __hash__ = object.__hash__


def _noun(req: Requirement, name: str, lang: str) -> str:
    return req.vocabulary.noun(name, lang)


_SINGULAR = {"have": "has", "are": "is", "use": "uses", "do": "does", "keep": "keeps"}


def agree(count: Amount, verb_phrase: str) -> str:
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


def needed_count(req: Requirement, whole: Amount) -> int:
    """The count of ``whole`` a share requirement is measured against.

    For "at least" or "above" (``≥``, ``>``), the least count that satisfies it; for "at most"
    or "below" (``≤``, ``<``), the most count that does; for ``=``, the exact count (rounded up
    when the share of ``whole`` is not whole).
    """
    op = req.comparison.op
    return nearest_count(req.bound * whole, above=not op.upper, strict=op.strict)


def _whole(req: Requirement) -> str:
    assert req.whole is not None  # the loader gives every all/share requirement its whole
    return req.whole


def _vacuous_sentence(req: Requirement, what_en: str, what_vi: str, lang: str) -> str:
    whole_noun = _noun(req, _whole(req), lang)
    if lang == "en":
        return f"There are no {whole_noun}, so the {what_en} requirement holds vacuously."
    return f"Không có {whole_noun} nào, nên yêu cầu {what_vi} được coi là đạt (đúng hiển nhiên)."


class _None(Kind):
    """``none``: the count is 0."""

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.EQ, read(req.indicator), ops.const(0))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return counts[req.indicator]

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        noun = _noun(req, req.indicator, lang)
        value = facts.values[req.indicator]
        if lang == "en":
            return f"No {noun}." if facts.met else f"{noun.capitalize()}: {value}; required: none."
        if facts.met:
            return f"Không có {noun}."
        return f"Còn {value} {noun}; yêu cầu «{req.comparison.phrase_vi}» (bằng 0)."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} {req.comparison.op.value} {req.bound}"


class _AtLeast(Kind):
    """``at_least``: the count reaches a minimum."""

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.GE, read(req.indicator), ops.const(int(req.bound)))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return max(0, int(req.bound) - counts[req.indicator])

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        minimum, value = int(req.bound), facts.values[req.indicator]
        noun = _noun(req, req.indicator, lang)
        if lang == "en":
            text = f"{value} {noun} (at least {minimum} required)"
            return text + (f": {facts.shortfall} short." if not facts.met else ".")
        text = f"Có {value} {noun} (yêu cầu {req.comparison.phrase_vi} {minimum:02d})"
        return text + (f": còn thiếu {facts.shortfall}." if not facts.met else ".")

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} {req.comparison.op.value} {req.bound}"


class _All(Kind):
    """``all``: the part equals its whole (valid counts: a zero whole has a zero part)."""

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.EQ, read(req.indicator), read(_whole(req)))

    def vacuous(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.EQ, read(_whole(req)), ops.const(0))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return counts[_whole(req)] - counts[req.indicator]

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        if facts.vacuous:
            return _vacuous_sentence(req, "100%", "100%", lang)
        ind, whole = req.vocabulary.indicators[req.indicator], facts.values[_whole(req)]
        whole_noun, value = _noun(req, _whole(req), lang), facts.values[req.indicator]
        if lang == "en":
            if facts.met:
                return f"{value} of {whole} {whole_noun} {agree(value, ind.done_en)}."
            missing = agree(facts.shortfall, ind.missing_en)
            return f"{facts.shortfall} of {whole} {whole_noun} {missing}."
        if facts.met:
            return f"{value}/{whole} {whole_noun} {ind.done_vi}."
        return f"{facts.shortfall} trong số {whole} {whole_noun} {ind.missing_vi}."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} = {req.whole} (vacuous when {req.whole} = 0)"


class _Share(Kind):
    """``share``: ``part / whole op bound``, compared as ``part * q op p * whole``."""

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        whole = read(_whole(req))
        num, den = req.bound.numerator, req.bound.denominator
        held = ops.compare(
            req.comparison.op, ops.scale(read(req.indicator), den), ops.scale(whole, num)
        )
        return ops.either(ops.compare(Op.EQ, whole, ops.const(0)), held)

    def vacuous(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.EQ, read(_whole(req)), ops.const(0))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        if self.decide(SCALAR, req, counts.__getitem__):
            return 0
        needed, value = needed_count(req, counts[_whole(req)]), counts[req.indicator]
        gap: Amount = value - needed if req.comparison.op.upper else needed - value
        return gap if gap >= 1 else (-gap if gap <= -1 else 1)

    def params(self, req: Requirement, counts: Mapping[str, Amount]) -> Mapping[str, Amount]:
        return {"needed": needed_count(req, counts[_whole(req)])}

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        if facts.vacuous:
            return _vacuous_sentence(req, "share", "tỷ lệ", lang)
        ind, whole = req.vocabulary.indicators[req.indicator], facts.values[_whole(req)]
        whole_noun, value = _noun(req, _whole(req), lang), facts.values[req.indicator]
        share, needed = format_share(req.bound), self.params(req, facts.values)["needed"]
        upper, short = req.comparison.op.upper, facts.shortfall
        if lang == "en":
            bound = f"at most {needed}" if upper else f"needs {needed}"
            text = (
                f"{value} of {whole} {whole_noun} {agree(value, ind.done_en)}; "
                f"{req.comparison.op.value} {share} required ({bound})"
            )
            gap = f": {short} too many." if upper else f": {short} short."
            return text + (gap if not facts.met else ".")
        bound = f"tối đa {needed}" if upper else f"cần {needed}"
        text = (
            f"{value}/{whole} {whole_noun} {ind.done_vi}; yêu cầu {req.comparison.phrase_vi} "
            f"{share} ({bound})"
        )
        gap = f": vượt {short}." if upper else f": còn thiếu {short}."
        return text + (gap if not facts.met else ".")

    def formula(self, req: Requirement) -> str:
        return (
            f"{req.indicator} / {req.whole} {req.comparison.op.value} {req.bound} "
            f"(vacuous when {req.whole} = 0)"
        )


KINDS: Mapping[RequirementKind, Kind] = MappingProxyType(
    {
        RequirementKind.NONE: _None(),
        RequirementKind.ALL: _All(),
        RequirementKind.AT_LEAST: _AtLeast(),
        RequirementKind.SHARE: _Share(),
        **{RequirementKind(name): kind for name, kind in EXTENDED.items()},
    }
)
"""Each requirement kind's one definition."""

EXTENDED_KINDS = frozenset(RequirementKind(name) for name in EXTENDED)
"""The kinds of the extended rule language (Decision 28/2025/QĐ-TTg and later)."""
