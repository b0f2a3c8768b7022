"""Conformance vectors: cases an implementation in any language can run against its own code.

A vector document carries the rules it tests (``definitions``: each plan's scope and criteria,
as ``show`` prints them) and a list of ``cases``, each of one ``kind``:

* ``assess``: counts of one area, its level (or none) and a date -> the verdict, per criterion
  and per requirement (met, vacuous, shortfall), or the refusal that wins
  (``not_valid_on_date``, ``level_not_covered``);
* ``unit``: a level or unit-kind name and a date -> the level and kind, or a refusal
  (``unknown_kind``, ``ambiguous_kind``, ``not_valid_on_date``).

Expected outcomes are set by construction and decided by an independent whole-number oracle
(:mod:`~vn_drugfree_criteria.conformance.oracle`); :func:`check_vectors` then runs the cases
against this library. Besides the bundled plans, the vectors include test plans with the rules no
bundled plan has (shares with every comparison, criteria that apply at some levels only). The
format is described by the ``vectors`` JSON Schema.

>>> doc = build_vectors(["lao-cai-414-2023"])
>>> doc["format"], doc["format_version"], len(doc["cases"]) > 30
('vn-drugfree-conformance-vectors', 3, True)
>>> check_vectors(doc)
()
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any

from vn_drugfree_criteria.conformance.builder import published
from vn_drugfree_criteria.conformance.calendar_cases import calendar_cases, calendar_definition
from vn_drugfree_criteria.conformance.cases import plan_cases
from vn_drugfree_criteria.conformance.grading_cases import graded_definition
from vn_drugfree_criteria.conformance.input_cases import cell_cases, row_cases
from vn_drugfree_criteria.conformance.rollup_cases import rollup_cases
from vn_drugfree_criteria.conformance.targets_cases import target_cases, target_definition
from vn_drugfree_criteria.conformance.units_cases import unit_cases
from vn_drugfree_criteria.engine.assess import Assessment, assess
from vn_drugfree_criteria.engine.evaluate import evaluate_targets
from vn_drugfree_criteria.engine.rollup import Area, build_tree
from vn_drugfree_criteria.errors import (
    DrugFreeError,
    LevelNotCoveredError,
    NotValidOnDateError,
    UnknownKindError,
)
from vn_drugfree_criteria.io.series import series_from_rows
from vn_drugfree_criteria.io.tables import table_from_records
from vn_drugfree_criteria.model.loader import load_plan_text
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan, list_plans
from vn_drugfree_criteria.model.targets import Reading
from vn_drugfree_criteria.vocab.cells import read_count
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import resolve

__all__ = ["FORMAT", "FORMAT_VERSION", "build_vectors", "check_vectors", "conformance_plans"]

FORMAT = "vn-drugfree-conformance-vectors"
FORMAT_VERSION = 3


@functools.cache
def conformance_plans() -> tuple[Plan, ...]:
    """The test plans of the vectors (shipped under ``data/conformance``; not bundled plans).

    Each has its constructed source text beside it (``<id>.txt``), against which the loader
    checks its pointers and quotes.
    """
    folder = resources.files("vn_drugfree_criteria").joinpath("data", "conformance")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    return tuple(
        load_plan_text(
            p.name,
            p.read_text(encoding="utf-8"),
            source_text=folder.joinpath(p.name[: -len(".toml")] + ".txt").read_text(
                encoding="utf-8"
            ),
        )
        for p in files
    )


def definition(plan: Plan) -> dict[str, Any]:
    """What an implementation needs of a plan to run its cases: scope and criteria."""
    data = plan.to_dict()
    return {
        "calendar": calendar_definition(plan),
        "targets": [target_definition(t) for t in plan.targets if not t.qualitative],
        "scope": {k: data["scope"][k] for k in ("levels", "valid_from", "valid_to")},
        "classifications": graded_definition(plan),
        "criteria": [
            {
                "id": c.id,
                "levels": shown["levels"],
                "requirements": [published(r) for r in c.requirements],
            }
            for c, shown in zip(plan.criteria, data["criteria"], strict=True)
        ],
    }


def build_vectors(plans: Iterable[PlanLike] | None = None) -> dict[str, Any]:
    """Build the conformance vectors of the given plans.

    Args:
        plans: Plans or plan ids; by default every bundled plan (whatever plans are bundled when
            it runs) and the vectors' own test plans, with the unit-kind cases.

    Returns:
        A JSON-ready document: ``format``, ``format_version``, ``library_version``, ``plans``,
        ``definitions`` and ``cases`` (see the ``vectors`` JSON Schema).
    """
    from vn_drugfree_criteria import __version__  # noqa: PLC0415 - the package imports this module

    everything = plans is None
    bundled = [get_plan(p) for p in list_plans()]
    chosen = bundled + list(conformance_plans()) if everything else []
    if plans is not None:
        own = {t.id: t for t in conformance_plans()}
        chosen = [own[p] if isinstance(p, str) and p in own else get_plan(p) for p in plans]
    cases = [
        case
        for p in chosen
        for make in (plan_cases, rollup_cases, calendar_cases, target_cases, row_cases)
        for case in make(p)
    ]
    if everything:
        cases += unit_cases() + cell_cases()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": __version__,
        "plans": [p.id for p in chosen],
        "definitions": {p.id: definition(p) for p in chosen},
        "cases": cases,
    }


def _refusal(exc: DrugFreeError) -> str:
    if isinstance(exc, NotValidOnDateError):
        return "not_valid_on_date"
    if isinstance(exc, LevelNotCoveredError):
        return "level_not_covered"
    if isinstance(exc, UnknownKindError):
        return "ambiguous_kind" if "ambiguous" in str(exc) else "unknown_kind"
    raise exc


def _plan(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> Plan:
    return plans.get(case["plan"]) or get_plan(case["plan"])


def _run_assess(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    day = _dt.date.fromisoformat(case["as_of"])
    try:
        result = assess(
            _plan(case, plans), Snapshot(case["counts"], as_of=day, level=case["level"])
        )
    except (NotValidOnDateError, LevelNotCoveredError) as exc:
        return {"error": _refusal(exc)}
    return _verdict(result, _plan(case, plans))


def _verdict(result: Assessment, plan: Plan) -> dict[str, Any]:
    out = {
        "drug_free": result.drug_free,
        "criteria": {cid: r.met for cid, r in result.criteria.items()},
        "requirements": {
            rr.requirement.id: {"met": rr.met, "vacuous": rr.vacuous, "shortfall": rr.shortfall}
            for r in result.criteria.values()
            for rr in r.requirements
        },
    }
    if plan.classifications:  # a graded plan's verdicts carry its classes
        out["key_complex_class"] = result.key_complex_class
        out["grades"] = {
            g.classification.id: {
                "value": g.value,
                "classes": {
                    c.grade_class.id: {"met_count": c.met_count, "holds": c.holds}
                    for c in g.classes
                },
                "criteria": {gc.criterion.id: gc.met for c in g.classes for gc in c.criteria},
            }
            for g in result.grades
        }
    return out


def _run_unit(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    del plans
    try:
        level, kind = resolve(case["name"], _dt.date.fromisoformat(case["as_of"]))
    except (UnknownKindError, NotValidOnDateError) as exc:
        return {"error": _refusal(exc)}
    return {"level": level.value, "kind": kind.id if kind is not None else None}


def _run_rollup(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    plan = _plan(case, plans)
    day = _dt.date.fromisoformat(case["as_of"])
    areas = []
    for n, row in enumerate(case["rows"], 1):
        if row.get("rejected"):
            areas.append(Area(row["id"], row["parent_id"], rejected=f"row {n}"))
            continue
        snap = Snapshot(row["counts"], as_of=day, level=row["level"], area_id=row["id"])
        try:
            outcome: Assessment | None = assess(plan, snap)
        except DrugFreeError:
            outcome = None
        areas.append(Area(row["id"], row["parent_id"], snap, outcome))
    nodes = build_tree(plan, areas).parents
    return {
        pid: {
            "level": node.level.value if node.level is not None else None,
            "children": len(node.children),
            "drug_free_children": node.drug_free_children,
            "complete": node.complete,
            "counts": dict(node.counts) if node.complete else None,
            "verdict": _verdict(node.assessment, plan) if node.assessment is not None else None,
        }
        for pid, node in nodes.items()
    }


def _run_target(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    plan = _plan(case, plans)
    series = series_from_rows(case["rows"])
    chosen = {case["target"]: Reading(case["reading"])} if case["reading"] else None
    return {
        str(r.period): r.status.value
        for r in evaluate_targets(plan, series, chosen)
        if r.target.id == case["target"]
    }


def _run_calendar(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    plan = _plan(case, plans)
    cal = plan.calendar
    day = _dt.date.fromisoformat(case["as_of"])
    # A recurring deadline of an open-ended plan recurs without end: the case asks about the
    # occurrences its definition lists.
    listed = {d["id"] for d in calendar_definition(plan)["deadlines"]}
    return {
        "phases": [p.number for p in cal.phases_on(day)],
        "upcoming": sorted(d.id for d in cal.upcoming(day) if d.id in listed),
        "overdue": sorted(d.id for d in cal.overdue(day) if d.id in listed),
    }


def _run_cell(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    del plans
    count, code = read_count(case["cell"])
    return {"error": code} if code else {"count": count}


def _run_row(case: Mapping[str, Any], plans: Mapping[str, Plan]) -> dict[str, Any]:
    row = table_from_records(_plan(case, plans), [case["record"]]).rows[0]
    if row.ok:
        return {"accepted": True}
    fields = [message.split(":", 1)[0] for message in row.errors]
    return {"rejected": sorted([f, c] for f, c in zip(fields, row.error_codes, strict=True))}


_RUNNERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Plan]], dict[str, Any]]] = {
    "assess": _run_assess,
    "unit": _run_unit,
    "rollup": _run_rollup,
    "calendar": _run_calendar,
    "target": _run_target,
    "cell": _run_cell,
    "row": _run_row,
}


def check_vectors(document: Mapping[str, Any], plans: Iterable[Plan] = ()) -> tuple[str, ...]:
    """Run a vector document against this library.

    Args:
        document: A vector document (as built by :func:`build_vectors` or read from its JSON).
        plans: Plans that are not bundled (loaded with
            :func:`~vn_drugfree_criteria.load_plan_file`) the cases may refer to; the vectors'
            own test plans are always known.

    Returns:
        One message per case whose outcome differs from the expected one; empty when all pass.
    """
    extra = {p.id: p for p in (*conformance_plans(), *plans)}
    failures = []
    for n, case in enumerate(document["cases"], 1):
        name = case.get("id", f"case {n}") if isinstance(case, Mapping) else f"case {n}"
        try:
            got = _RUNNERS[case.get("kind", "assess")](case, extra)
        except (KeyError, TypeError, ValueError, DrugFreeError) as exc:
            failures.append(f"{name}: cannot be run: {exc}")
            continue
        if got != case["expected"]:
            failures.append(f"{name}: expected {case['expected']}, got {got}")
    return tuple(failures)
