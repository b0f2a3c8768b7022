"""Grade an area on a classification: which class (I, II, III, key complex) it falls in.

Each class counts how many of its criteria hold and holds itself when that count reaches its
``min_met``; the area gets the first class that holds, from the most severe down (the plan's
``overlap_reading``). Classes are decided from the least severe up, because a criterion of a
severe class may count the criteria of a milder one (``criteria_met``, Điều 4.1.đ).

>>> import datetime, vn_drugfree_criteria as vdc
>>> counts = dict.fromkeys(vdc.get_plan("national-28-qd-ttg-2025").indicators, 0)
>>> counts.update(residents=10_000, registered_users=62, use_harbouring_venues=2,
...               drug_offenders_arrested=10)
>>> g = grade(vdc.get_plan("national-28-qd-ttg-2025").classifications[0], counts)
>>> g.value, [c.met_count for c in g.classes]
('I', [3, 0, 0])
>>> print(g.classes[0].criteria[0].requirements[0].explanation("vi"))
Tỷ lệ người nghiện và người sử dụng trái phép chất ma túy có hồ sơ quản lý so với nhân khẩu hiện đang cư trú trên địa bàn là 0,62% (62/10.000), từ 0,5% trở lên.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from vn_drugfree_criteria.model.grading import Classification, GradeClass
from vn_drugfree_criteria.model.kernel import SCALAR, Ops, Verdict
from vn_drugfree_criteria.model.kinds_extended import met_key
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import Amount

__all__ = [
    "ClassResult",
    "GradeResult",
    "GradedCriterion",
    "GradedRequirement",
    "decide_classes",
    "grade",
    "grade_columns",
]


@attrs.frozen
class GradedRequirement:
    """One requirement of a class criterion, decided on an area's counts.

    Attributes:
        requirement: The rule.
        verdict: Whether it holds, with the numbers it read (for ``criteria_met``, the count
            of criteria met in the other class).
    """

    requirement: Requirement
    verdict: Verdict

    @property
    def met(self) -> bool:
        """Whether it holds."""
        return self.verdict.met

    def explanation(self, lang: str = "vi") -> str:
        """One sentence in ``vi`` or ``en`` with the numbers."""
        return self.requirement.sentence(self.verdict, lang)


@attrs.frozen
class GradedCriterion:
    """A class criterion: met when every requirement holds."""

    criterion: Criterion
    met: bool
    requirements: tuple[GradedRequirement, ...]


@attrs.frozen
class ClassResult:
    """One class: how many of its criteria hold, and whether that is enough."""

    grade_class: GradeClass
    met_count: int
    holds: bool
    criteria: tuple[GradedCriterion, ...]


@attrs.frozen
class GradeResult:
    """The outcome of one classification for one area.

    Attributes:
        classification: The classification.
        value: The class the area falls in (``I``, ``key complex``), or ``None``.
        classes: Every class, from the most severe down, with its criteria.
    """

    classification: Classification
    value: str | None
    classes: tuple[ClassResult, ...]

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data: the class, then per class the criteria met and each sentence."""
        return {
            "classification": self.classification.id,
            "value": self.value,
            "classes": [
                {
                    "id": c.grade_class.id,
                    "holds": c.holds,
                    "met_count": c.met_count,
                    "min_met": c.grade_class.min_met,
                    "criteria": {
                        g.criterion.id: {
                            "met": g.met,
                            "explanations": [r.explanation(lang) for r in g.requirements],
                        }
                        for g in c.criteria
                    },
                }
                for c in self.classes
            ],
        }

    def explain(self, lang: str = "vi") -> str:
        """One line per class: criteria met out of those needed."""
        en = lang == "en"
        lines = []
        for c in self.classes:
            k = c.grade_class
            met = ", ".join(g.criterion.number for g in c.criteria if g.met) or "-"
            if en:
                verdict = "holds" if c.holds else "does not hold"
                lines.append(
                    f"{k.label_en}: {c.met_count} of {len(k.criteria)} criteria met ({met}); "
                    f"{k.min_met} needed: {verdict}."
                )
            else:
                verdict = "đạt" if c.holds else "không đạt"
                lines.append(
                    f"{k.label_vi}: đạt {c.met_count}/{len(k.criteria)} tiêu chí ({met}); "
                    f"cần ít nhất {k.min_met}: {verdict}."
                )
        return "\n".join(lines)


def _decide(req: Requirement, counts: Mapping[str, Amount]) -> GradedRequirement:
    met, vacuous, shortfall = req.outcome(counts)
    names = (*req.indicators, met_key(req.class_id)) if req.class_id else req.indicators
    values = {name: counts[name] for name in names}
    return GradedRequirement(req, Verdict(values, met, vacuous, shortfall))


