"""Unit-kind cases of the conformance vectors: a name and a date -> a level and kind, or a refusal.

Every level and kind is named in its canonical spelling, every alias, NFD, upper case and
without diacritics, on a day it exists; each validity date is tested on both sides. Expected
outcomes come from the units data by construction (what a name is the name *of*), not from the
library's lookup.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from typing import Any

from vn_drugfree_criteria.vocab.levels import Level, UnitKind, units
from vn_drugfree_criteria.vocab.text import fold

__all__ = ["unit_cases"]

_ONE_DAY = _dt.timedelta(days=1)


def _spellings(name: str) -> dict[str, str]:
    """A name in several spellings: as written, NFD, upper case, without diacritics."""
    plain = unicodedata.normalize("NFD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D")
    return {
        "nfc": unicodedata.normalize("NFC", name),
        "nfd": unicodedata.normalize("NFD", name),
        "upper": f"  {name.upper()} ",
        "ascii": plain,
    }


def _case(name: str, day: _dt.date, label: str, description: str, outcome: Any) -> dict[str, Any]:
    return {
        "id": f"unit:{label}:{day.isoformat()}",
        "kind": "unit",
        "name": name,
        "as_of": day.isoformat(),
        "description": description,
        "expected": outcome,
    }


def _level_names() -> dict[str, Level]:
    names: dict[str, Level] = {}
    for info in units().levels.values():
        for n in (info.level.value, info.name_vi, info.name_en, *info.aliases):
            names[fold(n)] = info.level
    return names


def _kind_outcome(kind: UnitKind, key: str, levels: dict[str, Level]) -> dict[str, Any]:
    """What a name of ``kind`` resolves to: a name that is also a level's names the level only."""
    if key in levels:
        return {"level": levels[key].value, "kind": None}
    same = [k for k in units().kinds if key in {fold(n) for n in _names(k)}]
    if len({k.level for k in same}) > 1:
        return {"error": "ambiguous_kind"}
    return {"level": kind.level.value, "kind": kind.id if len(same) == 1 else None}


def _names(kind: UnitKind) -> tuple[str, ...]:
    return (kind.id, kind.name_vi, kind.name_en, *kind.aliases)


def _days(valid_from: _dt.date | None, valid_to: _dt.date | None) -> list[tuple[_dt.date, bool]]:
    reform = units().reform.effective
    days = [(valid_to or valid_from or reform, True)]
    if valid_to is not None:
        days.append((valid_to + _ONE_DAY, False))
    if valid_from is not None:
        days.append((valid_from - _ONE_DAY, False))
    return days


def unit_cases() -> list[dict[str, Any]]:
    """Every unit-kind and level case."""
    levels = _level_names()
    out: list[dict[str, Any]] = []
    refused = {"error": "not_valid_on_date"}
    for info in units().levels.values():
        for day, ok in _days(info.valid_from, info.valid_to):
            outcome = {"level": info.level.value, "kind": None} if ok else refused
            desc = f"the {info.name_en}" + ("" if ok else ", on a day it does not exist")
            out.append(_case(info.level.value, day, f"level-{info.level.value}", desc, outcome))
    for kind in units().kinds:
        label = f"kind-{kind.id}"
        for n, name in enumerate(_names(kind)):
            outcome = _kind_outcome(kind, fold(name), levels)
            day = _days(kind.valid_from, kind.valid_to)[0][0]
            out.append(_case(name, day, f"{label}-name{n}", f"a name of {kind.name_en}", outcome))
        base = _kind_outcome(kind, fold(kind.name_vi), levels)
        for day, ok in _days(kind.valid_from, kind.valid_to):
            for style, name in _spellings(kind.name_vi).items():
                desc = f"{kind.name_en} ({style})" + ("" if ok else " on a day it does not exist")
                dated = base
                if "error" not in base:
                    exists = ok if base["kind"] else Level(base["level"]).valid_on(day)
                    dated = base if exists else refused
                out.append(_case(name, day, f"{label}-{style}", desc, dated))
    day = units().reform.effective
    for label, name, code in (
        ("unknown", "làng nghề", "unknown_kind"),
        ("empty", "  ", "unknown_kind"),
        ("ambiguous", "Thành phố", "ambiguous_kind"),
    ):
        out.append(_case(name, day, label, f"{label} name", {"error": code}))
    return out
