"""Sphinx extension: write one reStructuredText page per bundled plan, from the plan data.

The pages are generated when the build starts (``builder-inited``) into ``docs/_generated``
(git-ignored), so the documentation always shows what the installed library encodes. Every page
is written from the plan's one JSON form, :func:`~vn_drugfree_criteria.io.export.plan_to_dict`
(the same data ``vn-drugfree show --format json`` prints), and the audit findings'
:meth:`~vn_drugfree_criteria.Finding.to_dict`.

Each criterion gets a stable Sphinx label ``<plan-id>-<criterion-id>`` (``lai-chau-city-2024-C4``,
the documentation form of the reference ``lai-chau-city-2024:C4``) and an HTML anchor of exactly
that spelling, so ``lai-chau-city-2024.html#lai-chau-city-2024-C4`` links to it.

Figures (PNG) are drawn with the ``plot`` extra into the same git-ignored folder and copied into
the build by Sphinx: a plan with phases shows its calendar timeline (:func:`calendar_figure_name`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from page_labels import FORMS, PRECISIONS, RELATIONS, label
from page_rst import ROLES, both, esc, field_table, heading, list_table, lit, passage, vi
from plan_sections import calendar_figure_name, calendar_section, findings_section, targets_section

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.io.export import plan_to_dict
from vn_drugfree_criteria.model.loader import source_lines
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["calendar_figure_name", "esc", "plan_page", "setup", "write_pages"]

UNKNOWN = "*unknown* (not stated in the source) / :vi:`không rõ (văn bản không nêu)`"


def opt(value: object, *, as_written: str | None = None) -> str:
    """A value, or *unknown* with the words the source has in its place."""
    if value is None:
        text = UNKNOWN
        if as_written:
            text += f"; as written / :vi:`nguyên văn`: «{vi(as_written)}»"
        return text
    return esc(str(value))


def levels_text(levels: list[str]) -> str:
    """Levels in both languages."""
    return "; ".join(both(Level(lv).info.name_en, Level(lv).info.name_vi) for lv in levels)


def document_section(d: dict[str, Any]) -> list[str]:
    """The source document's metadata; unknown values shown as unknown."""
    doc, scope = d["document"], d["scope"]
    issued = opt(doc["issued"])
    if doc["issued"] is not None:
        issued += " (" + both(*label(PRECISIONS, doc["issued_precision"])) + ")"
    if doc["issued_as_written"]:
        issued += f"; as written / :vi:`nguyên văn`: «{vi(doc['issued_as_written'])}»"
    issuer_level = (
        both(Level(doc["issuer_level"]).info.name_en, Level(doc["issuer_level"]).info.name_vi)
        if doc["issuer_level"]
        else both("national, no area level", "trung ương")
    )
    signer = opt(doc["signer"])
    if doc["signer_title"]:
        signer += f", {vi(doc['signer_title'])}"
    source = (
        f"not bundled, known by its citation only / :vi:`không kèm văn bản`: {vi(doc['citation'])}"
        if d["source_file"] is None or doc["source"] is None
        else f"{lit(d['source_file'])}; metadata at {lit(doc['source']['text'])}"
    )
    rows: list[tuple[str, str | list[str]]] = [
        (both("Identifier", "Mã kế hoạch"), lit(d["id"])),
        (both("Title", "Tên văn bản"), [vi(doc["title_vi"]), esc(doc["title_en"])]),
        (both("Kind", "Loại văn bản"), both(doc["type_en"], doc["type_vi"])),
        (both("Form", "Dạng"), both(*label(FORMS, doc["form"]))),
        (both("Number", "Số"), opt(doc["number"], as_written=doc["number_as_written"])),
        (both("Issued", "Ngày ban hành"), issued),
        (both("In force from", "Ngày hiệu lực"), opt(doc["effective"])),
        (both("Place", "Địa danh"), vi(doc["place"]) if doc["place"] else UNKNOWN),
        (both("Issuer", "Cơ quan ban hành"), [vi(doc["issuer_vi"]), esc(doc["issuer_en"])]),
        (both("Issuer's level", "Cấp ban hành"), issuer_level),
        (both("Signer", "Người ký"), signer),
        (both("Source text", "Văn bản nguồn"), source),
        (both("Levels assessed", "Cấp đánh giá"), levels_text(scope["levels"])),
        (both("Applies from", "Áp dụng từ"), opt(scope["valid_from"])),
        (both("Applies until", "Áp dụng đến"), opt(scope["valid_to"])),
    ]
    return field_table(rows)


