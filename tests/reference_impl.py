"""A reference implementation of the decisions, written from the implementers' guide.

It reads only what an app in another language would read: the vector document (its
``definitions``) and the units reference data (``vn-drugfree units --format json``); it never
imports the library. Every mistake of :data:`tests.mutants.MISTAKES` can be planted in it by
name.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from tests.reference_grading import GRADED, Grader
from tests.reference_input import read_cell, validate_row

_COMPARE = {
    ">": lambda a, b: a > b,
    "≥": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "≤": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}


def _need(row: Mapping[str, Any] | None, name: str | None) -> int:
    if row is None or name is None or row.get(name) is None:
        raise LookupError(name)
    return int(row[name])


def _fraction(text: str | None) -> tuple[int, int]:
    num = [int(x) for x in str(text or "0").split("/")] + [1]
    return num[0], num[1]


def _target_op(t: Mapping[str, Any], m: frozenset[str]) -> str:
    op = str(t["op"])
    if t["kind"] == "reduction" and "target_reduction_not_flipped" not in m:
        op = {">": "<", "≥": "≤", "<": ">", "≤": "≥"}.get(op, op)
    if t["kind"] == "count" and op == ">" and "target_count_gt_as_ge" in m:
        op = "≥"
    return op


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

    def __init__(
        self,
        units: Mapping[str, Any],
        mistakes: frozenset[str] = frozenset(),
        indicators: Mapping[str, Any] | None = None,
    ) -> None:
        self.units = units
        self.indicators = indicators or {"indicators": [], "part_whole": []}
        self.m = mistakes
        self.levels = {lv["id"]: lv for lv in units["levels"]}
        self.kinds = {k["id"]: k for k in units["kinds"]}
        self.index = {_fold(key, frozenset()): v for key, v in units["index"].items()}

    def fold(self, name: str) -> str:
        """A name folded for lookup, with the planted mistakes."""
        return _fold(name, self.m)

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
        if req["kind"] in GRADED:
            grader = Grader(m, self.requirement)
            met = grader.holds(req, counts, {})
            return {"met": met, "vacuous": False, "shortfall": grader.shortfall(req, counts)}
        value = counts[req["indicator"]]
        if req["kind"] == "none_except":
            exempt = 0 if "exempt_ignored" in m else sum(counts[n] for n in req["exempt"])
            met = value <= exempt
            return {"met": met, "vacuous": False, "shortfall": max(0, value - exempt)}
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
        # An area in m² is exact decimal text ("749.5"); every other count a JSON integer.
        counts = {k: Fraction(v) if isinstance(v, str) else v for k, v in case["counts"].items()}
        if "float_counts" in self.m:
            counts = {k: int(float(v)) for k, v in counts.items()}
        if "area_rounded" in self.m:
            counts = {k: round(v) if isinstance(v, Fraction) else v for k, v in counts.items()}
        reqs: dict[str, Any] = {}
        crits: dict[str, bool] = {}
        for c in criteria:
            results = [self.requirement(r, counts) for r in c["requirements"]]
            for r, result in zip(c["requirements"], results, strict=True):
                reqs[r["id"]] = result
            combine = any if "criterion_any" in self.m else all
            crits[c["id"]] = combine(x["met"] for x in results)
        verdict = (any if "drug_free_any" in self.m else all)(crits.values())
        out = {"drug_free": verdict, "criteria": crits, "requirements": reqs}
        if definition["classifications"]:
            grader = Grader(self.m, self.requirement)
            out.update(grader.grades(definition["classifications"], case["level"], counts))
        return out

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

    def _change_status(
        self, t: Mapping[str, Any], reading: str | None, rows: Mapping[str, Any], period: str
    ) -> bool:
        m = self.m
        op = _target_op(t, m)
        p, q = _fraction(t["share"])
        year = int(period)
        prev = rows.get(str(year - 1))
        if prev is None:
            raise LookupError("previous")
        sign = -1 if t["kind"] == "reduction" else 1
        if reading in ("new-over-previous", "share-taken-off"):
            before = _need(prev, t["figure"])
            flow_name = "new_figure" if reading == "new-over-previous" else "removed_figure"
            flow = _need(rows[period], t[flow_name])
            if before == 0:
                raise LookupError("zero")
            fop = op if reading == "new-over-previous" else "≥"
            return _COMPARE[fop](flow * q, before * p)
        first = min(int(x) for x in rows if x.isdigit())
        from_base = reading != "previous-year" or "target_previous_from_base" in m
        base = _need(rows[str(first)] if from_base else prev, t["figure"])
        years = year - first if from_base else 1
        if years < 1 or base == 0:
            raise LookupError("base")
        compound = reading == "compound-from-base"
        swap = "target_compound_as_linear" in m or "target_linear_as_compound" in m
        if swap and reading != "previous-year":
            compound = not compound
        current = _need(rows[period], t["figure"])
        if compound:
            return _COMPARE[op](current * q**years, base * (q + sign * p) ** years)
        return _COMPARE[op](current * q, base * (q + sign * p * years))

    def _plain_status(
        self, t: Mapping[str, Any], reading: str | None, row: Mapping[str, Any]
    ) -> bool:
        m = self.m
        op = _target_op(t, m)
        p, q = _fraction(t["share"])
        if t["kind"] in ("zero", "lifetime"):
            return _need(row, t["figure"]) == 0
        if t["kind"] == "count":
            return _COMPARE[op](_need(row, t["figure"]), t["count"])
        part = _need(row, t["figure"])
        whole = t["whole_stated"] if t["whole_stated"] is not None else _need(row, t["whole"])
        if t["kind"] != "share":
            return part == whole
        if reading == "stated-count" and "target_stated_count_ignored" not in m:
            return part >= t["stated_count"]
        if whole == 0:
            return True
        if "target_share_float" in m:
            return _COMPARE[op](part / whole, p / q)
        return _COMPARE[op](part * q, p * whole)

    def _target_status(
        self, t: Mapping[str, Any], reading: str | None, rows: Mapping[str, Any], period: str
    ) -> str:
        row = rows[period]
        try:
            if t["kind"] == "baseline":
                whole = row.get(t["figure_whole"]) if t["figure_whole"] else None
                ignore = "target_baseline_whole_ignored" in self.m
                same = whole in (None, t["whole_stated"]) or ignore
                ok = _need(row, t["figure"]) == t["count"] and same
                return "matches baseline" if ok else "differs from baseline"
            if t["kind"] in ("change", "reduction"):
                ok = self._change_status(t, reading, rows, period)
            else:
                ok = self._plain_status(t, reading, row)
        except LookupError:
            return "not evaluable"
        return "met" if ok else "not met"

    def target(self, definition: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
        """The statuses of one target over the case's periods."""
        t = next(x for x in definition["targets"] if x["id"] == case["target"])
        reading = case["reading"] or (t["readings"][0] if t["readings"] else None)
        rows = {str(r["period"]): r for r in case["rows"]}
        periods = [p for p in rows if (p.isdigit() if t["when"] == "yearly" else p == t["when"])]
        if "target_yearly_last_only" in self.m:
            periods = periods[-1:]
        return {p: self._target_status(t, reading, rows, p) for p in periods}

    def run(self, doc: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
        """The outcome of one case."""
        if case["kind"] == "unit":
            return self.resolve(case["name"], case["as_of"])
        if case["kind"] == "cell":
            return read_cell(case["cell"], self.m)
        definition = doc["definitions"][case["plan"]]
        if case["kind"] == "row":
            return validate_row(self, definition, self.indicators, case["record"])
        if case["kind"] == "calendar":
            return self.calendar(definition["calendar"], case["as_of"])
        if case["kind"] == "rollup":
            return self.rollup(definition, case)
        if case["kind"] == "target":
            return self.target(definition, case)
        return self.assess(definition, case)
