"""Audit a plan's source: every stated figure and date re-derived, every disagreement reported.

:func:`audit` runs every check in :data:`CHECKS` and returns the findings, sorted by where they
stand in the source. The plan is never changed: the encoded plan keeps what the document says,
and the audit says what is wrong with it.

>>> import vn_drugfree_criteria as vdc
>>> [f.code for f in vdc.audit("lai-chau-city-2024") if f.code.startswith("NUMBERING")]
['NUMBERING_GAP']
>>> gap = next(f for f in vdc.audit("lai-chau-city-2024") if f.code == "NUMBERING_GAP")
>>> gap.where, gap.stated, gap.derived
('001_049b74cfff36fd8f.txt:242 (V.15)', '15', '14')
"""

from __future__ import annotations

from collections.abc import Sequence

from vn_drugfree_criteria.auditing.calendar import (
    check_deadlines,
    check_phase_gaps,
    check_phase_structure,
    check_phases_against_dates,
)
from vn_drugfree_criteria.auditing.context import AuditContext, Check
from vn_drugfree_criteria.auditing.facts import Facts, facts
from vn_drugfree_criteria.auditing.figures import check_doubtful_targets, check_shares, check_sums
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.auditing.fulltext import (
    check_concepts_ended,
    check_kinds_ended,
    check_units_ended,
)
from vn_drugfree_criteria.auditing.grading import (
    check_grade_gap,
    check_grade_overlap,
    check_grade_reading,
)
from vn_drugfree_criteria.auditing.reform import (
    check_issuer_ended,
    check_levels_ended,
    check_province_merged,
)
from vn_drugfree_criteria.auditing.refs import (
    check_national_newer,
    check_reference_after_issue,
    check_reference_dates,
    check_superseded,
)
from vn_drugfree_criteria.auditing.text import (
    check_metadata,
    check_numbering,
    check_source_form,
    check_stutters,
    check_truncation,
)
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan, list_plans

__all__ = ["CHECKS", "audit"]

CHECKS: tuple[Check, ...] = (
    check_source_form,
    check_metadata,
    check_truncation,
    check_numbering,
    check_stutters,
    check_shares,
    check_sums,
    check_doubtful_targets,
    check_phase_structure,
    check_phase_gaps,
    check_phases_against_dates,
    check_deadlines,
    check_reference_dates,
    check_reference_after_issue,
    check_superseded,
    check_national_newer,
    check_issuer_ended,
    check_levels_ended,
    check_kinds_ended,
    check_units_ended,
    check_concepts_ended,
    check_province_merged,
    check_grade_overlap,
    check_grade_gap,
    check_grade_reading,
)
"""Every check, in the order it runs."""


def audit(
    plan: PlanLike,
    *,
    source_text: str | None = None,
    others: Sequence[Plan] | None = None,
    reference_facts: Facts | None = None,
) -> tuple[Finding, ...]:
    """Audit one plan against its own source text, the other plans and the reference facts.

    Args:
        plan: A plan or its id.
        source_text: The plan's source text; by default the text the plan was loaded with.
        others: Plans to compare citations with; by default every other bundled plan.
        reference_facts: Facts to compare with; by default the bundled ones.

    Returns:
        The findings, ordered by source line, then severity, then code.

    Raises:
        UnknownPlanError: No bundled plan has that id.
    """
    target = get_plan(plan)
    if source_text is not None:
        lines: tuple[str, ...] | None = tuple(source_text.splitlines())
    else:
        lines = target.source_lines
    if others is None:
        others = [get_plan(p) for p in list_plans()]
    ctx = AuditContext(
        plan=target,
        lines=lines,
        others=tuple(p for p in others if p.id != target.id),
        facts=reference_facts if reference_facts is not None else facts(),
    )
    found = [f for check in CHECKS for f in check(ctx)]
    return tuple(sorted(found, key=lambda f: (f.line, f.severity.rank, f.code)))