def references_section(d: dict[str, Any]) -> list[str]:
    """The documents the plan implements or cites, as a table."""
    if not d["references"]:
        return []
    rows = []
    for r in d["references"]:
        # A name already says what kind of document it is ("Luật Phòng, chống ma túy").
        name = f"{r['type_vi']} {r['number']}" if r["number"] else r["name_vi"] or r["type_vi"]
        rows.append(
            [
                both(*label(RELATIONS, r["relation"])),
                vi(name) or "—",
                r["date"] or both("not stated", "không nêu"),
                vi(r["issuer"]) or "—",
                lit(r["source"]["text"]),
            ]
        )
    head = [
        both("Relation", "Quan hệ"),
        both("Document", "Văn bản"),
        both("Date", "Ngày"),
        both("Issuer", "Cơ quan"),
        both("Where", "Vị trí"),
    ]
    return [
        *heading("Documents implemented or cited / Văn bản thực hiện hoặc viện dẫn", "-"),
        *list_table(head, rows, (14, 34, 14, 20, 18)),
    ]


def criterion_section(plan_id: str, c: dict[str, Any], char: str = "~") -> list[str]:
    """One criterion: its anchors, verbatim text, English, requirements and source passage."""
    anchor = f"{plan_id}-{c['id']}"
    out = [f".. _{anchor}:", ""]
    out += heading(f"{c['id']} — tiêu chí {c['number']} / criterion {c['number']}", char)
    out += [".. raw:: html", "", f'   <span id="{anchor}"></span>', ""]
    out += [
        f"Reference: {lit(c['ref'])}. Link: ``#{anchor}``. Source: {lit(c['source']['text'])}.",
        "",
        f"Applies at / :vi:`Áp dụng cho`: {levels_text(c['levels'])}.",
        "",
    ]
    out += [".. rubric:: Vietnamese, verbatim / Nguyên văn", ""]
    out += passage([c["text_vi"]], css="criterion-text")
    out += [".. rubric:: English", "", esc(c["text_en"]), ""]
    rows = [
        [
            lit(r["id"]),
            lit(r["formula"]),
            f"«{vi(r['phrase_vi'])}»" if r["phrase_vi"] else "—",
            vi(r["text_vi"]),
            esc(r["text_en"]),
        ]
        for r in c["requirements"]
    ]
    head = [
        "Id",
        both("Formula", "Công thức"),
        both("Comparison word", "Từ so sánh"),
        both("Words of the source", "Nguyên văn"),
        "English",
    ]
    out += list_table(head, rows, (8, 26, 16, 25, 25), css="requirements")
    source = c["source"]
    lines = source_lines(source["file"])
    if lines is not None:
        end = source["end_line"] or source["line"]
        out += [".. rubric:: The passage of the source / Đoạn văn bản nguồn", ""]
        out += passage(lines[source["line"] - 1 : end])
    return out


