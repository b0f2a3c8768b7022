"""``vn-drugfree vectors``: write, or check, the conformance vectors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vn_drugfree_criteria.cli.common import (
    PLAN_HELP,
    add_format,
    add_missing_source_flag,
    emit_json,
    resolve_plan,
)
from vn_drugfree_criteria.conformance.vectors import build_vectors, check_vectors, conformance_plans
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.limits import load_json, read_limited
from vn_drugfree_criteria.model.plan import Plan


def register(sub: Any) -> None:
    """Add the ``vectors`` subcommand."""
    p = sub.add_parser(
        "vectors",
        help="write conformance vectors for implementations in other languages",
        description="Write a JSON file of cases (counts, level, date -> expected verdict, "
        "per criterion and per requirement, or the refusal that wins; unit-kind names and "
        "dates -> level and kind) for every criterion of every bundled plan and of the "
        "vectors' test plans, with boundary cases. With --check FILE, run a vector file "
        "against this library instead.",
    )
    p.add_argument(
        "--plan",
        action="append",
        metavar="PLAN",
        help=f"only this plan (repeatable; no unit-kind cases): {PLAN_HELP}, or the id of one of "
        "the vectors' test plans; with --check, plan files the cases may refer to",
    )
    add_missing_source_flag(p)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--check", metavar="FILE", help="run the cases of FILE against this library")
    add_format(p, ("json",), "json")
    p.set_defaults(run=run)


def _read(path: str) -> dict[str, Any]:
    try:
        data = load_json(read_limited(path).decode("utf-8"), path, max_depth=64)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read a vector file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InputError(f'{path}: not a vector file (expected an object with "cases")')
    return data


def run(args: argparse.Namespace) -> int:
    """Write the vectors, or check a file of them; exit 1 when a checked case fails."""
    plans: list[Plan] | None = None
    if args.plan is not None:
        own = {t.id: t for t in conformance_plans()}
        allow = args.allow_missing_source
        plans = [
            own[text] if text in own else resolve_plan(text, allow_missing_source=allow)
            for text in args.plan
        ]
    if args.check:
        doc = _read(args.check)
        failures = check_vectors(doc, plans or ())
        emit_json({"checked": len(doc["cases"]), "failures": list(failures)})
        return 1 if failures else 0
    doc = build_vectors(plans)
    if args.out:
        with Path(args.out).open("w", encoding="utf-8") as out:
            emit_json(doc, out)
    else:
        emit_json(doc)
    return 0
