"""``vn-drugfree show PLAN``: everything a plan encodes, as text or JSON.

The text form lists the source metadata (unknown values shown as unknown), scope, references,
each criterion with its verbatim Vietnamese text, English rendering, source pointer and
requirements as formulas, and the indicators the plan needs. ``--format json`` prints
:func:`~vn_drugfree_criteria.io.export.plan_to_dict`.
"""

from __future__ import annotations

import argparse
from typing import Any

from vn_drugfree_criteria.cli.common import add_format, add_plan_argument, emit_json, find_item
from vn_drugfree_criteria.io.export import plan_to_dict
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.levels import Level

_LABELS = {
    "vi": {
        "unknown": "không rõ",
        "number": "Số",
        "issued": "Ngày ban hành",
        "effective": "Ngày hiệu lực",
        "issuer": "Cơ quan ban hành",
        "signer": "Người ký",
        "form": "Dạng văn bản",
        "source": "Nguồn",
        "scope": "Phạm vi",
        "levels": "Cấp",
        "valid": "Hiệu lực",
        "references": "Văn bản liên quan",
        "criteria": "Tiêu chí",
        "classifications": "Phân loại",
        "adopts": "Áp dụng tiêu chí của",
        "class_rule": "đạt khi có ít nhất {k} trong {n} tiêu chí",
        "overlap": "Địa bàn đạt nhiều loại",
        "readings": "Cách hiểu đã chọn",
        "chosen": "chọn",
        "others": "cách hiểu khác",
        "indicators": "Chỉ số cần nhập",
        "none": "(không có)",
        "citation": "chỉ có trích dẫn",
        "targets": "Chỉ tiêu",
        "calendar": "Lịch",
        "phase": "Giai đoạn",
        "due": "Hạn cuối",
        "undated": "Không nêu ngày",
        "missing": "văn bản nguồn không có khi nạp kế hoạch: vị trí và trích dẫn chưa được "
        "đối chiếu",
    },
    "en": {
        "unknown": "unknown",
        "number": "Number",
        "issued": "Issued",
        "effective": "In effect from",
        "issuer": "Issuer",
        "signer": "Signed by",
        "form": "Form",
        "source": "Source",
        "scope": "Scope",
        "levels": "Levels",
        "valid": "Valid",
        "references": "References",
        "criteria": "Criteria",
        "classifications": "Classifications",
        "adopts": "Applies the criteria of",
        "class_rule": "holds with at least {k} of its {n} criteria",
        "overlap": "An area meeting several classes",
        "readings": "Readings chosen",
        "chosen": "chosen",
        "others": "other readings",
        "indicators": "Indicators needed",
        "none": "(none)",
        "citation": "citation only",
        "targets": "Targets",
        "calendar": "Calendar",
        "phase": "Phase",
        "due": "Last day",
        "undated": "No day given",
        "missing": "the source text was not at hand when the plan was loaded: its pointers and "
        "quotes were not checked",
    },
}


def register(sub: Any) -> None:
    """Add the ``show`` subcommand."""
    p = sub.add_parser("show", help="everything a plan encodes: metadata, scope, criteria")
    add_plan_argument(p)
    add_format(p, ("table", "json"), "table")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the text form")
    p.set_defaults(run=run, takes_item=True)


def _or_unknown(value: object, unknown: str) -> str:
    return unknown if value is None else str(value)


def _level_names(levels: list[str], en: bool) -> str:
    return ", ".join(lv if en else Level(lv).info.name_vi for lv in levels)


