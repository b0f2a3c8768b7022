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
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, cast

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.grading import GradeResult, grade
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
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import Level, check_valid_on
from vn_drugfree_criteria.vocab.problem_words import problem_error, worded_error

__all__ = [
    "Assessment",
    "CriterionResult",
    "RequirementResult",
    "assess",
    "assess_each",
    "check_applicable",
    "check_plan_date",
]


_EXPLAINED: dict[tuple[int, str], tuple[RequirementResult, Any]] = {}
"""Explanations and JSON forms of results, by the result's id and the language (bounded)."""


@attrs.frozen
class RequirementResult(Displayable):
    """The outcome of one requirement for one area.

    Attributes:
        requirement: The rule.
        met: Whether it holds.
        vacuous: Whether it holds only because its whole is 0.
        values: The counts it read.
        shortfall: How many units are missing to comply (0 when met): items to remove for
            ``none``, members still lacking for ``all`` and ``share``, units to add for ``at_least``.

    The explanations are written when first read, so assessing many areas costs nothing for the
    sentences nobody reads.
    """

    requirement: Requirement = attrs.field(repr=lambda r: f"<Requirement {r.id}>")
    met: bool
    vacuous: bool
    values: Mapping[str, Amount]
    shortfall: Amount

    @property
    def explanation_vi(self) -> str:
        """One sentence in Vietnamese."""
        return self.requirement.sentence(self, "vi")

    @property
    def explanation_en(self) -> str:
        """One sentence in English."""
        return self.requirement.sentence(self, "en")

    def explanation(self, lang: str = "vi") -> str:
        """The explanation in ``vi`` or ``en`` (kept: the shortfalls of a table share results)."""
        key = (id(self), lang)
        hit = _EXPLAINED.get(key)
        if hit is not None and hit[0] is self:  # the result is kept, so its id is not reused
            return cast(str, hit[1])
        text = self.explanation_en if lang == "en" else self.explanation_vi
        if len(_EXPLAINED) >= 8192:
            _EXPLAINED.clear()
        _EXPLAINED[key] = (self, text)
        return text

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data: the requirement's id, the outcome, the counts read, the explanation."""
        key = (id(self), "dict " + lang)
        hit = _EXPLAINED.get(key)
        if hit is None or hit[0] is not self:
            made: dict[str, Any] = {
                "requirement": self.requirement.id,
                "met": self.met,
                "vacuous": self.vacuous,
                "values": {name: json_number(value) for name, value in self.values.items()},
                "shortfall": json_number(self.shortfall),
                "explanation": self.explanation(lang),
            }
            if len(_EXPLAINED) >= 8192:
                _EXPLAINED.clear()
            hit = _EXPLAINED[key] = (self, made)
        form = cast(dict[str, Any], hit[1])
        return {**form, "values": dict(form["values"])}  # a copy the caller may change


