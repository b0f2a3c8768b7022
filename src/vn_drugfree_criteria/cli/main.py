"""The ``vn-drugfree`` command line.

Each subcommand lives in its own ``_cli_<name>`` module exposing ``register(subparsers)``, which
adds a parser whose ``run`` default is a function ``(args) -> int``. This module only builds the
parser, dispatches, and turns every library error into one line on stderr with exit status 2.
Exit status: 0 success; 1 some rows rejected (the output is still complete); 2 the command could
not run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.errors import DrugFreeError
from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan, list_plans

__all__ = ["add_format", "emit_json", "main", "resolve_plan"]

# Subcommand modules, in the order they appear in --help.
_COMMANDS = (
    "plans",
    "show",
    "units",
    "indicators",
    "assess",
    "targets",
    "calendar",
    "audit",
    "schema",
    "vectors",
)

Runner = Callable[[argparse.Namespace], int]


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    """Add the ``--format`` option every subcommand takes."""
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=default,
        help=f"output format (default: {default})",
    )


def emit_json(data: Any, out: TextIO | None = None) -> None:
    """Write JSON to stdout: UTF-8 text, non-ASCII kept, two-space indent."""
    stream = out if out is not None else sys.stdout
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def resolve_plan(text: str) -> Plan:
    """A bundled plan by id, or a plan data file given by its path (``*.toml``).

    Raises:
        UnknownPlanError: Neither a bundled id nor a ``.toml`` file.
        DataFileError: The file cannot be read or is malformed.
    """
    if text in list_plans() or not text.endswith(".toml"):
        return get_plan(text)
    return load_plan_file(text)


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
    for name in _COMMANDS:
        importlib.import_module(f"{__package__}.{name}").register(sub)
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
        if isinstance(getattr(args, "plan", None), str):
            args.plan = resolve_plan(args.plan)
        return run(args)
    except DrugFreeError as exc:
        print(f"vn-drugfree {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
