"""Target cases of the conformance vectors: programme figures -> each period's status.

For every quantitative target of a plan and every reading it supports, a short series of
periods puts the figure on each side of the target's boundary. The expected statuses are
decided here in exact fractions, from the target's published shape (kind, operator, share or
count, reading), never with the library's evaluation:

* ``share``: part against ``share × whole`` (vacuous when the whole is 0); read as
  ``stated-count``, part ≥ the count the document states;
* ``all``/``each``: part = whole; ``count``: figure op count; ``zero``/``lifetime``: figure = 0;
* ``baseline``: the figure equals the stated count (and its whole, when given, the stated
  whole): ``matches baseline``, else ``differs from baseline``;
* ``change``/``reduction`` (rate ``r``, sign +1 or −1, a reduction's operator turned round):
  ``previous-year``: current op previous × (1 ± r); ``compound-from-base``: current op
  base × (1 ± r)^years; ``linear-from-base``: current op base × (1 ± r × years);
  ``new-over-previous``: newcomers op r × previous; ``share-taken-off``: removed ≥ r × previous.
  Not evaluable without the previous year, in the base year itself, or from a figure of 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.targets import Target, TargetKind
from vn_drugfree_criteria.vocab.figures import FIGURES

__all__ = ["target_cases", "target_definition"]

_FLIP = {">": "<", "≥": "≤", "<": ">", "≤": "≥", "=": "="}
_CMP = {
    ">": lambda a, b: a > b,
    "≥": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "≤": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}
Row = dict[str, Any]


def target_definition(t: Target) -> dict[str, Any]:
    """What an implementation needs of a target: its shape, without the prose."""
    op = t.comparison.kind.op if t.comparison is not None else None
    return {
        "id": t.id,
        "kind": t.kind.value,
        "when": str(t.when),
        "op": op.value if op is not None else None,
        "figure": t.figure,
        "figure_whole": FIGURES[t.figure].whole if t.figure is not None else None,
        "whole": t.whole,
        "whole_stated": t.whole_stated,
        "share": None if t.share is None else str(t.share),
        "count": t.count,
        "stated_count": t.stated_count,
        "new_figure": t.new_figure,
        "removed_figure": t.removed_figure,
        "readings": [r.value for r in t.readings],
    }


def _op(d: Mapping[str, Any]) -> str:
    op = str(d["op"])
    return _FLIP[op] if d["kind"] == "reduction" else op


def _edge(op: str, reference: Fraction) -> tuple[int, int]:
    """``(met, unmet)``: the count nearest ``reference`` meeting ``op``, and one step past it."""
    floor = reference.numerator // reference.denominator
    ceil = -(-reference.numerator // reference.denominator)
    met = {">": floor + 1, "≥": ceil, "<": ceil - 1, "≤": floor, "=": floor}[op]
    return met, met - 1 if op in (">", "≥") else met + 1


def _need(row: Mapping[str, int] | None, name: str | None) -> int:
    if row is None or name is None or name not in row:
        raise LookupError(name)
    return row[name]


def _change(d: Mapping[str, Any], reading: str, rows: Mapping[str, Row], year: int) -> bool:
    rate = Fraction(d["share"])
    sign = -1 if d["kind"] == "reduction" else 1
    prev = rows.get(str(year - 1))
    first = min(int(p) for p in rows if p.isdigit())
    if prev is None:
        raise LookupError("previous year")
    if reading in ("new-over-previous", "share-taken-off"):
        previous = _need(prev, d["figure"])
        flow_name = d["new_figure"] if reading == "new-over-previous" else d["removed_figure"]
        flow = _need(rows[str(year)], flow_name)
        if previous == 0:
            raise LookupError("from 0")
        op = _op(d) if reading == "new-over-previous" else "≥"
        return bool(_CMP[op](Fraction(flow), previous * rate))
    current = _need(rows[str(year)], d["figure"])
    if reading == "previous-year":
        base, years = _need(prev, d["figure"]), 1
    else:
        base, years = _need(rows[str(first)], d["figure"]), year - first
        if years < 1:
            raise LookupError("base year")
    if base == 0:
        raise LookupError("from 0")
    if reading == "compound-from-base":
        reference = base * (1 + sign * rate) ** years
    else:
        reference = base * (1 + sign * rate * years)
    return bool(_CMP[_op(d)](Fraction(current), reference))


def decide(d: Mapping[str, Any], reading: str | None, rows: Mapping[str, Row], period: str) -> str:
    """The status of target ``d`` in ``period`` of ``rows`` (period text -> figures)."""
    row = rows[period]
    try:
        kind = d["kind"]
        if kind in ("change", "reduction"):
            if not period.isdigit():
                raise LookupError("phase row")
            assert reading is not None
            ok = _change(d, reading, rows, int(period))
        elif kind == "baseline":
            whole_name = d["figure_whole"]
            whole = row.get(whole_name) if whole_name is not None else None
            ok = _need(row, d["figure"]) == d["count"] and whole in (None, d["whole_stated"])
            return "matches baseline" if ok else "differs from baseline"
        elif kind in ("zero", "lifetime"):
            ok = _need(row, d["figure"]) == 0
        elif kind == "count":
            ok = _CMP[d["op"]](_need(row, d["figure"]), d["count"])
        else:
            part = _need(row, d["figure"])
            whole = d["whole_stated"] if d["whole_stated"] is not None else _need(row, d["whole"])
            if kind in ("all", "each"):
                ok = part == whole
            elif reading == "stated-count":
                ok = part >= d["stated_count"]
            else:
                ok = whole == 0 or _CMP[d["op"]](
                    part * Fraction(d["share"]).denominator, Fraction(d["share"]).numerator * whole
                )
    except LookupError:
        return "not evaluable"
    return "met" if ok else "not met"


def _periods(d: Mapping[str, Any]) -> list[str]:
    when = str(d["when"])
    if when.startswith("phase"):
        return [when]
    last = 2025 if when == "yearly" else int(when)
    return [str(last - 2), str(last - 1), str(last)]


def _set_change(d: Mapping[str, Any], reading: str | None, side: int, last: Row, base: int) -> None:
    """Put a change or reduction target's last period on ``side`` of its reference."""
    share, years = Fraction(d["share"]), len(_periods(d)) - 1
    ref_reading = reading or "previous-year"
    if ref_reading in ("new-over-previous", "share-taken-off"):
        flow = d["new_figure"] if ref_reading == "new-over-previous" else d["removed_figure"]
        fop = _op(d) if ref_reading == "new-over-previous" else "≥"
        last[flow] = max(0, _edge(fop, base * share)[side])
        return
    sign = -1 if d["kind"] == "reduction" else 1
    if ref_reading == "previous-year":
        factor = 1 + sign * share
    elif ref_reading == "linear-from-base":
        factor = 1 + sign * share * years
    else:
        factor = (1 + sign * share) ** years
    last[d["figure"]] = max(0, _edge(_op(d), base * factor)[side])


