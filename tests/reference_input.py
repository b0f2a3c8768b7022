"""The input policy of the implementers' guide, for the reference implementation.

Reads one count cell, and validates one row for a plan, from the vector document, the units
data and the indicators data alone; each mistake of :data:`tests.mutants.MISTAKES` about input
can be planted by name.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

MAX = 2**63 - 1


def _read_text(text: str, m: frozenset[str]) -> dict[str, Any]:
    if len(text) > 4096 and "too_long_accepted" not in m:
        return {"error": "too_long"}
    text = text.strip()
    if not text:
        return {"count": 0} if "blank_as_zero" in m else {"error": "missing"}
    if "thousands_separator_accepted" in m and re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", text):
        return {"count": int(text.replace(",", ""))}
    if "grouped_zeros_as_decimal" not in m and re.fullmatch(r"[1-9][0-9]{0,2}\.000", text):
        return {"error": "ambiguous_decimal"}
    if re.fullmatch(r"[0-9]+(\.0+)?", text) or (
        "non_ascii_digits_accepted" in m and text.isdigit()
    ):
        if "." in text and "decimal_text_refused" in m:
            return {"error": "not_whole_number"}
        n = int(text.split(".")[0])
        return {"count": n} if n <= MAX or "too_large_accepted" in m else {"error": "too_large"}
    if re.fullmatch(r"-[0-9]+(\.0+)?", text):
        return {"count": 0} if "negatives_accepted" in m else {"error": "negative"}
    digits = all(unicodedata.category(ch) == "Nd" for ch in text.lstrip("+-").replace(".", ""))
    if digits and not text.isascii():
        return {"error": "non_ascii_digits"}
    return {"error": "not_whole_number"}


def read_cell(cell: object, m: frozenset[str]) -> dict[str, Any]:
    """One count cell -> ``{"count": n}`` or ``{"error": code}``."""
    if cell is None:
        return {"count": 0} if "blank_as_zero" in m else {"error": "missing"}
    if isinstance(cell, bool):
        return {"count": int(cell)} if "boolean_as_count" in m else {"error": "boolean"}
    if isinstance(cell, float):
        if not cell.is_integer():
            return {"count": int(cell)} if "float_truncated" in m else {"error": "not_whole_number"}
        if cell > MAX:
            return {"error": "too_large"}
        if cell > 2**53 and "big_float_accepted" not in m:
            return {"error": "inexact_float"}
        cell = int(cell)
    if isinstance(cell, int):
        if cell < 0 and "negatives_accepted" not in m:
            return {"error": "negative"}
        return (
            {"count": cell} if cell <= MAX or "too_large_accepted" in m else {"error": "too_large"}
        )
    return _read_text(str(cell), m)


def _level(ref: Any, cell: object) -> tuple[str | None, bool]:
    """The level a row names, and whether the name is unknown."""
    if cell is None or not str(cell).strip():
        return None, False
    found = ref.resolve(str(cell), "2000-01-01")
    if found.get("error") in ("unknown_kind", "ambiguous_kind"):
        return None, True
    entries = ref.index[ref.fold(str(cell))]
    first = entries[0]
    return (first[6:] if first.startswith("level:") else ref.kinds[first[5:]]["level"]), False


def _date(cell: object, problems: list[list[str]]) -> str | None:
    if cell is None or not str(cell).strip():
        problems.append(["as_of", "as_of_missing"])
        return None
    try:
        return _dt.date.fromisoformat(str(cell).strip()).isoformat()
    except ValueError:
        problems.append(["as_of", "as_of_invalid"])
        return None


# One branch per documented row rule, as the implementers' guide lists them.
def validate_row(  # noqa: PLR0912
    ref: Any,
    definition: Mapping[str, Any],
    indicators: Mapping[str, Any],
    record: Mapping[str, Any],
) -> dict[str, Any]:
    """One row -> ``{"accepted": True}`` or ``{"rejected": [[field, code], ...]}``, sorted."""
    m = ref.m
    problems: list[list[str]] = []
    row_id = str(record.get("id") or "").strip() or None
    if row_id is None:
        problems.append(["id", "id_missing"])
    parent = record.get("parent_id")
    if parent is not None and str(parent).strip() == row_id:
        problems.append(["parent_id", "parent_is_self"])
    level, bad_level = _level(ref, record.get("level"))
    if bad_level:
        problems.append(["level", "level_unknown"])
    day = _date(record.get("as_of"), problems)
    criteria = definition["criteria"]
    applies = [c for c in criteria if level is None or level in c["levels"]]
    needed = {n for c in applies for r in c["requirements"] for n in (r["indicator"], r["whole"])}
    counts: dict[str, int] = {}
    blanks: set[str] = set()
    for item in indicators["indicators"]:
        name = item["name"]
        got = read_cell(record.get(name), m)
        if got.get("error") == "missing":
            blanks.add(name)
            if name in needed and "missing_needed_accepted" not in m:
                problems.append([name, "missing"])
        elif "error" in got:
            problems.append([name, got["error"]])
        else:
            counts[name] = got["count"]
    for pair in indicators["part_whole"]:
        part, whole = pair["part"], pair["whole"]
        if part not in counts:
            continue
        if whole in counts:
            if counts[part] > counts[whole] and "part_exceeds_whole_accepted" not in m:
                problems.append([part, "part_exceeds_whole"])
        elif whole in blanks and "part_without_whole_accepted" not in m:
            problems.append([part, "part_without_whole"])
    if day is not None and not bad_level:
        refusal = ref._applicable(definition, level, day)
        if isinstance(refusal, dict):
            scope = definition["scope"]
            before = scope["valid_from"] is not None and day < scope["valid_from"]
            after = scope["valid_to"] is not None and day > scope["valid_to"]
            if before or after:
                problems.append(["as_of", "plan_not_valid"])
            elif refusal["error"] == "not_valid_on_date":
                problems.append(["level", "level_not_valid"])
            else:
                problems.append(["level", "level_not_covered"])
    return {"rejected": sorted(problems)} if problems else {"accepted": True}
