"""Assess every row of a :class:`~vn_drugfree_criteria.Table`, and optionally roll it up.

Every input row ends in exactly one of the assessed areas and the rejected rows. A parent built
by the roll-up from a child that was rejected is not assessed: its counts would be incomplete,
so it carries a problem instead of a verdict.

>>> import vn_drugfree_criteria as vdc
>>> result = vdc.assess_table("lai-chau-city-2024", vdc.example_table("lai-chau-city-2024"))
>>> sum(1 for a in result.results if a is not None and a.drug_free), len(result.results)
(17, 72)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from vn_drugfree_criteria.engine.assess import Assessment, assess
from vn_drugfree_criteria.engine.rollup import RollupNode, rollup
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.errors import DrugFreeError, InputError, RowError
from vn_drugfree_criteria.model.registry import PlanLike, get_plan

if TYPE_CHECKING:  # the engine reads a table, it does not depend on the reader
    from vn_drugfree_criteria.io.tables import Table

__all__ = ["ParentResult", "TableAssessment", "assess_table"]


@attrs.frozen
class ParentResult:
    """A parent built by the roll-up.

    Attributes:
        id: The parent's id.
        node: The roll-up node (counts, children, exact share of drug-free children), or ``None``
            when the parent could not be built.
        problem: Why the parent has no verdict, if it has none.
    """

    id: str
    node: RollupNode | None
    problem: str | None

    @property
    def assessment(self) -> Assessment | None:
        """The parent's assessment on its summed counts, when it has one."""
        return None if self.problem is not None or self.node is None else self.node.assessment

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """A JSON-ready dict; ``share`` is the exact fraction ``"n/d"`` of drug-free children."""
        node = self.node
        a = self.assessment
        return {
            "id": self.id,
            "level": node.level.value if node is not None and node.level is not None else None,
            "children": list(node.children) if node is not None else [],
            "drug_free_children": node.drug_free_children if node is not None else None,
            "assessed_children": node.assessed_children if node is not None else None,
            "share": f"{node.drug_free_children}/{len(node.children)}" if node else None,
            "drug_free": a.drug_free if a is not None else None,
            "criteria": {cid: r.met for cid, r in a.criteria.items()} if a else None,
            "shortfalls": a.to_dict(lang=lang)["shortfalls"] if a is not None else [],
            "problem": self.problem,
        }


@attrs.frozen
class TableAssessment:
    """Every row of a table assessed against a plan.

    Attributes:
        plan_id: The plan.
        table: The table as read.
        rows: Every input row, in order (a row refused while assessing carries its errors).
        results: One entry per row: its assessment, or ``None`` for a rejected row.
        parents: The roll-up's parents, when a roll-up was asked for.
    """

    plan_id: str
    table: Table
    rows: tuple[TableRow, ...]
    results: tuple[Assessment | None, ...]
    parents: tuple[ParentResult, ...] | None = None

    @property
    def rejected(self) -> tuple[RowError, ...]:
        """The rejected rows with their reasons, in input order."""
        return tuple(RowError(r.row, r.area_id, list(r.errors)) for r in self.rows if not r.ok)

    @property
    def drug_free_count(self) -> int:
        """How many rows are drug-free."""
        return sum(1 for a in self.results if a is not None and a.drug_free)

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """The JSON shape of ``vn-drugfree assess``: ``plan``, ``areas``, ``rejected`` (+ ``rollup``)."""
        areas = []
        for row, a in zip(self.rows, self.results, strict=True):
            if a is None:
                continue
            entry = {"row": row.row, **a.to_dict(lang=lang)}
            entry["kind"] = (
                row.snapshot.kind.name_vi if row.snapshot and row.snapshot.kind else None
            )
            entry["parent_id"] = row.parent_id
            areas.append(entry)
        out: dict[str, Any] = {
            "plan": self.plan_id,
            "areas": areas,
            "rejected": [
                {"row": r.row, "id": r.area_id, "line": r.line, "errors": list(r.errors)}
                for r in self.rows
                if not r.ok
            ],
        }
        if self.parents is not None:
            out["rollup"] = [p.to_dict(lang=lang) for p in self.parents]
        return out


