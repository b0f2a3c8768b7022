"""``vn-drugfree audit PLAN``: the source-consistency findings for a plan."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from vn_drugfree_criteria.auditing.findings import Finding, Severity
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


SEVERITY_WORDS = {
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "thông tin"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def summary_line(plan_id: str, findings: Sequence[Finding], lang: str) -> str:
    """The closing line of the table: the count of findings by severity, in ``lang``."""
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    words = SEVERITY_WORDS[lang]
    summary = ", ".join(f"{n} {words[s]}" for s, n in counts.items())
    noun = "phát hiện" if lang == "vi" else ("finding" if len(findings) == 1 else "findings")
    return f"{plan_id}: {len(findings)} {noun} ({summary})"


def run(args: argparse.Namespace) -> int:
    """Print the findings; with ``--strict`` exit 1 on any error-level finding."""
    plan: Plan = args.plan
    findings = audit(plan)
    if args.format == "json":
        emit_json({"plan": plan.id, "findings": [f.to_dict(lang=args.lang) for f in findings]})
    else:
        for f, d in ((f, f.to_dict(lang=args.lang)) for f in findings):
            print(f"{SEVERITY_WORDS[args.lang][f.severity]:<9}  {d['code']:<27}  {d['where']}")
            print(f"         {d['message']}")
            stated, derived = d["stated"], d["derived"]
            if stated is not None or derived is not None:
                label = ("nêu", "tính lại") if args.lang == "vi" else ("stated", "derived")
                print(f"         {label[0]}: {stated or '-'}  |  {label[1]}: {derived or '-'}")
        print(summary_line(plan.id, findings, args.lang))
    if args.strict and any(f.severity is Severity.ERROR for f in findings):
        return 1
    return 0
