"""Assess one area against a plan, with an explanation of every shortfall.

>>> import datetime
>>> from vn_drugfree_criteria import Snapshot, assess
>>> counts = dict.fromkeys(
...     ["hotspots", "complex_points", "retail_sellers", "use_venues", "suspect_persons",
...      "suspect_groups", "suspect_rings", "addicts", "addicts_with_dossier", "addicts_present",
...      "addicts_present_with_treatment_dossier", "post_rehab", "post_rehab_with_dossier",
...      "users_present", "users_present_with_dossier"], 0)
>>> counts.update(households=41, households_committed=38, subunits=6, subunits_with_mailbox=6,
...               subunits_with_hotline_board=6, effective_models=1)
>>> result = assess("lao-cai-414-2023", Snapshot(counts, as_of=datetime.date(2024, 6, 1),
...                                              level="commune"))
>>> result.drug_free
False
>>> print(result.criteria["C5"].requirements[0].explanation_en)
3 of 41 households have not signed the commitment.
>>> print(result.criteria["C5"].requirements[0].explanation_vi)
3 trong số 41 hộ gia đình chưa ký cam kết.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ._errors import InputError, LevelNotCoveredError, NotValidOnDateError, SnapshotError
from ._indicators import INDICATORS, Snapshot
from ._levels import Level, check_valid_on
from ._numbers import format_share, required_count
from ._plan import Plan
from ._registry import PlanLike, get_plan
from ._rules import Criterion, Requirement, RequirementKind

__all__ = [
    "Assessment",
    "CriterionResult",
    "RequirementResult",
    "assess",
    "check_applicable",
    "check_plan_date",
]


@attrs.frozen
class RequirementResult:
    """The outcome of one requirement for one area.

    Attributes:
        requirement: The rule.
        met: Whether it holds.
        vacuous: Whether it holds only because its whole is 0.
        values: The counts it read.
        shortfall: How many units are missing to comply (0 when met): items to remove for
            ``none``, members still lacking for ``all`` and ``share``, units to add for ``at_least``.
        explanation_vi: One sentence in Vietnamese.
        explanation_en: One sentence in English.
    """

    requirement: Requirement
    met: bool
    vacuous: bool
    values: Mapping[str, int]
    shortfall: int
    explanation_vi: str
    explanation_en: str

    def explanation(self, lang: str = "vi") -> str:
        """The explanation in ``vi`` or ``en``."""
        return self.explanation_en if lang == "en" else self.explanation_vi


@attrs.frozen
class CriterionResult:
    """The outcome of one criterion: met when every requirement holds."""

    criterion: Criterion
    met: bool
    requirements: tuple[RequirementResult, ...]

    @property
    def shortfalls(self) -> tuple[RequirementResult, ...]:
        """The requirements that do not hold."""
        return tuple(r for r in self.requirements if not r.met)

    def explain(self, lang: str = "vi") -> str:
        """All requirement explanations, one per line."""
        return "\n".join(r.explanation(lang) for r in self.requirements)


@attrs.frozen
class Assessment:
    """The result of assessing one area against a plan.

    Attributes:
        plan_id: The plan.
        area_id: The area's id, if the snapshot had one.
        as_of: Date of review.
        level: Level of the area, if known.
        drug_free: Whether every applicable criterion is met.
        criteria: Criterion id to its result, in the plan's order.
    """

    plan_id: str
    area_id: str | None
    as_of: _dt.date
    level: Level | None
    drug_free: bool
    criteria: Mapping[str, CriterionResult]

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the criteria not met."""
        return tuple(cid for cid, r in self.criteria.items() if not r.met)

    def explain(self, lang: str = "vi") -> str:
        """A short report: the verdict, then each shortfall."""
        en = lang == "en"
        who = self.area_id or ("the area" if en else "địa bàn")
        if self.drug_free:
            head = (
                f"{who}: meets all {len(self.criteria)} criteria (drug-free)."
                if en
                else f"{who}: đạt {len(self.criteria)}/{len(self.criteria)} tiêu chí (không có ma túy)."
            )
            return head
        met = len(self.criteria) - len(self.failed)
        head = (
            f"{who}: meets {met} of {len(self.criteria)} criteria; not drug-free."
            if en
            else f"{who}: đạt {met}/{len(self.criteria)} tiêu chí; chưa đạt không có ma túy."
        )
        lines = [head]
        for cid in self.failed:
            for r in self.criteria[cid].shortfalls:
                lines.append(f"  {cid}: {r.explanation(lang)}")
        return "\n".join(lines)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "id": self.area_id,
            "as_of": self.as_of.isoformat(),
            "level": self.level.value if self.level else None,
            "drug_free": self.drug_free,
            "criteria": {cid: r.met for cid, r in self.criteria.items()},
            "shortfalls": [
                {
                    "criterion": cid,
                    "requirement": r.requirement.id,
                    "shortfall": r.shortfall,
                    "explanation": r.explanation(lang),
                }
                for cid, c in self.criteria.items()
                for r in c.shortfalls
            ],
        }

    def _repr_html_(self) -> str:
        """HTML for notebooks (all text escaped)."""
        from ._html import assessment_html  # noqa: PLC0415 - only notebooks need it

        return assessment_html(self)


