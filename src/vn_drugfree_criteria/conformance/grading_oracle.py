"""The oracle of graded outcomes: classes decided again from their published form alone.

A classification is read as the vectors' ``definitions`` (and ``show --format json``) print it:
classes from the most severe down, each with ``min_met`` and criteria whose requirements carry a
``kind``, an ``indicator``, a ``base`` (for a ratio), an ``interval`` whose ends are exact
fractions ``p/q``, ``options`` (for ``any_of``) and a ``class_id`` (for ``criteria_met``). Every
comparison is made in whole numbers (``value * q`` against ``p``, or ``p * base``); nothing here
calls the library's kernel. The same rules are written out in the implementers' guide.

>>> iv = {"lower": "1/1000", "lower_closed": True, "upper": "1/200", "upper_closed": False}
>>> ratio = {"kind": "ratio", "indicator": "u", "base": "r", "interval": iv}
>>> [holds(ratio, {"u": u, "r": 10_000}, {}) for u in (9, 10, 49, 50)]
[False, True, True, False]
>>> holds(ratio, {"u": 0, "r": 0}, {})
False
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.conformance.oracle import ASCII_OPS, Rule, decide

__all__ = [
    "GRADED_KINDS",
    "ends",
    "grade",
    "graded_outcome",
    "holds",
    "in_interval",
    "inside",
    "leaves",
    "shortfall",
    "sides",
    "tally_key",
]

Req = Mapping[str, Any]
# The kinds decided here; the others are the drug-free kinds of :mod:`.oracle`.
GRADED_KINDS = frozenset({"count", "ratio", "fact", "any_of", "criteria_met"})


def tally_key(class_id: str) -> str:
    """Where a class's number of criteria met is kept while a classification is decided."""
    return f"criteria_met:{class_id}"


@functools.cache
def _fraction(text: str) -> tuple[int, int]:
    parts = [int(x) for x in str(text).split("/")] + [1]
    return parts[0], parts[1]


def in_interval(iv: Mapping[str, Any], value: int | Fraction, base: int | None = None) -> bool:
    """Whether ``value`` (or ``value / base``) lies in the interval, in whole numbers."""
    for end, closed, low in (
        (iv["lower"], iv["lower_closed"], True),
        (iv["upper"], iv["upper_closed"], False),
    ):
        if end is None:
            continue
        p, q = _fraction(end)
        left, right = value * q, p * (1 if base is None else base)
        if low and not (left >= right if closed else left > right):
            return False
        if not low and not (left <= right if closed else left < right):
            return False
    return True


def holds(req: Req, counts: Mapping[str, Any], tallies: Mapping[str, int]) -> bool:
    """Whether one requirement (of any kind) holds on an area's counts."""
    kind = req["kind"]
    if kind == "ratio":
        base = counts[req["base"]]
        return base > 0 and in_interval(req["interval"], counts[req["indicator"]], base)
    if kind == "count":
        return in_interval(req["interval"], counts[req["indicator"]])
    if kind == "criteria_met":
        return in_interval(req["interval"], tallies[tally_key(req["class_id"])])
    if kind == "fact":
        return bool(counts[req["indicator"]] == 1)
    if kind == "any_of":
        return any(holds(o, counts, tallies) for o in req["options"])
    p, q = _fraction(req["bound"])
    rule = Rule(
        kind, ASCII_OPS[req["op"]], p, q, req["indicator"], req["whole"], tuple(req["exempt"])
    )
    return decide(rule, counts)[0]


def ends(iv: Mapping[str, Any]) -> Iterator[tuple[str, Fraction, bool, bool]]:
    """Each finite end of an interval: ``(side, end, closed, is_lower)``."""
    for side, key, low in (("lower", "lower", True), ("upper", "upper", False)):
        if iv[key] is not None:
            yield side, Fraction(iv[key]), bool(iv[f"{key}_closed"]), low


