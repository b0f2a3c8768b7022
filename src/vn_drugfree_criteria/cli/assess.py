"""``vn-drugfree assess PLAN FILE`` (or ``--example``): assess every row of a table of areas.

Output: a readable table (default, Vietnamese; ``--lang en``), JSON (``plan``, ``areas``,
``rejected``, and ``rollup`` with ``--rollup``) or spreadsheet-safe CSV (input columns carried
through, results appended). Exit status 0 when every row is valid, 1 when some rows were
rejected (the output is still complete), 2 when the command could not run.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from typing import Any

from vn_drugfree_criteria.cli.common import (
    add_delimiter,
    add_format,
    add_plan_argument,
    add_sheet,
    emit_json,
)
from vn_drugfree_criteria.engine.assess_table import TableAssessment, assess_table
from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.csvout import csv_rows, write_csv
from vn_drugfree_criteria.io.formats import FORMATS
from vn_drugfree_criteria.io.limits import MAX_INPUT_BYTES, MAX_ROWS, read_stream_limited
from vn_drugfree_criteria.io.tables import Table, example_table, parse_table, read_table
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import parse_iso_date
from vn_drugfree_criteria.vocab.labels import say
from vn_drugfree_criteria.vocab.text import printable


def register(sub: Any) -> None:
    """Add the ``assess`` subcommand."""
    p = sub.add_parser(
        "assess", help="assess every row of a table of areas (CSV, JSON or an .xlsx workbook)"
    )
    add_plan_argument(p)
    p.add_argument(
        "file", metavar="FILE", nargs="?", help="CSV, JSON or .xlsx file ('-' for stdin)"
    )
    p.add_argument("--example", action="store_true", help="use the plan's bundled example")
    add_format(p, ("table", "json", "csv"), "table")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of explanations")
    p.add_argument(
        "--as-of", metavar="DATE", help="date of review (YYYY-MM-DD) where a row gives none"
    )
    p.add_argument(
        "--input-format",
        choices=list(FORMATS),
        help="format of FILE (default: json for *.json, xlsx for *.xlsx, csv otherwise)",
    )
    add_delimiter(p)
    add_sheet(p)
    p.add_argument(
        "--rollup", action="store_true", help="also build and assess parents via parent_id"
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help=f"refuse a FILE larger than N bytes (default {MAX_INPUT_BYTES})",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        help=f"refuse a table of more than N rows (default {MAX_ROWS})",
    )
    p.set_defaults(run=run)


def _as_of(text: str | None) -> _dt.date | None:
    if text is None:
        return None
    try:
        return parse_iso_date(text)
    except ValueError:
        raise TableError("--as-of", f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def _table(args: argparse.Namespace) -> Table:
    plan: Plan = args.plan
    as_of = _as_of(args.as_of)
    if args.example and args.file is not None:
        raise TableError("--example", "give either FILE or --example, not both")
    if args.example:
        return example_table(plan, as_of=as_of)
    if args.file is None:
        raise TableError("FILE", "give a CSV, JSON or .xlsx file to assess, or --example")
    if args.file == "-":
        data = read_stream_limited(sys.stdin.buffer, "<stdin>", args.max_bytes)
        fmt = args.input_format or "csv"
        return parse_table(
            plan,
            data,
            source="<stdin>",
            format=fmt,
            as_of=as_of,
            max_rows=args.max_rows,
            delimiter=args.delimiter,
            sheet=args.sheet,
            max_bytes=args.max_bytes,
        )
    return read_table(
        plan,
        args.file,
        format=args.input_format,
        as_of=as_of,
        max_bytes=args.max_bytes,
        max_rows=args.max_rows,
        delimiter=args.delimiter,
        sheet=args.sheet,
    )


def _yes(met: bool, en: bool) -> str:
    return say("assess.drug_free" if met else "assess.not_drug_free", "en" if en else "vi")


_ID_WIDTH = 24
"""The widest id column of the table output; longer ids overflow their own line."""


def render(result: TableAssessment, lang: str) -> str:
    """The readable table, from the JSON form: each area with its shortfalls, rejected rows, parents."""
    en = lang == "en"
    d = result.to_dict(lang=lang)
    n, free, bad = len(result.rows), result.drug_free_count, len(d["rejected"])
    counts = {"rows": n, "free": free, "not_free": n - free - bad, "rejected": bad}
    head = say("assess.head", lang, plan=d["plan"], **counts)
    lines = [head, ""]
    rows = sorted([*d["areas"], *d["rejected"]], key=lambda r: r["row"])
    # A long id overflows its own line rather than widening every line of the table.
    width = min(max([len(printable(r["id"] or "")) for r in rows] + [2]), _ID_WIDTH)
    for r in rows:
        if "errors" in r:
            label = say("assess.rejected", lang, row=r["row"])
            lines.append(f"{r['id'] or '?':<{width}}  {label}")
            lines += [f"{'':<{width}}    {e}" for e in r["errors"]]
            continue
        failed = ", ".join(c for c, met in r["criteria"].items() if not met)
        lines.append(
            f"{r['id']:<{width}}  {_yes(r['drug_free'], en)}" + (f"  [{failed}]" * bool(failed))
        )
        lines += [f"{'':<{width}}    {s['criterion']}: {s['explanation']}" for s in r["shortfalls"]]
    if "rollup" in d:
        lines += ["", say("assess.rollup", lang)]
        for p in d["rollup"]:
            share = p["share"] or "?"
            verdict = p["problem"] or _yes(bool(p["drug_free"]), en)
            unmet = [c for c, met in (p["criteria"] or {}).items() if not met]
            if p["drug_free"] is not None and unmet:
                verdict += f"  [{', '.join(unmet)}]"
            if p["rejected_children"]:
                share += say("assess.children_rejected", lang, count=p["rejected_children"])
            lines.append(f"  {p['id']}: {say('assess.children', lang, share=share)}; {verdict}")
    # Values from the input (ids, cells quoted in messages) cannot start a line of their own.
    return "\n".join(printable(line) for line in lines)


def run(args: argparse.Namespace) -> int:
    """Assess a table."""
    table = _table(args)
    result = assess_table(args.plan, table, with_rollup=args.rollup)
    if args.format == "json":
        emit_json(result.to_dict(lang=args.lang))
    elif args.format == "csv":
        write_csv(csv_rows(result, lang=args.lang, plan=args.plan), sys.stdout)
    else:
        print(render(result, args.lang))
    rejected = len(result.rejected)
    if rejected:
        print(
            f"vn-drugfree assess: {rejected} of {len(result.rows)} rows rejected "
            "(listed in the output)",
            file=sys.stderr,
        )
        return 1
    return 0
