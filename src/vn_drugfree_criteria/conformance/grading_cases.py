"""Graded cases of the conformance vectors: every class boundary, tally, overlap and base.

For each classification that applies at a level, the counts of its signals are found in two
ways, each outcome decided by :mod:`~vn_drugfree_criteria.conformance.grading_oracle`:

* **both sides of every boundary**: for every requirement (and every option of an ``any_of``),
  for each end of its interval, a value inside and one step outside, the criterion's other
  requirements held and the ``any_of``'s other options failed; a ratio at a base where every end
  is a whole count, at a base where it is not (``offgrid-``), at a base above 2**53 (``big-``)
  and at a base of 0 (``zero-base``); a ``criteria_met`` requirement at the tallies on each side;
* **combinations**: every signal set in turn to 0 or to a value inside one of its intervals; from
  these, for each class, one combination where exactly ``min_met`` of its criteria hold and one
  where one fewer hold; for each pair of classes, one where both hold (the most severe wins);
  none at all; some criteria met but no class.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.conformance.builder import BIG
from vn_drugfree_criteria.conformance.grading_oracle import (
    ends,
    grade,
    in_interval,
    inside,
    leaves,
    sides,
)
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import DECIMALS

__all__ = ["graded_definition", "level_cases", "requirement_specs"]

Req = Mapping[str, Any]
Spec = tuple[str, str, dict[str, Any]]  # name, description, the counts it sets
Edge = tuple[str, dict[str, Any], bool]  # name, the counts it fixes, whether the rule holds
_HALF, _QUARTER = Fraction(1, 2), Fraction(1, 4)  # 749.5 and 750.25 around 750 m²
_KEEP = (
    "id",
    "kind",
    "indicator",
    "whole",
    "op",
    "bound",
    "exempt",
    "base",
    "interval",
    "class_id",
)


def _requirement(r: Mapping[str, Any]) -> dict[str, Any]:
    return {**{k: r[k] for k in _KEEP}, "options": [_requirement(o) for o in r["options"]]}


def graded_definition(plan: Plan) -> list[dict[str, Any]]:
    """A plan's classifications as the vectors publish them (the ``show`` form, trimmed)."""
    return [
        {
            "id": g["id"],
            "levels": g["levels"],
            "overlap_reading": g["overlap_reading"],
            "classes": [
                {
                    "id": k["id"],
                    "min_met": k["min_met"],
                    "criteria": [
                        {
                            "id": c["id"],
                            "requirements": [_requirement(r) for r in c["requirements"]],
                        }
                        for c in k["criteria"]
                    ],
                }
                for k in g["classes"]
            ],
        }
        for g in plan.to_dict()["classifications"]
    ]


