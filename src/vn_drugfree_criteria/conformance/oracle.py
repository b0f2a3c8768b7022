"""The oracle of the conformance vectors: each rule decided again, in whole numbers only.

The vectors' expected outcomes must not come from the code they test, so this module decides
requirements from their published shape alone (kind, operator, bound ``p/q``, counts), with no
call into the library's kernel and no fraction or float arithmetic: ``part / whole op p / q`` is
``part * q op p * whole``. The same rules are stated in the implementers' guide; an app in any
language can follow them line by line.

>>> rule = Rule("share", ">=", 83, 100, "households_committed", "households")
>>> decide(rule, {"households": 55, "households_committed": 46})
(True, False, 0)
>>> decide(rule, {"households": 55, "households_committed": 45})
(False, False, 1)
>>> edges(rule, 100)
((83, 82),)
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["Rule", "boundary", "decide", "edges", "shortfall"]

# The operators as the ``op`` member of ``show`` and the vectors spell them, in ASCII.
_CMP = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}
ASCII_OPS = {">": ">", "≥": ">=", "<": "<", "≤": "<=", "=": "="}


@attrs.frozen
class Rule:
    """A requirement's shape: ``kind``, ``op`` (ASCII), the bound ``p/q`` and what it reads."""

    kind: str
    op: str
    p: int
    q: int
    indicator: str
    whole: str | None = None
    exempt: tuple[str, ...] = ()


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def boundary(rule: Rule, whole: int) -> tuple[int, int]:
    """``(floor, ceil)`` of ``p * whole / q``: where a share's threshold falls for ``whole``."""
    return (rule.p * whole) // rule.q, _ceil_div(rule.p * whole, rule.q)


def _met(rule: Rule, counts: Mapping[str, int]) -> bool:
    value = counts[rule.indicator]
    if rule.kind == "none":
        return value == 0
    if rule.kind == "none_except":
        return value <= sum(counts[n] for n in rule.exempt)
    if rule.kind == "at_least":
        return value * rule.q >= rule.p
    assert rule.whole is not None
    whole = counts[rule.whole]
    if whole == 0:
        return True
    if rule.kind == "all":
        return value == whole
    return bool(_CMP[rule.op](value * rule.q, rule.p * whole))


def shortfall(rule: Rule, counts: Mapping[str, int]) -> int:
    """How many units are missing to comply; 0 when the rule holds.

    ``none``: the count itself; ``none_except``: the count minus its exempt parts;
    ``at_least``: the minimum minus the count; ``all``: the whole
    minus the part; a share read as ≥ or >: the least compliant part minus the part; as ≤ or <:
    the part minus the greatest compliant part; as =: the distance to ``ceil(p * whole / q)``,
    at least 1.
    """
    if _met(rule, counts):
        return 0
    value = counts[rule.indicator]
    if rule.kind == "none":
        return value
    if rule.kind == "none_except":
        return value - sum(counts[n] for n in rule.exempt)
    if rule.kind == "at_least":
        return _ceil_div(rule.p, rule.q) - value
    assert rule.whole is not None
    whole = counts[rule.whole]
    if rule.kind == "all":
        return whole - value
    low, high = boundary(rule, whole)
    gap = {
        ">=": high - value,
        ">": low + 1 - value,
        "<=": value - low,
        "<": value - (high - 1),
        "=": abs(high - value),
    }[rule.op]
    return max(1, gap)


def decide(rule: Rule, counts: Mapping[str, int]) -> tuple[bool, bool, int]:
    """``(met, vacuous, shortfall)`` of ``rule`` on one area's counts."""
    vacuous = rule.whole is not None and counts[rule.whole] == 0
    return _met(rule, counts), vacuous, shortfall(rule, counts)


def edges(rule: Rule, whole: int) -> tuple[tuple[int, int], ...]:
    """Pairs ``(met, unmet)``: a count on each side of the rule's boundary, for ``whole``.

    ``=`` has two: one step below and one step above the exact share, and none when ``whole``
    does not make the share a whole count (no part meets it). A side that no count in
    ``0..whole`` reaches is left out by the caller.
    """
    if rule.kind == "none":
        return ((0, 1),)
    if rule.kind == "at_least":
        minimum = _ceil_div(rule.p, rule.q)
        return ((minimum, minimum - 1),)
    if rule.kind == "all":
        return ((whole, whole - 1),)
    low, high = boundary(rule, whole)
    if rule.op == ">=":
        return ((high, high - 1),)
    if rule.op == ">":
        return ((low + 1, low),)
    if rule.op == "<=":
        return ((low, low + 1),)
    if rule.op == "<":
        return ((high - 1, high),)
    return ((low, low - 1), (low, low + 1)) if low == high else ()
