"""What every subcommand shares: the ``--format`` option, JSON output, naming a plan.

The subcommand modules import this module, and :mod:`vn_drugfree_criteria.cli.main` imports the
subcommand modules, so the command line has no import cycle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan, list_plans

__all__ = ["add_format", "emit_json", "resolve_plan"]


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
