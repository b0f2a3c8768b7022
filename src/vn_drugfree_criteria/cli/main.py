"""The ``vn-drugfree`` command line.

Each subcommand lives in its own module of this package exposing ``register(subparsers)``, which
adds a parser whose ``run`` default is a function ``(args) -> int``; what they share is in
:mod:`~vn_drugfree_criteria.cli.common`. This module only builds the parser, dispatches, and
turns every library error into one line on stderr with exit status 2. Exit status: 0 success;
1 some rows rejected (the output is still complete); 2 the command could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.cli import (
    assess,
    audit,
    calendar,
    cite,
    indicators,
    plans,
    schema,
    show,
    targets,
    template,
    units,
    vectors,
)
from vn_drugfree_criteria.cli.common import resolve_plan, split_reference
from vn_drugfree_criteria.errors import DrugFreeError, InputError
from vn_drugfree_criteria.vocab.labels import say
from vn_drugfree_criteria.vocab.text import printable

__all__ = ["build_parser", "main"]

# Subcommand modules, in the order they appear in --help.
_COMMANDS = (
    plans,
    show,
    cite,
    units,
    indicators,
    template,
    assess,
    targets,
    calendar,
    audit,
    schema,
    vectors,
)

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
    """Run the command line; return the exit status.

    Every failure is one line on stderr and status 2: a library error, a file that cannot be
    written (a full disk, a folder given as ``--out``), output closed before it was complete
    (``| head``), and, as a last resort, an unexpected error, reported as such.
    """
    for stream in (sys.stdout, sys.stderr):  # Vietnamese text whatever the locale says
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Runner = args.run
    try:
        allow = bool(getattr(args, "allow_missing_source", False))
        if isinstance(getattr(args, "plan", None), str):
            text, args.item = split_reference(args.plan)
            if args.item is not None and not getattr(args, "takes_item", False):
                raise InputError(
                    f"'{args.command}' takes a plan, not one of its items ({args.plan})"
                )
            args.plan = resolve_plan(text, allow_missing_source=allow)
        status = run(args)
        sys.stdout.flush()  # a write error surfaces here, not after the status is decided
        return status
    except DrugFreeError as exc:  # in Vietnamese where the error is worded in both languages
        vi = exc.message_vi if getattr(args, "lang", None) == "vi" else None
        return _fail(args.command, vi or str(exc), "vi" if vi else "en")
    except BrokenPipeError:
        _silence_stdout()
        return _fail(args.command, "the output was closed before it was complete")
    except OSError as exc:
        _silence_stdout()
        reason = exc.strerror or str(exc)
        return _fail(
            args.command,
            f"{exc.filename}: {reason}" if exc.filename else f"cannot write the output: {reason}",
        )
    except (RecursionError, MemoryError) as exc:
        return _fail(
            args.command, f"the input is too large or too deeply nested ({type(exc).__name__})"
        )
    except Exception as exc:  # the last resort: one line, never a traceback
        return _fail(args.command, f"internal error, please report it: {type(exc).__name__}: {exc}")


def _fail(command: str, message: str, lang: str = "en") -> int:
    """One line on stderr, status 2, in the language of ``message``."""
    print(f"vn-drugfree {command}: {say('cli.error', lang)}: {printable(message)}", file=sys.stderr)
    return 2


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it again at exit cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a captured stream)
        pass
