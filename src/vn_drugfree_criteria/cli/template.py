"""``vn-drugfree template PLAN``: an empty input table with every column the plan needs.

The header, then a row of labels saying what each column holds (Vietnamese by default,
``--lang en``), which ``assess`` and ``targets`` skip (:mod:`vn_drugfree_criteria.io.template`).
``--figures`` gives the programme-figures table of the plan's targets instead of the table of
areas. CSV (default; UTF-8 with a byte-order mark, so that Excel shows Vietnamese as it is;
``--delimiter ';'`` for a Vietnamese Excel) or an ``.xlsx`` workbook (extra ``excel``; to
``--out FILE`` or a redirected output, never to a terminal).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from vn_drugfree_criteria.cli.common import (
    add_format,
    add_lang,
    add_plan_argument,
    binary_output,
)
from vn_drugfree_criteria.io.csvin import delimiter_argument
from vn_drugfree_criteria.io.csvout import write_csv
from vn_drugfree_criteria.io.template import template_rows
from vn_drugfree_criteria.io.xlsxout import write_xlsx
from vn_drugfree_criteria.vocab.labels import say

_BOM = "\ufeff"


def register(sub: Any) -> None:
    """Add the ``template`` subcommand."""
    p = sub.add_parser("template", help="write an empty input table with the columns a plan needs")
    add_plan_argument(p)
    p.add_argument(
        "--figures",
        action="store_true",
        help="the programme figures the plan's targets read (for `targets`), not areas",
    )
    add_format(p, ("csv", "xlsx"), "csv")
    add_lang(p, "the labels row")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--delimiter",
        default=",",
        metavar="SEP",
        help="the CSV delimiter: ',' (default), ';' (what a Vietnamese Excel opens) or tab",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the template."""
    header, labels = template_rows(args.plan, figures=args.figures, lang=args.lang)
    if args.format == "xlsx":
        title = say("template.sheet.figures" if args.figures else "template.sheet.areas", args.lang)
        target = binary_output(args.out)
        write_xlsx([header, labels], target, header_rows=2, sheet=title, text_columns=("id",))
        return 0
    text = io.StringIO()
    write_csv([header, labels], text, delimiter_argument(args.delimiter))
    if args.out:
        with Path(args.out).open("w", encoding="utf-8", newline="") as f:
            f.write(_BOM + text.getvalue())
    else:
        sys.stdout.write(_BOM + text.getvalue())
    return 0
