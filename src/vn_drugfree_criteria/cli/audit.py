"""``vn-drugfree audit PLAN``: the source-consistency findings for a plan."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any

from vn_drugfree_criteria.auditing.findings import Finding, Severity
from vn_drugfree_criteria.auditing.run import audit
from vn_drugfree_criteria.cli.common import add_format, add_lang, add_plan_argument, emit_json
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.labels import LANGS, code_word, say, say_count
from vn_drugfree_criteria.vocab.text import printable


def register(sub: Any) -> None:
    """Add the ``audit`` subcommand."""
    p = sub.add_parser("audit", help="the source-consistency findings for a plan")
    add_plan_argument(p)
    add_format(p, ("table", "json"), "table")
    add_lang(p, "the messages")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when any finding is an error",
    )
    p.set_defaults(run=run)


_WORD = re.compile(r"[^\W\d_]+")

SEVERITY_WORDS = {
    lang: {s: code_word("severity", s.value, lang) for s in Severity} for lang in LANGS
}
"""The severities in words, by language (the ``severity.*`` labels)."""


def summary_line(plan_id: str, findings: Sequence[Finding], lang: str) -> str:
    """The closing line of the table: the count of findings by severity, in ``lang``."""
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = ", ".join(say_count(f"count.{s.value}", n, lang) for s, n in counts.items())
    found = say_count("count.finding", len(findings), lang)
    return say("audit.summary", lang, plan=plan_id, findings=found, counts=summary)


def table_lines(findings: Sequence[Finding], lang: str) -> list[str]:
    """The findings as text in ``lang``: severity, code and place, message, stated and derived."""
    stated_word, derived_word = say("audit.stated", lang), say("audit.derived", lang)
    quote = (lambda text: f"«{text}»") if lang == "en" else (lambda text: text)
    lines = []
    for f, d in ((f, f.to_dict(lang=lang)) for f in findings):
        where = d["where"] if d["where"].isascii() else quote(d["where"])  # a citation's words
        lines.append(f"{SEVERITY_WORDS[lang][f.severity]:<9}  {d['code']:<27}  {where}")
        lines.append(f"         {d['message']}")
        stated, derived = d["stated"], d["derived"]
        if stated is not None or derived is not None:
            said = quote(stated) if stated else "-"  # the document's words: quoted in English
            if derived and not any(w.isascii() for w in _WORD.findall(derived)):
                derived = quote(derived)  # the document's words corrected: Vietnamese too
            pair = f"{stated_word}: {said}  |  {derived_word}: {derived or '-'}"
            lines.append(f"         {pair}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the findings; with ``--strict`` exit 1 on any error-level finding."""
    plan: Plan = args.plan
    findings = audit(plan)
    if args.format == "json":
        emit_json({"plan": plan.id, "findings": [f.to_dict(lang=args.lang) for f in findings]})
    else:
        for line in table_lines(findings, args.lang):
            print(printable(line))
        print(printable(summary_line(plan.id, findings, args.lang)))
    if args.strict and any(f.severity is Severity.ERROR for f in findings):
        return 1
    return 0
