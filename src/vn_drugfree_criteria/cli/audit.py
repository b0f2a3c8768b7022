"""``vn-drugfree audit PLAN``: the source-consistency findings for a plan."""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.auditing.findings import Severity
from vn_drugfree_criteria.auditing.run import audit
from vn_drugfree_criteria.cli.common import add_format, add_plan_argument, emit_json
from vn_drugfree_criteria.model.plan import Plan


def register(sub: Any) -> None:
    """Add the ``audit`` subcommand."""
    p = sub.add_parser("audit", help="the source-consistency findings for a plan")
    add_plan_argument(p)
    add_format(p, ("table", "json"), "table")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of messages")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when any finding is an error",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; with ``--strict`` exit 1 on any error-level finding."""
    plan: Plan = args.plan
    findings = audit(plan)
    if args.format == "json":
        emit_json({"plan": plan.id, "findings": [f.to_dict(lang=args.lang) for f in findings]})
    else:
        for d in (f.to_dict(lang=args.lang) for f in findings):
            print(f"{d['severity']:<7}  {d['code']:<27}  {d['where']}")
            print(f"         {d['message']}")
            if d["stated"] is not None or d["derived"] is not None:
                stated = d["stated"] if d["stated"] is not None else "-"
                derived = d["derived"] if d["derived"] is not None else "-"
                label = ("nêu", "tính lại") if args.lang == "vi" else ("stated", "derived")
                print(f"         {label[0]}: {stated}  |  {label[1]}: {derived}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        summary = ", ".join(f"{n} {s.value}" for s, n in counts.items())
        print(f"{plan.id}: {len(findings)} findings ({summary})")
    if args.strict and any(f.severity is Severity.ERROR for f in findings):
        return 1
    return 0
