"""HTML views for notebooks, drawn from each type's JSON form and registered with the display hook.

Each renderer is registered with :func:`vn_drugfree_criteria.display.html`, which the types'
``_repr_html_`` call, so the domain never imports this module. Every piece of text is escaped
with :func:`html.escape` (Vietnamese text, ids from a spreadsheet or a hostile cell can never
inject markup), and long tables show their first :data:`ROWS_SHOWN` rows and say how many there
are; the objects themselves always keep every row.

>>> import vn_drugfree_criteria as vdc
>>> "<td>lai-chau-city-2024:C4</td>" in plan_html(vdc.get_plan("lai-chau-city-2024"))
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
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
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = [
    "BATCH_ROWS_SHOWN",
    "ROWS_SHOWN",
    "assessment_html",
    "batch_html",
    "batch_rollup_html",
    "calendar_html",
    "form_html",
    "plan_html",
    "rollup_html",
    "table_assessment_html",
    "table_html",
]

ROWS_SHOWN = 100
"""How many rows a table of a view shows; a note says how many there are in all."""

BATCH_ROWS_SHOWN = ROWS_SHOWN
"""How many rows :func:`batch_html` shows (the same limit as every other view)."""

_STYLE = "border-collapse:collapse;text-align:left;vertical-align:top"
_CELL_CHARS = 300  # a nested value longer than this is cut, with a mark, in a key/value table


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def table_html(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, limit: int | None = None
) -> str:
    """An HTML table; every header and cell is escaped.

    With ``limit``, only the first ``limit`` rows are drawn and a note after the table says
    how many there are in all.
    """
    every = list(rows)
    shown = every if limit is None else every[:limit]
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in shown)
    out = f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if len(shown) < len(every):
        out += f"<p>first {len(shown)} of {len(every)} rows shown.</p>"
    return out


def _plain(value: object) -> str:
    if isinstance(value, Mapping | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= _CELL_CHARS else text[:_CELL_CHARS] + " … (cut)"
    return "" if value is None else str(value)


def form_html(form: Mapping[str, Any], title: str | None = None) -> str:
    """A JSON form as a key/value table (nested values as compact JSON, long ones cut)."""
    head = f"<p><b>{_e(title)}</b></p>" if title else ""
    return head + table_html(("", ""), [(k, _plain(v)) for k, v in form.items()])


def _yes(flag: bool | None) -> str:
    return "?" if flag is None else ("✔ met" if flag else "✘ not met")


def _verdict(value: bool | None) -> str:
    return "rejected" if value is None else ("✔" if value else "✘")


@display.html.register(Plan)
def plan_html(plan: Plan) -> str:
    """A plan: title, metadata (unknown shown as unknown) and its criteria, verbatim."""
    d = plan.to_dict()
    doc = d["document"]
    meta = (
        f"<p><b>{_e(d['id'])}</b>: {_e(doc['title_vi'])}<br><i>{_e(doc['title_en'])}</i><br>"
        f"{_e(doc['type_vi'])} {_e(doc['number'] or 'number unknown')}, issued "
        f"{_e(doc['issued'] or 'unknown')}, {_e(doc['issuer_vi'])}; source "
        f"{_e(d['source_file'])}; {len(d['targets'])} targets, "
        f"{len(d['calendar']['deadlines'])} deadlines</p>"
    )
    rows = [
        (c["id"], c["ref"], c["text_vi"], c["text_en"], c["source"]["text"]) for c in d["criteria"]
    ]
    table = table_html(("id", "reference", "Vietnamese (verbatim)", "English", "source"), rows)
    return meta + (table if rows else "<p>No recognition criteria.</p>")


def assessment_html(result: Assessment, lang: str = "en") -> str:
    """An assessment: the verdict, then each criterion and each requirement's explanation."""
    d = result.to_dict(lang=lang)
    verdict = "drug-free" if d["drug_free"] else "not drug-free"
    head = (
        f"<p><b>{_e(d['id'] or 'area')}</b> ({_e(d['level'] or '')}, {_e(d['as_of'])}, "
        f"plan {_e(d['plan'])}): <b>{_e(verdict)}</b></p>"
    )
    rows = [
        (c["criterion"], _yes(c["met"]), r["requirement"], r["explanation"])
        for c in (cr.to_dict(lang=lang) for cr in result.criteria.values())
        for r in c["requirements"]
    ]
    return head + table_html(("criterion", "outcome", "requirement", "explanation"), rows)


