"""Audit checks on graded outcomes: what the classes of a classification let through.

Each check builds a small area from the classification's own bounds (the least value that
meets a criterion, on a base of 10,000 residents) and grades it with the engine, so what is
reported is what the library decides:

* ``GRADE_READING_DRUG_FREE``: under the other reading of a passage, an area with nothing at
  all to count would be drug-free and key complex at once;
* ``GRADE_OVERLAP``: an area meets the rules of two classes; the plan's ``overlap_reading``
  decides its class (the text does not);
* ``GRADE_GAP``: an area meeting all but one of the criteria the most severe class needs, at
  that class's level, falls in no class, because the milder classes stop below its values.

References:
    Decision 28/2025/QĐ-TTg, Điều 4 (classes I-III) and Điều 6 (drug-free).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from fractions import Fraction

import attrs

from vn_drugfree_criteria.auditing.context import AuditContext
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.engine.grading import grade
from vn_drugfree_criteria.model.grading import Classification, GradeClass
from vn_drugfree_criteria.model.rules import Criterion, Interval, Requirement, RequirementKind
from vn_drugfree_criteria.vocab.wording import number

__all__ = ["check_grade_gap", "check_grade_overlap", "check_grade_reading"]

_BASE = 10_000  # residents of the constructed areas


def _least(iv: Interval, scale: int) -> int | None:
    """The least whole ``v`` with ``v / scale`` in ``iv`` (``None`` when there is none)."""
    low = iv.lower if iv.lower is not None else Fraction(0)
    v = math.ceil(low * scale)
    if not iv.contains(Fraction(v, scale)):
        v += 1
    return v if iv.contains(Fraction(v, scale)) else None


def _satisfy(req: Requirement) -> dict[str, int] | None:
    """Counts that meet ``req`` (bases at 10,000), or ``None`` when it reads no counts."""
    kind = req.kind
    if kind is RequirementKind.FACT:
        return {req.indicator: 1}
    if kind is RequirementKind.ANY_OF:
        return next((c for c in map(_satisfy, req.options) if c is not None), None)
    if kind is RequirementKind.COUNT and req.interval is not None:
        v = _least(req.interval, 1)
        return None if v is None else {req.indicator: v}
    if kind is RequirementKind.RATIO and req.interval is not None and req.base is not None:
        v = _least(req.interval, _BASE)
        return None if v is None else {req.indicator: v, req.base: _BASE}
    return None


def _meeting(
    criteria: tuple[Criterion, ...], how_many: int, taken: Mapping[str, int] | None = None
) -> dict[str, int] | None:
    """Counts meeting the first ``how_many`` criteria that can be met on their own.

    Criteria that would change a count already in ``taken`` are passed over.
    """
    out: dict[str, int] = dict(taken or {})
    met = 0
    for c in criteria:
        parts = [_satisfy(r) for r in c.requirements]
        if met == how_many or any(p is None for p in parts):
            continue
        merged = {k: v for p in parts if p is not None for k, v in p.items()}
        if any(out.get(k, v) != v for k, v in merged.items()):
            continue
        out.update(merged)
        met += 1
    return (
        {k: v for k, v in out.items() if taken is None or k not in taken}
        if met == how_many
        else None
    )


def _bases(reqs: tuple[Requirement, ...]) -> set[str]:
    """The indicators some ``ratio`` divides by, options included."""
    return {r.base for r in reqs if r.base is not None} | {
        b for r in reqs if r.options for b in _bases(r.options)
    }


def _area(g: Classification, counts: Mapping[str, int]) -> dict[str, int]:
    """Every indicator the classes read at 0 (each base at 10,000), then ``counts``."""
    criteria = [c for k in g.classes for c in k.criteria]
    area = dict.fromkeys((n for c in criteria for n in c.indicators), 0)
    area.update(dict.fromkeys(_bases(tuple(r for c in criteria for r in c.requirements)), _BASE))
    area.update(counts)
    return area


def _shown(counts: Mapping[str, int], lang: str) -> str:
    return ", ".join(f"{k} = {number(v, lang)}" for k, v in sorted(counts.items()) if v)


def check_grade_overlap(ctx: AuditContext) -> Iterator[Finding]:
    """An area meets two classes; the text does not say which applies."""
    for g in ctx.plan.classifications:
        for i, severe in enumerate(g.classes):
            for mild in g.classes[i + 1 :]:
                counts = _meeting(severe.criteria, severe.min_met)
                extra = None if counts is None else _meeting(mild.criteria, mild.min_met, counts)
                if counts is None or extra is None:
                    continue
                counts.update({k: v for k, v in extra.items() if k not in counts})
                result = grade(g, _area(g, counts))
                holds = {c.grade_class.id for c in result.classes if c.holds}
                if {severe.id, mild.id} <= holds:
                    yield _overlap(ctx, g, severe, mild, counts)
                    break


def _overlap(
    ctx: AuditContext,
    g: Classification,
    severe: GradeClass,
    mild: GradeClass,
    counts: dict[str, int],
) -> Finding:
    return ctx.finding(
        "GRADE_OVERLAP",
        g.source,
        f"Một địa bàn có thể đạt cả {severe.label_vi} và {mild.label_vi} (ví dụ: "
        f"{_shown(counts, 'vi')}); văn bản không nói áp dụng loại nào, thư viện chọn cách hiểu "
        f"“{g.overlap_reading}”.",
        f"An area can meet both {severe.label_en} and {mild.label_en} (for example: "
        f"{_shown(counts, 'en')}); the text does not say which applies, and the library reads "
        f"“{g.overlap_reading}”.",
        stated=f"{severe.id} + {mild.id}",
        derived=severe.id if g.overlap_reading == "most-severe" else None,
    )


def check_grade_gap(ctx: AuditContext) -> Iterator[Finding]:
    """All but one of the most severe class's criteria, and yet no class."""
    for g in ctx.plan.classifications:
        top = g.classes[0]
        if len(g.classes) < 2 or top.min_met < 2:
            continue
        counts = _meeting(top.criteria, top.min_met - 1)
        if counts is None or grade(g, _area(g, counts)).value is not None:
            continue
        yield ctx.finding(
            "GRADE_GAP",
            top.source,
            f"Một địa bàn đạt {top.min_met - 1} tiêu chí của {top.label_vi} ({_shown(counts, 'vi')}) "
            "không thuộc loại nào: các loại nhẹ hơn dừng ở dưới các ngưỡng này.",
            f"An area meeting {top.min_met - 1} of the {top.label_en} criteria "
            f"({_shown(counts, 'en')}) falls in no class: the milder classes stop below these "
            "values.",
            stated=f"{top.min_met - 1}/{top.min_met}",
            derived="-",
        )


