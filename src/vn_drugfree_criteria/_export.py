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

from ._dates import PartialDate
from ._indicators import INDICATORS
from ._levels import Level
from ._plan import Document, Plan, Reference, Scope
from ._rules import Criterion, Requirement, SourceRef

__all__ = ["plan_to_dict", "source_to_dict"]


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
        "issuer_level": doc.issuer_level.value,
        "issuer_kind": doc.issuer_kind,
        "signer": doc.signer,
        "signer_title": doc.signer_title,
        "title_vi": doc.title_vi,
        "title_en": doc.title_en,
        "source": source_to_dict(doc.source),
    }


def _scope(scope: Scope) -> dict[str, Any]:
    return {
        "levels": _levels(scope.levels),
        "valid_from": _date(scope.valid_from),
        "valid_to": _date(scope.valid_to),
        "text_vi": scope.text_vi,
        "source": source_to_dict(scope.source),
    }


def _reference(ref: Reference) -> dict[str, Any]:
    return {
        "relation": ref.relation,
        "type_vi": ref.type_vi,
        "number": ref.number,
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


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """Everything the plan encodes as JSON-ready data.

    Keys: ``id``, ``source_file``, ``document`` (metadata; unknown values ``None``), ``scope``,
    ``references``, ``criteria`` (verbatim Vietnamese text, English rendering, source pointer and
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
