"""Domain helpers shared by the tests: clean areas and targeted breakages."""

from __future__ import annotations

import datetime

import vn_drugfree_criteria as vdc

DAY = datetime.date(2024, 6, 30)

CLEAN_WHOLES = {
    "addicts": 5,
    "addicts_with_dossier": 5,
    "addicts_present": 4,
    "addicts_present_with_treatment_dossier": 4,
    "post_rehab": 2,
    "post_rehab_with_dossier": 2,
    "users_present": 3,
    "users_present_with_dossier": 3,
    "substitution_over_12m": 2,
    "substitution_over_12m_compliant": 2,
    "households": 40,
    "households_committed": 40,
    "subunits": 1,
    "subunits_with_mailbox": 1,
    "subunits_with_hotline_board": 1,
    "effective_models": 1,
}


def clean_counts(plan: vdc.Plan) -> dict[str, int]:
    """Counts meeting every criterion of ``plan`` without any vacuous pass."""
    return {name: CLEAN_WHOLES.get(name, 0) for name in plan.indicators}


def break_requirement(counts: dict[str, int], req: vdc.Requirement) -> dict[str, int]:
    """Counts that violate ``req`` by the smallest step, everything else unchanged."""
    out = dict(counts)
    if req.kind is vdc.RequirementKind.NONE:
        out[req.indicator] = 1
    elif req.kind is vdc.RequirementKind.AT_LEAST:
        out[req.indicator] = int(req.bound) - 1
    else:
        assert req.whole is not None
        out[req.indicator] = out[req.whole] - 1
    return out


def level_of(plan: vdc.Plan) -> vdc.Level:
    """The lowest level the plan covers."""
    return max(plan.scope.levels, key=lambda lv: lv.rank)