@attrs.frozen
class CriterionResult(Displayable):
    """The outcome of one criterion: met when every requirement holds."""

    criterion: Criterion = attrs.field(repr=lambda c: f"<Criterion {c.id}>")
    met: bool
    requirements: tuple[RequirementResult, ...]

    @property
    def shortfalls(self) -> tuple[RequirementResult, ...]:
        """The requirements that do not hold."""
        return tuple(r for r in self.requirements if not r.met)

    def explain(self, lang: str = "vi") -> str:
        """All requirement explanations, one per line."""
        return "\n".join(r.explanation(lang) for r in self.requirements)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready data: the criterion's id, whether it is met, each requirement's outcome."""
        reqs = [r.to_dict(lang=lang) for r in self.requirements]
        return {"criterion": self.criterion.id, "met": self.met, "requirements": reqs}


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
            return [(cid, r) for cid in criteria.failed for r in criteria.shortfalls(cid)]
        return [(cid, r) for cid in self.failed for r in criteria[cid].shortfalls]

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


class _Criteria(Mapping[str, CriterionResult]):
    """Criterion id to result, in the plan's order; each result is built when first read.

    The verdicts are decided up front (cheaply, in integers); the result objects with their
    numbers and explanations are made on demand, so assessing many areas stays fast.
    """

    __slots__ = ("_built", "_compiled", "_counts", "_met")

    def __init__(
        self, compiled: CompiledCriteria, met: tuple[bool, ...], counts: Mapping[str, Amount]
    ) -> None:
        self._compiled = compiled
        self._met = met
        self._counts = counts
        self._built: dict[str, CriterionResult] = {}

    def __getitem__(self, key: str) -> CriterionResult:
        built = self._built.get(key)
        if built is None:
            index = self._compiled.index[key]
            reqs = tuple(self._requirements(index, unmet_only=False))
            c = self._compiled.criteria[index]
            built = self._built[key] = CriterionResult(c, self._met[index], reqs)
        return built

    def _requirements(self, index: int, *, unmet_only: bool) -> Iterator[RequirementResult]:
        """The results of the requirements of criterion ``index`` (or only those not met)."""
        compiled, counts = self._compiled, self._counts
        for r, names, (met, vacuous) in zip(
            compiled.criteria[index].requirements,
            compiled.reads[index],
            compiled.verdicts[index](counts),
            strict=True,
        ):
            if not (met and unmet_only):
                values = MappingProxyType({n: counts[n] for n in names})
                yield RequirementResult(r, met, vacuous, values, r.shortfall(counts))

    def shortfalls(self, key: str) -> tuple[RequirementResult, ...]:
        """The requirements of criterion ``key`` not met (without building the others).

        A requirement's result depends only on the counts it reads (see the kernel), so the
        results of a criterion are kept for the integer counts its requirements read (many
        areas of a table share them) and shared: they are immutable.
        """
        built = self._built.get(key)
        if built is not None:
            return built.shortfalls
        index = self._compiled.index[key]
        cache, seen = _shortfall_cache(self._compiled, index)
        values = tuple(map(self._counts.__getitem__, seen))
        if not set(map(type, values)) <= {int}:  # exact decimals are not kept
            return tuple(self._requirements(index, unmet_only=True))
        hit = cache.get(values)
        if hit is None:
            if len(cache) >= 4096:
                cache.clear()
            hit = cache[values] = tuple(self._requirements(index, unmet_only=True))
        return hit

    def __iter__(self) -> Iterator[str]:
        return iter(self._compiled.index)

    def __contains__(self, key: object) -> bool:  # without building any result
        return key in self._compiled.index

    def __len__(self) -> int:
        return len(self._met)

    def __repr__(self) -> str:
        pairs = zip(self._compiled.index, self._met, strict=True)
        return "{" + ", ".join(f"{k!r}: met={v}" for k, v in pairs) + "}"

    def verdicts(self) -> dict[str, bool]:
        """Criterion id to whether it is met, without building any result."""
        return dict(zip(self._compiled.index, self._met, strict=True))

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the criteria not met, without building any result."""
        return tuple(c for c, ok in zip(self._compiled.index, self._met, strict=True) if not ok)


def _shortfall_cache(
    compiled: CompiledCriteria, index: int
) -> tuple[dict[tuple[Amount, ...], tuple[RequirementResult, ...]], tuple[str, ...]]:
    """The kept shortfalls of criterion ``index`` by the counts it reads, and those names."""
    caches = compiled.cache.setdefault("shortfalls", {})
    hit = caches.get(index)
    if hit is None:
        names = tuple(dict.fromkeys(n for reads in compiled.reads[index] for n in reads))
        hit = caches[index] = ({}, names)
    return hit  # type: ignore[no-any-return]


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
    met = compiled.met(counts)
    return Assessment(
        plan_id=p.id,
        area_id=snapshot.area_id,
        as_of=snapshot.as_of,
        level=snapshot.level,
        drug_free=all(met),
        criteria=_Criteria(compiled, met, counts),
        grades=tuple(grade(g, counts) for g in classifications),
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
