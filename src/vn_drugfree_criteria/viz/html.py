"""HTML views for notebooks, drawn from each type's JSON form and registered with the display hook.

Each renderer is registered with :func:`vn_drugfree_criteria.display.html`, which the types'
``_repr_html_`` call, so the domain never imports this module. Every piece of text is escaped
with :func:`html.escape` (Vietnamese text, ids from a spreadsheet or a hostile cell can never
inject markup), and long tables show their first :data:`ROWS_SHOWN` rows and say how many there
are; the objects themselves always keep every row.

The views speak one language, Vietnamese unless
:func:`~vn_drugfree_criteria.viz.html_parts.set_display_language` chose English; each renderer
also takes ``lang`` for one call (:mod:`~vn_drugfree_criteria.viz.html_parts`).

>>> import vn_drugfree_criteria as vdc
>>> "<td>lai-chau-city-2024:C4</td>" in plan_html(vdc.get_plan("lai-chau-city-2024"))
True
>>> "<th>tiêu chí</th>" in assessment_html(vdc.assess_table(
...     "lai-chau-city-2024", vdc.example_table("lai-chau-city-2024")).results[0])
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vn_drugfree_criteria import display
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.engine.assess import Assessment, CriterionResult, RequirementResult
from vn_drugfree_criteria.engine.assess_table import ParentResult, TableAssessment
from vn_drugfree_criteria.engine.batch import BatchResult
from vn_drugfree_criteria.engine.evaluate import TargetResult
from vn_drugfree_criteria.engine.rollup import Rollup, RollupNode
from vn_drugfree_criteria.engine.rollup_many import BatchRollup
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.io.tables import Table
from vn_drugfree_criteria.model.calendar import Calendar
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.rules import Criterion
from vn_drugfree_criteria.model.targets import Target
from vn_drugfree_criteria.viz.html_parts import (
    BATCH_ROWS_SHOWN,
    ROWS_SHOWN,
    cols,
    day,
    display_language,
    drug_free_word,
    escape,
    form_html,
    set_display_language,
    share_cell,
    table_html,
    verdict,
    view_lang,
    yes_word,
)
from vn_drugfree_criteria.vocab.labels import code_word, say, say_count

__all__ = [
    "BATCH_ROWS_SHOWN",
    "ROWS_SHOWN",
    "assessment_html",
    "batch_html",
    "batch_rollup_html",
    "calendar_html",
    "display_language",
    "form_html",
    "plan_html",
    "rollup_html",
    "set_display_language",
    "table_assessment_html",
    "table_html",
]


@display.html.register(Plan)
def plan_html(plan: Plan, lang: str | None = None) -> str:
    """A plan: title, metadata (unknown shown as unknown) and its criteria, verbatim."""
    lang = view_lang(lang)
    d = plan.to_dict()
    doc = d["document"]
    meta = say(
        "view.plan_meta",
        lang,
        type=doc["type_vi"],
        number=doc["number"] or say("view.number_unknown", lang),
        issued=day(doc["issued"], lang),
        issuer=doc["issuer_vi"],
        source=d["source_file"],
        targets=say_count("count.target", len(d["targets"]), lang),
        deadlines=say_count("count.deadline", len(d["calendar"]["deadlines"]), lang),
    )
    head = (
        f"<p><b>{escape(d['id'])}</b>: {escape(doc['title_vi'])}<br><i>{escape(doc['title_en'])}</i><br>"
        f"{escape(meta)}</p>"
    )
    rows = [
        (c["id"], c["ref"], c["text_vi"], c["text_en"], c["source"]["text"]) for c in d["criteria"]
    ]
    header = cols(lang, "id", "reference", "vietnamese", "english", "source")
    table = table_html(header, rows, lang=lang)
    return head + (table if rows else f"<p>{escape(say('view.no_criteria', lang))}</p>")


def assessment_html(result: Assessment, lang: str | None = None) -> str:
    """An assessment: the verdict, then each criterion and each requirement's explanation."""
    lang = view_lang(lang)
    d = result.to_dict(lang=lang)
    where = say(
        "view.assessment",
        lang,
        area=d["id"] or say("view.area", lang),
        level=d["level"] or "",
        date=day(d["as_of"], lang),
        plan=d["plan"],
    )
    head = f"<p>{escape(where)} <b>{escape(drug_free_word(d['drug_free'], lang))}</b></p>"
    rows = [
        (c["criterion"], yes_word(c["met"], lang), r["requirement"], r["explanation"])
        for c in (cr.to_dict(lang=lang) for cr in result.criteria.values())
        for r in c["requirements"]
    ]
    header = cols(lang, "criterion", "outcome", "requirement", "explanation")
    return head + table_html(header, rows, lang=lang)


