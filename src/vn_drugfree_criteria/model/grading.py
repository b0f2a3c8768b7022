"""Graded outcomes: ordered classes of an area, each with its own "at least k of n" rule.

Decision 28/2025/QĐ-TTg sorts communes into key complex classes I, II and III (Điều 4) and
provinces into key complex or not (Điều 5). Each class is a list of criteria and a number of
them that must hold; a criterion may count how many criteria of another class hold
(``criteria_met``). The classes of a classification are listed from the most severe down; an
area meeting several is given the first (the plan names this reading in ``overlap_note``).

>>> import vn_drugfree_criteria as vdc
>>> c = vdc.get_plan("national-28-qd-ttg-2025").classifications[0]
>>> [k.id for k in c.classes], [k.min_met for k in c.classes]
(['I', 'II', 'III'], [3, 3, 1])
"""

from __future__ import annotations

from typing import Any

import attrs

from vn_drugfree_criteria.model.rules import Criterion, levels_json
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.pointers import SourceRef

__all__ = ["Classification", "GradeClass", "TextReading"]


@attrs.frozen
class GradeClass:
    """One class of a classification ("loại I").

    Attributes:
        id: The value reported for an area of this class (``I``, ``key complex``).
        label_vi: Vietnamese label (``loại I``).
        label_en: English label.
        min_met: How many of its criteria must hold ("có ít nhất 3 trong các tiêu chí").
        text_vi: The clause that introduces the class, verbatim.
        criteria: Its criteria, in the document's order.
        source: Where the clause stands.
    """

    id: str
    label_vi: str
    label_en: str
    min_met: int
    text_vi: str
    criteria: tuple[Criterion, ...]
    source: SourceRef

    def to_dict(self, plan_id: str | None = None) -> dict[str, Any]:
        """JSON-ready data, criteria included."""
        return {
            "id": self.id,
            "label_vi": self.label_vi,
            "label_en": self.label_en,
            "min_met": self.min_met,
            "text_vi": self.text_vi,
            "criteria": [c.to_dict(plan_id) for c in self.criteria],
            "source": self.source.to_dict(),
        }


@attrs.frozen
class Classification:
    """Ordered classes for one or more levels (Điều 4 for communes, Điều 5 for provinces).

    Attributes:
        id: ASCII id (``commune-key-complex``).
        levels: The levels it applies to.
        title_vi: The article's title, verbatim.
        title_en: English.
        text_vi: The article's opening clause, verbatim.
        classes: From the most severe down.
        overlap_reading: How an area meeting two classes is classed (``most-severe``).
        overlap_note: Why.
        source: Where the article stands.
    """

    id: str
    levels: frozenset[Level]
    title_vi: str
    title_en: str
    text_vi: str
    classes: tuple[GradeClass, ...]
    overlap_reading: str
    overlap_note: str
    source: SourceRef

    def to_dict(self, plan_id: str | None = None) -> dict[str, Any]:
        """JSON-ready data, classes from the most severe down."""
        return {
            "id": self.id,
            "levels": levels_json(self.levels),
            "title_vi": self.title_vi,
            "title_en": self.title_en,
            "text_vi": self.text_vi,
            "classes": [k.to_dict(plan_id) for k in self.classes],
            "overlap_reading": self.overlap_reading,
            "overlap_note": self.overlap_note,
            "source": self.source.to_dict(),
        }

    def grade_class(self, class_id: str) -> GradeClass:
        """The class with this id.

        Raises:
            KeyError: No such class.
        """
        for k in self.classes:
            if k.id == class_id:
                return k
        raise KeyError(class_id)


@attrs.frozen
class TextReading:
    """A passage that allows two readings, the one chosen and why.

    Attributes:
        id: ASCII id, referred to by the requirements it decides.
        chosen: The reading applied.
        alternatives: The other readings, named.
        text_vi: The words in question, verbatim.
        note: Why the chosen reading.
        source: Where the words stand.
    """

    id: str
    chosen: str
    alternatives: tuple[str, ...]
    text_vi: str
    note: str
    source: SourceRef

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "id": self.id,
            "chosen": self.chosen,
            "alternatives": list(self.alternatives),
            "text_vi": self.text_vi,
            "note": self.note,
            "source": self.source.to_dict(),
        }
