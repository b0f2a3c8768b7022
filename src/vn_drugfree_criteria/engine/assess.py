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
3 of 41 households have not made the commitment.
>>> print(result.criteria["C5"].requirements[0].explanation_vi)
3 trong số 41 hộ gia đình chưa cam kết.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.grading import GradeResult, grade
from vn_drugfree_criteria.engine.results import CriterionResult, RequirementResult, _Criteria
from vn_drugfree_criteria.errors import (
    DrugFreeError,
    InputError,
    LevelNotCoveredError,
    NotValidOnDateError,
)
from vn_drugfree_criteria.model.grading import Classification
from vn_drugfree_criteria.model.kernel import CompiledCriteria
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.cells import missing_problem
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level, check_valid_on
from vn_drugfree_criteria.vocab.problem_words import problem_error, worded_error

__all__ = [
    "Assessment",
    "CriterionResult",
    "RequirementResult",
    "assess",
    "assess_each",
    "assessment_of",
    "check_applicable",
    "check_plan_date",
    "level_text",
    "outcome_key",
    "outcome_key_of",
]


def outcome_key(
    plan_id: str,
    as_of: _dt.date,
    level: Level | None,
    drug_free: bool,
    criteria_from: str | None,
    criteria: tuple[object, ...],
) -> tuple[object, ...]:
    """The :meth:`Assessment.outcome` of an assessment with these members.

    ``criteria`` is the outcome of its criteria
    (:func:`~vn_drugfree_criteria.engine.results.criteria_outcome`). The one shape of the key,
    for an assessment built and for a plain row decided without building it
    (:mod:`~vn_drugfree_criteria.engine.assess_plain`).
    """
    return outcome_key_of(level_text(level), plan_id, as_of, drug_free, criteria_from, criteria)


def level_text(level: Level | None) -> str | None:
    """The level as :func:`outcome_key` puts it in the key (a text: hashed in C)."""
    return level.value if level is not None else None


def outcome_key_of(
    level: str | None,
    plan_id: str,
    as_of: _dt.date,
    drug_free: bool,
    criteria_from: str | None,
    criteria: tuple[object, ...],
) -> tuple[object, ...]:
    """:func:`outcome_key`, the level given as :func:`level_text` (found once for many rows)."""
    return (plan_id, as_of, level, drug_free, criteria_from, criteria)


@attrs.frozen
class Assessment(Displayable):
    """The result of assessing one area against a plan.

    Attributes:
        plan_id: The plan.
        area_id: The area's id, if the snapshot had one.
        as_of: Date of review.
        level: Level of the area, if known.
        drug_free: Whether every applicable criterion is met.
        criteria: Criterion id to its result, in the plan's order.
        grades: The classifications that apply at the area's level (the key complex classes
            of Decision 28/2025/QĐ-TTg), each with its class and every criterion's outcome.
        criteria_from: The plan whose criteria were applied, when the plan adopts another's.
    """

    plan_id: str
    area_id: str | None
    as_of: _dt.date
    level: Level | None
    drug_free: bool
    criteria: Mapping[str, CriterionResult]
    grades: tuple[GradeResult, ...] = ()
    criteria_from: str | None = None

    @property
    def key_complex_class(self) -> str | None:
        """The class of the first classification at the area's level, or ``None``.

        ``I``, ``II`` or ``III`` for a commune, ``key complex`` for a province (Decision
        28/2025/QĐ-TTg); ``None`` when the area falls in no class or no classification applies.
        """
        return self.grades[0].value if self.grades else None

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the criteria not met."""
        if isinstance(self.criteria, _Criteria):
            return self.criteria.failed
        return tuple(cid for cid, r in self.criteria.items() if not r.met)

    def shortfall_results(self) -> list[tuple[str, RequirementResult]]:
        """Each requirement not met, with its criterion's id, in the plan's order."""
        criteria = self.criteria
        if isinstance(criteria, _Criteria):
            return criteria.shortfall_results()
        return [(cid, r) for cid in self.failed for r in criteria[cid].shortfalls]

    def outcome(self) -> tuple[object, ...] | None:
        """A key equal for assessments (against one plan) that differ at most in ``area_id``.

        Two assessments with the same outcome have the same :meth:`to_dict` but for ``id``,
        and the same verdicts and shortfalls: their date, level, verdicts and the counts their
        shortfalls read are equal. ``None`` when that is not known without building the results
        (an area with classifications, counts that are not integers).
        """
        if self.grades or not isinstance(self.criteria, _Criteria):
            return None
        found = self.criteria.outcome()
        if found is None:
            return None
        return outcome_key(
            self.plan_id, self.as_of, self.level, self.drug_free, self.criteria_from, found
        )

    def verdicts(self) -> dict[str, bool]:
        """Criterion id to whether it is met, in the plan's order (no result is built)."""
        if isinstance(self.criteria, _Criteria):
            return self.criteria.verdicts()
        return {cid: r.met for cid, r in self.criteria.items()}

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
        for cid, r in self.shortfall_results():
            lines.append(f"  {cid}: {r.explanation(lang)}")
        return "\n".join(lines)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data (an area of ``assess``): each criterion's verdict, each shortfall."""
        return {
            "id": self.area_id,
            "plan": self.plan_id,
            "as_of": self.as_of.isoformat(),
            "level": self.level.value if self.level else None,
            "drug_free": self.drug_free,
            "key_complex_class": self.key_complex_class,
            "criteria_from": self.criteria_from,
            "criteria": self.verdicts(),
            "grades": [g.to_dict(lang) for g in self.grades],
            "shortfalls": [
                {"criterion": cid, **r.to_dict(lang=lang)} for cid, r in self.shortfall_results()
            ],
        }