@display.html.register(Assessment)
def _assessment(result: Assessment) -> str:
    return assessment_html(result)


@display.html.register(CriterionResult)
def _criterion_result(result: CriterionResult) -> str:
    d = result.to_dict(lang="en")
    rows = [(r["requirement"], _yes(r["met"]), r["explanation"]) for r in d["requirements"]]
    head = f"<p><b>{_e(d['criterion'])}</b>: {_e(_yes(d['met']))}</p>"
    return head + table_html(("requirement", "outcome", "explanation"), rows)


@display.html.register(RequirementResult)
def _requirement_result(result: RequirementResult) -> str:
    d = result.to_dict(lang="en")
    return f"<p><b>{_e(d['requirement'])}</b>: {_e(_yes(d['met']))}. {_e(d['explanation'])}</p>"


def _share(text: str | None) -> str:
    if text is None:
        return "unknown"
    num, _, den = text.partition("/")
    return (
        text if not den or den == "0" else f"{text} ({format_share(Fraction(int(num), int(den)))})"
    )


@display.html.register(Rollup)
def rollup_html(result: Rollup) -> str:
    """A roll-up: each parent with its exact share of drug-free children."""
    d = result.to_dict(lang="en")
    rows = [
        (
            p["id"],
            p["level"] or "",
            len(p["children"]),
            p["drug_free_children"],
            _share(p["share"]),
            p["problem"]
            if p["assessment"] is None
            else ("drug-free" if p["assessment"]["drug_free"] else "not drug-free"),
        )
        for p in d["parents"]
    ]
    header = ("parent", "level", "children", "drug-free children", "share (exact)", "parent")
    return f"<p>{len(d['areas'])} areas assessed.</p>" + table_html(header, rows, limit=ROWS_SHOWN)


@display.html.register(BatchResult)
def batch_html(result: BatchResult, limit: int = BATCH_ROWS_SHOWN) -> str:
    """A batch: one line per row (verdict, each criterion), then every rejected row's reasons.

    Only the first ``limit`` rows are drawn, and the summary says so; the result keeps them all.
    The rows are read from the result itself rather than from its JSON form, so a batch of a
    million rows draws its first rows without converting the rest.
    """
    n = len(result)
    shown = min(n, limit)
    summary = (
        f"<p>plan {_e(result.plan_id)}: {n} rows, {result.drug_free_count} drug-free, "
        f"{len(result.rejected)} rejected ({_e(result.backend)} backend)"
        + (f"; first {shown} of {n} rows shown" if shown < n else "")
        + ".</p>"
    )
    header = ("row", "id", "drug-free", *result.criteria)
    rows = [
        (
            i + 1,
            result.ids[i],
            _verdict(result.drug_free[i]),
            *(_verdict(v[i]) for v in result.criteria.values()),
        )
        for i in range(shown)
    ]
    html_out = summary + table_html(header, rows)
    rejected = [(e.row, e.area_id, "; ".join(e.errors)) for e in result.rejected[:limit]]
    if rejected:
        more = len(result.rejected) - len(rejected)
        html_out += "<p>Rejected rows" + (f" (first {len(rejected)}, {more} more)" if more else "")
        html_out += ":</p>" + table_html(("row", "id", "reasons"), rejected)
    return html_out


