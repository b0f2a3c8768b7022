"""The results of one area's criteria and requirements, built when first read.

Split from :mod:`vn_drugfree_criteria.engine.assess`, which re-exports them. A requirement's
result depends only on the counts it reads (see :mod:`vn_drugfree_criteria.model.kernel`), so
the shortfalls of a criterion are kept by those counts and shared between the areas of a table
that have them, with their explanations and JSON forms: they are immutable.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, cast

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.kernel import CompiledCriteria
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.decimals import Amount, json_number

__all__ = [
    "CriterionResult",
    "RequirementResult",
    "criteria_outcome",
    "outcome_of",
    "outcome_reads",
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

    def shortfall_results(self) -> list[tuple[str, RequirementResult]]:
        """Each requirement not met, with its criterion's id, in the plan's order."""
        return [(cid, r) for cid in self.failed for r in self.shortfalls(cid)]

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the criteria not met, without building any result."""
        return tuple(c for c, ok in zip(self._compiled.index, self._met, strict=True) if not ok)

    def outcome(self) -> tuple[object, ...] | None:
        """The verdicts, and for each criterion not met the counts its shortfalls depend on.

        See :func:`criteria_outcome`.
        """
        return criteria_outcome(self._compiled, self._met, self._counts)


def criteria_outcome(
    compiled: CompiledCriteria, met: tuple[bool, ...], counts: Mapping[str, Amount]
) -> tuple[object, ...] | None:
    """The verdicts ``met``, and the counts the shortfalls of the criteria not met read.

    Two results of the same compiled criteria with equal outcomes have the same verdicts and
    the same shortfalls (the law :meth:`_Criteria.shortfalls` keeps them by); ``None`` when a
    count read by a shortfall is not an integer (exact decimals are not kept).
    """
    if False not in met:
        return (met,)
    return outcome_of(met, outcome_reads(compiled, met)[1](counts))


def outcome_of(
    met: tuple[bool, ...], values: tuple[Amount, ...], *, integers: bool = False
) -> tuple[object, ...] | None:
    """:func:`criteria_outcome` of verdicts ``met`` not all true, given the counts it reads.

    ``values`` are the counts at the names of :func:`outcome_reads`, in their order;
    ``integers`` when they are known to be integers (else they are looked at).
    """
    if not integers and not set(map(type, values)) <= {int}:
        return None
    return (met, values)


def outcome_reads(
    compiled: CompiledCriteria, met: tuple[bool, ...]
) -> tuple[tuple[str, ...], Callable[[Mapping[str, Amount]], tuple[Amount, ...]]]:
    """The names :func:`criteria_outcome` reads for verdicts ``met``, and a function reading them.

    The names are those the shortfalls of the criteria not met read, in order (found once).
    """
    reads = compiled.cache.setdefault("outcome_reads", {})
    read = reads.get(met)
    if read is None:  # the names the shortfalls of these criteria read, once per verdicts
        failed = (i for i, ok in enumerate(met) if not ok)
        names = tuple(dict.fromkeys(n for i in failed for n in _shortfall_cache(compiled, i)[1]))
        read = reads[met] = (names, _reader(names))
    return read  # type: ignore[no-any-return]


def _reader(names: tuple[str, ...]) -> Callable[[Mapping[str, Amount]], tuple[Amount, ...]]:
    """A function giving the values at ``names`` of a mapping, as a tuple."""
    if len(names) < 2:  # itemgetter gives a tuple for two names or more
        return lambda counts: tuple(counts[n] for n in names)
    return cast(Callable[[Mapping[str, Amount]], tuple[Amount, ...]], operator.itemgetter(*names))


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
