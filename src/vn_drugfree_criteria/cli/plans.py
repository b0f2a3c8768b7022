"""``vn-drugfree plans``: list the bundled plans."""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_lang, emit_json
from vn_drugfree_criteria.model.registry import get_plan, list_plans


def register(sub: Any) -> None:
    """Add the ``plans`` subcommand."""
    p = sub.add_parser("plans", help="list plan ids with titles")
    add_format(p, ("table", "json"), "table")
    add_lang(p, "the titles")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List plans."""
    rows = []
    for plan_id in list_plans():
        d = get_plan(plan_id).to_dict()
        doc = d["document"]
        rows.append(
            {
                "id": d["id"],
                "title": doc["title_en"] if args.lang == "en" else doc["title_vi"],
                "number": doc["number"],
                "issued": doc["issued"],
                "criteria": len(d["criteria"]),
            }
        )
    if args.format == "json":
        emit_json({"plans": rows})
    else:
        width = max(len(str(r["id"])) for r in rows)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['title']}")
    return 0