def _literal(g: Classification, reading: str) -> Classification:
    """``g`` with every "above 0" lower end that ``reading`` added taken away again."""

    def undo(r: Requirement) -> Requirement:
        options = tuple(undo(o) for o in r.options)
        iv = r.interval
        if r.reading == reading and iv is not None and iv.lower == 0 and not iv.lower_closed:
            iv = Interval(None, True, iv.upper, iv.upper_closed)
        return attrs.evolve(r, interval=iv, options=options)

    classes = tuple(
        attrs.evolve(
            k,
            criteria=tuple(
                attrs.evolve(c, requirements=tuple(undo(r) for r in c.requirements))
                for c in k.criteria
            ),
        )
        for k in g.classes
    )
    return attrs.evolve(g, classes=classes)


def check_grade_reading(ctx: AuditContext) -> Iterator[Finding]:
    """Under the other reading, an area with nothing to count is drug-free and key complex."""
    plan = ctx.plan
    for g in plan.classifications:
        for r in plan.readings:
            quiet = _area(g, {})
            other = grade(_literal(g, r.id), quiet).value
            if other is None or grade(g, quiet).value is not None:
                continue
            free = dict.fromkeys((n for c in plan.criteria for n in c.indicators), 0)
            if not all(req.holds(free) for c in plan.criteria for req in c.requirements):
                continue
            yield ctx.finding(
                "GRADE_READING_DRUG_FREE",
                r.source,
                f"Hiểu theo nghĩa đen “{r.text_vi}”, một địa bàn không có gì để đếm vừa không ma "
                f"túy vừa thuộc loại {other}; thư viện chọn cách hiểu “{r.chosen}”.",
                f"Read literally, “{r.text_vi}” makes an area with nothing to count both "
                f"drug-free and of class {other}; the library reads “{r.chosen}”.",
                stated=f"{', '.join(r.alternatives)}: {other}",
                derived=f"{r.chosen}: -",
            )
