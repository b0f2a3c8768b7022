"""Comparisons, requirements and criteria: the rules of a plan, as data.

A requirement is a simple predicate over indicator counts. Its shape is data (a kind, the
indicators it reads, a comparison and a bound), so the same definition is evaluated one area at a
time by :func:`~vn_drugfree_criteria.assess` and column by column by
:func:`~vn_drugfree_criteria.assess_many`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.vocab.comparisons import Comparison, Op
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.pointers import SourceRef

__all__ = [
    "EXTENDED_KINDS",
    "Comparison",
    "Criterion",
    "Interval",
    "Op",
    "Requirement",
    "RequirementKind",
    "SourceRef",
    "levels_json",
]


def levels_json(levels: frozenset[Level]) -> list[str]:
    """Level names from the lowest rank up (the JSON form of a set of levels)."""
    return [lv.value for lv in sorted(levels, key=lambda lv: lv.rank)]


class RequirementKind(enum.Enum):
    """The shapes a requirement can take.

    * ``none``: a count must be 0 ("Không có", "Không để").
    * ``all``: a part must equal its whole ("100% ..."); holds vacuously when the whole is 0.
    * ``at_least``: a count must reach a minimum ("ít nhất 01").
    * ``share``: part / whole compared with an exact share ("từ 83% trở lên"); holds vacuously
      when the whole is 0.
    * ``count``: a count (or an area in m²) lies in an interval: at least, above, at most, below,
      exactly, or a range open or closed at either end ("từ 500 đến dưới 3.000").
    * ``ratio``: a count divided by a base that is not its whole (registered users per resident)
      lies in an interval, compared exactly; it does not hold when the base is 0 (no share of
      nothing can be stated).
    * ``fact``: a yes/no indicator is yes (1) ("Nằm trên tuyến ...").
    * ``none_except``: nobody is counted beyond the listed exempt parts ("Không có ..., trừ ...").
    * ``any_of``: at least one of the listed requirements holds ("... hoặc ...").
    * ``criteria_met``: how many criteria of another class of the same classification hold
      lies in an interval ("Có từ 2 tiêu chí trong các tiêu chí ... loại II").
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


@attrs.frozen
class Interval:
    """Where a value must lie: either end open, closed or absent.

    >>> Interval(Fraction(1, 1000), True, Fraction(5, 1000), False).contains(Fraction(5, 1000))
    False
    >>> Interval(Fraction(3000), True).contains(3000)
    True
    >>> str(Interval(Fraction(500), True, Fraction(3000), False))
    '[500, 3000)'
    """

    lower: Fraction | None = None
    lower_closed: bool = True
    upper: Fraction | None = None
    upper_closed: bool = True

    def contains(self, value: Fraction | int) -> bool:
        """Whether ``value`` lies in the interval (exact comparison)."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: each end exact (``"1/200"``) or ``None``, and whether it is closed."""
        return {
            "lower": None if self.lower is None else str(self.lower),
            "lower_closed": self.lower_closed,
            "upper": None if self.upper is None else str(self.upper),
            "upper_closed": self.upper_closed,
        }

    def __str__(self) -> str:
        low = (
            "(-inf" if self.lower is None else ("[" if self.lower_closed else "(") + str(self.lower)
        )
        high = (
            "inf)" if self.upper is None else str(self.upper) + ("]" if self.upper_closed else ")")
        )
        return f"{low}, {high}"


