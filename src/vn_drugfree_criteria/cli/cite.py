"""``vn-drugfree cite PLAN:ITEM``: a citation of one criterion or target, ready to paste.

It names the library version, the document (kind, number, date, issuer, title), where the item
stands (article and line of the bundled source), the verbatim Vietnamese text and the stable
anchor of its documentation page (``lai-chau-city-2024-C4``).
"""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.cli.common import add_format, add_plan_argument, emit_json, find_item
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.plan import Plan

__all__ = ["citation", "register", "run"]

_WORDS = {
    "vi": (
        "Trích dẫn",
        "Văn bản",
        "Vị trí",
        "Nguyên văn",
        "Neo tài liệu",
        "không rõ",
        "số",
        "ngày",
    ),
    "en": ("Citation", "Document", "Where", "Verbatim", "Anchor", "unknown", "no.", "of"),
}


def register(sub: Any) -> None:
    """Add the ``cite`` subcommand."""
    p = sub.add_parser("cite", help="a citation of one criterion or target: PLAN:C4")
    add_plan_argument(p)
    add_format(p, ("text", "json"), "text")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the labels")
    p.set_defaults(run=run, takes_item=True)


def citation(plan: Plan, item: str) -> dict[str, Any]:
    """The citation of ``item`` of ``plan`` as JSON-ready data."""
    found = find_item(plan, item)
    doc = plan.document.to_dict()
    source = found.get("source")
    return {
        "library": "vn-drugfree-criteria",
        "library_version": __version__,
        "ref": found["ref"],
        "anchor": f"{plan.id}-{item}",
        "item": found["item"],
        "document": {
            k: doc[k] for k in ("type_vi", "number", "issued", "issuer_vi", "title_vi", "citation")
        },
        "where": None if source is None else source["text"],
        "text_vi": found["text_vi"],
        "text_en": found["text_en"],
    }


def run(args: argparse.Namespace) -> int:
    """Print the citation."""
    if args.item is None:
        raise InputError("give the item to cite as PLAN:ITEM, for example lai-chau-city-2024:C4")
    data = citation(args.plan, args.item)
    if args.format == "json":
        emit_json(data)
        return 0
    title, doc_word, where, verbatim, anchor, unknown, no, of = _WORDS[args.lang]
    d = data["document"]
    number = d["number"] or d["citation"] or f"({unknown})"
    issued = d["issued"] or f"({unknown})"
    print(f"{title}: {data['ref']} (vn-drugfree-criteria {data['library_version']})")
    print(f"{doc_word}: {d['type_vi']} {no} {number}, {of} {issued}, {d['issuer_vi']}:")
    print(f"  {d['title_vi']}")
    print(f"{where}: {data['where'] or unknown}")
    print(f"{verbatim}: «{data['text_vi']}»")
    if args.lang == "en":
        print(f"English: {data['text_en']}")
    print(f"{anchor}: #{data['anchor']}")
    return 0
