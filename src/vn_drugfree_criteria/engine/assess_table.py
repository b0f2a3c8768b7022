"""Assess every row of a :class:`~vn_drugfree_criteria.Table`, and optionally roll it up.

Every input row ends in exactly one of the assessed areas and the rejected rows. The roll-up is
the library's one tree roll-up (:func:`~vn_drugfree_criteria.engine.rollup.build_tree`): a parent
with a rejected row below it is incomplete (share unknown, not assessed, its rejected children
counted), a rejected row is a parent only if another row names it, a parent's own row adds to its
children's sums, and a problem with one parent leaves the others as they are.

>>> import vn_drugfree_criteria as vdc
>>> result = vdc.assess_table("lai-chau-city-2024", vdc.example_table("lai-chau-city-2024"))
>>> sum(1 for a in result.results if a is not None and a.drug_free), len(result.results)
(17, 72)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.assess import Assessment, assess_each
from vn_drugfree_criteria.engine.rollup import Area, RollupNode, build_tree, share_text
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.errors import DrugFreeError, InputError, RowError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.decimals import json_number
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import UnitKind

if TYPE_CHECKING:  # the engine reads a table, it does not depend on the reader
    from vn_drugfree_criteria.io.tables import Table

__all__ = [
    "ParentResult",
    "TableAssessment",
    "area_form",
    "area_form_of",
    "area_key",
    "area_outcome",
    "assess_rows",
    "assess_table",
    "parent_result",
    "parent_results",
    "rejected_form",
    "row_area",
]


@attrs.frozen
class ParentResult(Displayable):
    """A parent built by the roll-up.

    Attributes:
        id: The parent's id.
        node: The roll-up node (counts, children, exact share of drug-free children).
        problem: Why the parent has no verdict, if it has none (the node's problem).
    """

    id: str
    node: RollupNode | None
    problem: str | None

    @property
    def assessment(self) -> Assessment | None:
        """The parent's assessment on its summed counts, when it has one."""
        return None if self.problem is not None or self.node is None else self.node.assessment

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """A JSON-ready dict; ``share`` is the exact fraction ``"n/d"`` of drug-free children.

        ``share`` is ``null`` for an incomplete parent (a rejected row below it).
        """
        node = self.node
        a = self.assessment
        return {
            "id": self.id,
            "level": node.level.value if node is not None and node.level is not None else None,
            "children": list(node.children) if node is not None else [],
            "drug_free_children": node.drug_free_children if node is not None else None,
            "assessed_children": node.assessed_children if node is not None else None,
            "rejected_children": node.rejected_children if node is not None else None,
            "incomplete_children": node.incomplete_children if node is not None else None,
            "complete": node.complete if node is not None else False,
            "share": share_text(node),
            "drug_free": a.drug_free if a is not None else None,
            "key_complex_class": a.key_complex_class if a is not None else None,
            "criteria": {cid: r.met for cid, r in a.criteria.items()} if a else None,
            "shortfalls": a.to_dict(lang=lang)["shortfalls"] if a is not None else [],
            "problem": self.problem,
            "counts": {k: json_number(v) for k, v in node.counts.items()} if node else None,
        }


@attrs.frozen
class TableAssessment(Displayable):
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
        return tuple(
            RowError(r.row, r.area_id, r.errors, r.error_codes, r.messages("vi"))
            for r in self.rows
            if not r.ok
        )

    @property
    def drug_free_count(self) -> int:
        """How many rows are drug-free."""
        return sum(1 for a in self.results if a is not None and a.drug_free)

    def __repr__(self) -> str:
        rejected = sum(1 for r in self.rows if not r.ok)
        parents = "" if self.parents is None else f", {len(self.parents)} parents"
        return (
            f"<TableAssessment {self.plan_id}: {len(self.rows)} rows, {self.drug_free_count}"
            f" drug-free, {rejected} rejected{parents}>"
        )

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """The JSON shape of ``vn-drugfree assess``: ``plan``, ``areas``, ``rejected`` (+ ``rollup``)."""
        out: dict[str, Any] = {
            "plan": self.plan_id,
            "areas": [
                area_form(row, a, lang)
                for row, a in zip(self.rows, self.results, strict=True)
                if a is not None
            ],
            "rejected": [rejected_form(r, lang) for r in self.rows if not r.ok],
        }
        if self.parents is not None:
            out["rollup"] = [p.to_dict(lang=lang) for p in self.parents]
        return out


def _rollup(
    plan: Plan, rows: tuple[TableRow, ...], results: tuple[Assessment | None, ...]
) -> tuple[ParentResult, ...]:
    tree = build_tree(plan, [row_area(r, a) for r, a in zip(rows, results, strict=True)])
    return parent_results(tree.parents)


def row_area(r: TableRow, a: Assessment | None) -> Area:
    """A row of a table as an area of the roll-up (a rejected row named by its number and id)."""
    who = f"row {r.row}" + (f" (id {r.area_id!r})" if r.area_id is not None else "")
    return Area(r.area_id, r.parent_id, r.snapshot, a, None if r.snapshot is not None else who)


def parent_result(node: RollupNode) -> ParentResult:
    """A parent of a roll-up of a table."""
    return ParentResult(node.id, node, node.problem)


def parent_results(nodes: Mapping[str, RollupNode]) -> tuple[ParentResult, ...]:
    """The parents of a roll-up of a table, in the order they were built."""
    return tuple(parent_result(node) for node in nodes.values())


def assess_table(plan: PlanLike, table: Table, *, with_rollup: bool = False) -> TableAssessment:
    """Assess every row of ``table``; with ``with_rollup``, also build parents via ``parent_id``.

    Args:
        plan: A plan or its id (the one the table was read for).
        table: Rows read by :func:`~vn_drugfree_criteria.read_table` and friends.
        with_rollup: Build each parent named in ``parent_id`` from its children.

    Returns:
        One result per row, plus the parents when asked for.

    A parent that cannot be assessed (a rejected row below it, children of different dates or
    levels, a cycle of parent links) says why in its ``problem``; every row keeps its own
    result, and the other parents are unaffected.

    Raises:
        InputError: The table was read for another plan.
    """
    p = get_plan(plan)
    if table.plan_id != p.id:
        raise InputError(f"the table was read for plan {table.plan_id!r}, not {p.id!r}")
    rows, results = assess_rows(p, table.rows)
    parents = _rollup(p, tuple(rows), tuple(results)) if with_rollup else None
    return TableAssessment(p.id, table, tuple(rows), tuple(results), parents)


def assess_rows(
    plan: Plan, rows: Iterable[TableRow]
) -> tuple[list[TableRow], list[Assessment | None]]:
    """Assess validated rows: each row (with its errors, if refused while assessing) and its result.

    A rejected row has the result ``None``; a row that passed validation but that
    :func:`~vn_drugfree_criteria.assess` refuses (a defensive case) is returned rejected, with
    the reason and the code ``invalid``.
    """
    rows = list(rows)
    valid = [row.ok and row.snapshot is not None for row in rows]
    snapshots = [row.snapshot for row, ok in zip(rows, valid, strict=True) if ok]
    found = iter(assess_each(plan, cast(list[Snapshot], snapshots)))
    out_rows: list[TableRow] = []
    results: list[Assessment | None] = []
    for row, ok in zip(rows, valid, strict=True):
        a = next(found) if ok else None
        if isinstance(a, DrugFreeError):  # defensive: validation should have caught it
            out_rows.append(attrs.evolve(row, snapshot=None, errors=(str(a),), codes=("invalid",)))
            results.append(None)
        else:
            out_rows.append(row)
            results.append(a)
    return out_rows, results


def area_form(row: TableRow, a: Assessment, lang: str = "vi") -> dict[str, Any]:
    """The JSON form of an assessed row in ``assess`` output (an entry of ``areas``)."""
    kind = row.snapshot.kind if row.snapshot else None
    return area_form_of(row.row, kind, row.parent_id, a, lang)


def area_form_of(
    number: int, kind: UnitKind | None, parent_id: str | None, a: Assessment, lang: str = "vi"
) -> dict[str, Any]:
    """:func:`area_form` of row ``number`` of ``kind`` and ``parent_id`` (not built)."""
    entry = {"row": number, **a.to_dict(lang=lang)}
    entry["kind"] = _name(kind)
    entry["parent_id"] = parent_id
    return entry


def area_outcome(row: TableRow, a: Assessment) -> tuple[object, ...] | None:
    """A key equal for rows whose :func:`area_form` differ at most in ``row``, ``id``, ``parent_id``.

    The assessment's :meth:`~vn_drugfree_criteria.engine.assess.Assessment.outcome` and the
    row's kind; ``None`` when the assessment has no outcome key.
    """
    found = a.outcome()
    return None if found is None else area_key(row.snapshot.kind if row.snapshot else None, found)


def area_key(kind: UnitKind | None, outcome: tuple[object, ...]) -> tuple[object, ...]:
    """The :func:`area_outcome` of a row of ``kind`` whose assessment's outcome is ``outcome``."""
    return (_name(kind), outcome)


def _name(kind: UnitKind | None) -> str | None:
    return kind.name_vi if kind else None


def rejected_form(row: TableRow, lang: str = "vi") -> dict[str, Any]:
    """The JSON form of a rejected row in ``assess`` output (an entry of ``rejected``).

    Its ``errors`` are worded in ``lang``; its ``codes`` are the same in every language.
    """
    form = row.to_dict(lang=lang)
    return {key: form[key] for key in ("row", "id", "line", "errors", "codes")}
