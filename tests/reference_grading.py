"""The reference implementation's key complex classes, written from the implementers' guide.

Reads a plan's ``classifications`` as the vectors' ``definitions`` give them and never imports
the library. The grading mistakes of :data:`tests.mutants.MISTAKES` can be planted by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

GRADED = frozenset({"count", "ratio", "fact", "any_of", "criteria_met"})
Decide = Callable[[Mapping[str, Any], Mapping[str, int]], dict[str, Any]]

_CMP: dict[tuple[bool, bool], Callable[[Any, Any], bool]] = {
    (True, True): lambda a, b: a >= b,  # a lower end, closed
    (True, False): lambda a, b: a > b,
    (False, True): lambda a, b: a <= b,
    (False, False): lambda a, b: a < b,
}


def _fraction(text: str) -> tuple[int, int]:
    parts = [int(x) for x in str(text).split("/")] + [1]
    return parts[0], parts[1]


class Grader:
    """Classes of one plan's classifications, with the named mistakes planted."""

    def __init__(self, mistakes: frozenset[str], decide_other: Decide) -> None:
        self.m = mistakes
        self.decide_other = decide_other

    def _ends(self, iv: Mapping[str, Any], ratio: bool) -> list[tuple[Any, bool, bool]]:
        m = self.m
        lower, lower_closed = iv["lower"], iv["lower_closed"]
        upper, upper_closed = iv["upper"], iv["upper_closed"]
        if "below_literal" in m and lower == "0" and not lower_closed:
            lower = None  # "dưới 0,1%" read as [0, 0,1%): none at all is below it too
        if "range_closed_top" in m and lower is not None and upper is not None and ratio:
            upper_closed = True
        if "one_as_at_least" in m and lower == upper and lower_closed and upper_closed:
            upper = None
        return [(lower, lower_closed, True), (upper, upper_closed, False)]

    def in_interval(self, iv: Mapping[str, Any], value: int, base: int | None = None) -> bool:
        """Whether the value (or ratio) lies in the interval."""
        for end, closed, low in self._ends(iv, base is not None):
            if end is None:
                continue
            p, q = _fraction(end)
            if base is not None and "ratio_float" in self.m:
                left, right = value / base, p / q
            elif base is not None and "ratio_rounded_percent" in self.m:
                left, right = round(value * 100 / base, 2), round(p * 100 / q, 2)
            else:
                left, right = value * q, p * (1 if base is None else base)
            if not _CMP[(low, closed)](left, right):
                return False
        return True

    def holds(
        self, req: Mapping[str, Any], counts: Mapping[str, int], tallies: dict[str, int]
    ) -> bool:
        """One requirement of a class criterion."""
        m, kind = self.m, req["kind"]
        if kind == "ratio":
            base = counts["residents" if "ratio_wrong_base" in m else req["base"]]
            if base == 0:
                return "zero_base_met" in m
            return self.in_interval(req["interval"], counts[req["indicator"]], base)
        if kind == "count":
            return self.in_interval(req["interval"], counts[req["indicator"]])
        if kind == "criteria_met":
            return self.in_interval(req["interval"], tallies.get(req["class_id"], 0))
        if kind == "fact":
            return counts[req["indicator"]] == 1
        if kind == "any_of":
            combine = all if "any_of_as_and" in m else any
            return combine(self.holds(o, counts, tallies) for o in req["options"])
        return bool(self.decide_other(req, counts)["met"])

    def shortfall(self, req: Mapping[str, Any], counts: Mapping[str, int]) -> int:
        """How far a drug-free requirement of an extended kind is from holding."""
        if self.holds(req, counts, {}):
            return 0
        if req["kind"] == "any_of":
            return min(self.shortfall(o, counts) for o in req["options"])
        if req["kind"] != "count":
            return 0
        iv, value = req["interval"], counts[req["indicator"]]
        if iv["lower"] is not None and not self.in_interval({**iv, "upper": None}, value):
            p, q = _fraction(iv["lower"])
            return max(1, -((value * q - p) // q))
        p, q = _fraction(iv["upper"])
        return max(1, -((p - value * q) // q))

    def criterion(
        self, c: Mapping[str, Any], counts: Mapping[str, int], tallies: dict[str, int]
    ) -> bool:
        """A class criterion: all its requirements hold."""
        reqs = c["requirements"]
        if "dd_ignores_route" in self.m and any(r["kind"] == "criteria_met" for r in reqs):
            reqs = [r for r in reqs if r["kind"] == "criteria_met"]
        return all(self.holds(r, counts, tallies) for r in reqs)

    def grade(self, g: Mapping[str, Any], counts: Mapping[str, int]) -> dict[str, Any]:
        """One classification on one area."""
        m = self.m
        tallies: dict[str, int] = {}
        classes: dict[str, dict[str, Any]] = {}
        criteria: dict[str, bool] = {}
        order = g["classes"] if "classes_top_down" in m else list(reversed(g["classes"]))
        for k in order:
            met = sum(self.criterion(c, counts, tallies) for c in k["criteria"])
            for c in k["criteria"]:
                criteria[c["id"]] = self.criterion(c, counts, tallies)
            tallies[k["id"]] = met
            need = k["min_met"] + (1 if "k_of_n_strict" in m else 0)
            need -= 1 if "k_of_n_minus_one" in m else 0
            classes[k["id"]] = {"met_count": met, "holds": met >= need}
        ranked = [k["id"] for k in g["classes"] if classes[k["id"]]["holds"]]
        value = (ranked[-1] if "most_severe_loses" in m else ranked[0]) if ranked else None
        ordered = {k["id"]: classes[k["id"]] for k in g["classes"]}
        return {"value": value, "classes": ordered, "criteria": criteria}

    def grades(
        self, classifications: list[Mapping[str, Any]], level: str | None, counts: Mapping[str, int]
    ) -> dict[str, Any]:
        """``key_complex_class`` and ``grades`` of a graded plan's verdict."""
        out = {g["id"]: self.grade(g, counts) for g in classifications if level in g["levels"]}
        first = next(iter(out.values()), None)
        return {"key_complex_class": first["value"] if first else None, "grades": out}
