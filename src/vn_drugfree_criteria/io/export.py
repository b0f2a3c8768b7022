"""Everything a plan encodes, as plain JSON-ready data.

:func:`plan_to_dict` is the single conversion used by ``vn-drugfree show`` (and anything else
that publishes a plan). Unknown metadata stays ``None``; shares and bounds are exact fractions
written as text (``"83/100"``); dates are ISO strings at the precision the source gives.

>>> import vn_drugfree_criteria as vdc
>>> d = plan_to_dict(vdc.get_plan("lai-chau-city-2024"))
>>> d["document"]["number"] is None, d["document"]["issued"]
(True, '2024-04')
>>> d["criteria"][3]["ref"], d["criteria"][3]["requirements"][0]["formula"]
('lai-chau-city-2024:C4', 'substitution_over_12m_compliant = substitution_over_12m (vacuous when substitution_over_12m = 0)')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from vn_drugfree_criteria.model.calendar import Deadline
from vn_drugfree_criteria.model.plan import Document, Plan, Reference, Scope
from vn_drugfree_criteria.model.rules import Criterion, Requirement, SourceRef
from vn_drugfree_criteria.model.targets import Target
from vn_drugfree_criteria.vocab.dates import PartialDate
from vn_drugfree_criteria.vocab.indicators import INDICATORS
from vn_drugfree_criteria.vocab.levels import Level

__all__ = [
    "calendar_to_dict",
    "calendar_years",
    "plan_to_dict",
    "source_to_dict",
    "target_to_dict",
]


def _date(value: _dt.date | PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def _levels(levels: frozenset[Level]) -> list[str]:
    return [lv.value for lv in sorted(levels, key=lambda lv: lv.rank)]


def source_to_dict(ref: SourceRef | None) -> dict[str, Any] | None:
    """A source pointer: file, first and last line, the document's section label."""
    if ref is None:
        return None
    return {
        "file": ref.file,
        "line": ref.line,
        "end_line": ref.end_line,
        "section": ref.section,
        "text": str(ref),
    }


def _document(doc: Document) -> dict[str, Any]:
    return {
        "type_vi": doc.type_vi,
        "type_en": doc.type_en,
        "form": doc.form,
        "number": doc.number,
        "number_as_written": doc.number_as_written,
        "issued": _date(doc.issued),
        "issued_precision": doc.issued.precision.value if doc.issued else None,
        "issued_as_written": doc.issued_as_written,
        "effective": _date(doc.effective),
        "place": doc.place,
        "issuer_vi": doc.issuer_vi,
        "issuer_en": doc.issuer_en,
        "issuer_level": doc.issuer_level.value if doc.issuer_level else None,
        "issuer_kind": doc.issuer_kind,
        "signer": doc.signer,
        "signer_title": doc.signer_title,
        "title_vi": doc.title_vi,
        "title_en": doc.title_en,
        "source": source_to_dict(doc.source),
        "citation": doc.citation,
    }


def _scope(scope: Scope) -> dict[str, Any]:
    return {
        "levels": _levels(scope.levels),
        "valid_from": _date(scope.valid_from),
        "valid_to": _date(scope.valid_to),
        "text_vi": scope.text_vi,
        "source": source_to_dict(scope.source),
        "period_vi": scope.period_vi,
        "period_source": source_to_dict(scope.period_source),
    }


def _reference(ref: Reference) -> dict[str, Any]:
    return {
        "relation": ref.relation,
        "type_vi": ref.type_vi,
        "number": ref.number,
        "name_vi": ref.name_vi,
        "date": _date(ref.date),
        "issuer": ref.issuer,
        "source": source_to_dict(ref.source),
    }


def _requirement(req: Requirement) -> dict[str, Any]:
    return {
        "id": req.id,
        "kind": req.kind.value,
        "indicator": req.indicator,
        "whole": req.whole,
        "op": req.comparison.op.value,
        "phrase_vi": req.comparison.phrase_vi,
        "bound": str(req.bound),
        "formula": req.formula(),
        "text_vi": req.text_vi,
        "text_en": req.text_en,
    }


def _criterion(plan_id: str, c: Criterion) -> dict[str, Any]:
    return {
        "id": c.id,
        "ref": f"{plan_id}:{c.id}",
        "number": c.number,
        "text_vi": c.text_vi,
        "text_en": c.text_en,
        "levels": _levels(c.levels),
        "source": source_to_dict(c.source),
        "requirements": [_requirement(r) for r in c.requirements],
    }