@display.html.register(Assessment)
def _assessment(result: Assessment) -> str:
    return assessment_html(result)


@display.html.register(CriterionResult)
def _criterion_result(result: CriterionResult) -> str:
    lang = view_lang(None)
    d = result.to_dict(lang=lang)
    rows = [
        (r["requirement"], yes_word(r["met"], lang), r["explanation"]) for r in d["requirements"]
    ]
    head = f"<p><b>{escape(d['criterion'])}</b>: {escape(yes_word(d['met'], lang))}</p>"
    return head + table_html(cols(lang, "requirement", "outcome", "explanation"), rows, lang=lang)


@display.html.register(RequirementResult)
def _requirement_result(result: RequirementResult) -> str:
    lang = view_lang(None)
    d = result.to_dict(lang=lang)
    met = yes_word(d["met"], lang)
    return f"<p><b>{escape(d['requirement'])}</b>: {escape(met)}. {escape(d['explanation'])}</p>"


@display.html.register(Rollup)
def rollup_html(result: Rollup, lang: str | None = None) -> str:
    """A roll-up: each parent with its exact share of drug-free children."""
    lang = view_lang(lang)
    d = result.to_dict(lang=lang)
    rows = [
        (
            p["id"],
            p["level"] or "",
            len(p["children"]),
            p["drug_free_children"],
            share_cell(p["share"], lang),
            p["problem"]
            if p["assessment"] is None
            else drug_free_word(p["assessment"]["drug_free"], lang),
        )
        for p in d["parents"]
    ]
    header = cols(lang, "parent", "level", "children", "drug_free_children", "share", "verdict")
    areas = say("view.areas_assessed", lang, areas=say_count("count.area", len(d["areas"]), lang))
    return f"<p>{escape(areas)}</p>" + table_html(header, rows, limit=ROWS_SHOWN, lang=lang)


@display.html.register(BatchResult)
def batch_html(result: BatchResult, limit: int = BATCH_ROWS_SHOWN, lang: str | None = None) -> str:
    """A batch: one line per row (verdict, each criterion), then every rejected row's reasons.

    Only the first ``limit`` rows are drawn, and the summary says so; the result keeps them all.
    The rows are read from the result itself rather than from its JSON form, so a batch of a
    million rows draws its first rows without converting the rest.
    """
    lang = view_lang(lang)
    n = len(result)
    shown = min(n, limit)
    summary = say(
        "view.batch_head",
        lang,
        plan=result.plan_id,
        rows=say_count("count.row", n, lang),
        free=result.drug_free_count,
        rejected=len(result.rejected),
        backend=result.backend,
    ) + (say("view.shown", lang, shown=shown, total=n) if shown < n else "")
    header = (*cols(lang, "row", "id", "drug_free"), *result.criteria)
    rows = [
        (
            i + 1,
            result.ids[i],
            verdict(result.drug_free[i], lang),
            *(verdict(v[i], lang) for v in result.criteria.values()),
        )
        for i in range(shown)
    ]
    html_out = f"<p>{escape(summary)}.</p>" + table_html(header, rows, lang=lang)
    rejected = [(e.row, e.area_id, "; ".join(e.errors)) for e in result.rejected[:limit]]
    if rejected:
        more = len(result.rejected) - len(rejected)
        title = (
            say("view.rejected_rows_first", lang, first=len(rejected), more=more)
            if more
            else say("view.rejected_rows", lang)
        )
        html_out += f"<p>{escape(title)}:</p>"
        html_out += table_html(cols(lang, "row", "id", "reasons"), rejected, lang=lang)
    return html_out


@display.html.register(BatchRollup)
def batch_rollup_html(result: BatchRollup, lang: str | None = None) -> str:
    """Parents of a batch: children, drug-free and rejected children, exact share, target."""
    lang = view_lang(lang)
    d = result.to_dict()
    target = (
        ""
        if d["target"] is None
        else say("view.target", lang, op=">" if d["strict"] else "≥", share=d["target"])
    )
    parents = say_count("count.parent", len(d["parents"]), lang)
    head = say("view.batch_rollup_head", lang, plan=d["plan"], parents=parents, target=target)
    rows = [
        (
            p["id"],
            p["children"],
            p["drug_free_children"],
            p["rejected_children"],
            share_cell(p["share"], lang) if p["complete"] else say("view.incomplete", lang),
            "" if p["meets_target"] is None else yes_word(p["meets_target"], lang),
        )
        for p in d["parents"]
    ]
    header = cols(lang, "parent", "children", "drug_free", "rejected", "share", "target")
    return f"<p>{escape(head)}</p>" + table_html(header, rows, limit=ROWS_SHOWN, lang=lang)