def decide_classes(
    ops: Ops[Any, Any], classification: Classification, read: Callable[[str], Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The one decision of a classification's classes, on any evaluator of the kernel.

    Criteria of a severe class may count those of a milder one, so the classes are decided
    from the mildest up, each class's tally of criteria met handed to the next as the
    pseudo-count ``criteria_met:<id>``; a class holds when its tally reaches ``min_met``.

    Returns:
        The tallies by pseudo-count name, and by class id whether the class holds (a ``bool``
        on :data:`~vn_drugfree_criteria.model.kernel.SCALAR`, a column on a batch backend).
    """
    tallies: dict[str, Any] = {}

    def view(name: str) -> Any:
        return tallies[name] if name in tallies else read(name)

    holds: dict[str, Any] = {}
    for k in reversed(classification.classes):
        verdicts = []
        for c in k.criteria:
            met = c.requirements[0].decide(ops, view)
            for r in c.requirements[1:]:
                met = ops.both(met, r.decide(ops, view))
            verdicts.append(met)
        tally = ops.tally(verdicts)
        tallies[met_key(k.id)] = tally
        holds[k.id] = ops.compare(Op.GE, tally, ops.const(k.min_met))
    return tallies, holds


def _first(classification: Classification, holds: Callable[[str], bool]) -> str | None:
    """The most severe class that holds (the ``most-severe`` reading of overlapping classes)."""
    return next((k.id for k in classification.classes if holds(k.id)), None)


def grade(classification: Classification, counts: Mapping[str, Amount]) -> GradeResult:
    """Decide every class of ``classification`` on one area's counts, with every criterion.

    Args:
        classification: The classification (its classes from the most severe down).
        counts: The area's counts; every indicator its criteria read must be present.

    Raises:
        KeyError: A needed count is missing (callers validate first).
    """
    tallies, holds = decide_classes(SCALAR, classification, counts.__getitem__)
    view = ChainMap(tallies, dict(counts))
    classes = []
    for k in classification.classes:
        graded = []
        for c in k.criteria:
            reqs = tuple(_decide(r, view) for r in c.requirements)
            graded.append(GradedCriterion(c, all(r.met for r in reqs), reqs))
        classes.append(ClassResult(k, tallies[met_key(k.id)], bool(holds[k.id]), tuple(graded)))
    value = _first(classification, lambda cid: bool(holds[cid]))
    return GradeResult(classification, value, tuple(classes))


def grade_columns(
    ops: Ops[Any, Any],
    classification: Classification,
    read: Callable[[str], Any],
    n: int,
    valid: Sequence[bool] | None = None,
) -> Sequence[int]:
    """The class of every row as a small integer, deciding on whole columns of a batch backend.

    The same decision as :func:`grade` (:func:`decide_classes`), on lists of ``int`` or numpy
    arrays. A row's class is its position among the classification's classes (from the most
    severe down), ``len(classes)`` when it falls in none: names are compared nowhere, and a
    name is looked up only when asked for (:class:`~vn_drugfree_criteria.engine.columns.ClassCodes`).
    The code a row gets is picked column-wise too: each class's verdict column overrides the
    milder ones where it holds (the ``most-severe`` reading), so no row is visited in Python.

    Args:
        ops: The backend's operations.
        classification: The classification.
        read: Indicator name to its column of valid counts.
        n: The number of rows.
        valid: Where the row passed validation (others get no class); all rows when ``None``.

    Returns:
        A tuple of ``int`` on lists; a read-only ``int8`` array on numpy.
    """
    _, holds = decide_classes(ops, classification, read)
    classes = classification.classes
    np = getattr(ops, "np", None)
    if np is not None:
        small = np.int8 if len(classes) < 128 else np.int64
        codes = np.full(n, len(classes), dtype=small)
        for code in reversed(range(len(classes))):  # a more severe class overrides a milder
            verdict = np.asarray(holds[classes[code].id], dtype=bool)
            codes[np.broadcast_to(verdict, (n,))] = code
        if valid is not None:
            codes[~np.asarray(valid, dtype=bool)] = len(classes)
        codes.flags.writeable = False
        return codes  # type: ignore[no-any-return]
    out: list[int] = [len(classes)] * n
    for code in reversed(range(len(classes))):
        verdict = holds[classes[code].id]
        column = verdict if isinstance(verdict, list) else [bool(verdict)] * n
        out = [code if h else o for h, o in zip(column, out, strict=True)]
    if valid is not None:
        out = [o if ok else len(classes) for o, ok in zip(out, valid, strict=True)]
    return tuple(out)
