"""A reference implementation written from the implementers' guide, and mistakes to plant in it.

The reference reads only what an app in another language would read: the vector document (its
``definitions``) and the units reference data (``vn-drugfree units --format json``). It never
imports the library. Each entry of :data:`MISTAKES` is a plausible implementation error; the
vectors *kill* a mistake when at least one case's outcome changes with it planted. The share of
mistakes killed is the vectors' mutation score.

Run as ``python -m tests.mutants VECTORS.json UNITS.json`` to print the score.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MISTAKES: dict[str, str] = {
    "gt_as_ge": '"trên" (>) read as ≥',
    "lt_as_le": '"dưới" (<) read as ≤',
    "ge_as_gt": '"từ ... trở lên" (≥) read as >',
    "le_as_lt": '"không quá" (≤) read as <',
    "float_ratio": "share compared as float part/whole against float p/q",
    "float_percent": "share compared as float percentage 100*part/whole against 100*p/q",
    "float_scaled": "share compared as part against whole * (p/q) in float",
    "float_counts": "counts read as doubles (JSON.parse), then compared exactly",
    "percent_rounded": "share rounded to a whole percentage before comparing",
    "eq_as_ge": "an exact share (=) read as at least",
    "at_least_strict": '"ít nhất N" read as > N',
    "all_as_nonzero": '"100%" read as "at least one"',
    "none_as_le_one": '"không có" read as "at most one"',
    "vacuous_false": "a requirement with a whole of 0 fails instead of holding vacuously",
    "vacuous_not_flagged": "a vacuous pass is not reported as vacuous",
    "vacuous_on_part": "vacuity decided on the part being 0 instead of the whole",
    "criterion_any": "a criterion met when any of its requirements holds",
    "drug_free_any": "drug-free when any criterion is met",
    "ignore_level_applicability": "every criterion applied whatever the area's level",
    "never_level_not_covered": "a level the plan does not cover is assessed anyway",
    "no_level_all_criteria": "an area without a level gets every criterion even when they differ",
    "no_level_refused": "an area without a level is always refused",
    "plan_end_exclusive": "the plan's last day read as the first day it no longer applies",
    "plan_start_exclusive": "the plan's first day read as the day before it applies",
    "ignore_plan_dates": "the plan's validity dates not checked",
    "level_end_exclusive": "a level's last day read as exclusive (district refused on 30/6/2025)",
    "ignore_level_dates": "the district level accepted after the reform",
    "ignore_kind_dates": "unit kinds accepted on days they did not exist (thị trấn after 2025)",
    "kind_start_exclusive": "a kind's first day read as exclusive (đặc khu refused on 1/7/2025)",
    "coverage_before_dates": "level_not_covered reported before a date refusal",
    "no_diacritic_folding": "names matched with their diacritics",
    "no_unicode_normalisation": "NFD names not normalised before matching",
    "case_sensitive": "names matched case-sensitively",
    "ambiguous_first_wins": "an ambiguous name (thành phố) read as its first kind",
    "level_name_gives_kind": "a name that names a level (tỉnh) also reported as the kind",
    "shortfall_unclamped": "a share's shortfall not raised to at least 1",
    "shortfall_upper_from_ceiling": "an upper share's shortfall measured from the ceiling",
    "shortfall_lower_from_floor": "a lower share's shortfall measured from the floor",
    "shortfall_all_zero": "the shortfall of 100% not computed (0)",
    "shortfall_at_least_off_by_one": "the shortfall of a minimum off by one",
    "before_inclusive": '"trước ngày D" read as "until D inclusive" (off by one day)',
    "before_two_days": '"trước ngày D" read as D - 2 (the day before, then compared strictly)',
    "phase_end_exclusive": "a phase's end day read as exclusive",
    "phase_start_exclusive": "a phase's start day read as exclusive",
    "rollup_drops_rejected": "a roll-up drops rejected children and assesses the rest",
    "rollup_float_sums": "a roll-up adds counts in floating point",
    "rollup_district_after_reform": "a commune's parent is a district even after 30 June 2025",
    "rollup_children_without_rejected": "a parent's children counted without the rejected ones",
}

FLOAT_MISTAKES = ("float_ratio", "float_percent", "float_scaled", "percent_rounded")


def _fold(text: str, mistakes: frozenset[str]) -> str:
    if "no_unicode_normalisation" not in mistakes:
        text = unicodedata.normalize("NFD", text)
    if "no_diacritic_folding" not in mistakes:
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("đ", "d").replace("Đ", "D")
    if "case_sensitive" not in mistakes:
        text = text.casefold()
    return " ".join(text.split())


class Reference:
    """The decisions of the implementers' guide, with the named mistakes planted."""

    def __init__(self, units: Mapping[str, Any], mistakes: frozenset[str] = frozenset()) -> None:
        self.units = units
        self.m = mistakes
        self.levels = {lv["id"]: lv for lv in units["levels"]}
        self.kinds = {k["id"]: k for k in units["kinds"]}
        self.index = {_fold(key, frozenset()): v for key, v in units["index"].items()}

    def _exists(self, item: Mapping[str, Any], day: str, what: str) -> bool:
        first, last = item["valid_from"], item["valid_to"]
        if f"ignore_{what}_dates" in self.m and (first or last):
            return True
        after_start = first is None or (
            first < day if f"{what}_start_exclusive" in self.m else first <= day
        )
        before_end = last is None or (
            day < last if f"{what}_end_exclusive" in self.m else day <= last
        )
        return after_start and before_end

    def resolve(self, name: str, day: str) -> dict[str, Any]:
        """A level or kind name on a day."""
        entries = self.index.get(_fold(name, self.m))
        if not entries:
            return {"error": "unknown_kind"}

        def level_of(e: str) -> str:
            return e[6:] if e.startswith("level:") else self.kinds[e[5:]]["level"]

        kinds = [e[5:] for e in entries if e.startswith("kind:")]
        if len({level_of(e) for e in entries}) > 1 and "ambiguous_first_wins" not in self.m:
            return {"error": "ambiguous_kind"}
        names_level = entries[0].startswith("level:") and "level_name_gives_kind" not in self.m
        kind = kinds[0] if kinds and (len(kinds) == 1 or "ambiguous_first_wins" in self.m) else None
        kind = None if names_level else kind
        level = level_of(entries[0])
        if not self._exists(self.levels[level], day, "level"):
            return {"error": "not_valid_on_date"}
        if kind is not None and not self._exists(self.kinds[kind], day, "kind"):
            return {"error": "not_valid_on_date"}
        return {"level": level, "kind": kind}

    def _compare(self, op: str, value: int, whole: int, p: int, q: int) -> bool:
        m = self.m
        op = {
            ">": "≥" if "gt_as_ge" in m else ">",
            "<": "≤" if "lt_as_le" in m else "<",
            "≥": ">" if "ge_as_gt" in m else "≥",
            "≤": "<" if "le_as_lt" in m else "≤",
            "=": "≥" if "eq_as_ge" in m else "=",
        }[op]
        if "float_ratio" in m:
            a, b = value / whole, p / q
        elif "float_percent" in m:
            a, b = value / whole * 100, p / q * 100
        elif "float_scaled" in m:
            a, b = float(value), whole * (p / q)
        elif "percent_rounded" in m:
            a, b = round(value * 100 / whole), p * 100 / q
        else:
            a, b = value * q, p * whole
        return {">": a > b, "≥": a >= b, "<": a < b, "≤": a <= b, "=": a == b}[op]

    def requirement(self, req: Mapping[str, Any], counts: Mapping[str, int]) -> dict[str, Any]:
        """One requirement's met, vacuous and shortfall."""
        m = self.m
        num = [int(x) for x in str(req["bound"]).split("/")] + [1]
        p, q = num[0], num[1]
        value = counts[req["indicator"]]
        if req["kind"] == "none":
            met = value <= 1 if "none_as_le_one" in m else value == 0
            return {"met": met, "vacuous": False, "shortfall": 0 if met else value}
        if req["kind"] == "at_least":
            minimum = -(-p // q)
            met = value > minimum if "at_least_strict" in m else value >= minimum
            short = minimum - value + ("shortfall_at_least_off_by_one" in m)
            return {"met": met, "vacuous": False, "shortfall": 0 if met else short}
        whole = counts[req["whole"]]
        if ("vacuous_on_part" in m and value == 0) or ("vacuous_on_part" not in m and whole == 0):
            met = "vacuous_false" not in m
            return {"met": met, "vacuous": "vacuous_not_flagged" not in m, "shortfall": 0}
        if req["kind"] == "all":
            met = value > 0 if "all_as_nonzero" in m else value == whole
            short = 0 if met or "shortfall_all_zero" in m else whole - value
            return {"met": met, "vacuous": False, "shortfall": short}
        met = self._compare(req["op"], value, whole, p, q)
        if met:
            return {"met": True, "vacuous": False, "shortfall": 0}
        low, high = p * whole // q, -(-p * whole // q)
        if "shortfall_upper_from_ceiling" in m:
            low = high
        if "shortfall_lower_from_floor" in m:
            high = low
        gap = {
            "≥": high - value,
            ">": low + 1 - value,
            "≤": value - low,
            "<": value - (high - 1),
            "=": abs(high - value),
        }[req["op"]]
        return {
            "met": False,
            "vacuous": False,
            "shortfall": gap if "shortfall_unclamped" in m else max(1, gap),
        }

    def _applicable(self, definition: Mapping[str, Any], level: str | None, day: str) -> Any:
        """The criteria that apply, or a refusal (a dict with ``error``)."""
        m = self.m
        scope, criteria = definition["scope"], definition["criteria"]
        plan = {"valid_from": scope["valid_from"], "valid_to": scope["valid_to"]}
        covered = level is None or level in scope["levels"] or "never_level_not_covered" in m
        if "coverage_before_dates" in m and criteria and not covered:
            return {"error": "level_not_covered"}
        if not self._exists(plan, day, "plan"):
            return {"error": "not_valid_on_date"}
        if not criteria:
            return {"error": "level_not_covered"}
        if level is None:
            uniform = len({tuple(sorted(c["levels"])) for c in criteria}) == 1
            if "no_level_refused" in m or not (uniform or "no_level_all_criteria" in m):
                return {"error": "level_not_covered"}
            return criteria
        if not self._exists(self.levels[level], day, "level"):
            return {"error": "not_valid_on_date"}
        if not covered:
            return {"error": "level_not_covered"}
        if "ignore_level_applicability" in m or "never_level_not_covered" in m:
            return criteria
        return [c for c in criteria if level in c["levels"]]

    def assess(self, definition: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
        """One area's verdict, or the refusal that wins."""
        criteria = self._applicable(definition, case["level"], case["as_of"])
        if isinstance(criteria, dict):
            return criteria
        counts = dict(case["counts"])
        if "float_counts" in self.m:
            counts = {k: int(float(v)) for k, v in counts.items()}
        reqs: dict[str, Any] = {}
        crits: dict[str, bool] = {}
        for c in criteria:
            results = [self.requirement(r, counts) for r in c["requirements"]]
            for r, result in zip(c["requirements"], results, strict=True):
                reqs[r["id"]] = result
            combine = any if "criterion_any" in self.m else all
            crits[c["id"]] = combine(x["met"] for x in results)
        verdict = (any if "drug_free_any" in self.m else all)(crits.values())
        return {"drug_free": verdict, "criteria": crits, "requirements": reqs}

    def calendar(self, cal: Mapping[str, Any], day: str) -> dict[str, Any]:
        """Phases holding on ``day``, and the deadlines open and overdue."""
        m = self.m
        shift = 0 if "before_inclusive" in m else 2 if "before_two_days" in m else 1
        phases = [
            p["number"]
            for p in cal["phases"]
            if (p["start"] < day if "phase_start_exclusive" in m else p["start"] <= day)
            and (day < p["end"] if "phase_end_exclusive" in m else day <= p["end"])
        ]
        upcoming, overdue = [], []
        for d in cal["deadlines"]:
            last = _dt.date.fromisoformat(d["due_before"]) - _dt.timedelta(days=shift)
            (upcoming if day <= last.isoformat() else overdue).append(d["id"])
        return {"phases": sorted(phases), "upcoming": sorted(upcoming), "overdue": sorted(overdue)}

    def rollup(self, definition: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
        """Each parent of the case's rows, built from its children."""
        m, day = self.m, case["as_of"]
        out: dict[str, Any] = {}
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for row in case["rows"]:
            groups.setdefault(row["parent_id"], []).append(row)
        for pid, rows in groups.items():
            kids = [r for r in rows if not r.get("rejected")]
            free = 0
            for r in kids:
                v = self.assess(definition, {"level": r["level"], "as_of": day, **r})
                free += v.get("drug_free") is True
            level = {"village": "commune", "commune": "district"}[rows[0]["level"]]
            gone = not self._exists(self.levels["district"], day, "level")
            if level == "district" and gone and "rollup_district_after_reform" not in m:
                level = "province"
            complete = len(kids) == len(rows) or "rollup_drops_rejected" in m
            counts, verdict = None, None
            if complete:
                counts = {}
                for r in kids:
                    for name, n in r["counts"].items():
                        counts[name] = counts.get(name, 0) + n
                if "rollup_float_sums" in m:
                    counts = {k: int(float(v)) for k, v in counts.items()}
                v = self.assess(definition, {"level": level, "as_of": day, "counts": counts})
                verdict = None if "error" in v else v
            n = len(kids) if "rollup_children_without_rejected" in m else len(rows)
            out[pid] = {
                "level": level,
                "children": n,
                "drug_free_children": free,
                "complete": complete,
                "counts": counts,
                "verdict": verdict,
            }
        return out

    def run(self, doc: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
        """The outcome of one case."""
        if case["kind"] == "unit":
            return self.resolve(case["name"], case["as_of"])
        definition = doc["definitions"][case["plan"]]
        if case["kind"] == "calendar":
            return self.calendar(definition["calendar"], case["as_of"])
        if case["kind"] == "rollup":
            return self.rollup(definition, case)
        return self.assess(definition, case)


def failures(doc: Mapping[str, Any], units: Mapping[str, Any], mistakes: frozenset[str]) -> int:
    """How many cases of ``doc`` the reference gets wrong with ``mistakes`` planted."""
    ref = Reference(units, mistakes)
    wrong = 0
    for case in doc["cases"]:
        try:
            got = ref.run(doc, case)
        except (KeyError, ValueError, ZeroDivisionError, OverflowError):
            got = {"exception": True}
        wrong += got != case["expected"]
    return wrong


def score(doc: Mapping[str, Any], units: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The mistakes the vectors kill and those that survive."""
    killed, survived = [], []
    for name in MISTAKES:
        (killed if failures(doc, units, frozenset({name})) else survived).append(name)
    return killed, survived


def main(argv: list[str]) -> int:
    """Print the mutation score of a vector file; exit 1 below 95% or if the reference fails."""
    doc = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    units = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    base = failures(doc, units, frozenset())
    killed, survived = score(doc, units)
    rate = len(killed) / len(MISTAKES)
    print(f"mutation score: {len(killed)} of {len(MISTAKES)} planted mistakes killed ({rate:.0%})")
    for name in survived:
        print(f"  survived: {name}: {MISTAKES[name]}")
    if base:
        print(f"the reference implementation fails {base} cases without any mistake")
    return 0 if rate >= 0.95 and not base else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