def _set_level(d: Mapping[str, Any], reading: str | None, side: int, last: Row, base: int) -> None:
    """Put any other target's last period on ``side`` (2: a baseline's whole differs)."""
    kind, op = d["kind"], d["op"]
    if kind == "baseline":
        last[d["figure"]] = d["count"] + (side == 1)
        if d["figure_whole"] is not None:
            last[d["figure_whole"]] = d["whole_stated"] + (side == 2)
    elif kind in ("zero", "lifetime"):
        last[d["figure"]] = side
    elif kind == "count":
        last[d["figure"]] = max(0, _edge(op, Fraction(d["count"]))[side])
    else:
        whole = d["whole_stated"] if d["whole_stated"] is not None else base
        if d["whole"] and d["whole_stated"] is None:
            last[d["whole"]] = whole
        if kind in ("all", "each") or op is None:
            last[d["figure"]] = whole - side
        elif reading == "stated-count":
            last[d["figure"]] = d["stated_count"] - side
        else:
            last[d["figure"]] = min(whole, max(0, _edge(op, whole * Fraction(d["share"]))[side]))


def _rows(d: Mapping[str, Any], reading: str | None, side: int, big: bool) -> dict[str, Row]:
    """A series whose last period puts the target on side ``side`` (0 met, 1 unmet)."""
    periods = _periods(d)
    share = Fraction(d["share"]) if d["share"] is not None else Fraction(0)
    grid = share.denominator**2  # compounding twice stays on whole counts
    base = (2**61 // grid) * grid if big else 100 * grid
    names = [n for n in (d["figure"], d["whole"], d["new_figure"], d["removed_figure"]) if n]
    rows: dict[str, Row] = {p: dict.fromkeys(names, base) for p in periods}
    setter = _set_change if d["kind"] in ("change", "reduction") else _set_level
    setter(d, reading, side, rows[periods[-1]], base)
    for row in rows.values():  # a part never above its whole
        for name in list(row):
            up = FIGURES[name].whole
            if up is not None and up in row and row[name] > row[up]:
                row[up] = row[name]
    return rows


def target_cases(plan: Plan) -> list[dict[str, Any]]:
    """Every target case of ``plan``: each quantitative target, reading and side."""
    out = []
    for t in plan.targets:
        if t.kind is TargetKind.QUALITATIVE:
            continue
        d = target_definition(t)
        for reading in d["readings"] or [None]:
            sides = [(0, "met"), (1, "unmet")]
            if d["kind"] == "baseline" and d["figure_whole"] is not None:
                sides.append((2, "whole-differs"))
            for side, name in sides:
                for big in (False, True):
                    rows = _rows(d, reading, side, big)
                    tag = f"{t.id}:{reading or 'as-written'}:{name}" + (":big" if big else "")
                    last = decide(d, reading, rows, list(rows)[-1])
                    if (last in ("met", "matches baseline")) != (side == 0):
                        raise AssertionError(f"vector construction error: {plan.id}:{tag}")
                    out.append(
                        {
                            "id": f"{plan.id}:target:{tag}",
                            "kind": "target",
                            "plan": plan.id,
                            "target": t.id,
                            "reading": reading,
                            "description": f"target {t.id} ({t.kind.value}), read as "
                            f"{reading or 'written'}: the last period {name}",
                            "rows": [{"period": p, **figs} for p, figs in rows.items()],
                            "expected": {
                                p: decide(d, reading, rows, p)
                                for p in rows
                                if d["when"] == "yearly" or p == list(rows)[-1]
                            },
                        }
                    )
    return out
