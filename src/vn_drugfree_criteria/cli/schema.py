"""``vn-drugfree schema NAME``: print a JSON Schema (Draft 2020-12) of the input or an output."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vn_drugfree_criteria.cli.common import add_format
from vn_drugfree_criteria.io.schemas import schema_names, schema_text


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the input or of a command's JSON output",
        description="Print the JSON Schema (Draft 2020-12) of the JSON input (input), of a "
        "command's JSON output (assess, show, targets, calendar, audit) or of the conformance "
        "vectors (vectors). The same files are shipped in the package under data/schemas.",
    )
    p.add_argument("name", choices=schema_names(), help="which schema")
    add_format(p, ("json",), "json")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema exactly as shipped."""
    sys.stdout.write(schema_text(args.name))
    return 0
