"""The targets, calendar and audit sections of a plan page, as tables from the plan's JSON form.

Each cell holds one language per sentence: Vietnamese words of the source through the ``vi``
role, English renderings as plain text, codes through :mod:`page_labels`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from page_labels import COMPARISONS, FREQUENCIES, READINGS, SEVERITIES, TARGET_KINDS, label
from page_labels import when as when_labels
from page_rst import both, esc, heading, list_table, lit, vi

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.vocab.figures import FIGURES
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = ["calendar_figure_name", "calendar_section", "findings_section", "targets_section"]


def figure_cell(name: str) -> list[str]:
    """A programme figure: its column name, Vietnamese wording and English description."""
    fig = FIGURES.get(name)
    if fig is None:
        return [lit(name)]
    return [lit(name), f"{esc(fig.text_en)} / {vi(fig.text_vi)}"]


def measure_cell(t: dict[str, Any]) -> list[str]:
    """How a target is measured: figure, comparison, share or count, whole, readings."""
    out: list[str] = []
    if t["figure"]:
        out += [f"{both('Figure', 'Số liệu')}: {lit(t['figure'])}"]
    if t["comparison"]:
        kind = both(*label(COMPARISONS, t["comparison"]["kind"]))
        out.append(f"{both('Comparison', 'So sánh')}: «{vi(t['comparison']['phrase_vi'])}», {kind}")
    if t["share"] is not None:
        out.append(f"{both('Share', 'Tỷ lệ')}: {format_share(Fraction(t['share']))}")
    if t["count"] is not None:
        out.append(f"{both('Count', 'Số lượng')}: {t['count']}")
    if t["stated_count"] is not None:
        out.append(f"{both('Count written beside it', 'Số ghi kèm')}: {t['stated_count']}")
    if t["months"] is not None:
        out.append(f"{both('Months', 'Số tháng')}: {t['months']}")
    if t["whole"]:
        out.append(f"{both('Of the figure', 'Trên số liệu')}: {lit(t['whole'])}")
    if t["whole_stated"] is not None:
        out.append(f"{both('Of the stated whole', 'Trên tổng số nêu')}: {t['whole_stated']}")
    if t["readings"]:
        readings = "; ".join(both(*label(READINGS, r)) for r in t["readings"])
        out.append(f"{both('Readings', 'Cách đọc')}: {readings}")
    return out


def targets_section(d: dict[str, Any]) -> list[str]:
    """The plan's targets: one row each, verbatim text beside its English rendering."""
    if not d["targets"]:
        return []
    rows = []
    for t in d["targets"]:
        notes = [esc(n) for n in (t["reading_note"], t["note"], t["doubt"]) if n]
        where = lit(t["source"]["text"]) if t["source"] else both("citation only", "trích dẫn")
        rows.append(
            [
                [
                    lit(t["id"]),
                    both(*when_labels(t["when"])),
                    both(*label(TARGET_KINDS, t["kind"])),
                ],
                [vi(t["text_vi"]), where],
                [esc(t["text_en"]), *notes],
                measure_cell(t),
            ]
        )
    head = [
        both("Target", "Chỉ tiêu"),
        both("Words of the source", "Nguyên văn"),
        "English",
        both("Measured by", "Cách đo"),
    ]
    return [
        *heading("Targets / Chỉ tiêu", "-"),
        *list_table(head, rows, (16, 30, 30, 24), "targets"),
    ]


def calendar_figure_name(plan: vdc.Plan) -> str | None:
    """The calendar figure's file name, for a plan with anything dated; ``None`` otherwise."""
    cal = plan.calendar
    dated = cal.phases or cal.all_deadlines() or cal.observances
    return f"calendar-{plan.id}.png" if dated else None


