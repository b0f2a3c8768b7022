"""``vn-drugfree show PLAN``: everything a plan encodes, as text or JSON.

The text form lists the source metadata (unknown values shown as unknown), scope, references,
each criterion with its verbatim Vietnamese text, English rendering, source pointer and
requirements as formulas, and the indicators the plan needs. ``--format json`` prints
:func:`~vn_drugfree_criteria.io.export.plan_to_dict`.
"""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import (
    add_format,
    add_lang,
    add_plan_argument,
    emit_json,
    find_item,
)
from vn_drugfree_criteria.io.export import plan_to_dict
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.labels import (
    LABELS,
    code_word,
    formula_words,
    say,
    say_count,
    when_words,
)
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.text import printable


def _labels(lang: str) -> dict[str, str]:
    """The headings and field names of the text form in ``lang`` (``show.*`` labels)."""
    words = {k.removeprefix("show."): f[lang] for k, f in LABELS.items() if k.startswith("show.")}
    return words | {"unknown": say("unknown", lang), "none": say("none", lang)}


def _quote(text: str, en: bool) -> str:
    """Words of the document (Vietnamese by nature) in English text, marked as a quote."""
    return f"«{text}»" if en else text


def _date(value: str | None, lang: str, unknown: str) -> str:
    return unknown if value is None else date_words(value, lang)


def register(sub: Any) -> None:
    """Add the ``show`` subcommand."""
    p = sub.add_parser("show", help="everything a plan encodes: metadata, scope, criteria")
    add_plan_argument(p)
    add_format(p, ("table", "json"), "table")
    add_lang(p)
    p.set_defaults(run=run, takes_item=True)


def _or_unknown(value: object, unknown: str) -> str:
    return unknown if value is None else str(value)


def _level_names(levels: list[str], en: bool) -> str:
    """The levels by their Vietnamese names, or by their ids in English text."""
    return ", ".join(lv if en else Level(lv).info.name_vi for lv in levels)


def render(d: dict[str, Any], lang: str) -> str:
    """The text form of :func:`plan_to_dict`'s output, every word in ``lang``.

    Words of the document stay in Vietnamese; in English text they are marked as quotes
    (``«...»``). Every value read from the plan goes through
    :func:`~vn_drugfree_criteria.vocab.text.printable`, so that a plan file cannot move the
    cursor or colour the terminal.
    """
    t = _labels(lang)
    lines = _document(d, t, lang) + _scope(d, t, lang)
    lines += ["", f"{t['criteria']}:"]
    if d.get("adopts"):
        lines.append(f"  {t['adopts']} {d['adopts']}")
    for c in d["criteria"]:
        where = f"{c['source']['text']}; {_level_names(c['levels'], lang == 'en')}"
        lines += _criterion_lines(c, lang, "  ", where)
    if not d["criteria"]:
        lines.append(f"  {t['none']}")
    lines += _classifications(d, t, lang)
    lines += _targets(d, t, lang) + _calendar(d["calendar"], t, lang)
    lines += ["", f"{t['indicators']}:"]
    width = max((len(i["name"]) for i in d["indicators"]), default=0)
    for i in d["indicators"]:
        noun = i["noun_en"] if lang == "en" else i["noun_vi"]
        part = f"  (⊆ {i['whole']})" if i["whole"] else ""
        if i["value"] != "count":  # a measure, not a count: its unit and kind of value
            unit = code_word("unit", i["unit"], lang)
            part += f"  [{unit}, {code_word('value', i['value'], lang)}]"
        lines.append(f"  {i['name']:<{width}}  {noun}{part}")
    if not d["indicators"]:
        lines.append(f"  {t['none']}")
    lines += _local_indicators(d.get("local_indicators", []), t, lang)
    return "\n".join(printable(line) for line in lines)


