"""Every roll-up entry point gives the same parents, rejected rows included."""

from __future__ import annotations

import datetime
import unicodedata
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import WHOLES, valid_counts

ON = datetime.date(2024, 6, 30)
PLAN = vdc.get_plan("lai-chau-city-2024")
NAMES = PLAN.indicators
# "Xã A" typed in NFC and in NFD is one parent.
PARENTS = ("P1", "P2", unicodedata.normalize("NFC", "Xã A"), unicodedata.normalize("NFD", "Xã A"))
DEFECTS = (None, None, None, "negative", "missing", "part_gt_whole")
PARTS = [n for n in NAMES if WHOLES.get(n) in NAMES]


@st.composite
def villages(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Village rows, some broken (negative, missing, a part above its whole), each with a parent."""
    rows = []
    for i in range(draw(st.integers(1, 10))):
        counts: dict[str, Any] = draw(valid_counts(NAMES, max_value=3))
        defect = draw(st.sampled_from(DEFECTS))
        if defect == "negative":
            counts[draw(st.sampled_from(NAMES))] = -1
        elif defect == "missing":
            counts[draw(st.sampled_from(NAMES))] = None
        elif defect == "part_gt_whole":
            part = draw(st.sampled_from(PARTS))
            counts[part] = counts[WHOLES[part]] + 1
        parent = draw(st.sampled_from(PARENTS))
        rows.append({"id": f"v{i}", "level": "village", "parent_id": parent, **counts})
    return rows


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _expected(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, int, Fraction | None]]:
    """Children, drug-free children, rejected children and share, computed row by row."""
    out: dict[str, list[int]] = {}
    for row in rows:
        counts = {n: row[n] for n in NAMES}
        entry = out.setdefault(_key(row["parent_id"]), [0, 0, 0])
        entry[0] += 1
        bad = any(v is None or v < 0 for v in counts.values()) or any(
            counts[p] > counts[WHOLES[p]] for p in PARTS
        )
        if bad:
            entry[2] += 1
        elif vdc.assess(PLAN, vdc.Snapshot(counts, as_of=ON, level="village")).drug_free:
            entry[1] += 1
    return {
        k: (n, free, bad, Fraction(free, n) if bad == 0 else None)
        for k, (n, free, bad) in out.items()
    }


@settings(max_examples=40, deadline=None)
@given(rows=villages(), target=st.fractions(0, 1, max_denominator=12), strict=st.booleans())
def test_every_rollup_entry_point_agrees(
    rows: list[dict[str, Any]], target: Fraction, strict: bool
) -> None:
    """Norm (DOMAIN §3, §5; CONTRACT "nothing dropped"): a parent's indicators are its children's
    sums and its share of drug-free children ("≥ 83% of villages") is an exact fraction; a
    parent with a rejected child is incomplete, its share unknown, its rejected children counted.

    ``assess --rollup`` (assess_table), rollup_frame, rollup_many on both backends and, for
    complete parents, rollup on the valid snapshots all give the same parents, children, drug-free
    children, rejected children, share, target verdict and summed counts; ids in NFC and NFD
    name one parent.
    """
    want = _expected(rows)
    table = vdc.table_from_records(PLAN, rows, as_of=ON)
    parents = vdc.assess_table(PLAN, table, with_rollup=True).parents
    assert parents is not None
    nodes = {p.id: p.node for p in parents if p.node is not None}
    assert {
        k: (len(n.children), n.drug_free_children, n.rejected_children, n.share_drug_free)
        for k, n in nodes.items()
    } == want
    for k, n in nodes.items():
        assert n.complete == (want[k][3] is not None)
        assert n.meets_share(target, strict=strict) == _meets(want[k], target, strict)
        assert (n.assessment is None) or n.complete

    frame = vdc.rollup_frame(PLAN, pd.DataFrame(rows), as_of=ON)
    got_frame = {
        r.id: (r.children, r.drug_free_children, r.rejected_children, r.share)
        for r in frame.itertuples()
    }
    assert got_frame == want

    columns = {n: [r[n] for r in rows] for n in NAMES}
    ids = [r["id"] for r in rows]
    for backend in ("python", "numpy"):
        many = vdc.rollup_many(
            PLAN,
            columns,
            [r["parent_id"] for r in rows],
            ids=ids,
            level="village",
            target=target,
            strict=strict,
            backend=backend,
        )
        assert many.meets_target is not None
        got = {
            str(p): (int(c), int(f), int(b), s)
            for p, c, f, b, s in zip(
                many.parents,
                many.children,
                many.drug_free_children,
                many.rejected_children,
                many.shares(),
                strict=True,
            )
        }
        assert got == want
        for i, p in enumerate(many.parents):
            assert many.meets_target[i] == _meets(want[str(p)], target, strict)
            if want[str(p)][2] < want[str(p)][0]:  # sums over the children with data
                sums = {k: int(v[i]) for k, v in many.counts.items()}
                assert sums == dict(nodes[str(p)].counts)

    valid = [r for r, t in zip(rows, table.rows, strict=True) if t.ok]
    snaps = [
        vdc.Snapshot({n: r[n] for n in NAMES}, as_of=ON, level="village", area_id=r["id"])
        for r in valid
    ]
    tree = vdc.rollup(PLAN, snaps, {r["id"]: r["parent_id"] for r in valid})
    for k, node in tree.parents.items():
        if want[k][3] is not None:
            assert (len(node.children), node.drug_free_children) == want[k][:2]
            assert node.share_drug_free == want[k][3]


def _meets(
    entry: tuple[int, int, int, Fraction | None], target: Fraction, strict: bool
) -> bool | None:
    share = entry[3]
    if share is None:
        return None
    return share > target if strict else share >= target


def _defective(counts: dict[str, Any]) -> bool:
    return any(v is None or v < 0 for v in counts.values()) or any(
        counts[p] > counts[WHOLES[p]] for p in PARTS
    )


@st.composite
def forests(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Villages under communes under one district; communes sometimes with a row of their own."""
    rows = []
    for c in range(1, 4):
        if draw(st.booleans()):
            counts = draw(villages().map(lambda r: r[0]))  # one row's counts, maybe broken
            counts.update(id=f"C{c}", level="xã", parent_id="D")
            rows.append(counts)
    for row in draw(villages()):
        row["parent_id"] = f"C{draw(st.integers(1, 3))}"
        rows.append(row)
    return draw(st.permutations(rows))


def _verdict(counts: dict[str, int], level: str) -> bool:
    try:
        return vdc.assess(PLAN, vdc.Snapshot(counts, as_of=ON, level=level)).drug_free
    except vdc.DrugFreeError:  # a level the plan does not cover: no verdict, not drug-free
        return False


def _oracle(
    rows: list[dict[str, Any]],
) -> tuple[dict[str, tuple[int, int, int, Fraction | None]], dict[str, dict[str, int] | None]]:
    """Each parent from the definitions, bottom-up: children's sums plus its own row."""
    by_id = {r["id"]: r for r in rows}
    kids: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        kids.setdefault(r["parent_id"], []).append(r)
    out: dict[str, tuple[int, int, int, Fraction | None]] = {}
    summed: dict[str, dict[str, int] | None] = {}
    for pid in ("C1", "C2", "C3", "D"):
        if pid not in kids:
            continue
        own = by_id.get(pid)
        total: dict[str, int] | None = dict.fromkeys(NAMES, 0)
        if own is not None:
            raw = {n: own[n] for n in NAMES}
            total = None if _defective(raw) else raw
        free = bad = 0
        for child in kids[pid]:
            if child["id"] in kids:  # a parent itself: its sums, assessed as a commune
                counts, level = summed[child["id"]], "xã" if child["id"] in by_id else "commune"
            else:
                counts, level = {n: child[n] for n in NAMES}, child["level"]
                if _defective(counts):
                    counts, bad = None, bad + 1
            if counts is None or total is None:
                total = None
                continue
            total = {n: total[n] + counts[n] for n in NAMES}
            free += _verdict(counts, level)
        summed[pid] = total
        n = len(kids[pid])
        out[pid] = (n, free, bad, Fraction(free, n) if total is not None else None)
    return out, summed


@settings(max_examples=30, deadline=None)
@given(rows=forests())
def test_tree_entry_points_agree_with_the_definition(rows: list[dict[str, Any]]) -> None:
    """Norm (DOMAIN §3): a commune's indicators are its villages' sums plus what it records
    itself, and a district's are its communes'; a parent is complete only when every row below
    it, and its own row, is valid; its share of drug-free children is then exact, else unknown.

    On random three-level forests (villages, communes with or without a row of their own, one
    district) with rejected rows at any level, ``assess --rollup`` (assess_table) and
    rollup_frame give the parents, children, drug-free and rejected children, shares and (for
    complete parents) summed counts that
    the definition gives, computed bottom-up here.
    """
    want, sums = _oracle(rows)
    table = vdc.table_from_records(PLAN, rows, as_of=ON)
    parents = vdc.assess_table(PLAN, table, with_rollup=True).parents
    assert parents is not None
    for p in parents:
        assert p.node is not None
        if p.node.complete:
            assert dict(p.node.counts) == sums[p.id]
    got = {
        p.id: (
            len(p.node.children),
            p.node.drug_free_children,
            p.node.rejected_children,
            p.node.share_drug_free,
        )
        for p in parents
        if p.node is not None
    }
    assert got == want
    frame = vdc.rollup_frame(PLAN, pd.DataFrame(rows), as_of=ON)
    assert {
        r.id: (r.children, r.drug_free_children, r.rejected_children, r.share)
        for r in frame.itertuples()
    } == want
