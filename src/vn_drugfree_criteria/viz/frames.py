"""pandas helpers for notebooks (the optional ``pandas`` extra).

:func:`assess_frame` returns the input frame with the results beside it: one output row per
input row, in the same order and with the same index; a rejected row is kept and flagged with
its errors, never dropped. :func:`rollup_frame` builds parents from ``parent_id`` with exact
shares: a :class:`~fractions.Fraction` column and its numerator and denominator, so no float
ever decides anything. Rows are read with the same rules as a JSON file given to
``vn-drugfree assess``; pandas is imported only when these functions are called.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from vn_drugfree_criteria.errors import InputError, MissingExtraError
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.labels import LANGS
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = ["RESULT_COLUMNS", "assess_frame", "rollup_frame"]

# Result columns added by assess_frame (besides one column per criterion id).
RESULT_COLUMNS = (
    "valid",
    "errors",
    "error_codes",
    "drug_free",
    "key_complex_class",
    "failed",
)


def _pandas(feature: str) -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported on use
    except ImportError:
        raise MissingExtraError("pandas", "pandas", feature) from None
    return pd


def _records(frame: Any) -> list[dict[str, object]]:
    """The frame's rows as records; each cell is read later by the one input policy."""
    columns = [str(c) for c in frame.columns]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise InputError(f"the frame has duplicate columns: {', '.join(twice)}")
    return [
        dict(zip(columns, row, strict=True)) for row in frame.itertuples(index=False, name=None)
    ]


def _assessed(plan: PlanLike, frame: Any, as_of: _dt.date | None, rollup: bool) -> Any:
    from vn_drugfree_criteria.engine.assess_table import assess_table  # noqa: PLC0415 - the tabular reader, on use
    from vn_drugfree_criteria.io.tables import table_from_records  # noqa: PLC0415

    pd = _pandas("assess_frame" if not rollup else "rollup_frame")
    table = table_from_records(plan, _records(frame), as_of=as_of, source="<DataFrame>")
    return pd, assess_table(plan, table, with_rollup=rollup)


# Long: the docstring documents every result column of the public entry point.
def assess_frame(
    plan: PlanLike, frame: Any, *, as_of: _dt.date | None = None, lang: str = "vi"
) -> Any:
    """Assess every row of a DataFrame; return the input columns with the results beside them.

    Rows are read with the same rules as a JSON file given to ``vn-drugfree assess``.

    Args:
        plan: A plan or its id.
        frame: One row per area: ``id``, optional ``level``, ``parent_id``, ``as_of`` and the
            indicator columns the plan needs (see ``vn-drugfree show PLAN``). Cells are read by
            the one input policy (:mod:`vn_drugfree_criteria.vocab.cells`): a missing value
            (``NaN``, ``None``, ``<NA>``) is missing, never zero; whole floats (``3.0``, as
            pandas stores integer columns with gaps) count as whole numbers.
        as_of: The date of review wherever the ``as_of`` cell is missing or the column absent.
        lang: The language of ``errors``: ``"vi"`` (the default) or ``"en"``.

    Returns:
        A new DataFrame with the same index and every input column, plus ``valid``, ``errors``
        (the row's problems in ``lang``, joined by ``"; "``, ``None`` when valid), ``error_codes`` (their
        stable codes, joined the same way), ``drug_free``, ``key_complex_class`` (the class a
        graded plan gives the area, ``None`` when in none), ``failed``
        (ids of unmet criteria, comma-separated) and one nullable boolean column per criterion.
        A rejected row stays, with ``valid == False``, its errors, and ``<NA>`` results.

    Raises:
        MissingExtraError: pandas is not installed.
        InputError: A result column name is already an input column, or duplicate columns.
        TableError: A column the plan needs is missing, or no ``as_of`` is given at all.
    """
    _pandas("assess_frame")
    if lang not in LANGS:
        raise InputError(f"language {lang!r}: expected one of {', '.join(LANGS)}")
    p = get_plan(plan)
    clash = [c for c in (*RESULT_COLUMNS, *(c.id for c in p.criteria)) if c in frame.columns]
    if clash:
        raise InputError(f"the frame already has result column(s): {', '.join(clash)}")
    pd, result = _assessed(p, frame, as_of, rollup=False)
    n = len(result.rows)
    per: dict[str, list[bool | None]] = {c.id: [None] * n for c in p.criteria}
    for i, a in enumerate(result.results):
        if a is not None:
            for cid, r in a.criteria.items():
                per[cid][i] = r.met
    out = frame.copy()
    out["valid"] = pd.array([a is not None for a in result.results], dtype="boolean")
    out["errors"] = pd.array(
        [
            None if a is not None else "; ".join(r.messages(lang))
            for r, a in zip(result.rows, result.results, strict=True)
        ],
        dtype="object",
    )
    out["error_codes"] = pd.array(
        [
            None if a is not None else "; ".join(r.error_codes)
            for r, a in zip(result.rows, result.results, strict=True)
        ],
        dtype="object",
    )
    out["drug_free"] = pd.array(
        [None if a is None else a.drug_free for a in result.results], dtype="boolean"
    )
    out["key_complex_class"] = pd.array(
        [None if a is None else a.key_complex_class for a in result.results], dtype="object"
    )
    out["failed"] = pd.array(
        [None if a is None else ",".join(a.failed) for a in result.results], dtype="object"
    )
    for cid, values in per.items():
        out[cid] = pd.array(values, dtype="boolean")
    return out


