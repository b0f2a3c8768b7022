"""Sphinx extension: write one reStructuredText page per bundled plan, from the plan data.

The pages are generated when the build starts (``builder-inited``) into ``docs/_generated``
(git-ignored), so the documentation always shows what the installed library encodes. Each
criterion gets a stable label ``<plan-id>-<criterion-id>`` (``lai-chau-city-2024-C4``), the
documentation form of the reference ``lai-chau-city-2024:C4``.

Sections for targets, the calendar and audit findings are written from ``Plan.targets``,
``Plan.calendar`` and ``vdc.audit``. Figures (PNG) are drawn with the ``plot`` extra into the
same git-ignored folder and copied into the build by Sphinx: a plan with phases shows its
calendar timeline (:func:`calendar_figure_name`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.model.loader import source_lines

UNKNOWN = "*unknown* (not stated in the source)"


def esc(text: str) -> str:
    """Escape reStructuredText inline markup so text is shown exactly as written."""
    out = text.replace("\\", "\\\\")
    for ch in "*`|_[]<>":
        out = out.replace(ch, "\\" + ch)
    return out


def heading(text: str, char: str, over: bool = False) -> list[str]:
    line = char * max(len(text), 4) * 2
    return [line, text, line, ""] if over else [text, line, ""]


def field_table(rows: Iterable[tuple[str, str]]) -> list[str]:
    out = [".. list-table::", "   :widths: 25 75", ""]
    for key, value in rows:
        out += [f"   * - {key}", f"     - {value}"]
    return [*out, ""]


def opt(value: object, *, as_written: str | None = None) -> str:
    if value is None:
        text = UNKNOWN
        if as_written:
            text += f"; as written: ``{as_written}``"
        return text
    return esc(str(value))


def source_line(ref: vdc.SourceRef | None) -> str:
    if ref is None:
        return UNKNOWN
    return f"``{ref}``"


def quote_source(ref: vdc.SourceRef) -> list[str]:
    lines = source_lines(ref.file)
    if lines is None:
        return []
    chunk = [ln for ln in lines[ref.line - 1 : (ref.end_line or ref.line)] if ln.strip()]
    out = [".. code-block:: text", ""]
    out += [f"   {ln}" for ln in chunk]
    return [*out, ""]


def document_section(plan: vdc.Plan) -> list[str]:
    d, s = plan.document, plan.scope
    issued = (
        UNKNOWN
        if d.issued is None
        else f"{d.issued.isoformat()} (precision: {d.issued.precision.value})"
    )
    if d.issued_as_written:
        issued += f"; as written: ``{d.issued_as_written}``"
    rows = [
        ("Identifier", f"``{plan.id}``"),
        ("Kind", f"{esc(d.type_vi)} ({esc(d.type_en)}); form: {d.form}"),
        ("Number", opt(d.number, as_written=d.number_as_written)),
        ("Issued", issued),
        ("In force from", opt(d.effective)),
        ("Place", opt(d.place)),
        (
            "Issuer",
            f"{esc(d.issuer_vi)} ({esc(d.issuer_en)}); level: "
            + (d.issuer_level.value if d.issuer_level else "national (no area level)"),
        ),
        ("Issuer's unit kind", opt(d.issuer_kind)),
        ("Signer", opt(d.signer) + (f", {esc(d.signer_title)}" if d.signer_title else "")),
        ("English title", esc(d.title_en)),
        (
            "Source text",
            "not bundled: known by its citation only"
            if plan.source_file is None or d.source is None
            else f"``{plan.source_file}`` (bundled verbatim); metadata at {source_line(d.source)}",
        ),
        ("Levels assessed", ", ".join(sorted(lv.value for lv in s.levels))),
        ("Applies from", opt(s.valid_from)),
        ("Applies until", opt(s.valid_to)),
    ]
    return field_table(rows)


def references_section(plan: vdc.Plan) -> list[str]:
    if not plan.references:
        return []
    out = heading("Documents implemented or cited", "-")
    for r in plan.references:
        date = "date not stated" if r.date is None else r.date.isoformat()
        issuer = f", {esc(r.issuer)}" if r.issuer else ""
        out.append(
            f"* {r.relation}: {esc(r.type_vi)} {esc(r.number or r.name_vi or '(unnamed)')} ({date}{issuer}); ``{r.source}``"
        )
    return [*out, ""]


def criterion_section(plan: vdc.Plan, c: vdc.Criterion) -> list[str]:
    out = [f".. _{plan.id}-{c.id}:", ""]
    out += heading(f"{c.id}: tiêu chí {c.number}", "~")
    out += [f"Reference: ``{plan.id}:{c.id}`` (label ``{plan.id}-{c.id}``).", ""]
    out += ["**Vietnamese (verbatim):**", "", f"   {esc(c.text_vi)}", ""]
    out += ["**English:**", "", f"   {esc(c.text_en)}", ""]
    levels = ", ".join(lv.value for lv in sorted(c.levels, key=lambda lv: lv.rank))
    out += [f"Applies at: {levels}. Source: ``{c.source}``.", ""]
    out += [".. list-table::", "   :header-rows: 1", "   :widths: 8 32 30 30", ""]
    out += ["   * - Id", "     - Formula", "     - Words of the source", "     - English"]
    for r in c.requirements:
        phrase = f" (comparison: «{esc(r.comparison.phrase_vi)}»)"
        out += [
            f"   * - {r.id}",
            f"     - ``{r.formula()}``",
            f"     - {esc(r.text_vi)}{phrase}",
            f"     - {esc(r.text_en)}",
        ]
    out += ["", "The passage of the source:", ""]
    return out + quote_source(c.source)


def generic_items(title: str, items: Iterable[Any]) -> list[str]:
    """A section listing objects the library provides (targets, phases, findings)."""
    items = list(items)
    if not items:
        return []
    out = heading(title, "-")
    for item in items:
        to_dict = getattr(item, "to_dict", None)
        data = to_dict() if callable(to_dict) else vars_of(item)
        parts = [f"{k}: {esc(str(v))}" for k, v in data.items() if v not in (None, "", ())]
        out.append("* " + "; ".join(parts))
    return [*out, ""]


def vars_of(item: Any) -> dict[str, Any]:
    fields = getattr(type(item), "__attrs_attrs__", None)
    if fields is not None:
        return {f.name: getattr(item, f.name) for f in fields}
    return {"value": item}


def calendar_figure_name(plan: vdc.Plan) -> str | None:
    """The calendar figure's file name, for a plan with phases; ``None`` otherwise."""
    return f"calendar-{plan.id}.png" if plan.calendar.phases else None