def _local_indicators(items: list[dict[str, Any]], t: dict[str, str], lang: str) -> list[str]:
    """The plan's own indicators: name, unit, labels, whole, definition and where they stand."""
    if not items:
        return []
    en = lang == "en"
    lines = ["", f"{t['local_indicators']}:"]
    for i in items:
        part = f"  (⊆ {i['whole']})" if i["whole"] else ""
        unit = code_word("unit", i["unit"], lang)
        nouns = f"{_quote(i['noun_vi'], en)} / {i['noun_en']}"
        lines.append(f"  {i['name']}  [{unit}]  {nouns}{part}")
        if i["source"]:
            lines.append(f"    {t['source']}: {i['source']['text']}")
        definition = i["definition_en"] if en and i["definition_en"] else i["definition_vi"]
        if definition:
            where = f" ({i['definition_source']['text']})" if i["definition_source"] else ""
            shown = definition if definition == i["definition_en"] else _quote(definition, en)
            lines.append(f"    {t['definition']}: {shown}{where}")
    return lines


def _document(d: dict[str, Any], t: dict[str, str], lang: str) -> list[str]:
    en, u = lang == "en", t["unknown"]
    doc = d["document"]
    title = doc["title_en"] if en else doc["title_vi"]
    signer = doc["signer"] and " ".join(filter(None, (doc["signer_title"], doc["signer"])))
    issued = _date(doc["issued"], lang, u)
    if doc["issued"] and doc["issued_as_written"]:
        issued += f" ({_quote(doc['issued_as_written'], en)})"
    number = _or_unknown(doc["number"], u)
    if doc["number_as_written"]:
        number += f" ({_quote(doc['number_as_written'], en)})"
    citation = f"{t['citation']}: {_quote(doc['citation'], en)}"
    source = doc["source"]["text"] if doc["source"] else citation
    lines = [
        f"{d['id']}: {title}",
        "",
        f"  {t['number']}: {number}",
        f"  {t['issued']}: {issued}",
        f"  {t['effective']}: {_date(doc['effective'], lang, u)}",
        f"  {t['issuer']}: {doc['issuer_en'] if en else doc['issuer_vi']}",
        f"  {t['signer']}: {_quote(signer, en) if signer else u}",
        f"  {t['form']}: {code_word('form', doc['form'], lang)}",
        f"  {t['source']}: {source}",
    ]
    if d["source_missing"]:
        lines.append(f"  !! {t['missing']}")
    return lines


def _scope(d: dict[str, Any], t: dict[str, str], lang: str) -> list[str]:
    en, u = lang == "en", t["unknown"]
    scope = d["scope"]
    valid = say(
        "range",
        lang,
        start=_date(scope["valid_from"], lang, u),
        end=_date(scope["valid_to"], lang, u),
    )
    lines = ["", f"{t['scope']}:", f"  {t['levels']}: {_level_names(scope['levels'], en)}"]
    lines.append(f"  {t['valid']}: {valid}")
    if scope["text_vi"]:
        lines.append(f"  «{scope['text_vi']}»")
    if scope["source"]:
        lines.append(f"  {t['source']}: {scope['source']['text']}")
    lines += ["", f"{t['references']}:"]
    for r in d["references"] or []:
        relation = code_word("relation", r["relation"], lang)
        name = f"{r['type_vi']} {r['number']}" if r["number"] else r["name_vi"]
        issuer = f", {_quote(r['issuer'], en) if r['issuer'] else u}" if r["number"] else ""
        date = _date(r["date"], lang, u)
        lines.append(f"  [{relation}] {_quote(name, en)}, {date}{issuer} ({r['source']['text']})")
    if not d["references"]:
        lines.append(f"  {t['none']}")
    return lines


def _targets(d: dict[str, Any], t: dict[str, str], lang: str) -> list[str]:
    lines = ["", f"{t['targets']}:"]
    for tg in d["targets"]:
        where = tg["source"]["text"] if tg["source"] else t["citation"]
        text = tg["text_en"] if lang == "en" else tg["text_vi"]
        kind = code_word("target_kind", tg["kind"], lang)
        head = f"{_quote(tg['label'], lang == 'en')}; {kind}; {when_words(tg['when'], lang)}"
        lines.append(f"  {d['id']}:{tg['id']} [{head}] {text} ({where})")
    if not d["targets"]:
        lines.append(f"  {t['none']}")
    return lines