_ROLLUP_COLUMNS = (
    "id",
    "level",
    "children",
    "drug_free_children",
    "rejected_children",
    "complete",
    "share",
    "share_numerator",
    "share_denominator",
    "share_percent",
    "drug_free",
    "problem",
)


def rollup_frame(plan: PlanLike, frame: Any, *, as_of: _dt.date | None = None) -> Any:
    """Roll the rows of a DataFrame up into their parents (``parent_id``), exactly.

    The same roll-up as ``vn-drugfree assess --rollup``: a parent with a rejected row below it
    is incomplete: its share is unknown (``None``), it is not assessed, and ``problem`` says why.

    Args:
        plan: A plan or its id.
        frame: As for :func:`assess_frame`, with a ``parent_id`` column.
        as_of: The date of review wherever the ``as_of`` cell is missing.

    Returns:
        One row per parent: ``id``, ``level``, ``children`` (direct children counted, rejected
        ones included), ``drug_free_children``, ``rejected_children``, ``complete``, ``share``
        (a :class:`~fractions.Fraction`, ``None`` when incomplete), ``share_numerator``
        and ``share_denominator`` (the unreduced counts), ``share_percent`` (text, for reading
        only), ``drug_free`` (the parent assessed on its summed counts; ``<NA>`` when it cannot
        be) and ``problem``.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    p = get_plan(plan)
    pd, result = _assessed(p, frame, as_of, rollup=True)
    rows: list[Mapping[str, object]] = []
    for parent in result.parents or ():
        node = parent.node
        if node is None:  # every parent of a roll-up has a node; kept for the type checker
            continue
        share = node.share_drug_free
        a = parent.assessment
        rows.append(
            {
                "id": parent.id,
                "level": node.level.value if node.level else None,
                "children": len(node.children),
                "drug_free_children": node.drug_free_children,
                "rejected_children": node.rejected_children,
                "complete": node.complete,
                "share": share,
                "share_numerator": node.drug_free_children if share is not None else None,
                "share_denominator": len(node.children) if share is not None else None,
                "share_percent": format_share(share) if share is not None else None,
                "drug_free": None if a is None else a.drug_free,
                "problem": parent.problem,
            }
        )
    out = pd.DataFrame(rows, columns=list(_ROLLUP_COLUMNS))
    out["drug_free"] = out["drug_free"].astype("boolean")
    out["complete"] = out["complete"].astype("boolean")
    for name in ("share_numerator", "share_denominator"):
        out[name] = out[name].astype("Int64")
    return out
