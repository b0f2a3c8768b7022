"""``vn-drugfree targets PLAN FILE``: a plan's targets evaluated on programme figures."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vn_drugfree_criteria.cli.common import (
    add_delimiter,
    add_format,
    add_lang,
    add_plan_argument,
    add_sheet,
    emit_json,
)
from vn_drugfree_criteria.engine.evaluate import evaluate_targets
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.csvout import write_csv
from vn_drugfree_criteria.io.series import read_series
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.targets import Reading
from vn_drugfree_criteria.vocab.labels import code_word, when_words
from vn_drugfree_criteria.vocab.text import printable

_COLUMNS = (
    "target",
    "label",
    "kind",
    "period",
    "status",
    "reading",
    "value",
    "threshold",
    "explanation",
)


def register(sub: Any) -> None:
    """Add the ``targets`` subcommand."""
    p = sub.add_parser("targets", help="evaluate a plan's targets on a series of figures")
    add_plan_argument(p)
    p.add_argument("file", metavar="FILE", help="CSV, JSON or .xlsx, one row per period")
    p.add_argument(
        "--reading",
        action="append",
        default=[],
        metavar="[TARGET=]READING",
        help=f"reading to use: one of {[r.value for r in Reading]}, for all targets that "
        "support it or for one target (repeatable)",
    )
    add_format(p, ("table", "json", "csv"), "table")
    add_lang(p, "the explanations (in JSON and CSV: of `threshold` and `explanation`)")
    add_delimiter(p)
    add_sheet(p)
    p.set_defaults(run=run)


def _readings(values: list[str]) -> Reading | dict[str, Reading] | None:
    if not values:
        return None
    per: dict[str, Reading] = {}
    every: Reading | None = None
    for value in values:
        tid, _, name = value.rpartition("=")
        try:
            reading = Reading(name)
        except ValueError:
            raise InputError(f"--reading: unknown reading {name!r}") from None
        if tid:
            per[tid] = reading
        else:
            every = reading
    if every is not None and per:
        raise InputError("--reading: give one reading for all targets, or TARGET=READING pairs")
    return every if every is not None else per


def run(args: argparse.Namespace) -> int:
    """Evaluate and print."""
    plan: Plan = args.plan
    results = evaluate_targets(
        plan,
        read_series(args.file, delimiter=args.delimiter, sheet=args.sheet),
        _readings(args.reading),
    )
    rows = [r.to_dict(lang=args.lang) for r in results]
    if args.format == "json":
        emit_json({"plan": plan.id, "results": rows})
    elif args.format == "csv":
        table = [["" if row[c] is None else str(row[c]) for c in _COLUMNS] for row in rows]
        write_csv([list(_COLUMNS), *table], sys.stdout)
    else:
        for row in rows:
            period = when_words(row["period"], args.lang) if row["period"] else "-"
            status = code_word("status", row["status"], args.lang)
            line = f"{row['target']:<12} {period:<12} {status:<18} {row['explanation']}"
            print(printable(line))
    return 0