def calendar_section(plan: vdc.Plan) -> list[str]:
    """Phases, gaps, deadlines (last valid day), undated reports, observances, the timeline."""
    from vn_drugfree_criteria.io.export import calendar_to_dict  # noqa: PLC0415

    cal = calendar_to_dict(plan)
    items: list[str] = []
    for p in cal["phases"]:
        text = f": {esc(p['text_vi'])}" if p["text_vi"] else ""
        items.append(
            f"* Phase {p['number']}, {p['start']} … {p['end']}{text} ({esc(str(p['source']))})"
        )
    items += [f"* Gap: {g['start']} … {g['end']} (no phase)" for g in cal["gaps"]]
    for d in cal["deadlines"]:
        items.append(
            f"* Due {esc(d['phrase_vi'] or '')} {d['due_before']}: last day **{d['last_day']}**"
            f" — {esc(d['title'])} (*{esc(d['title_en'] or '')}*)"
        )
    for u in cal["undated"]:
        items.append(f"* {esc(u['title'])} ({esc(u['frequency'])}): no day given in the source")
    for o in cal["observances"]:
        items.append(f"* {o['start']} … {o['end']}: {esc(o['title'])} (*{esc(o['title_en'])}*)")
    if not items:
        return []
    out = [*heading("Calendar", "-"), *items, ""]
    figure = calendar_figure_name(plan)
    if figure is not None:
        out += [
            f".. figure:: /_generated/figures/{figure}",
            f"   :alt: phases and deadlines of {plan.id} on a timeline",
            "",
            "   ``plot_calendar``: phases, and each deadline at its last valid day.",
            "",
        ]
    return out


def extra_sections(plan: vdc.Plan) -> list[str]:
    out: list[str] = []
    out += generic_items("Targets", plan.targets)
    out += calendar_section(plan)
    audit = getattr(vdc, "audit", None)
    if callable(audit):
        report = audit(plan)
        out += generic_items("Audit findings", getattr(report, "findings", report))
    return out


def fidelity_section(plan: vdc.Plan) -> list[str]:
    """The fidelity table: each normative element of the source, its encoding, its status.

    Written from the data (:func:`~vn_drugfree_criteria.model.fidelity.fidelity_rows`): every
    encoded element is faithful unless the plan file names a reading for it (or its target lists
    readings); passages deliberately not encoded are listed with the reason.
    """
    from vn_drugfree_criteria.model.fidelity import fidelity_rows  # noqa: PLC0415

    rows = fidelity_rows(plan)
    if not rows:
        return []
    counts = {s: sum(1 for r in rows if r.status is s) for s in type(rows[0].status)}
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    out = heading("Fidelity to the source", "-")
    out += [
        f"{len(rows)} elements: {summary}. A reading chosen names every reading the words allow,"
        " the chosen one first, and why.",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 10 30 25 10 25",
        "",
        "   * - Element",
        "     - Words of the source",
        "     - Encoding",
        "     - Status",
        "     - Why",
    ]
    for r in rows:
        where = f" (``{r.source}``)" if r.source is not None else ""
        out += [
            f"   * - {esc(r.element)}",
            f"     - {esc(r.words_vi)}{where}",
            f"     - {esc(r.encoding)}",
            f"     - {r.status.value}",
            f"     - {esc(r.why) if r.why else ''}",
        ]
    return [*out, ""]


def plan_page(plan: vdc.Plan) -> str:
    out = [f".. _plan-{plan.id}:", ""]
    out += heading(esc(plan.document.title_vi), "=", over=True)
    out += document_section(plan)
    if plan.scope.text_vi:
        out += ["Scope, in the source's words:", "", f"   {esc(plan.scope.text_vi)}", ""]
    out += references_section(plan)
    if plan.criteria:
        out += heading("Criteria", "-")
        out += [
            f"{len(plan.criteria)} criteria, ``C1`` … ``C{len(plan.criteria)}`` in the document's order.",
            "",
        ]
        for c in plan.criteria:
            out += criterion_section(plan, c)
    else:
        out += ["This plan sets no recognition criteria.", ""]
    out += extra_sections(plan)
    out += fidelity_section(plan)
    return "\n".join(out).rstrip() + "\n"


def write_pages(root: Path) -> None:
    target = root / "_generated" / "plans"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for plan_id in vdc.list_plans():
        (target / f"{plan_id}.rst").write_text(plan_page(vdc.get_plan(plan_id)), encoding="utf-8")


def generate(app: Any) -> None:
    root = Path(app.srcdir)
    write_pages(root)
    from figures import write_figures  # noqa: PLC0415 - lives beside this file

    write_figures(root / "_generated" / "figures")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "version": vdc.__version__}