class _Grading:
    """The cases of one classification at one level."""

    def __init__(self, g: Mapping[str, Any]) -> None:
        self.g = g
        self.leaves = [
            (k, c, r, leaf)
            for k in g["classes"]
            for c in k["criteria"]
            for r in c["requirements"]
            for leaf in leaves(r)
        ]
        ratios = [leaf for *_, leaf in self.leaves if leaf["kind"] == "ratio"]
        self.bases = sorted({leaf["base"] for leaf in ratios})
        qs = [Fraction(e).denominator for r in ratios for _, e, *_ in ends(r["interval"])]
        self.step = math.lcm(*qs) if qs else 1
        self.base = self.step * 5  # every ratio's ends are whole counts at this base
        self.combos = list(self._combos())

    def _combos(self) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, bool]]]:
        palette: dict[str, set[int]] = {}
        for *_, leaf in self.leaves:
            if leaf["kind"] == "criteria_met":
                continue
            palette.setdefault(leaf["indicator"], {0})
            if leaf["kind"] == "fact":
                palette[leaf["indicator"]].add(1)
            elif leaf["kind"] in ("count", "ratio"):
                scale = self.base if leaf["kind"] == "ratio" else 1
                palette[leaf["indicator"]].add(inside(leaf["interval"], scale))
        names = sorted(palette)
        choices = [sorted(palette[n]) for n in names]
        assert math.prod(len(c) for c in choices) <= 50_000, "too many combinations"
        for values in itertools.product(*choices):
            counts = {
                **dict.fromkeys(self.bases, self.base),
                **dict(zip(names, values, strict=True)),
            }
            outcome, verdicts = grade(self.g, counts)
            yield counts, outcome, verdicts

    def first(self, test: Callable[[dict[str, Any], dict[str, bool]], bool]) -> dict[str, Any]:
        """The first combination whose outcome passes ``test`` (empty when none does)."""
        return next((dict(c) for c, o, v in self.combos if test(o, v)), {})

    def context(self, c: Req, r: Req, leaf: Req) -> dict[str, Any]:
        """Counts where ``c``'s other requirements hold and ``r``'s other options fail."""
        others = [x["id"] for x in c["requirements"] if x is not r]
        rivals = [o["id"] for o in leaves(r) if o is not leaf]
        found = self.first(
            lambda _o, v: all(v[i] for i in others) and not any(v[i] for i in rivals)
        )
        return found or self.combos[0][0]

    def edge_specs(self) -> list[Spec]:
        """Both sides of every end of every interval, at each base."""
        out: list[Spec] = []
        for _, c, r, leaf in self.leaves:
            if leaf["kind"] == "criteria_met":
                out += self._tally_specs(c, r, leaf)
                continue
            ctx = self.context(c, r, leaf)
            name = leaf["indicator"]
            if leaf["kind"] == "fact":
                for side, value in (("in", 1), ("out", 0)):
                    out.append(self._spec(leaf, f"edge-{side}", ctx, {name: value}, side == "in"))
                continue
            if name in DECIMALS:
                out += self._decimal_specs(leaf, ctx)
            scales = [("", 1)]
            if leaf["kind"] == "ratio":
                scales = [("", self.base), ("offgrid-", self.base + 1)]
                scales.append(("big-", BIG - BIG % self.step))
            for tag, scale in scales:
                extra = {leaf["base"]: scale} if leaf["kind"] == "ratio" else {}
                for side, end, closed, low in ends(leaf["interval"]):
                    inside, outside = sides(end, closed, low, scale)
                    for where, value in (("in", inside), ("out", outside)):
                        if value < 0 or (tag == "offgrid-" and (end * scale).denominator == 1):
                            continue
                        fixed = {**extra, name: value}
                        label = f"{tag}{side}-{where}"
                        out.append(self._spec(leaf, label, ctx, fixed, where == "in"))
            if leaf["kind"] == "ratio":
                fixed = {leaf["base"]: 0, name: 0}
                out.append(self._spec(leaf, "zero-base", ctx, fixed, False))
        return out

    def _decimal_specs(self, leaf: Req, ctx: Mapping[str, Any]) -> list[Spec]:
        """An area in m²: exact decimals just below and above each end (749.5, 750.25)."""
        out = []
        name = leaf["indicator"]
        for side, end, *_ in ends(leaf["interval"]):
            for where, value in (("below", end - _HALF), ("above", end + _QUARTER)):
                if value >= 0:
                    met = in_interval(leaf["interval"], value)
                    label = f"decimal-{side}-{where}"
                    out.append(self._spec(leaf, label, ctx, {name: value}, met))
        return out

    def _spec(
        self, leaf: Req, label: str, ctx: Mapping[str, Any], fixed: dict[str, Any], expect: bool
    ) -> Spec:
        counts = {**ctx, **fixed}
        if grade(self.g, counts)[1][leaf["id"]] != expect:
            raise AssertionError(f"vector construction error: {leaf['id']}:{label}")
        shown = ", ".join(f"{k} = {v}" for k, v in fixed.items())
        desc = f"{leaf['id']} ({leaf['kind']}): {shown}, {'met' if expect else 'not met'}"
        return f"{self.g['id']}:{leaf['id']}:{label}", desc, counts

    def _tally_specs(self, c: Req, r: Req, leaf: Req) -> list[Spec]:
        """The tallies on each side of a ``criteria_met`` interval, the rest of ``c`` held."""
        out = []
        others = [x["id"] for x in c["requirements"] if x is not r]
        for side, end, closed, low in ends(leaf["interval"]):
            for where, n in zip(("in", "out"), sides(end, closed, low, 1), strict=True):

                def test(o: Any, v: Any, n: int = n) -> bool:
                    met = o["classes"][leaf["class_id"]]["met_count"]
                    return bool(met == n and all(v[i] for i in others))

                found = self.first(test)
                if found and n >= 0:
                    out.append(self._spec(leaf, f"tally-{side}-{where}", found, {}, where == "in"))
        return out

    def combination_specs(self) -> list[Spec]:
        """Each class at ``min_met`` and one short, every overlap, and no class at all."""
        out: list[Spec] = []
        classes = self.g["classes"]
        for k in classes:
            kid, need = k["id"], k["min_met"]
            for label, n, prefer in (("min-met", need, True), ("one-short", need - 1, False)):

                def test(
                    o: Any, _v: Any, n: int = n, kid: str = kid, prefer: bool = prefer
                ) -> bool:
                    return bool(
                        o["classes"][kid]["met_count"] == n and (o["value"] == kid) == prefer
                    )

                found = self.first(test)
                if found and n >= 0:
                    desc = f"class {kid}: {n} of its criteria hold, {need} needed"
                    out.append(
                        (f"{self.g['id']}:class-{kid.replace(' ', '-')}:{label}", desc, found)
                    )
        for a, b in itertools.combinations([k["id"] for k in classes], 2):

            def both(o: Any, _v: Any, a: str = a, b: str = b) -> bool:
                return bool(o["classes"][a]["holds"] and o["classes"][b]["holds"])

            found = self.first(both)
            if found:
                desc = f"classes {a} and {b} both hold: the most severe, {a}, is given"
                out.append((f"{self.g['id']}:overlap-{a}-{b}", desc, found))
        out.append(
            (f"{self.g['id']}:no-class-nothing", "no signal at all: no class", self.combos[0][0])
        )
        found = self.first(lambda o, _v: o["value"] is None and any(o["criteria"].values()))
        if found:
            desc = "some class criteria hold, too few for any class"
            out.append((f"{self.g['id']}:no-class-some-criteria", desc, found))
        return out