# Long: prints each section of a plan in the order of the output, a few lines per section.
def render(d: dict[str, Any], lang: str) -> str:
    """The text form of :func:`plan_to_dict`'s output."""
    en = lang == "en"
    t = _LABELS[lang]
    u = t["unknown"]
    doc = d["document"]
    title = doc["title_en"] if en else doc["title_vi"]
    lines = [f"{d['id']}: {title}", ""]
    issuer = doc["issuer_en"] if en else doc["issuer_vi"]
    signer = doc["signer"] and " ".join(filter(None, (doc["signer_title"], doc["signer"])))
    issued = doc["issued"] and (
        f"{doc['issued']} ({doc['issued_as_written']})"
        if doc["issued_as_written"]
        else doc["issued"]
    )
    lines += [
        f"  {t['number']}: {_or_unknown(doc['number'], u)}"
        + (f" ({doc['number_as_written']})" if doc["number_as_written"] else ""),
        f"  {t['issued']}: {_or_unknown(issued, u)}",
        f"  {t['effective']}: {_or_unknown(doc['effective'], u)}",
        f"  {t['issuer']}: {issuer}",
        f"  {t['signer']}: {_or_unknown(signer or None, u)}",
        f"  {t['form']}: {doc['form']}",
        f"  {t['source']}: "
        + (doc["source"]["text"] if doc["source"] else f"{t['citation']}: {doc['citation']}"),
    ]
    if d["source_missing"]:
        lines.append(f"  !! {t['missing']}")
    lines.append("")
    scope = d["scope"]
    lines += [
        f"{t['scope']}:",
        f"  {t['levels']}: {_level_names(scope['levels'], en)}",
        f"  {t['valid']}: {_or_unknown(scope['valid_from'], u)} .. {_or_unknown(scope['valid_to'], u)}",
    ]
    if scope["text_vi"]:
        lines.append(f"  «{scope['text_vi']}»")
    if scope["source"]:
        lines.append(f"  {t['source']}: {scope['source']['text']}")
    lines += ["", f"{t['references']}:"]
    for r in d["references"] or []:
        lines.append(
            f"  [{r['relation']}] {r['type_vi']} {r['number']}, {_or_unknown(r['date'], u)}"
            f", {_or_unknown(r['issuer'], u)} ({r['source']['text']})"
            if r["number"]
            else f"  [{r['relation']}] {r['name_vi']}, {_or_unknown(r['date'], u)}"
            f" ({r['source']['text']})"
        )
    if not d["references"]:
        lines.append(f"  {t['none']}")
    lines += ["", f"{t['criteria']}:"]
    if d.get("adopts"):
        lines.append(f"  {t['adopts']} {d['adopts']}")
    for c in d["criteria"]:
        lines += [
            f"  {c['ref']} ({c['source']['text']}; {_level_names(c['levels'], en)})",
            f"    vi: {c['text_vi']}",
            f"    en: {c['text_en']}",
        ]
        for r in c["requirements"]:
            text = r["text_en"] if en else r["text_vi"]
            lines.append(f"    {r['id']}: {r['formula']}  «{r['phrase_vi']}» {text}")
    if not d["criteria"]:
        lines.append(f"  {t['none']}")
    lines += _classifications(d, t, en)
    lines += ["", f"{t['targets']}:"]
    for tg in d["targets"]:
        where = tg["source"]["text"] if tg["source"] else t["citation"]
        text = tg["text_en"] if en else tg["text_vi"]
        lines.append(
            f"  {d['id']}:{tg['id']} [{tg['label']}; {tg['kind']}; {tg['when']}] {text} ({where})"
        )
    if not d["targets"]:
        lines.append(f"  {t['none']}")
    cal = d["calendar"]
    lines += ["", f"{t['calendar']}:"]
    for ph in cal["phases"]:
        lines.append(f"  {t['phase']} {ph['number']}: {ph['start']} .. {ph['end']}")
    for dl in cal["deadlines"]:
        title = dl["title_en"] if en else dl["title"]
        lines.append(f"  {t['due']} {dl['last_day']}: {title}")
    for ud in cal["undated"]:
        title = ud["title_en"] if en else ud["title"]
        lines.append(f"  {t['undated']}: {title}")
    for ob in cal["observances"]:
        title = ob["title_en"] if en else ob["title"]
        lines.append(f"  {ob['start']} .. {ob['end']}: {title}")
    if not (cal["phases"] or cal["deadlines"] or cal["undated"] or cal["observances"]):
        lines.append(f"  {t['none']}")
    lines += ["", f"{t['indicators']}:"]
    width = max((len(i["name"]) for i in d["indicators"]), default=0)
    for i in d["indicators"]:
        noun = i["noun_en"] if en else i["noun_vi"]
        part = f"  (⊆ {i['whole']})" if i["whole"] else ""
        unit = f"  [{i['unit']}, {i['value']}]" if i["value"] != "count" else ""
        lines.append(f"  {i['name']:<{width}}  {noun}{part}{unit}")
    if not d["indicators"]:
        lines.append(f"  {t['none']}")
    return "\n".join(lines)


def _criterion_lines(c: dict[str, Any], en: bool, indent: str) -> list[str]:
    lines = [
        f"{indent}{c['ref']} ({c['source']['text']})",
        f"{indent}  vi: {c['text_vi']}",
        f"{indent}  en: {c['text_en']}",
    ]
    for r in c["requirements"]:
        text = r["text_en"] if en else r["text_vi"]
        lines.append(f"{indent}  {r['id']}: {r['formula']}  «{r['phrase_vi']}» {text}")
    return lines


def _classifications(d: dict[str, Any], t: dict[str, str], en: bool) -> list[str]:
    """Graded outcomes (Decision 28's key complex classes) and the readings chosen, if any."""
    lines: list[str] = []
    for g in d.get("classifications", []):
        title = g["title_en"] if en else g["title_vi"]
        lines += [
            "",
            f"{t['classifications']}: {title} ({g['source']['text']}; "
            f"{_level_names(g['levels'], en)})",
            f"  vi: {g['text_vi']}",
        ]
        for k in g["classes"]:
            label = k["label_en"] if en else k["label_vi"]
            rule = t["class_rule"].format(k=k["min_met"], n=len(k["criteria"]))
            lines += [
                f"  {k['id']} ({label}): {rule} ({k['source']['text']})",
                f"    vi: {k['text_vi']}",
            ]
            for c in k["criteria"]:
                lines += _criterion_lines(c, en, "    ")
        lines.append(f"  {t['overlap']}: {g['overlap_reading']}. {g['overlap_note']}")
    readings = d.get("readings", [])
    if readings:
        lines += ["", f"{t['readings']}:"]
        for r in readings:
            lines += [
                f"  {r['id']} ({r['source']['text']}): «{r['text_vi']}»",
                f"    {t['chosen']}: {r['chosen']}; {t['others']}: {', '.join(r['alternatives'])}",
                f"    {r['note']}",
            ]
    return lines


def run(args: argparse.Namespace) -> int:
    """Show a plan."""
    plan: Plan = args.plan
    if args.item is not None:  # "show PLAN:C4": one criterion or target
        item = find_item(plan, args.item)
        if args.format == "json":
            emit_json(item)
        elif item["item"] == "criterion":
            print("\n".join(_criterion_lines(item, args.lang == "en", "")))
        else:
            text = item["text_en"] if args.lang == "en" else item["text_vi"]
            where = item["source"]["text"] if item["source"] else ""
            print(f"{item['ref']} [{item['label']}; {item['when']}] {text} ({where})")
        return 0
    data = plan_to_dict(plan)
    if args.format == "json":
        emit_json(data)
    else:
        print(render(data, args.lang))
    return 0
