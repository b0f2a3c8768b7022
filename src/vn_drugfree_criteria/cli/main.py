"""The ``vn-drugfree`` command line.

Each subcommand lives in its own module of this package exposing ``register(subparsers)``, which
adds a parser whose ``run`` default is a function ``(args) -> int``; what they share is in
:mod:`~vn_drugfree_criteria.cli.common`. This module only builds the parser, dispatches, and
turns every library error into one line on stderr with exit status 2. Exit status: 0 success;
1 some rows rejected (the output is still complete); 2 the command could not run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.cli import (
    assess,
    audit,
    calendar,
    indicators,
    plans,
    schema,
    show,
    targets,
    units,
    vectors,
)
from vn_drugfree_criteria.cli.common import resolve_plan
from vn_drugfree_criteria.errors import DrugFreeError

__all__ = ["build_parser", "main"]

# Subcommand modules, in the order they appear in --help.
_COMMANDS = (plans, show, units, indicators, assess, targets, calendar, audit, schema, vectors)

Runner = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, as for every other failure
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = _Parser(
        prog="vn-drugfree",
        description="Vietnam's drug-free village and commune criteria, targets and calendars.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for command in _COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):  # Vietnamese text whatever the locale says
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Runner = args.run
    try:
        allow = bool(getattr(args, "allow_missing_source", False))
        if isinstance(getattr(args, "plan", None), str):
            args.plan = resolve_plan(args.plan, allow_missing_source=allow)
        return run(args)
    except DrugFreeError as exc:
        print(f"vn-drugfree {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