def level_cases(classifications: Sequence[Mapping[str, Any]], level: str) -> list[Spec]:
    """The graded cases of every classification that applies at ``level``."""
    out: list[Spec] = []
    for g in classifications:
        if level in g["levels"]:
            grading = _Grading(g)
            out += grading.combination_specs() + grading.edge_specs()
    return out


def _failing(option: Req, base: int) -> dict[str, Any]:
    """Counts under which one option of an ``any_of`` does not hold."""
    if option["kind"] == "fact":
        return {option["indicator"]: 0}
    scale = base if option["kind"] == "ratio" else 1
    for _, end, closed, low in ends(option["interval"]):
        value = sides(end, closed, low, scale)[1]
        if value >= 0:
            return {option["indicator"]: value}
    raise AssertionError(f"vector construction error: {option['id']} cannot fail")


def requirement_specs(req: Req, base: int, step: int) -> list[Edge]:
    """Both sides of every end of a drug-free requirement of an extended kind.

    Each option of an ``any_of`` on its own, the others failed; a ratio at ``base`` (a multiple
    of ``step``, where its ends are whole counts), above 2**53 and at a base of 0.
    """
    out: list[Edge] = []
    for leaf in leaves(req):
        rivals: dict[str, Any] = {}
        for o in leaves(req):
            if o is not leaf:
                rivals.update(_failing(o, base))
        name, tag = leaf["indicator"], "" if leaf is req else f"{leaf['id']}:"
        if leaf["kind"] == "fact":
            out += [
                (f"{tag}edge-{w}", {**rivals, name: int(w == "in")}, w == "in")
                for w in ("in", "out")
            ]
            continue
        scales: list[tuple[str, int, dict[str, Any]]] = [("", 1, {})]
        if leaf["kind"] == "ratio":
            big = BIG - BIG % step
            scales = [("", base, {leaf["base"]: base}), ("big-", big, {leaf["base"]: big})]
            out.append((f"{tag}zero-base", {**rivals, leaf["base"]: 0, name: 0}, False))
        for prefix, scale, fixed in scales:
            for side, end, closed, low in ends(leaf["interval"]):
                for where, value in zip(("in", "out"), sides(end, closed, low, scale), strict=True):
                    if value >= 0:
                        counts = {**rivals, **fixed, name: value}
                        out.append((f"{tag}{prefix}{side}-{where}", counts, where == "in"))
    return out