def target_to_dict(t: Target) -> dict[str, Any]:
    """A target: its label, verbatim text, comparison, exact figures and readings."""
    return {
        "id": t.id,
        "label": t.label,
        "kind": t.kind.value,
        "text_vi": t.text_vi,
        "text_en": t.text_en,
        "when": str(t.when),
        "comparison": None
        if t.comparison is None
        else {"phrase_vi": t.comparison.phrase_vi, "kind": t.comparison.kind.value},
        "figure": t.figure,
        "whole": t.whole,
        "whole_stated": t.whole_stated,
        "share": None if t.share is None else str(t.share),
        "count": t.count,
        "stated_count": t.stated_count,
        "months": t.months,
        "readings": [r.value for r in t.readings],
        "reading_note": t.reading_note,
        "note": t.note,
        "doubt": t.doubt,
        "source": source_to_dict(t.source),
    }


def _deadline(d: Deadline) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title_vi,
        "title_en": d.title_en,
        "due_before": d.due_before.isoformat(),
        "last_day": d.last_day.isoformat(),
        "phrase_vi": d.phrase_vi,
        "reports_on_phase": d.reports_on_phase,
        "source": str(d.source) if d.source else None,
    }


def calendar_years(plan: Plan, on: _dt.date | None) -> tuple[int, ...]:
    """The years a calendar listing covers: that of ``on``, the phases' span, or the first."""
    if on is not None:
        return (on.year,)
    span = plan.calendar.span
    if span is not None:
        return tuple(range(span[0].year, span[1].year + 1))
    firsts = [o.first_year for o in plan.calendar.observances]
    return (min(firsts),) if firsts else ()


def calendar_to_dict(plan: Plan, on: _dt.date | None = None) -> dict[str, Any]:
    """The calendar as the JSON object of the contract (more keys than it requires).

    Args:
        plan: The plan.
        on: When given, the phase of that date and what is upcoming or overdue from it.
            ``on.phase`` is the lowest-numbered phase containing the date and ``on.phases``
            all of them (more than one only where the document's phases overlap).

    ``problems`` lists the structural problems of the phases (see :meth:`Calendar.problems`).
    """
    cal = plan.calendar
    data: dict[str, Any] = {
        "plan": plan.id,
        "phases": [
            {
                "number": p.number,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "text_vi": p.text_vi,
                "source": str(p.source) if p.source else None,
            }
            for p in cal.phases
        ],
        "gaps": [{"start": a.isoformat(), "end": b.isoformat()} for a, b in cal.gaps()],
        "problems": [problem.as_dict() for problem in cal.problems()],
        "deadlines": [_deadline(d) for d in cal.all_deadlines()],
        "undated": [
            {
                "id": u.id,
                "title": u.title_vi,
                "title_en": u.title_en,
                "frequency": u.frequency,
                "period": u.period.isoformat() if u.period else None,
                "source": str(u.source) if u.source else None,
            }
            for u in cal.undated
        ],
        "observances": [
            {
                "id": o.id,
                "title": o.title_vi,
                "title_en": o.title_en,
                "start": o.start.isoformat(),
                "end": o.end.isoformat(),
            }
            for y in calendar_years(plan, on)
            for o in cal.observances_in(y)
        ],
    }
    if on is not None:
        phase = cal.phase_on(on)
        data["on"] = {
            "date": on.isoformat(),
            "phase": phase.number if phase else None,
            "phases": [p.number for p in cal.phases_on(on)],
            "upcoming": [d.id for d in cal.upcoming(on)],
            "overdue": [d.id for d in cal.overdue(on)],
        }
    return data


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Everything the plan encodes as JSON-ready data.

    Keys: ``id``, ``source_file``, ``document`` (metadata; unknown values ``None``), ``scope``,
    ``references``, ``targets``, ``calendar`` (phases, deadlines, observances), ``criteria`` (verbatim Vietnamese text, English rendering, source pointer and
    requirements as formulas) and ``indicators`` (those the criteria read, with their Vietnamese
    and English nouns and, for a part, its whole).

    Args:
        plan: The plan.

    Returns:
        A dict of plain JSON types.
    """
    return {
        "id": plan.id,
        "source_file": plan.source_file,
        "document": _document(plan.document),
        "scope": _scope(plan.scope),
        "references": [_reference(r) for r in plan.references],
        "criteria": [_criterion(plan.id, c) for c in plan.criteria],
        "targets": [target_to_dict(t) for t in plan.targets],
        "calendar": calendar_to_dict(plan),
        "indicators": [
            {
                "name": name,
                "noun_vi": INDICATORS[name].noun_vi,
                "noun_en": INDICATORS[name].noun_en,
                "whole": INDICATORS[name].whole,
            }
            for name in plan.indicators
        ],
    }
