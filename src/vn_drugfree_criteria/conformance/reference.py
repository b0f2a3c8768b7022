"""Machine-readable reference data for implementers: levels and unit kinds, and indicators.

:func:`units_to_dict` is what ``vn-drugfree units --format json`` prints: the levels and unit
kinds with their validity dates, the reform that ended the district level, what became of the
provinces and units the reform merged or ended, and the name index that turns any spelling into
a level or kind. :func:`indicators_to_dict` is what ``vn-drugfree indicators --format json``
prints: every indicator with its unit, labels and whole, and the part/whole checks.

>>> data = units_to_dict()
>>> [k["valid_from"] for k in data["kinds"] if k["id"] == "dac-khu"]
['2025-07-01']
>>> data["index"]["thi tran"]
['kind:thi-tran']
>>> indicators_to_dict()["part_whole"][0]
{'part': 'addicts_with_dossier', 'whole': 'addicts'}
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from vn_drugfree_criteria.auditing.facts import facts
from vn_drugfree_criteria.vocab.indicators import INDICATORS, MAX_COUNT
from vn_drugfree_criteria.vocab.levels import Level, units

__all__ = ["indicators_to_dict", "units_to_dict"]


def _day(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# Long: one literal document that mirrors the reference data's schema section by section.
def units_to_dict() -> dict[str, Any]:
    """The levels, unit kinds, reform and name index as JSON-ready data.

    ``index`` maps a folded name (Unicode NFD, combining marks removed, ``đ`` as ``d``, case
    folded, runs of white space as one space, trimmed) to what it names, in order:
    ``level:ID`` and ``kind:ID`` entries. A name naming more than one level is ambiguous; a name
    whose first entry is a level names that level without a kind; a name with exactly one kind
    entry names that kind.
    """
    u = units()
    return {
        "reform": {
            "name_vi": u.reform.name_vi,
            "name_en": u.reform.name_en,
            "effective": u.reform.effective.isoformat(),
        },
        "levels": [
            {
                "id": info.level.value,
                "rank": info.rank,
                "name_vi": info.name_vi,
                "name_en": info.name_en,
                "aliases": list(info.aliases),
                "valid_from": _day(info.valid_from),
                "valid_to": _day(info.valid_to),
            }
            for info in sorted(u.levels.values(), key=lambda i: i.rank)
        ],
        "kinds": [
            {
                "id": k.id,
                "level": k.level.value,
                "name_vi": k.name_vi,
                "name_en": k.name_en,
                "aliases": list(k.aliases),
                "valid_from": _day(k.valid_from),
                "valid_to": _day(k.valid_to),
            }
            for k in u.kinds
        ],
        "index": {
            key: [f"level:{e.value}" if isinstance(e, Level) else f"kind:{e.id}" for e in entries]
            for key, entries in sorted(u.index.items())
        },
        **_reform_facts(),
    }


def _reform_facts() -> dict[str, Any]:
    """What the reform did to provinces, and the units it ended with their successors."""
    known = facts()
    return {
        "provinces": [
            {
                "name_vi": p.name_vi,
                "merged_with": list(p.merged_with),
                "name_after": p.name_after,
                "effective": p.effective.isoformat(),
                "citation": p.citation,
            }
            for p in known.provinces
        ],
        "ended_units": [
            {
                "name_vi": e.name_vi,
                "kind": e.kind,
                "province": e.province,
                "last_day": e.last_day.isoformat(),
                "successors": list(e.successors),
                "citation": e.citation,
            }
            for e in known.ended_units
        ],
    }


def indicators_to_dict() -> dict[str, Any]:
    """Every indicator (unit, value kind, labels, whole); the part/whole checks; the count limit.

    ``value`` is ``count`` (a whole number), ``flag`` (yes/no: 0 or 1 only) or ``decimal`` (an
    exact non-negative decimal: an area in m²).

    A part may never exceed its whole, and a part given without its whole is refused; the
    checks apply to every pair whose part is given, whatever the plan reads.
    """
    return {
        "max_count": MAX_COUNT,
        "indicators": [
            {
                "name": i.name,
                "unit": getattr(i, "unit", "count"),
                "value": i.value_kind,
                "noun_vi": i.noun_vi,
                "noun_en": i.noun_en,
                "whole": i.whole,
                "done_vi": i.done_vi or None,
                "done_en": i.done_en or None,
                "missing_vi": i.missing_vi or None,
                "missing_en": i.missing_en or None,
            }
            for i in INDICATORS.values()
        ],
        "part_whole": [
            {"part": i.name, "whole": i.whole} for i in INDICATORS.values() if i.whole is not None
        ],
    }