def phase_rows(cal: dict[str, Any]) -> list[list[Any]]:
    """Phases and the gaps between them, in date order."""
    rows: list[tuple[str, list[Any]]] = []
    for p in cal["phases"]:
        where = lit(p["source"]) if p["source"] else "—"
        name = both(f"phase {p['number']}", f"giai đoạn {p['number']}")
        rows.append((p["start"], [name, p["start"], p["end"], [vi(p["text_vi"]), where]]))
    for g in cal["gaps"]:
        rows.append(
            (g["start"], [both("no phase", "không thuộc giai đoạn nào"), g["start"], g["end"], "—"])
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def deadlines_table(deadlines: list[dict[str, Any]]) -> list[str]:
    """Deadlines: the task, the words and date of the source, the last valid day."""
    rows = [
        [
            [vi(dl["title"]), esc(dl["title_en"] or "")],
            f"«{vi(dl['phrase_vi'])}» {dl['due_before']}" if dl["phrase_vi"] else dl["due_before"],
            f"**{dl['last_day']}**",
            lit(dl["source"]) if dl["source"] else "—",
        ]
        for dl in deadlines
    ]
    head = [
        both("Report or task", "Nội dung"),
        both("Due, as written", "Hạn, nguyên văn"),
        both("Last day", "Ngày cuối"),
        both("Where", "Vị trí"),
    ]
    return [
        ".. rubric:: Deadlines / Thời hạn",
        "",
        "A deadline “before D” ends on the day before D. / "
        ":vi:`Hạn “trước ngày D” kết thúc vào ngày liền trước ngày D.`",
        "",
        *list_table(head, rows, (40, 22, 14, 24)),
    ]


def undated_table(undated: list[dict[str, Any]]) -> list[str]:
    """Reports whose day the source does not give: never given one here either."""
    rows = [
        [
            [vi(u["title"]), esc(u["title_en"] or "")],
            both(*label(FREQUENCIES, u["frequency"])),
            lit(u["source"]) if u["source"] else "—",
        ]
        for u in undated
    ]
    head = [both("Report", "Báo cáo"), both("How often", "Tần suất"), both("Where", "Vị trí")]
    return [
        ".. rubric:: Reports with no day in the source / Báo cáo không nêu ngày",
        "",
        *list_table(head, rows, (50, 25, 25)),
    ]


def calendar_section(plan: vdc.Plan, cal: dict[str, Any]) -> list[str]:
    """Phases, deadlines (last valid day), undated reports, observances, the timeline."""
    out: list[str] = []
    if cal["phases"]:
        head = [
            both("Phase", "Giai đoạn"),
            both("From", "Từ"),
            both("To", "Đến"),
            both("Words of the source", "Nguyên văn"),
        ]
        out += [".. rubric:: Phases / Các giai đoạn", ""]
        out += list_table(head, phase_rows(cal), (18, 14, 14, 54))
    if cal["deadlines"]:
        out += deadlines_table(cal["deadlines"])
    if cal["undated"]:
        out += undated_table(cal["undated"])
    if cal["observances"]:
        rows = [
            [[vi(o["title"]), esc(o["title_en"])], o["start"], o["end"]] for o in cal["observances"]
        ]
        head = [both("Observance", "Sự kiện"), both("From", "Từ"), both("To", "Đến")]
        out += [".. rubric:: Observances / Ngày, tháng hành động", ""]
        out += list_table(head, rows, (60, 20, 20))
    if not out:
        return []
    out = [*heading("Calendar / Lịch", "-"), *out]
    figure = calendar_figure_name(plan)
    if figure is not None:
        out += [
            f".. figure:: /_generated/figures/{figure}",
            f"   :alt: phases, observances and deadlines of {plan.id} on a timeline",
            "",
            "   ``plot_calendar``: phases, observances, and each deadline at its last valid day.",
            "",
        ]
    return out


def findings_section(findings: list[dict[str, Any]]) -> list[str]:
    """The audit findings: severity and code, both messages, stated and derived, where."""
    if not findings:
        return []
    rows = []
    for f in findings:
        info = vdc.FINDING_CODES[f["code"]]
        rows.append(
            [
                [both(*label(SEVERITIES, f["severity"])), lit(f["code"])],
                [vi(f["message_vi"]), esc(f["message_en"])],
                [
                    f"{both('Stated', 'Văn bản nêu')}: {vi(f['stated'])}" if f["stated"] else "",
                    f"{both('Derived', 'Tính lại')}: {esc(f['derived'])}" if f["derived"] else "",
                    f"{esc(info.title_en)} / {vi(info.title_vi)}",
                ],
                lit(f["where"]) if f["line"] is not None else esc(f["where"]),
            ]
        )
    head = [
        both("Finding", "Phát hiện"),
        both("Message", "Nội dung"),
        both("Figures and rule", "Số liệu và quy tắc"),
        both("Where", "Vị trí"),
    ]
    return [
        *heading("Audit findings / Kết quả rà soát", "-"),
        *list_table(head, rows, (18, 40, 26, 16), "findings"),
    ]
