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

__all__ = [
    "Comparison",
    "Criterion",
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
    """

    NONE = "none"
    ALL = "all"
    AT_LEAST = "at_least"
    SHARE = "share"


@attrs.frozen
class SourceRef:
    """Where something stands in a source document.

    Attributes:
        file: The source file name (as bundled under ``data/sources``).
        line: First line (1-based).
        end_line: Last line, when the passage spans several.
        section: The document's own numbering (``II.3``), when it has one.
    """

    file: str
    line: int
    end_line: int | None = None
    section: str | None = None

    def __str__(self) -> str:
        lines = (
            f"{self.line}" if self.end_line in (None, self.line) else f"{self.line}-{self.end_line}"
        )
        text = f"{self.file}:{lines}"
        return f"{text} ({self.section})" if self.section else text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: file, first and last line, section label, and the one-line ``text``."""
        return {
            "file": self.file,
            "line": self.line,
            "end_line": self.end_line,
            "section": self.section,
            "text": str(self),
        }


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

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators the requirement reads."""
        return (self.indicator,) if self.whole is None else (self.indicator, self.whole)

    def holds(self, counts: Mapping[str, int]) -> bool:
        """Evaluate on one area's counts (all indicators must be present)."""
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