def _noun(name: str, lang: str) -> str:
    ind = INDICATORS[name]
    return ind.noun_en if lang == "en" else ind.noun_vi


def evaluate_requirement(req: Requirement, counts: Mapping[str, int]) -> RequirementResult:
    """Evaluate one requirement on counts that contain every indicator it reads."""
    values = {name: counts[name] for name in req.indicators}
    value = values[req.indicator]
    kind = req.kind
    if kind is RequirementKind.NONE:
        met = value == 0
        shortfall = value
        if met:
            vi = f"Không có {_noun(req.indicator, 'vi')}."
            en = f"No {_noun(req.indicator, 'en')}."
        else:
            vi = f"Còn {value} {_noun(req.indicator, 'vi')}; yêu cầu «{req.comparison.phrase_vi}» (bằng 0)."
            en = f"{_noun(req.indicator, 'en').capitalize()}: {value}; required: none."
        return RequirementResult(req, met, False, MappingProxyType(values), shortfall, vi, en)
    if kind is RequirementKind.AT_LEAST:
        minimum = int(req.bound)
        met = value >= minimum
        shortfall = max(0, minimum - value)
        vi = f"Có {value} {_noun(req.indicator, 'vi')} (yêu cầu {req.comparison.phrase_vi} {minimum:02d})"
        en = f"{value} {_noun(req.indicator, 'en')} (at least {minimum} required)"
        if not met:
            vi += f": còn thiếu {shortfall}"
            en += f": {shortfall} short"
        return RequirementResult(
            req, met, False, MappingProxyType(values), shortfall, vi + ".", en + "."
        )
    assert req.whole is not None
    whole = values[req.whole]
    ind = INDICATORS[req.indicator]
    whole_vi, whole_en = _noun(req.whole, "vi"), _noun(req.whole, "en")
    if whole == 0:
        if kind is RequirementKind.ALL:
            vi = f"Không có {whole_vi} nào, nên yêu cầu 100% được coi là đạt (đúng hiển nhiên)."
            en = f"There are no {whole_en}, so the 100% requirement holds vacuously."
        else:
            vi = f"Không có {whole_vi} nào, nên yêu cầu tỷ lệ được coi là đạt (đúng hiển nhiên)."
            en = f"There are no {whole_en}, so the share requirement holds vacuously."
        return RequirementResult(req, True, True, MappingProxyType(values), 0, vi, en)
    if kind is RequirementKind.ALL:
        needed = whole
    else:
        needed = required_count(whole, req.bound, strict=req.comparison.op.strict)
    met = value == whole if kind is RequirementKind.ALL else req.holds(values)
    shortfall = max(0, needed - value)
    if kind is RequirementKind.ALL:
        if met:
            vi = f"{value}/{whole} {whole_vi} {ind.done_vi}."
            en = f"{value} of {whole} {whole_en} {ind.done_en}."
        else:
            vi = f"{shortfall} trong số {whole} {whole_vi} {ind.missing_vi}."
            en = f"{shortfall} of {whole} {whole_en} {ind.missing_en}."
    else:
        share = format_share(req.bound)
        vi = (
            f"{value}/{whole} {whole_vi} {ind.done_vi}; yêu cầu {req.comparison.phrase_vi} {share} "
            f"(cần {needed})"
        )
        en = f"{value} of {whole} {whole_en} {ind.done_en}; {req.comparison.op.value} {share} required (needs {needed})"
        if not met:
            vi += f": còn thiếu {shortfall}"
            en += f": {shortfall} short"
        vi, en = vi + ".", en + "."
    return RequirementResult(req, met, False, MappingProxyType(values), shortfall, vi, en)


