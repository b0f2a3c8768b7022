"""``vn-drugfree units``: the levels and unit kinds, with their validity dates and the reform."""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, emit_json
from vn_drugfree_criteria.conformance.reference import units_to_dict


def register(sub: Any) -> None:
    """Add the ``units`` subcommand."""
    p = sub.add_parser(
        "units",
        help="levels and unit kinds with their validity dates, the reform and its successors",
        description="List the administrative levels and unit kinds (xã, phường, thị trấn, đặc "
        "khu, ...), the dates they existed, the reform that ended the district level, the "
        "provinces and units it merged or ended, and the index from any spelling of a name to "
        "a level or kind. JSON output follows the `units` schema.",
    )
    add_format(p, ("table", "json"), "table")
    p.set_defaults(run=run)


def _span(item: dict[str, Any]) -> str:
    first, last = item["valid_from"] or "…", item["valid_to"] or "…"
    return "" if first == last == "…" else f"  {first} .. {last}"


def run(args: argparse.Namespace) -> int:
    """Print the units reference data."""
    data = units_to_dict()
    if args.format == "json":
        emit_json(data)
        return 0
    reform = data["reform"]
    print(f"{reform['name_en']} ({reform['name_vi']}), effective {reform['effective']}")
    for level in data["levels"]:
        print(f"\n{level['id']}: {level['name_vi']} / {level['name_en']}{_span(level)}")
        for kind in (k for k in data["kinds"] if k["level"] == level["id"]):
            print(f"  {kind['id']:<48} {kind['name_vi']} / {kind['name_en']}{_span(kind)}")
    return 0
