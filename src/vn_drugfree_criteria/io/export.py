"""Plans as plain JSON-ready data, by name, for the commands and pages that publish them.

Every result and plan type has exactly one JSON-ready form, its ``to_dict()`` method, in the
shape of its schema (``vn-drugfree schema NAME``). The functions here only name the forms the
command line and the documentation publish: :func:`plan_to_dict` (``vn-drugfree show``) and
:func:`calendar_to_dict` (``vn-drugfree calendar``). Unknown metadata stays ``None``; shares
and bounds are exact fractions written as text (``"83/100"``); dates are ISO strings at the
precision the source gives.

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

from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.model.targets import Target

__all__ = [
    "calendar_to_dict",
    "calendar_years",
    "plan_to_dict",
    "source_to_dict",
    "target_to_dict",
]


def source_to_dict(ref: SourceRef | None) -> dict[str, Any] | None:
    """:meth:`SourceRef.to_dict <vn_drugfree_criteria.SourceRef.to_dict>`, ``None`` kept."""
    return None if ref is None else ref.to_dict()


def target_to_dict(t: Target) -> dict[str, Any]:
    """:meth:`Target.to_dict <vn_drugfree_criteria.Target.to_dict>`."""
    return t.to_dict()


def calendar_years(plan: Plan, on: _dt.date | None) -> tuple[int, ...]:
    """:meth:`Calendar.years <vn_drugfree_criteria.Calendar.years>` of the plan's calendar."""
    return plan.calendar.years(on)


def calendar_to_dict(plan: Plan, on: _dt.date | None = None, *, lang: str = "vi") -> dict[str, Any]:
    """The output of ``vn-drugfree calendar``: ``plan``, then :meth:`Calendar.to_dict`.

    Args:
        plan: The plan.
        on: When given, the phase of that date and what is upcoming or overdue from it.
        lang: The language of the problems' ``text`` (``vi``, the default, or ``en``).
    """
    return {"plan": plan.id, **plan.calendar.to_dict(on, lang=lang)}


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The output of ``vn-drugfree show``: :meth:`Plan.to_dict <vn_drugfree_criteria.Plan.to_dict>`."""
    return plan.to_dict()