def sides(end: Fraction, closed: bool, low: bool, scale: int) -> tuple[int, int]:
    """``(inside, outside)``: whole values one step apart across ``end * scale``."""
    x = end * scale
    if low:
        return (math.ceil(x), math.ceil(x) - 1) if closed else (math.floor(x) + 1, math.floor(x))
    return (math.floor(x), math.floor(x) + 1) if closed else (math.ceil(x) - 1, math.ceil(x))


def inside(iv: Mapping[str, Any], scale: int) -> int:
    """A whole value inside the interval (at its first end), for a ratio of base ``scale``."""
    found = list(ends(iv))
    return sides(*found[0][1:], scale)[0] if found else 0


def shortfall(req: Req, counts: Mapping[str, Any]) -> int:
    """How far a drug-free requirement of an extended kind is from holding (0 when it holds).

    ``count``: the distance to the end it fails, rounded up, at least 1; ``any_of``: the least
    of its options'; ``ratio`` and ``fact``: 0 (no single count to change).
    """
    if holds(req, counts, {}):
        return 0
    if req["kind"] == "any_of":
        return min(shortfall(o, counts) for o in req["options"])
    if req["kind"] != "count":
        return 0
    iv, value = req["interval"], counts[req["indicator"]]
    if iv["lower"] is not None and not in_interval({**iv, "upper": None}, value):
        gap = Fraction(iv["lower"]) - value
    else:
        gap = value - Fraction(iv["upper"])
    return int(max(1, math.ceil(gap)))


def leaves(req: Req) -> list[Req]:
    """The requirement itself, or the options of an ``any_of`` (recursively)."""
    if req["kind"] == "any_of":
        return [leaf for o in req["options"] for leaf in leaves(o)]
    return [req]


def grade(
    classification: Mapping[str, Any], counts: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, bool]]:
    """One classification on one area: its outcome, and every requirement's (and option's).

    Classes are decided from the mildest up, since a criterion may count how many criteria of a
    milder class hold; a class holds when at least ``min_met`` of its criteria hold (a criterion
    holds when all its requirements do); the area is given the most severe class that holds.
    """
    tallies: dict[str, int] = {}
    verdicts: dict[str, bool] = {}
    criteria: dict[str, bool] = {}
    classes: dict[str, dict[str, Any]] = {}
    for k in reversed(classification["classes"]):
        met = 0
        for c in k["criteria"]:
            ok = True
            for r in c["requirements"]:
                for leaf in leaves(r) if r["kind"] == "any_of" else ():
                    verdicts[leaf["id"]] = holds(leaf, counts, tallies)
                verdicts[r["id"]] = holds(r, counts, tallies)
                ok = ok and verdicts[r["id"]]
            criteria[c["id"]] = ok
            met += ok
        tallies[tally_key(k["id"])] = met
        classes[k["id"]] = {"met_count": met, "holds": met >= k["min_met"]}
    value = next((k["id"] for k in classification["classes"] if classes[k["id"]]["holds"]), None)
    ordered = {k["id"]: classes[k["id"]] for k in classification["classes"]}
    return {"value": value, "classes": ordered, "criteria": criteria}, verdicts


def graded_outcome(
    classifications: Sequence[Mapping[str, Any]], level: str | None, counts: Mapping[str, Any]
) -> dict[str, Any]:
    """What an ``assess`` case expects beyond the drug-free verdict, for a graded plan.

    ``key_complex_class`` is the class given by the first classification that applies at the
    area's level (``None`` when it gives none, or none applies, or no level is given);
    ``grades`` has, per classification that applies, its class, each class's number of
    criteria met and whether it holds, and each class criterion's outcome.
    """
    grades = {g["id"]: grade(g, counts)[0] for g in classifications if level in g["levels"]}
    first = next(iter(grades.values()), None)
    return {"key_complex_class": first["value"] if first else None, "grades": grades}
