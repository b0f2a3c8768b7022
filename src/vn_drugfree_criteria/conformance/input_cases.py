"""Input cases of the conformance vectors: what a cell means, and why a row is refused.

``cell`` cases give one count cell as JSON delivers it (a number, a text, ``null``, ``true``)
and expect the count it holds or the stable code of its refusal, following the documented input
policy (see :doc:`/implementers`) rather than the library's reader:

* an integer from 0 to 2**63 - 1 is that count; a negative one is ``negative``, a larger one
  ``too_large``; ``true``/``false`` are ``boolean``; ``null`` is ``missing``;
* a number written with a fraction or exponent is read as a float: ``not_whole_number`` unless
  it is whole, ``negative`` below 0, ``too_large`` above 2**63 - 1, ``inexact_float`` above
  2**53;
* a text longer than 4096 characters is ``too_long``; blank text is ``missing``; otherwise,
  trimmed: ASCII digits with an optional ``.`` and zeros are the count (``too_large`` above
  2**63 - 1); a minus sign before such digits is ``negative``; digits of another script are
  ``non_ascii_digits``; anything else is ``not_whole_number``.

``row`` cases give one JSON row for a plan and expect it accepted, or refused with every
``[field, code]`` problem it has (a row reports all its problems at once).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vn_drugfree_criteria.conformance.builder import Builder
from vn_drugfree_criteria.conformance.cases import review_date
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import INDICATORS
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["cell_cases", "read_cell", "row_cases"]

MAX_COUNT = 2**63 - 1
_WHOLE = re.compile(r"[0-9]+(?:\.0+)?")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}\.000")  # 3 in English, 3000 in Vietnamese
_DIGITS_ANY_SCRIPT = re.compile(r"[+-]?\d+(?:[.,]\d*)?")

CELLS: tuple[object, ...] = (
    0, 3, 2**53, 2**53 + 1, MAX_COUNT, MAX_COUNT + 1, -1, None, True, False,
    3.0, 2.5, -2.0, 1e16, 9.3e18, 1e3,
    "3", " 3 ", "3.0", "3.00", "03", "0" * 30 + "5", "", "   ",
    "-3", "-0", "-3.5", "3.5", "1e3", "+3", "3,000", "3 000", "x", "1.", "1.0.0",
    "٣", "３", "9223372036854775807", "9223372036854775808", "9" * 30, "1" * 5000,
    "3.000", " 1.000 ", "999.000", "0.000", "01.000", "1000.000", "3.0000", "3.00", "-3.000",
)  # fmt: skip


# One return per documented form of a cell: the branches are the table of input rules.
def read_cell(cell: object) -> dict[str, Any]:  # noqa: PLR0911, PLR0912
    """The documented reading of one count cell: ``{"count": n}`` or ``{"error": code}``."""
    if cell is None:
        return {"error": "missing"}
    if isinstance(cell, bool):
        return {"error": "boolean"}
    if isinstance(cell, int):
        if cell < 0:
            return {"error": "negative"}
        return {"count": cell} if cell <= MAX_COUNT else {"error": "too_large"}
    if isinstance(cell, float):
        if not cell.is_integer():
            return {"error": "not_whole_number"}
        if cell < 0:
            return {"error": "negative"}
        if cell > MAX_COUNT:
            return {"error": "too_large"}
        return {"count": int(cell)} if cell <= 2**53 else {"error": "inexact_float"}
    assert isinstance(cell, str)
    if len(cell) > 4096:
        return {"error": "too_long"}
    text = cell.strip()
    if not text:
        return {"error": "missing"}
    if _GROUPED.fullmatch(text):
        return {"error": "ambiguous_decimal"}
    if _WHOLE.fullmatch(text):
        n = int(text.split(".")[0])
        return {"count": n} if n <= MAX_COUNT else {"error": "too_large"}
    if text.startswith("-") and _WHOLE.fullmatch(text[1:]):
        return {"error": "negative"}
    if _DIGITS_ANY_SCRIPT.fullmatch(text) and not text.isascii():
        return {"error": "non_ascii_digits"}
    return {"error": "not_whole_number"}


def cell_cases() -> list[dict[str, Any]]:
    """One case per cell form."""
    return [
        {
            "id": f"cell:{n}",
            "kind": "cell",
            "description": f"the count cell {cell!r:.40}",
            "cell": cell,
            "expected": read_cell(cell),
        }
        for n, cell in enumerate(CELLS, 1)
    ]


def _first_part(counts: Mapping[str, int]) -> tuple[str, str]:
    """A part the row carries, with its whole."""
    for name in (n for n in counts if n in INDICATORS):
        whole = INDICATORS[name].whole
        if whole is not None and whole in counts:
            return name, whole
    raise ValueError("no part/whole pair")


def _blanked(base: Mapping[str, Any], name: str) -> list[list[str]]:
    """Blanking ``name``: it is missing, and every part of it given is left without its whole."""
    parts = [p for p in base if p in INDICATORS and INDICATORS[p].whole == name]
    return [[name, "missing"]] + [[p, "part_without_whole"] for p in parts]


def _variants(plan: Plan, base: dict[str, Any]) -> dict[str, tuple[dict[str, Any], list[Any]]]:
    """Rows built from ``base`` with their expected problems, by name."""
    part, whole = _first_part(base)
    first = next(n for n in base if n in INDICATORS)
    uncovered = next(lv for lv in (Level.VILLAGE, Level.PROVINCE) if lv not in plan.scope.levels)
    before = plan.scope.valid_from.toordinal() - 1 if plan.scope.valid_from else None
    out: dict[str, tuple[dict[str, Any], list[Any]]] = {
        "valid": (base, []),
        "part-exceeds-whole": (
            {**base, part: base[whole] + 1},
            [[part, "part_exceeds_whole"]],
        ),
        "needed-blank": ({**base, first: None}, _blanked(base, first)),
        "whole-blank": ({**base, whole: ""}, _blanked(base, whole)),
        "negative-part": ({**base, part: -1}, [[part, "negative"]]),
        "two-bad-cells": (
            {**base, first: True, part: "3.5"},
            [[first, "boolean"], [part, "not_whole_number"]],
        ),
        "level-unknown": ({**base, "level": "làng nghề"}, [["level", "level_unknown"]]),
        "level-unknown-and-negative": (
            {**base, "level": "làng nghề", first: -2},
            [[first, "negative"], ["level", "level_unknown"]],
        ),
        "level-not-covered": (
            {**base, "level": uncovered.value},
            [["level", "level_not_covered"]],
        ),
        "as-of-invalid": ({**base, "as_of": "2024-02-30"}, [["as_of", "as_of_invalid"]]),
        "as-of-missing": ({**base, "as_of": None}, [["as_of", "as_of_missing"]]),
        "id-missing": ({**base, "id": " "}, [["id", "id_missing"]]),
        "parent-is-self": ({**base, "parent_id": base["id"]}, [["parent_id", "parent_is_self"]]),
    }
    if before is not None:
        day = type(plan.scope.valid_from).fromordinal(before).isoformat()  # type: ignore[union-attr]
        out["plan-not-valid"] = ({**base, "as_of": day}, [["as_of", "plan_not_valid"]])
    return out


def row_cases(plan: Plan) -> list[dict[str, Any]]:
    """Rows for ``plan`` at its lowest level, each with the problems it must be refused for."""
    if not plan.criteria:
        return []
    level = max(plan.scope.levels, key=lambda lv: lv.rank)
    day = review_date(plan)
    own = plan.criteria_for(level)
    counts = Builder(own, (c for c in plan.criteria if c not in own)).counts()
    # A graded plan (Decision 28) also reads its classes' indicators: present, at zero.
    counts.update({n: 0 for n in plan.indicators_for(level) if n not in counts})
    base = {"id": "A1", "level": level.value, "as_of": day.isoformat(), **counts}
    out = []
    try:
        variants = _variants(plan, base)
    except ValueError:  # a plan without a part/whole pair: nothing to break
        return []
    for name, (record, problems) in variants.items():
        expected: dict[str, Any] = (
            {"accepted": True} if not problems else {"rejected": sorted(problems)}
        )
        out.append(
            {
                "id": f"{plan.id}:row:{name}",
                "kind": "row",
                "plan": plan.id,
                "description": f"one row: {name.replace('-', ' ')}",
                "record": record,
                "expected": expected,
            }
        )
    return out
