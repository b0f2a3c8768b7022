"""Comparisons, requirements and criteria: the rules of a plan, as data.

A requirement is a simple predicate over indicator counts. Its shape is data (a kind, the
indicators it reads, a comparison and a bound); what each kind means is defined once, in the
rule kernel (:mod:`vn_drugfree_criteria.model.kernel`), and run one area at a time by
:func:`~vn_drugfree_criteria.assess` and column by column by
:func:`~vn_drugfree_criteria.assess_many`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.kernel import SCALAR, Facts, Ops, Verdict
from vn_drugfree_criteria.model.kinds import EXTENDED_KINDS, KINDS, RequirementKind
from vn_drugfree_criteria.vocab.comparisons import Comparison, Op
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.pointers import SourceRef

if TYPE_CHECKING:
    from vn_drugfree_criteria.model.kernel import B, V

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

    def decide(self, ops: Ops[V, B], value: V, base: V | None = None) -> B:
        """Whether ``value`` (or ``value / base``) lies in the interval, on the evaluator ``ops``.

        The one decision of an interval, used by every kind that has one: an end ``p/q`` is
        compared as ``value * q op p`` (``value * q op p * base``), in integers; it branches
        only on the interval's own ends, so it runs on counts, columns and source text alike.
        """
        checks = []
        for bound, closed, low in (
            (self.lower, self.lower_closed, True),
            (self.upper, self.upper_closed, False),
        ):
            if bound is None:
                continue
            op = (Op.GE if closed else Op.GT) if low else (Op.LE if closed else Op.LT)
            right = ops.const(bound.numerator) if base is None else ops.scale(base, bound.numerator)
            checks.append(ops.compare(op, ops.scale(value, bound.denominator), right))
        verdict = checks[0] if checks else ops.flag(True)
        for more in checks[1:]:
            verdict = ops.both(verdict, more)
        return verdict

    def contains(self, value: Fraction | int) -> bool:
        """Whether ``value`` lies in the interval: :meth:`decide` on its numerator and denominator."""
        exact = Fraction(value)
        return self.decide(SCALAR, exact.numerator, exact.denominator)

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
    #: The vocabulary its indicators belong to (the plan's), for their labels.
    vocabulary: Vocabulary = attrs.field(default=SHARED, eq=False, repr=False)

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators the requirement reads."""
        return KINDS[self.kind].reads(self)

    def decide(self, ops: Ops[V, B], read: Callable[[str], V]) -> B:
        """The decision of the requirement's kind, on the evaluator ``ops`` (see the kernel)."""
        return KINDS[self.kind].decide(ops, self, read)

    def decide_vacuous(self, ops: Ops[V, B], read: Callable[[str], V]) -> B:
        """Whether it holds only because there is nothing to count, on the evaluator ``ops``."""
        return KINDS[self.kind].vacuous(ops, self, read)

    def holds(self, counts: Mapping[str, Amount]) -> bool:
        """Evaluate on one area's valid counts (all indicators must be present)."""
        return KINDS[self.kind].decide(SCALAR, self, counts.__getitem__)

    def is_vacuous(self, counts: Mapping[str, Amount]) -> bool:
        """Whether the requirement holds only because its whole is 0."""
        return KINDS[self.kind].vacuous(SCALAR, self, counts.__getitem__)

    def outcome(self, counts: Mapping[str, Amount]) -> tuple[bool, bool, Amount]:
        """``(met, vacuous, shortfall)`` on one area's valid counts.

        The shortfall is how many units are missing to comply (0 when met): items to remove for
        ``none``, members still lacking for ``all`` and ``share``, units to add for ``at_least``.
        """
        kind = KINDS[self.kind]
        read = counts.__getitem__
        met, vacuous = kind.decide(SCALAR, self, read), kind.vacuous(SCALAR, self, read)
        return met, vacuous, kind.shortfall(self, counts)

    def shortfall(self, counts: Mapping[str, Amount]) -> Amount:
        """How many units are missing to comply on one area's valid counts (0 when met)."""
        return KINDS[self.kind].shortfall(self, counts)

    def explain(self, counts: Mapping[str, Amount], lang: str = "vi") -> str:
        """One sentence explaining the verdict on one area's valid counts, in ``vi`` or ``en``."""
        values = {name: counts[name] for name in self.indicators}
        return self.sentence(Verdict(values, *self.outcome(counts)), lang)

    def sentence(self, facts: Facts, lang: str = "vi") -> str:
        """One sentence explaining a verdict already reached, in ``vi`` or ``en``."""
        return KINDS[self.kind].sentence(self, facts, lang)

    def formula(self) -> str:
        """The requirement as a formula (``addicts_with_dossier = addicts``)."""
        return KINDS[self.kind].formula(self)

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