def fidelity_section(plan: vdc.Plan) -> list[str]:
    """The fidelity table: each normative element of the source, its encoding, its status.

    Written from the data (:func:`~vn_drugfree_criteria.model.fidelity.fidelity_rows`): every
    encoded element is faithful unless the plan file names a reading for it (or its target lists
    readings) or it has no pointer into a bundled source (paraphrased); passages deliberately not
    encoded are listed with the reason.
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


def classes_section(plan_id: str, d: dict[str, Any]) -> list[str]:
    """Graded outcomes (key complex classes): each class, its rule and its criteria."""
    out: list[str] = []
    for g in d.get("classifications", []):
        out += heading(f"{esc(g['title_en'])} / {vi(g['title_vi'])}", "-")
        out += [
            f"Source: {lit(g['source']['text'])}. Applies at / :vi:`Áp dụng cho`: {levels_text(g['levels'])}.",
            "",
        ]
        out += passage([g["text_vi"]])
        for k in g["classes"]:
            out += heading(f"{esc(k['label_en'])} / {vi(k['label_vi'])}", "~")
            out += [
                f"Holds with at least {k['min_met']} of its {len(k['criteria'])} criteria "
                f"/ :vi:`Đạt khi có ít nhất {k['min_met']} trong {len(k['criteria'])} tiêu chí`. "
                f"Source: {lit(k['source']['text'])}.",
                "",
            ]
            out += passage([k["text_vi"]])
            for c in k["criteria"]:
                out += criterion_section(plan_id, c, "^")
        out += [
            f"An area meeting several classes / :vi:`Địa bàn đạt nhiều loại`: {lit(g['overlap_reading'])}. "
            f"{esc(g['overlap_note'])}",
            "",
        ]
    if d.get("readings"):
        out += heading("Readings chosen / Cách hiểu đã chọn", "-")
        rows = [
            [
                lit(r["id"]),
                vi(r["text_vi"]),
                lit(r["chosen"]),
                ", ".join(lit(a) for a in r["alternatives"]),
                esc(r["note"]),
            ]
            for r in d["readings"]
        ]
        head = [
            "Id",
            both("Words", "Nguyên văn"),
            both("Chosen", "Chọn"),
            both("Other readings", "Cách hiểu khác"),
            both("Why", "Lý do"),
        ]
        out += list_table(head, rows, (12, 22, 14, 14, 38), css="readings")
    return out


def plan_page(plan: vdc.Plan) -> str:
    """The page of one plan, as reStructuredText."""
    d = plan_to_dict(plan)
    doc = d["document"]
    out = [*ROLES, f".. _plan-{plan.id}:", ""]
    out += heading(esc(doc["title_vi"]), "=", over=True)
    out += [".. container:: subtitle", "", f"   {esc(doc['title_en'])}", ""]
    out += document_section(d)
    if d["scope"]["text_vi"]:
        out += [".. rubric:: Scope, in the source's words / Phạm vi, nguyên văn", ""]
        out += passage([d["scope"]["text_vi"]])
    out += references_section(d)
    if d["criteria"]:
        n = len(d["criteria"])
        out += heading("Criteria / Tiêu chí", "-")
        out += [f"{n} criteria, ``C1`` … ``C{n}`` in the document's order.", ""]
        for c in d["criteria"]:
            out += criterion_section(plan.id, c)
    else:
        out += [
            "This plan sets no recognition criteria.",
            "",
            ":vi:`Kế hoạch này không đặt tiêu chí công nhận.`",
            "",
        ]
    out += classes_section(plan.id, d)
    out += targets_section(d)
    out += calendar_section(plan, d["calendar"])
    out += findings_section([f.to_dict() for f in vdc.audit(plan)])
    out += fidelity_section(plan)
    return "\n".join(out).rstrip() + "\n"


def write_pages(root: Path) -> None:
    """Write every bundled plan's page under ``root/_generated/plans``."""
    target = root / "_generated" / "plans"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for plan_id in vdc.list_plans():
        (target / f"{plan_id}.rst").write_text(plan_page(vdc.get_plan(plan_id)), encoding="utf-8")


def generate(app: Any) -> None:
    """Write the plan pages and the figures before Sphinx reads the sources."""
    root = Path(app.srcdir)
    write_pages(root)
    from figures import write_figures  # noqa: PLC0415 - lives beside this file

    write_figures(root / "_generated" / "figures")


def setup(app: Any) -> dict[str, Any]:
    """Register the page generator."""
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "version": vdc.__version__}
