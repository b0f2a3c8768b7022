"""HTML renderings for notebooks (``_repr_html_``): plans, assessments, batches and roll-ups.

Every piece of text is escaped with :func:`html.escape`, so Vietnamese text, ids from a
spreadsheet or a hostile cell can never inject markup.

>>> import vn_drugfree_criteria as vdc
>>> "<td>C4</td>" in plan_html(vdc.get_plan("lai-chau-city-2024"))
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from vn_drugfree_criteria import display
from vn_drugfree_criteria.engine.assess import Assessment
from vn_drugfree_criteria.engine.batch import BatchResult
from vn_drugfree_criteria.engine.rollup import Rollup
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = ["assessment_html", "batch_html", "plan_html", "rollup_html", "table_html"]

BATCH_ROWS_SHOWN = 100
"""How many rows :func:`batch_html` shows; the result itself always keeps every row."""

_STYLE = "border-collapse:collapse;text-align:left;vertical-align:top"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def table_html(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table; every header and cell is escaped."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _yes(flag: bool) -> str:
    return "✔ met" if flag else "✘ not met"


@display.html.register(Plan)
def plan_html(plan: Plan) -> str:
    """A plan: title, metadata (unknown shown as unknown) and its criteria, verbatim."""
    d = plan.document
    issued = d.issued.isoformat() if d.issued else "unknown"
    meta = (
        f"<p><b>{_e(plan.id)}</b>: {_e(d.title_vi)}<br><i>{_e(d.title_en)}</i><br>"
        f"{_e(d.type_vi)} {_e(d.number or 'number unknown')}, issued {_e(issued)}, "
        f"{_e(d.issuer_vi)}; source {_e(plan.source_file)}</p>"
    )
    rows = [(c.id, f"{plan.id}:{c.id}", c.text_vi, c.text_en, str(c.source)) for c in plan.criteria]
    table = table_html(("id", "reference", "Vietnamese (verbatim)", "English", "source"), rows)
    return meta + (table if rows else "<p>No recognition criteria.</p>")


@display.html.register(Assessment)
def _assessment(result: Assessment) -> str:
    return assessment_html(result)


def assessment_html(result: Assessment, lang: str = "en") -> str:
    """An assessment: the verdict, then each criterion and each requirement's explanation."""
    verdict = "drug-free" if result.drug_free else "not drug-free"
    head = (
        f"<p><b>{_e(result.area_id or 'area')}</b> ({_e(result.level.value if result.level else '')}"
        f", {_e(result.as_of.isoformat())}, plan {_e(result.plan_id)}): <b>{_e(verdict)}</b></p>"
    )
    rows = [
        (cid, _yes(r.met), rr.requirement.id, rr.explanation(lang))
        for cid, r in result.criteria.items()
        for rr in r.requirements
    ]
    return head + table_html(("criterion", "outcome", "requirement", "explanation"), rows)


@display.html.register(Rollup)
def rollup_html(result: Rollup) -> str:
    """A roll-up: each parent with its exact share of drug-free children."""
    rows = []
    for node in result.parents.values():
        verdict = (
            node.problem
            if node.assessment is None
            else ("drug-free" if node.assessment.drug_free else "not drug-free")
        )
        rows.append(
            (
                node.id,
                node.level.value if node.level else "",
                len(node.children),
                node.drug_free_children,
                "unknown (a rejected row below it)"
                if node.share_drug_free is None
                else f"{node.share_drug_free} ({format_share(node.share_drug_free)})",
                verdict,
            )
        )
    header = ("parent", "level", "children", "drug-free children", "share (exact)", "parent")
    return f"<p>{len(result.areas)} areas assessed.</p>" + table_html(header, rows)


def _verdict(value: bool | None) -> str:
    return "rejected" if value is None else ("✔" if value else "✘")


@display.html.register(BatchResult)
def batch_html(result: BatchResult, limit: int = BATCH_ROWS_SHOWN) -> str:
    """A batch: one line per row (verdict, each criterion), then every rejected row's reasons.

    Only the first ``limit`` rows are drawn, and the summary says so; the result keeps them all.
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