def _area_rows(d: Mapping[str, Any], lang: str) -> list[tuple[object, ...]]:
    return [
        (
            a["row"],
            a["id"],
            a["level"] or "",
            verdict(a["drug_free"], lang),
            ", ".join(c for c, met in a["criteria"].items() if not met),
            " ".join(s["explanation"] for s in a["shortfalls"]),
        )
        for a in d["areas"]
    ]


@display.html.register(TableAssessment)
def table_assessment_html(result: TableAssessment, lang: str | None = None) -> str:
    """A table assessed: a summary, the areas, the rejected rows and any roll-up."""
    lang = view_lang(lang)
    d = result.to_dict(lang=lang)
    parents = d.get("rollup")
    head = say(
        "view.table_assessment_head",
        lang,
        plan=d["plan"],
        rows=say_count("count.row", len(result.rows), lang),
        free=result.drug_free_count,
        rejected=len(d["rejected"]),
        parents=""
        if parents is None
        else say(
            "view.parents_suffix", lang, parents=say_count("count.parent", len(parents), lang)
        ),
    )
    header = cols(lang, "row", "id", "level", "drug_free", "not_met", "shortfalls")
    out = f"<p>{escape(head)}</p>" + table_html(
        header, _area_rows(d, lang), limit=ROWS_SHOWN, lang=lang
    )
    if d["rejected"]:
        bad = [(r["row"], r["id"], "; ".join(r["errors"])) for r in d["rejected"]]
        out += f"<p>{escape(say('view.rejected_rows', lang))}:</p>"
        out += table_html(cols(lang, "row", "id", "reasons"), bad, limit=ROWS_SHOWN, lang=lang)
    if parents:
        built = [
            (
                p["id"],
                p["level"] or "",
                len(p["children"]),
                share_cell(p["share"], lang),
                p["problem"] or "",
            )
            for p in parents
        ]
        columns = cols(lang, "parent", "level", "children", "share", "problem")
        out += f"<p>{escape(say('view.rollup', lang))}</p>"
        out += table_html(columns, built, limit=ROWS_SHOWN, lang=lang)
    return out


@display.html.register(Table)
def _table(table: Table) -> str:
    lang = view_lang(None)
    ok = len(table.areas)
    head = say(
        "view.table_head",
        lang,
        source=table.source,
        plan=table.plan_id,
        rows=say_count("count.row", len(table), lang),
        valid=ok,
        rejected=len(table) - ok,
        columns=say_count("count.column", len(table.columns), lang),
    )
    rows = [
        (r.row, r.area_id, r.parent_id, "; ".join(r.messages(lang)) or say("view.valid", lang))
        for r in table.rows
    ]
    header = cols(lang, "row", "id", "parent", "errors")
    return f"<p>{escape(head)}</p>" + table_html(header, rows, limit=ROWS_SHOWN, lang=lang)


@display.html.register(Calendar)
def calendar_html(calendar: Calendar, lang: str | None = None) -> str:
    """Phases, deadlines (with their last valid day), undated reports and observances."""
    lang = view_lang(lang)
    d = calendar.to_dict()
    out = table_html(
        cols(lang, "phase", "start", "end", "words"),
        [
            (p["number"], day(p["start"], lang), day(p["end"], lang), p["text_vi"])
            for p in d["phases"]
        ],
        lang=lang,
    )
    out += table_html(
        cols(lang, "deadline", "due_before", "last_day", "title"),
        [
            (x["id"], day(x["due_before"], lang), day(x["last_day"], lang), x["title"])
            for x in d["deadlines"]
        ],
        limit=ROWS_SHOWN,
        lang=lang,
    )
    if d["undated"]:
        undated = [
            (u["id"], code_word("frequency", u["frequency"], lang), u["title"])
            for u in d["undated"]
        ]
        out += table_html(cols(lang, "undated", "frequency", "title"), undated, lang=lang)
    if d["observances"]:
        days = [
            (o["id"], day(o["start"], lang), day(o["end"], lang), o["title"])
            for o in d["observances"]
        ]
        out += table_html(cols(lang, "observance", "start", "end", "title"), days, lang=lang)
    if d["problems"]:
        out += table_html(cols(lang, "problem"), [(p["text"],) for p in d["problems"]], lang=lang)
    return out


@display.html.register(ParentResult)
@display.html.register(RollupNode)
@display.html.register(TableRow)
@display.html.register(TargetResult)
@display.html.register(Finding)
@display.html.register(Target)
@display.html.register(Criterion)
def _form(obj: Any) -> str:
    return form_html(obj.to_dict(), type(obj).__name__)