def evaluate_requirement(req: Requirement, counts: Mapping[str, Amount]) -> RequirementResult:
    """Evaluate one requirement on counts that contain every indicator it reads."""
    values = {name: counts[name] for name in req.indicators}
    met, vacuous, shortfall = req.outcome(counts)
    return RequirementResult(req, met, vacuous, MappingProxyType(values), shortfall)


def check_plan_date(plan: Plan, as_of: _dt.date) -> None:
    """Raise if ``as_of`` falls outside the plan's validity.

    Raises:
        NotValidOnDateError: The date is before the plan applies or after it ends.
    """
    scope = plan.scope
    if scope.valid_from is not None and as_of < scope.valid_from:
        raise worded_error(
            NotValidOnDateError,
            "plan_not_yet",
            plan=repr(plan.id),
            valid_from=scope.valid_from,
            day=as_of,
        )
    if scope.valid_to is not None and as_of > scope.valid_to:
        raise worded_error(
            NotValidOnDateError,
            "plan_ended",
            plan=repr(plan.id),
            valid_to=scope.valid_to,
            day=as_of,
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
        raise worded_error(LevelNotCoveredError, "plan_no_criteria", plan=repr(plan.id))
    if level is not None:
        check_valid_on(level, kind, as_of)
        if level not in scope.levels:
            levels = sorted(scope.levels, key=lambda lv: lv.value)
            raise worded_error(
                LevelNotCoveredError,
                "level_not_covered",
                plan=repr(plan.id),
                level=level.value,
                level_vi=level.info.name_vi,
                covered=", ".join(lv.value for lv in levels),
                covered_vi=", ".join(lv.info.name_vi for lv in levels),
            )
        return plan.compiled(level).criteria
    if len({c.levels for c in plan.criteria}) > 1:
        raise worded_error(LevelNotCoveredError, "plan_needs_level", plan=repr(plan.id))
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
        SnapshotError: An indicator the criteria need is missing, or the plan's own is not read.
    """
    p = get_plan(plan)
    if not isinstance(snapshot, Snapshot):
        raise InputError(f"expected a Snapshot, got {type(snapshot).__name__}")
    return _assessment(p, snapshot, _checked(p, snapshot))


_Checked = tuple[CompiledCriteria, tuple[Classification, ...]]


def _checked(p: Plan, snapshot: Snapshot) -> _Checked:
    """Check that ``snapshot`` can be assessed against ``p``: its criteria and classifications.

    What it checks depends only on the snapshot's vocabulary, level, kind, date and the names
    of its counts (see :func:`assess_each`).
    """
    snapshot.check_vocabulary(p.vocabulary, p.id)
    compiled = p.compiled(snapshot.level)
    key = (snapshot.kind, snapshot.as_of)
    if key not in compiled.checked:
        check_applicable(p, snapshot.as_of, snapshot.level, snapshot.kind)
        compiled.note_checked(key)
    counts = snapshot.counts
    classifications = compiled.cache.get("classifications")
    if classifications is None:
        classifications = compiled.cache["classifications"] = p.classifications_for(snapshot.level)
    if classifications or not counts.keys() >= compiled.needed:
        for c in p.decided_at(snapshot.level):
            for name in c.indicators:
                if name not in counts:
                    raise problem_error(missing_problem(name, c.id))
    return compiled, classifications


def _assessment(p: Plan, snapshot: Snapshot, checked: _Checked) -> Assessment:
    compiled, classifications = checked
    counts = snapshot.counts
    grades = tuple(grade(g, counts) for g in classifications)
    return assessment_of(
        p,
        snapshot.area_id,
        snapshot.as_of,
        snapshot.level,
        compiled,
        compiled.met(counts),
        counts,
        grades,
    )


def assessment_of(
    p: Plan,
    area_id: str | None,
    as_of: _dt.date,
    level: Level | None,
    compiled: CompiledCriteria,
    met: tuple[bool, ...],
    counts: Mapping[str, Amount],
    grades: tuple[GradeResult, ...] = (),
) -> Assessment:
    """The assessment of an area whose counts ``compiled`` decided ``met`` on (checked before).

    The one way an :class:`Assessment` is made: :func:`assess` and :func:`assess_each` make
    theirs with it, and so does the command line for a row it decided column by column
    (:func:`~vn_drugfree_criteria.engine.assess_plain.plain_assessment`).
    """
    return Assessment(
        plan_id=p.id,
        area_id=area_id,
        as_of=as_of,
        level=level,
        drug_free=all(met),
        criteria=_Criteria(compiled, met, counts),
        grades=grades,
        criteria_from=p.adopts,
    )


def assess_each(p: Plan, snapshots: Iterable[Snapshot]) -> list[Assessment | DrugFreeError]:
    """:func:`assess` on each snapshot, or the error it raises; the checks made once per kind.

    Snapshots of one vocabulary, level, kind, date and names of counts pass or fail
    :func:`assess`'s checks alike, so they are checked once (a table's rows share them).
    """
    out: list[Assessment | DrugFreeError] = []
    checks: dict[tuple[object, ...], _Checked | DrugFreeError] = {}
    kept = []  # the vocabularies named by id in the keys, kept alive
    for snapshot in snapshots:
        key = (id(snapshot.vocabulary), snapshot.level, snapshot.kind, snapshot.as_of, *snapshot)
        hit = checks.get(key)
        if hit is None:
            kept.append(snapshot.vocabulary)
            try:
                hit = _checked(p, snapshot)
            except DrugFreeError as exc:
                hit = exc
            checks[key] = hit
        out.append(hit if isinstance(hit, DrugFreeError) else _assessment(p, snapshot, hit))
    return out
