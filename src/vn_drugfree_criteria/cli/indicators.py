"""``vn-drugfree indicators``: the indicator vocabulary, with units, labels and part/whole pairs."""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_lang, emit_json
from vn_drugfree_criteria.conformance.reference import indicators_to_dict
from vn_drugfree_criteria.vocab.labels import code_word, say


def register(sub: Any) -> None:
    """Add the ``indicators`` subcommand."""
    p = sub.add_parser(
        "indicators",
        help="every indicator (input column) with its unit, labels and whole",
        description="List every indicator an input row may carry: its unit, Vietnamese and "
        "English labels and, for a part, its whole. A part may never exceed its whole. JSON "
        "output follows the `indicators` schema.",
    )
    add_format(p, ("table", "json"), "table")
    add_lang(p, "the labels")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the indicator vocabulary."""
    data = indicators_to_dict()
    if args.format == "json":
        emit_json(data)
        return 0
    width = max(len(i["name"]) for i in data["indicators"])
    for i in data["indicators"]:
        noun = i["noun_en"] if args.lang == "en" else i["noun_vi"]
        part = f"  (⊆ {i['whole']})" if i["whole"] else ""
        unit = code_word("unit", i["unit"], args.lang)
        print(f"{i['name']:<{width}}  {unit:<9} {noun}{part}")
    print("\n" + say("indicators.max_count", args.lang, count=data["max_count"]))
    return 0
