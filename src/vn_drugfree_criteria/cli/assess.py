"""``vn-drugfree assess PLAN FILE`` (or ``--example``): assess every row of a table of areas.

Output: a readable table (default, Vietnamese; ``--lang en``), JSON (``plan``, ``areas``,
``rejected``, and ``rollup`` with ``--rollup``), spreadsheet-safe CSV (input columns carried
through, results appended) or the same as an ``.xlsx`` workbook (``--out FILE``; never to a
terminal). Exit status 0 when every row is valid, 1 when some rows were
rejected (the output is still complete), 2 when the command could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import sys
from pathlib import Path
from typing import Any

from vn_drugfree_criteria.cli.assess_render import render
from vn_drugfree_criteria.cli.assess_stream import Counts, records, stream_assess
from vn_drugfree_criteria.cli.common import (
    add_delimiter,
    add_format,
    add_plan_argument,
    add_sheet,
    binary_output,
    emit_json,
)
from vn_drugfree_criteria.engine.assess_table import assess_table
from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.csvout import csv_rows, write_csv
from vn_drugfree_criteria.io.formats import FORMATS
from vn_drugfree_criteria.io.limits import MAX_INPUT_BYTES, MAX_ROWS, read_stream_limited
from vn_drugfree_criteria.io.stream import TableStream, open_table
from vn_drugfree_criteria.io.tables import Table, example_table, parse_table, read_table
from vn_drugfree_criteria.io.xlsxout import numbers_as_numbers, write_xlsx
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.cell_limit import cell_length_limit
from vn_drugfree_criteria.vocab.cells import MAX_CELL_LENGTH
from vn_drugfree_criteria.vocab.dates import parse_iso_date
from vn_drugfree_criteria.vocab.labels import say, say_count


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
    add_format(p, ("table", "json", "csv", "xlsx"), "table")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write the output to FILE instead of stdout (an .xlsx workbook never goes to a "
        "terminal)",
    )
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
    p.add_argument(
        "--max-cell-chars",
        type=_positive,
        metavar="N",
        help=f"reject a row with a cell of more than N characters (default {MAX_CELL_LENGTH})",
    )
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _as_of(text: str | None) -> _dt.date | None:
    if text is None:
        return None
    try:
        return parse_iso_date(text)
    except ValueError:
        raise TableError("--as-of", f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def _stream(args: argparse.Namespace) -> TableStream:
    if args.file is None:
        raise TableError("FILE", "give a CSV, JSON or .xlsx file to assess, or --example")
    return open_table(
        args.plan,
        sys.stdin.buffer if args.file == "-" else args.file,
        format=args.input_format,
        as_of=_as_of(args.as_of),
        max_bytes=args.max_bytes,
        max_rows=args.max_rows,
        delimiter=args.delimiter,
        sheet=args.sheet,
    )


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


def _xlsx(args: argparse.Namespace) -> tuple[int, int]:
    """Write the CSV form as a workbook (counts as numbers); the rows and rejected rows."""
    target, sheet = binary_output(args.out), say("assess.sheet", args.lang)
    if args.rollup or args.example:
        result = assess_table(args.plan, _table(args), with_rollup=args.rollup)
        rows = csv_rows(result, lang=args.lang, plan=args.plan)
        cells = numbers_as_numbers(result.table.columns, rows, args.plan.vocabulary)
        write_xlsx(cells, target, sheet=sheet)
        return len(result.rows), len(result.rejected)
    counts = Counts()
    with _stream(args) as table:
        cells = numbers_as_numbers(
            table.columns, records(table, args.lang, counts), args.plan.vocabulary
        )
        write_xlsx(cells, target, sheet=sheet)
    return counts.rows, counts.rejected


def run(args: argparse.Namespace) -> int:
    """Assess a table."""
    if args.out and args.format != "xlsx":
        with (
            Path(args.out).open("w", encoding="utf-8", newline="") as f,
            contextlib.redirect_stdout(f),
        ):
            return _run(args)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    with cell_length_limit(args.max_cell_chars):
        if args.format == "xlsx":
            rows, rejected = _xlsx(args)
        elif args.rollup or args.example:
            result = assess_table(args.plan, _table(args), with_rollup=args.rollup)
            rows, rejected = len(result.rows), len(result.rejected)
            if args.format == "json":
                emit_json(result.to_dict(lang=args.lang))
            elif args.format == "csv":
                write_csv(csv_rows(result, lang=args.lang, plan=args.plan), sys.stdout)
            else:
                print(render(result, args.lang))
        else:
            counts = stream_assess(_stream(args), args.format, args.lang)
            rows, rejected = counts.rows, counts.rejected
    if rejected:
        print(
            "vn-drugfree assess: "
            + say(
                "assess.summary_rejected",
                args.lang,
                rejected=rejected,
                rows=say_count("count.row", rows, args.lang),
            ),
            file=sys.stderr,
        )
        return 1
    return 0