def check_plan_date(plan: Plan, as_of: _dt.date) -> None:
    """Raise if ``as_of`` falls outside the plan's validity.

    Raises:
        NotValidOnDateError: The date is before the plan applies or after it ends.
    """
    scope = plan.scope
    if scope.valid_from is not None and as_of < scope.valid_from:
        raise NotValidOnDateError(
            f"plan {plan.id!r} applies from {scope.valid_from.isoformat()}; "
            f"{as_of.isoformat()} is before that"
        )
    if scope.valid_to is not None and as_of > scope.valid_to:
        raise NotValidOnDateError(
            f"plan {plan.id!r} applies until {scope.valid_to.isoformat()}; "
            f"{as_of.isoformat()} is after that"
        )


def check_applicable(
    plan: Plan, as_of: _dt.date, level: Level | None, kind: Any = None
) -> tuple[Criterion, ...]:
    """Check that ``plan`` applies on ``as_of`` at ``level`` and return its applicable criteria.

    Raises:
        NotValidOnDateError: The date is outside the plan's validity, or the level or kind did
            not exist on that date.
        LevelNotCoveredError: The plan has no criteria for that level, or needs a level to choose.
    """
    check_plan_date(plan, as_of)
    scope = plan.scope
    if not plan.criteria:
        raise LevelNotCoveredError(f"plan {plan.id!r} sets no recognition criteria")
    if level is not None:
        check_valid_on(level, kind, as_of)
        if level not in scope.levels:
            covered = ", ".join(sorted(lv.value for lv in scope.levels))
            raise LevelNotCoveredError(
                f"plan {plan.id!r} has no criteria for the {level.value} level (it covers: {covered})"
            )
        return plan.criteria_for(level)
    if len({c.levels for c in plan.criteria}) > 1:
        raise LevelNotCoveredError(
            f"plan {plan.id!r} applies different criteria at different levels; give the area's level"
        )
    return plan.criteria


def assess(plan: PlanLike, snapshot: Snapshot) -> Assessment:
    """Assess one area against a plan's criteria.

    Args:
        plan: A plan or its id.
        snapshot: The area's counts at the date of review.

    Returns:
        The verdict, each criterion and requirement with its numbers and explanation.

    Raises:
        UnknownPlanError: No such plan.
        NotValidOnDateError: The date is outside the plan's validity, or the area's level or kind
            did not exist on that date.
        LevelNotCoveredError: The plan does not cover the area's level.
        SnapshotError: An indicator the criteria need is missing.
    """
    p = get_plan(plan)
    if not isinstance(snapshot, Snapshot):
        raise InputError(f"expected a Snapshot, got {type(snapshot).__name__}")
    criteria = check_applicable(p, snapshot.as_of, snapshot.level, snapshot.kind)
    counts = snapshot.counts
    for c in criteria:
        for name in c.indicators:
            if name not in counts:
                raise SnapshotError(name, f"missing; criterion {c.id} of plan {p.id!r} needs it")
    results: dict[str, CriterionResult] = {}
    for c in criteria:
        reqs = tuple(evaluate_requirement(r, counts) for r in c.requirements)
        results[c.id] = CriterionResult(c, all(r.met for r in reqs), reqs)
    return Assessment(
        plan_id=p.id,
        area_id=snapshot.area_id,
        as_of=snapshot.as_of,
        level=snapshot.level,
        drug_free=all(r.met for r in results.values()),
        criteria=MappingProxyType(results),
    )