def _tainted(rows: tuple[TableRow, ...]) -> dict[str, str]:
    """Parents whose roll-up would miss a rejected row below them, with the reason."""
    link = {r.area_id: r.parent_id for r in rows if r.area_id is not None and r.parent_id}
    out: dict[str, str] = {}
    for r in rows:
        if r.ok or r.snapshot is not None:  # valid, or valid counts at an uncovered level
            continue
        who = f"row {r.row}" + (f" (id {r.area_id!r})" if r.area_id is not None else "")
        reason = f"not assessed: {who} below it was rejected, so its counts are incomplete"
        if r.area_id is not None and r.area_id not in out:
            out[r.area_id] = f"not assessed: its own {who} was rejected"
        node, hops = r.parent_id, 0
        while node is not None and hops <= len(rows):
            out.setdefault(node, reason)
            node, hops = link.get(node), hops + 1
    return out


def _rollup(plan_id: str, rows: tuple[TableRow, ...]) -> tuple[ParentResult, ...]:
    valid = [r for r in rows if r.snapshot is not None]
    parent_of: Mapping[str, str] = {
        r.area_id: r.parent_id for r in valid if r.area_id is not None and r.parent_id
    }
    tainted = _tainted(rows)
    try:
        result = rollup(plan_id, [r.snapshot for r in valid if r.snapshot is not None], parent_of)
    except InputError as exc:
        # The roll-up as a whole cannot be built (rows of different dates, a cycle of parent
        # links, children at different levels): every row keeps its own result, and each parent
        # says why it was not built.
        named = dict.fromkeys(r.parent_id for r in rows if r.parent_id)
        return tuple(ParentResult(pid, None, f"not built: {exc}") for pid in named if pid)
    parents = [ParentResult(pid, node, tainted.get(pid)) for pid, node in result.parents.items()]
    built = set(result.parents)
    # a parent none of whose children was valid is still reported, without a verdict
    parents += [ParentResult(pid, None, why) for pid, why in tainted.items() if pid not in built]
    return tuple(p if p.node is None or p.problem else _with_node_problem(p) for p in parents)


def _with_node_problem(p: ParentResult) -> ParentResult:
    if p.node is not None and p.node.problem is not None:
        return attrs.evolve(p, problem=p.node.problem)
    return p


def assess_table(plan: PlanLike, table: Table, *, with_rollup: bool = False) -> TableAssessment:
    """Assess every row of ``table``; with ``with_rollup``, also build parents via ``parent_id``.

    Args:
        plan: A plan or its id (the one the table was read for).
        table: Rows read by :func:`~vn_drugfree_criteria.read_table` and friends.
        with_rollup: Build each parent named in ``parent_id`` from its children.

    Returns:
        One result per row, plus the parents when asked for.

    A roll-up that cannot be built as a whole (rows of different dates, a cycle of parent
    links, children at different levels) leaves every row's own result in place and gives each
    parent a ``problem`` saying why.

    Raises:
        InputError: The table was read for another plan.
    """
    p = get_plan(plan)
    if table.plan_id != p.id:
        raise InputError(f"the table was read for plan {table.plan_id!r}, not {p.id!r}")
    rows: list[TableRow] = []
    results: list[Assessment | None] = []
    for row in table.rows:
        if row.ok and row.snapshot is not None:
            try:
                results.append(assess(p, row.snapshot))
            except DrugFreeError as exc:  # defensive: validation should have caught it
                rows.append(attrs.evolve(row, snapshot=None, errors=(str(exc),)))
                results.append(None)
                continue
        else:
            results.append(None)
        rows.append(row)
    parents = _rollup(p.id, tuple(rows)) if with_rollup else None
    return TableAssessment(p.id, table, tuple(rows), tuple(results), parents)