@display.html.register(BatchRollup)
def batch_rollup_html(result: BatchRollup) -> str:
    """Parents of a batch: children, drug-free and rejected children, exact share, target."""
    d = result.to_dict()
    target = "" if d["target"] is None else f"; target {'>' if d['strict'] else '≥'} {d['target']}"
    head = f"<p>plan {_e(d['plan'])}: {len(d['parents'])} parents{_e(target)}.</p>"
    rows = [
        (
            p["id"],
            p["children"],
            p["drug_free_children"],
            p["rejected_children"],
            _share(p["share"]) if p["complete"] else "unknown (incomplete)",
            "" if p["meets_target"] is None else _yes(p["meets_target"]),
        )
        for p in d["parents"]
    ]
    header = ("parent", "children", "drug-free", "rejected", "share (exact)", "target")
    return head + table_html(header, rows, limit=ROWS_SHOWN)


def _area_rows(d: Mapping[str, Any]) -> list[tuple[object, ...]]:
    return [
        (
            a["row"],
            a["id"],
            a["level"] or "",
            _verdict(a["drug_free"]),
            ", ".join(c for c, met in a["criteria"].items() if not met),
            " ".join(s["explanation"] for s in a["shortfalls"]),
        )
        for a in d["areas"]
    ]


@display.html.register(TableAssessment)
def table_assessment_html(result: TableAssessment) -> str:
    """A table assessed: a summary, the areas, the rejected rows and any roll-up."""
    d = result.to_dict(lang="en")
    parents = d.get("rollup")
    head = (
        f"<p>plan {_e(d['plan'])}: {len(result.rows)} rows, {result.drug_free_count} drug-free, "
        f"{len(d['rejected'])} rejected"
        + ("" if parents is None else f", {len(parents)} parents")
        + ".</p>"
    )
    header = ("row", "id", "level", "drug-free", "criteria not met", "shortfalls")
    out = head + table_html(header, _area_rows(d), limit=ROWS_SHOWN)
    if d["rejected"]:
        bad = [(r["row"], r["id"], "; ".join(r["errors"])) for r in d["rejected"]]
        out += "<p>Rejected rows:</p>" + table_html(("row", "id", "reasons"), bad, limit=ROWS_SHOWN)
    if parents:
        built = [
            (p["id"], p["level"] or "", len(p["children"]), _share(p["share"]), p["problem"] or "")
            for p in parents
        ]
        columns = ("parent", "level", "children", "share drug-free (exact)", "problem")
        out += "<p>Roll-up:</p>" + table_html(columns, built, limit=ROWS_SHOWN)
    return out


@display.html.register(Table)
def _table(table: Table) -> str:
    ok = len(table.areas)
    head = (
        f"<p>table {_e(table.source)} for plan {_e(table.plan_id)}: {len(table)} rows, "
        f"{ok} valid, {len(table) - ok} rejected; {len(table.columns)} columns.</p>"
    )
    rows = [(r.row, r.area_id, r.parent_id, "; ".join(r.errors) or "valid") for r in table.rows]
    return head + table_html(("row", "id", "parent", "errors"), rows, limit=ROWS_SHOWN)


@display.html.register(Calendar)
def calendar_html(calendar: Calendar) -> str:
    """Phases, deadlines (with their last valid day), undated reports and observances."""
    d = calendar.to_dict()
    out = table_html(
        ("phase", "start", "end", "words"),
        [(p["number"], p["start"], p["end"], p["text_vi"]) for p in d["phases"]],
    )
    out += table_html(
        ("deadline", "due before", "last day", "title"),
        [(x["id"], x["due_before"], x["last_day"], x["title"]) for x in d["deadlines"]],
        limit=ROWS_SHOWN,
    )
    if d["undated"]:
        undated = [(u["id"], u["frequency"], u["title"]) for u in d["undated"]]
        out += table_html(("undated report", "frequency", "title"), undated)
    if d["observances"]:
        days = [(o["id"], o["start"], o["end"], o["title"]) for o in d["observances"]]
        out += table_html(("observance", "start", "end", "title"), days)
    if d["problems"]:
        out += table_html(("problem",), [(p["text"],) for p in d["problems"]])
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
