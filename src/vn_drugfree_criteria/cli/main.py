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
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.errors import DrugFreeError
from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan, list_plans

__all__ = [
    "PLAN_HELP",
    "add_format",
    "add_missing_source_flag",
    "add_plan_argument",
    "emit_json",
    "main",
    "resolve_plan",
]

# Subcommand modules, in the order they appear in --help.
_COMMANDS = (
    "plans",
    "show",
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


PLAN_HELP = (
    "a bundled plan's id (see `vn-drugfree plans`) or the path of a plan file (*.toml) with its "
    "source text in its folder"
)


def add_plan_argument(parser: argparse.ArgumentParser) -> None:
    """Add the ``PLAN`` argument (an id or a path) and ``--allow-missing-source``."""
    parser.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    add_missing_source_flag(parser)


def add_missing_source_flag(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-missing-source`` for commands that read plan files."""
    parser.add_argument(
        "--allow-missing-source",
        action="store_true",
        help="load a plan file whose source text is not in its folder (its pointers and quotes "
        "are then not checked, and `show` and `audit` say so)",
    )


def resolve_plan(text: str, *, allow_missing_source: bool = False) -> Plan:
    """A bundled plan by id, or a plan data file given by its path (``*.toml`` or with a ``/``).

    Raises:
        UnknownPlanError: Neither a bundled id nor a path.
        DataFileError: The file cannot be read, is malformed, or its source text is refused or
            missing (unless ``allow_missing_source``).
    """
    if text in list_plans():
        return get_plan(text)
    if text.endswith(".toml") or "/" in text or os.sep in text:
        return load_plan_file(text, allow_missing_source=allow_missing_source)
    return get_plan(text)


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
        allow = bool(getattr(args, "allow_missing_source", False))
        if isinstance(getattr(args, "plan", None), str):
            args.plan = resolve_plan(args.plan, allow_missing_source=allow)
        return run(args)
    except DrugFreeError as exc:
        print(f"vn-drugfree {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
