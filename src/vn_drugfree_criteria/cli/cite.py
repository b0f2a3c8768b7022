"""``vn-drugfree cite PLAN:ITEM``: a citation of one criterion or target, ready to paste.

It names the library version, the document (kind, number, date, issuer, title), where the item
stands (article and line of the bundled source), the verbatim Vietnamese text and the stable
anchor of its documentation page (``lai-chau-city-2024-C4``).
"""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria import __version__
from vn_drugfree_criteria.cli.common import (
    add_format,
    add_lang,
    add_plan_argument,
    emit_json,
    find_item,
)
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.labels import say
from vn_drugfree_criteria.vocab.text import printable

__all__ = ["citation", "register", "run"]


def register(sub: Any) -> None:
    """Add the ``cite`` subcommand."""
    p = sub.add_parser("cite", help="a citation of one criterion or target: PLAN:C4")
    add_plan_argument(p)
    add_format(p, ("text", "json"), "text")
    add_lang(p, "the labels")
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
    lang, en = args.lang, args.lang == "en"
    word = {k: say(f"cite.{k}", lang) for k in ("title", "document", "where", "verbatim")}
    unknown = say("unknown", lang)
    d = data["document"]
    number = say("cite.number", lang, number=d["number"] or d["citation"] or f"({unknown})")
    issued = say(
        "cite.issued", lang, date=date_words(d["issued"], lang) if d["issued"] else unknown
    )
    kind, issuer, title = d["type_vi"], d["issuer_vi"], d["title_vi"]
    if en:  # the document's own words, marked as quotes in English text
        kind, issuer, title = f"«{kind}»", f"«{issuer}»", f"«{title}»"
    lines = [
        f"{word['title']}: {data['ref']} (vn-drugfree-criteria {data['library_version']})",
        f"{word['document']}: {kind} {number}, {issued}, {issuer}:",
        f"  {title}",
        f"{word['where']}: {data['where'] or unknown}",
        f"{word['verbatim']}: «{data['text_vi']}»",
    ]
    if en:
        lines.append(f"{say('cite.english', lang)}: {data['text_en']}")
    lines.append(f"{say('cite.anchor', lang)}: #{data['anchor']}")
    print("\n".join(printable(line) for line in lines))
    return 0
