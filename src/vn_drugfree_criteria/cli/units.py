"""``vn-drugfree units``: the levels and unit kinds, with their validity dates and the reform."""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_lang, emit_json
from vn_drugfree_criteria.conformance.reference import units_to_dict
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.labels import say


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
    add_lang(p, "the names in the table")
    p.set_defaults(run=run)


def _span(item: dict[str, Any], lang: str) -> str:
    first, last = (
        (item[k] and date_words(item[k], lang)) or "…" for k in ("valid_from", "valid_to")
    )
    return "" if first == last == "…" else f"  {say('range', lang, start=first, end=last)}"


def _name(item: dict[str, Any], lang: str) -> str:
    """The Vietnamese name, or in English text the English one with the official name quoted."""
    return f"{item['name_en']} («{item['name_vi']}»)" if lang == "en" else item["name_vi"]


def run(args: argparse.Namespace) -> int:
    """Print the units reference data."""
    data = units_to_dict()
    if args.format == "json":
        emit_json(data)
        return 0
    lang = args.lang
    reform = data["reform"]
    effective = say("units.effective", lang, date=date_words(reform["effective"], lang))
    print(f"{_name(reform, lang)}, {effective}")
    for level in data["levels"]:
        print(f"\n{level['id']}: {_name(level, lang)}{_span(level, lang)}")
        for kind in (k for k in data["kinds"] if k["level"] == level["id"]):
            print(f"  {kind['id']:<48} {_name(kind, lang)}{_span(kind, lang)}")
    return 0
