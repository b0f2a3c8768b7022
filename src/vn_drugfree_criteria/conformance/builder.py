"""Consistent counts for the conformance vectors, and their expected outcomes.

A :class:`Builder` makes, for one plan at one level, counts that meet every requirement (parts
never above their wholes), then lets a case fix some counts and fills the rest around them. The
expected outcome of any set of counts comes from :mod:`~vn_drugfree_criteria.conformance.oracle`,
never from the library's kernel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.conformance.grading_oracle import GRADED_KINDS, holds, inside, shortfall
from vn_drugfree_criteria.conformance.oracle import ASCII_OPS, Rule, decide, edges
from vn_drugfree_criteria.model.rules import Criterion, Requirement
from vn_drugfree_criteria.vocab.indicators import INDICATORS, MAX_COUNT, with_wholes

__all__ = ["BIG", "Builder", "expected", "published", "rule_of"]

# A whole above 2**53 (where a double stops telling consecutive counts apart), below 2**63.
BIG = 2**62 + 2**61


def rule_of(req: Requirement) -> Rule:
    """The oracle's view of a requirement: only its published shape."""
    bound = Fraction(req.bound)
    return Rule(
        req.kind.value,
        ASCII_OPS[req.comparison.op.value],
        bound.numerator,
        bound.denominator,
        req.indicator,
        req.whole,
        tuple(req.exempt),
    )


def published(req: Requirement) -> dict[str, Any]:
    """A requirement as the vectors publish it: every member an implementation reads."""
    data = req.to_dict()
    keep = ("id", "kind", "indicator", "whole", "op", "bound", "exempt", "base", "interval")
    return {
        **{k: data[k] for k in keep},
        "options": [published(o) for o in req.options],
        "class_id": data["class_id"],
    }


def _depth(name: str) -> int:
    whole = INDICATORS[name].whole
    return 0 if whole is None else 1 + _depth(whole)


def _priority(rule: Rule) -> int:
    """Which rule sets an indicator's baseline: an exact share, then an upper bound, then any."""
    if rule.kind == "share" and rule.op == "=":
        return 0
    return 1 if rule.kind == "share" and rule.op in ("<", "<=") else 2


def whole_multiple(size: int, rule: Rule) -> int:
    """The largest multiple of the rule's denominator not above ``size`` (at least one)."""
    return max(rule.q, size - size % rule.q)


class Builder:
    """Counts for one plan at one level, every requirement met unless a case fixes a count.

    ``others`` (criteria that do not apply at the level) add their indicators, met as well
    where the level's own rules leave them free.
    """

    def __init__(self, criteria: tuple[Criterion, ...], others: Iterable[Criterion] = ()) -> None:
        self.criteria = criteria
        self.rules: dict[str, Rule] = {}
        # Requirements of the extended kinds, by the indicator each sets (a count inside the
        # interval, a ratio inside at its base, a fact as yes, an any_of's first option).
        self.graded: dict[str, dict[str, Any]] = {}
        others = tuple(others)  # criteria of other levels: met too where nothing here decides
        for own, crits in ((True, criteria), (False, others)):
            for req in (r for c in crits for r in c.requirements):
                if req.kind.value in GRADED_KINDS:
                    first = published(req)
                    while first["kind"] == "any_of":
                        first = first["options"][0]
                    self.graded.setdefault(first["indicator"], first)
                    continue
                r = rule_of(req)
                old = self.rules.get(r.indicator)
                if old is None or (own and _priority(r) < _priority(old)):
                    self.rules[r.indicator] = r
        names = with_wholes([i for c in (*criteria, *others) for i in c.indicators])
        order = list(INDICATORS)
        self.names = sorted(names, key=lambda n: (_depth(n), order.index(n)))
        denominators = [r.q for r in self.rules.values() if r.whole is not None]
        denominators += [
            Fraction(end).denominator
            for g in self.graded.values()
            if g["kind"] == "ratio"
            for end in (g["interval"]["lower"], g["interval"]["upper"])
            if end is not None
        ]
        # A multiple of every share's denominator, so each share's exact boundary is reachable.
        self.size = max(5, 2 * math.lcm(*denominators)) if denominators else 5

    def _graded_baseline(self, graded: Mapping[str, Any], out: Mapping[str, int]) -> int:
        """A yes for a fact; a value inside the interval of a count, or of a ratio at its base."""
        if graded["kind"] == "fact":
            return 1
        base = out.get(graded["base"], self.size) if graded["kind"] == "ratio" else 1
        return inside(graded["interval"], base)

    def _baseline(self, name: str, out: Mapping[str, int]) -> int:
        graded = self.graded.get(name)
        if graded is not None and name not in self.rules:
            return self._graded_baseline(graded, out)
        rule = self.rules.get(name)
        whole = INDICATORS[name].whole
        if rule is not None and rule.kind == "none":
            return 0
        if rule is not None and rule.kind == "at_least":
            return -(-rule.p // rule.q)
        if whole is None:
            return self.size
        if rule is not None and rule.kind == "share" and rule.op in ("=", "<", "<="):
            return edges(rule, out[whole])[0][0] if edges(rule, out[whole]) else 0
        return out[whole]

    def counts(self, fixed: Mapping[str, int] | None = None) -> dict[str, int]:
        """Counts meeting every requirement where possible, with ``fixed`` counts as given."""
        fixed = fixed or {}
        floor: dict[str, int] = {}  # a fixed part lifts every whole above it
        for name, value in fixed.items():
            up = INDICATORS[name].whole
            while up is not None:
                floor[up] = max(floor.get(up, 0), value)
                up = INDICATORS[up].whole
        out: dict[str, int] = {}
        for name in self.names:
            whole = INDICATORS[name].whole
            value = fixed.get(name, max(self._baseline(name, out), floor.get(name, 0)))
            if whole is not None:
                value = min(value, out[whole])
            out[name] = max(0, min(value, MAX_COUNT))
        return out


def expected(criteria: tuple[Criterion, ...], counts: Mapping[str, int]) -> dict[str, Any]:
    """The outcome of ``counts`` under ``criteria``, decided by the oracle."""
    reqs: dict[str, dict[str, Any]] = {}
    crits: dict[str, bool] = {}
    for c in criteria:
        for r in c.requirements:
            if r.kind.value in GRADED_KINDS:
                rule = published(r)
                met, vacuous, short = holds(rule, counts, {}), False, shortfall(rule, counts)
            else:
                met, vacuous, short = decide(rule_of(r), counts)
            reqs[r.id] = {"met": met, "vacuous": vacuous, "shortfall": short}
        crits[c.id] = all(reqs[r.id]["met"] for r in c.requirements)
    return {"drug_free": all(crits.values()), "criteria": crits, "requirements": reqs}
