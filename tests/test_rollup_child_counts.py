"""A province built from a commune table takes ``communes`` and ``communes_class_1_2`` from its
children's classes (Điều 5.4, Decision 28/2025/QĐ-TTg), alike in ``assess --rollup``,
``assess_table(..., with_rollup=True)`` and ``rollup_many`` (one rule: ``child_counts``)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main

PLAN = "national-28-qd-ttg-2025"
DAY = datetime.date(2026, 3, 1)


def commune(**counts: int) -> dict[str, int]:
    """A commune of 10,000 residents with nothing at all, then ``counts``."""
    base = dict.fromkeys(vdc.get_plan(PLAN).indicators, 0)
    del base["communes"], base["communes_class_1_2"]
    base["residents"] = 10_000
    base.update(counts)
    return base


CLASS_I = {"registered_users": 60, "use_harbouring_venues": 2, "drug_offenders_arrested": 10}
CLASS_II = {"registered_users": 10, "use_harbouring_venues": 1, "plants_destroyed": 500}
CLASS_III = {"registered_users": 5}


def rows(n_class_1: int, n_class_2: int, n_class_3: int, n_none: int) -> list[dict[str, Any]]:
    """A commune table under province ``P``: communes of each class, then communes in none."""
    kinds = [CLASS_I] * n_class_1 + [CLASS_II] * n_class_2 + [CLASS_III] * n_class_3
    kinds += [{}] * n_none
    return [
        {"id": f"X{i}", "parent_id": "P", "level": "xã", "as_of": DAY.isoformat(), **commune(**k)}
        for i, k in enumerate(kinds)
    ]


def via_table(records: list[dict[str, Any]]) -> dict[str, Any]:
    table = vdc.table_from_records(PLAN, records)
    (parent,) = vdc.assess_table(PLAN, table, with_rollup=True).parents or ()
    return parent.to_dict()


def via_cli(records: list[dict[str, Any]], tmp_path: Path, capsys: Any) -> dict[str, Any]:
    path = tmp_path / "communes.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    main(["assess", PLAN, str(path), "--rollup", "--format", "json"])
    (parent,) = json.loads(capsys.readouterr().out)["rollup"]
    return parent  # type: ignore[no-any-return]


def via_many(records: list[dict[str, Any]], backend: str) -> vdc.BatchRollup:
    names = list(commune())
    columns = {name: [r[name] for r in records] for name in names}
    parents = [r["parent_id"] for r in records]
    return vdc.rollup_many(PLAN, columns, parents, as_of=DAY, level="xã", backend=backend)


def test_the_classes_were_built_as_meant() -> None:
    """The fixture's communes fall in the classes their names say."""
    got = [
        vdc.assess(PLAN, vdc.Snapshot(commune(**k), as_of=DAY, level="xã")).key_complex_class
        for k in (CLASS_I, CLASS_II, CLASS_III, {})
    ]
    assert got == ["I", "II", "III", None]


@pytest.mark.parametrize(
    ("classes", "meets_5_4"),
    [((2, 1, 4, 93), True), ((1, 1, 5, 93), False), ((0, 3, 0, 97), True)],
)
def test_every_path_derives_the_province_counts_and_decides_article_5_4(
    classes: tuple[int, int, int, int],
    meets_5_4: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Điều 5.4: class I-II communes "chiếm từ 3% ... trở lên": 3 of 100 meets, 2 of 100 does
    not (class III communes are not counted); the tree, the CLI and rollup_many agree."""
    records = rows(*classes)
    class_1_2 = classes[0] + classes[1]
    table, cli = via_table(records), via_cli(records, tmp_path, capsys)
    for parent in (table, cli):
        assert parent["level"] == "province"
        assert parent["counts"]["communes"] == 100
        assert parent["counts"]["communes_class_1_2"] == class_1_2
    assert table == cli
    for backend in ("python", "numpy"):
        many = via_many(records, backend)
        assert int(many.children[0]) == 100
        assert many.in_classes(0, ("I", "II")) == class_1_2
        counts = many.to_dict()["parents"][0]["counts"]
        assert (counts["communes"], counts["communes_class_1_2"]) == (100, class_1_2)
    snap = vdc.Snapshot(dict(table["counts"]), as_of=DAY, level="tỉnh", area_id="P")
    (grade,) = vdc.assess(PLAN, snap).grades
    met = {g.criterion.number for c in grade.classes for g in c.criteria if g.met}
    assert ("4" in met) is meets_5_4


def test_a_parent_s_own_record_of_a_child_count_stands() -> None:
    """A province that records its communes itself keeps that number (the table may hold only
    some of its communes); the class I-II count still comes from its children."""
    snaps = [
        vdc.Snapshot(commune(**k), as_of=DAY, level="xã", area_id=f"X{i}")
        for i, k in enumerate([CLASS_I] * 3 + [{}] * 7)
    ]
    own = vdc.Snapshot({"communes": 120}, as_of=DAY, level="tỉnh", area_id="P")
    up = vdc.rollup(PLAN, [*snaps, own], {s.area_id: "P" for s in snaps if s.area_id})
    counts = up.parents["P"].counts
    assert (counts["communes"], counts["communes_class_1_2"]) == (120, 3)


def test_a_route_fact_is_had_by_the_parent_when_any_child_has_it() -> None:
    """Two communes on a key route put their province on it once (1, not 2), on every path."""
    records = rows(0, 0, 0, 4)
    for r in records[:2]:
        r["on_interprovincial_key_route"] = 1
    parent = via_table(records)
    assert parent["problem"] is None
    assert parent["counts"]["on_interprovincial_key_route"] == 1
    assert parent["counts"]["on_intraprovincial_key_route"] == 0
    for backend in ("python", "numpy"):
        counts = via_many(records, backend).to_dict()["parents"][0]["counts"]
        assert counts["on_interprovincial_key_route"] == 1


def test_no_child_count_for_a_parent_of_villages() -> None:
    """``communes`` counts communes: a commune built from its villages does not get one."""
    plan = vdc.get_plan("lai-chau-city-2024")
    base = dict.fromkeys(plan.indicators, 0)
    base.update(effective_models=1)
    records = [{"id": f"V{i}", "parent_id": "C", "level": "thôn", **base} for i in range(3)]
    table = vdc.table_from_records(plan, records, as_of=datetime.date(2024, 6, 30))
    (parent,) = vdc.assess_table(plan, table, with_rollup=True).parents or ()
    assert parent.node is not None
    assert "communes" not in parent.node.counts