@attrs.frozen
class Requirement:
    """One predicate of a criterion.

    Attributes:
        id: ``C3.2``: the criterion id and the requirement's position in it.
        kind: The shape.
        indicator: The counted indicator (the part, for ``all`` and ``share``).
        whole: The whole, for ``all`` and ``share``.
        comparison: Operator and the source's comparison words.
        bound: 0 for ``none``, 1 for ``all``, the minimum for ``at_least``, the share for
            ``share``.
        text_vi: The criterion's words this requirement reads, shortened to what it checks
            (the criterion's own text is the verbatim quote; ``...`` marks an elision).
        text_en: English rendering.
    """

    id: str
    kind: RequirementKind
    indicator: str
    comparison: Comparison
    bound: Fraction
    text_vi: str
    text_en: str
    whole: str | None = None
    #: ``count``, ``ratio``, ``criteria_met``: where the value must lie.
    interval: Interval | None = None
    #: ``ratio``: the base the indicator is divided by.
    base: str | None = None
    #: ``none_except``: the exempt parts.
    exempt: tuple[str, ...] = ()
    #: ``any_of``: the alternatives.
    options: tuple[Requirement, ...] = ()
    #: ``criteria_met``: the class whose criteria are counted.
    class_id: str | None = None
    #: The id of the plan reading that decided how the words are read, if any.
    reading: str | None = None

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators the requirement reads."""
        if self.kind is RequirementKind.ANY_OF:
            return tuple(dict.fromkeys(i for o in self.options for i in o.indicators))
        if self.kind is RequirementKind.CRITERIA_MET:
            return ()
        extra = (self.whole,) if self.whole else (self.base,) if self.base else self.exempt
        return (self.indicator, *extra)

    def holds(self, counts: Mapping[str, int]) -> bool:
        """Evaluate on one area's counts (all indicators must be present).

        ``criteria_met`` is decided by the classification that holds it (it counts other
        criteria), not here.
        """
        if self.kind in _EXTENDED:
            return _extended_holds(self, counts)
        value = counts[self.indicator]
        if self.whole is None:
            return self.comparison.holds(value, self.bound)
        whole = counts[self.whole]
        if whole == 0:
            return True
        return self.comparison.holds(Fraction(value, whole), self.bound)

    def is_vacuous(self, counts: Mapping[str, int]) -> bool:
        """Whether the requirement holds only because its whole is 0."""
        return self.whole is not None and counts[self.whole] == 0

    def formula(self) -> str:
        """The requirement as a formula (``addicts_with_dossier = addicts``)."""
        if self.kind in _EXTENDED or self.kind is RequirementKind.CRITERIA_MET:
            return _extended_formula(self)
        if self.kind is RequirementKind.ALL:
            return f"{self.indicator} = {self.whole} (vacuous when {self.whole} = 0)"
        if self.kind is RequirementKind.SHARE:
            return (
                f"{self.indicator} / {self.whole} {self.comparison.op.value} {self.bound} "
                f"(vacuous when {self.whole} = 0)"
            )
        return f"{self.indicator} {self.comparison.op.value} {self.bound}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the comparison as ``op`` and ``phrase_vi``, the bound exact (``"83/100"``)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "indicator": self.indicator,
            "whole": self.whole,
            "op": self.comparison.op.value,
            "phrase_vi": self.comparison.phrase_vi,
            "bound": str(self.bound),
            "formula": self.formula(),
            "text_vi": self.text_vi,
            "text_en": self.text_en,
            "interval": None if self.interval is None else self.interval.to_dict(),
            "base": self.base,
            "exempt": list(self.exempt),
            "options": [o.to_dict() for o in self.options],
            "class_id": self.class_id,
            "reading": self.reading,
        }


@attrs.frozen
class Criterion(Displayable):
    """One criterion (tiêu chí) of a plan.

    Attributes:
        id: ``C1`` ... ``Cn`` in the document's order.
        number: The document's own label (``1``).
        text_vi: Verbatim Vietnamese text.
        text_en: English rendering.
        levels: The levels it applies to.
        requirements: The predicates; the criterion is met when all hold.
        source: Where it stands in the source.
    """

    id: str
    number: str
    text_vi: str
    text_en: str
    levels: frozenset[Level]
    requirements: tuple[Requirement, ...]
    source: SourceRef

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators the criterion reads, without repeats, in order."""
        return tuple(dict.fromkeys(i for r in self.requirements for i in r.indicators))

    def to_dict(self, plan_id: str | None = None) -> dict[str, Any]:
        """JSON-ready data; ``ref`` is the global reference ``<plan-id>:<id>`` when the plan is given."""
        return {
            "id": self.id,
            "ref": None if plan_id is None else f"{plan_id}:{self.id}",
            "number": self.number,
            "text_vi": self.text_vi,
            "text_en": self.text_en,
            "levels": levels_json(self.levels),
            "source": self.source.to_dict(),
            "requirements": [r.to_dict() for r in self.requirements],
        }


#: The kinds of the extended rule language (Decision 28/2025/QĐ-TTg and later).
EXTENDED_KINDS = frozenset(
    {
        RequirementKind.COUNT,
        RequirementKind.RATIO,
        RequirementKind.FACT,
        RequirementKind.NONE_EXCEPT,
        RequirementKind.ANY_OF,
        RequirementKind.CRITERIA_MET,
    }
)
_EXTENDED = EXTENDED_KINDS - {RequirementKind.CRITERIA_MET}


def _extended_holds(req: Requirement, counts: Mapping[str, int]) -> bool:
    kind = req.kind
    if kind is RequirementKind.ANY_OF:
        return any(o.holds(counts) for o in req.options)
    value = counts[req.indicator]
    if kind is RequirementKind.FACT:
        return value == 1
    if kind is RequirementKind.NONE_EXCEPT:
        return value <= sum(counts[p] for p in req.exempt)
    assert req.interval is not None
    if kind is RequirementKind.COUNT:
        return req.interval.contains(value)
    assert req.base is not None
    base = counts[req.base]
    return base > 0 and req.interval.contains(Fraction(value, base))


def _extended_formula(req: Requirement) -> str:
    kind = req.kind
    if kind is RequirementKind.ANY_OF:
        return " or ".join(f"({o.formula()})" for o in req.options)
    if kind is RequirementKind.FACT:
        return f"{req.indicator} = 1"
    if kind is RequirementKind.NONE_EXCEPT:
        return f"{req.indicator} - ({' + '.join(req.exempt)}) <= 0"
    if kind is RequirementKind.CRITERIA_MET:
        return f"criteria met of class {req.class_id} in {req.interval}"
    if kind is RequirementKind.RATIO:
        return f"{req.indicator} / {req.base} in {req.interval} (not met when {req.base} = 0)"
    return f"{req.indicator} in {req.interval}"
