"""What every subcommand shares: the ``--format`` option, JSON output, naming a plan.

The subcommand modules import this module, and :mod:`vn_drugfree_criteria.cli.main` imports the
subcommand modules, so the command line has no import cycle.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO, TextIO

from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.jsonout import write_json
from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan, list_plans
from vn_drugfree_criteria.vocab.labels import LANGS

__all__ = [
    "PLAN_HELP",
    "add_delimiter",
    "add_format",
    "add_lang",
    "add_missing_source_flag",
    "add_plan_argument",
    "add_sheet",
    "binary_output",
    "emit_json",
    "find_item",
    "resolve_plan",
    "split_reference",
]


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    """Add the ``--format`` option every subcommand takes."""
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=default,
        help=f"output format (default: {default})",
    )


def add_delimiter(parser: argparse.ArgumentParser) -> None:
    """Add ``--delimiter`` for commands that read CSV (detected from the header by default)."""
    parser.add_argument(
        "--delimiter",
        metavar="SEP",
        help="the CSV delimiter: ',' ';' or tab (default: detected from the header row)",
    )


def add_sheet(parser: argparse.ArgumentParser) -> None:
    """Add ``--sheet`` for commands that read Excel workbooks."""
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet to read from an .xlsx workbook that has several",
    )


def add_lang(parser: argparse.ArgumentParser, what: str = "the text output") -> None:
    """Add the ``--lang vi|en`` option every subcommand that prints words takes (default ``vi``).

    It chooses the language of every word the library writes; in JSON, of the one-language
    text members (``message``, ``explanation``, ``text``), never of the keys.
    """
    parser.add_argument(
        "--lang", choices=list(LANGS), default=LANGS[0], help=f"language of {what} (default: vi)"
    )


def binary_output(out: str | None) -> str | BinaryIO:
    """Where a binary file (a workbook) goes: the path ``out``, or a redirected stdout.

    Raises:
        InputError: No ``out`` and stdout is a terminal (a workbook is not text).
    """
    if out:
        return out
    if sys.stdout.isatty():
        raise InputError("an .xlsx workbook is binary: give --out FILE or redirect the output")
    sys.stdout.flush()
    return sys.stdout.buffer


def emit_json(data: Any, out: TextIO | None = None) -> None:
    """Write JSON to stdout: UTF-8 text, non-ASCII kept, two-space indent."""
    write_json(data, out if out is not None else sys.stdout)


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


def split_reference(text: str) -> tuple[str, str | None]:
    """``"lai-chau-city-2024:C4"`` to the plan and the item; a plain plan has no item.

    Only a bundled plan id or a ``*.toml`` path counts as the plan part, so a path with a colon
    elsewhere is left whole.
    """
    head, sep, tail = text.rpartition(":")
    if sep and tail and (head in list_plans() or head.endswith(".toml")):
        return head, tail
    return text, None


def find_item(plan: Plan, item: str) -> dict[str, Any]:
    """The criterion (of the plan or of one of its classes) or target called ``item``.

    Returns:
        Its JSON form, with ``"item"`` set to ``"criterion"`` or ``"target"``.

    Raises:
        InputError: The plan has no such item (the message lists the ids it has).
    """
    for c in plan.all_criteria:
        if c.id == item:
            return {"item": "criterion", **c.to_dict(plan.id)}
    for target in plan.targets:
        if target.id == item:
            return {"item": "target", "ref": f"{plan.id}:{target.id}", **target.to_dict()}
    ids = [c.id for c in plan.all_criteria] + [t.id for t in plan.targets]
    raise InputError(
        f"plan {plan.id!r} has no criterion or target {item!r}; it has {', '.join(ids)}"
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