def _calendar(cal: dict[str, Any], t: dict[str, str], lang: str) -> list[str]:
    title = "title_en" if lang == "en" else "title"

    def span(item: dict[str, Any]) -> str:
        return say(
            "range", lang, start=date_words(item["start"], lang), end=date_words(item["end"], lang)
        )

    lines = ["", f"{t['calendar']}:"]
    lines += [f"  {t['phase']} {ph['number']}: {span(ph)}" for ph in cal["phases"]]
    lines += [
        f"  {t['due']} {date_words(dl['last_day'], lang)}: {dl[title]}" for dl in cal["deadlines"]
    ]
    lines += [f"  {t['undated']}: {ud[title]}" for ud in cal["undated"]]
    lines += [f"  {span(ob)}: {ob[title]}" for ob in cal["observances"]]
    if not (cal["phases"] or cal["deadlines"] or cal["undated"] or cal["observances"]):
        lines.append(f"  {t['none']}")
    return lines


def _criterion_lines(c: dict[str, Any], lang: str, indent: str, where: str) -> list[str]:
    """A criterion: its reference, the verbatim text, in English its rendering, requirements."""
    en = lang == "en"
    lines = [f"{indent}{c['ref']} ({where})", f"{indent}  «{c['text_vi']}»"]
    if en:
        lines.append(f"{indent}  {c['text_en']}")
    for r in c["requirements"]:
        text = r["text_en"] if en else r["text_vi"]
        formula = formula_words(r["formula"], lang)
        lines.append(f"{indent}  {r['id']}: {formula}  «{r['phrase_vi']}» {text}")
    return lines


def _classifications(d: dict[str, Any], t: dict[str, str], lang: str) -> list[str]:
    """Graded outcomes (Decision 28's key complex classes) and the readings chosen, if any."""
    en = lang == "en"
    lines: list[str] = []
    for g in d.get("classifications", []):
        title = g["title_en"] if en else g["title_vi"]
        where = f"{g['source']['text']}; {_level_names(g['levels'], en)}"
        lines += ["", f"{t['classifications']}: {title} ({where})", f"  «{g['text_vi']}»"]
        for k in g["classes"]:
            label = k["label_en"] if en else k["label_vi"]
            rule = t["class_rule"].format(
                k=k["min_met"], n=say_count("count.criterion", len(k["criteria"]), lang)
            )
            lines += [f"  {label}: {rule} ({k['source']['text']})"]
            lines += [f"    «{k['text_vi']}»"]
            for c in k["criteria"]:
                lines += _criterion_lines(c, lang, "    ", c["source"]["text"])
        overlap = code_word("overlap", g["overlap_reading"], lang)
        lines.append(f"  {t['overlap']}: {overlap}. {_english_note(g['overlap_note'], t, en)}")
    readings = d.get("readings", [])
    if readings:
        lines += ["", f"{t['readings']}:"]
        for r in readings:
            lines += [
                f"  {r['id']} ({r['source']['text']}): «{r['text_vi']}»",
                f"    {t['chosen']}: {r['chosen']}; {t['others']}: {', '.join(r['alternatives'])}",
                f"    {_english_note(r['note'], t, en)}",
            ]
    return lines


def _english_note(note: str, t: dict[str, str], en: bool) -> str:
    """A note the plan data gives in English only: itself in English text, a pointer in Vietnamese."""
    return note if en else t["english_only"]


def run(args: argparse.Namespace) -> int:
    """Show a plan."""
    plan: Plan = args.plan
    if args.item is not None:  # "show PLAN:C4": one criterion or target
        item = find_item(plan, args.item)
        if args.format == "json":
            emit_json(item)
        elif item["item"] == "criterion":
            lines = _criterion_lines(item, args.lang, "", item["source"]["text"])
            print("\n".join(printable(line) for line in lines))
        else:
            text = item["text_en"] if args.lang == "en" else item["text_vi"]
            where = item["source"]["text"] if item["source"] else ""
            when = when_words(item["when"], args.lang)
            label = _quote(item["label"], args.lang == "en")
            print(printable(f"{item['ref']} [{label}; {when}] {text} ({where})"))
        return 0
    data = plan_to_dict(plan)
    if args.format == "json":
        emit_json(data)
    else:
        print(render(data, args.lang))
    return 0
