"""The bundled synthetic example of the Lai Châu city plan."""

from __future__ import annotations

import importlib.util
from collections import Counter
from importlib import resources
from pathlib import Path

import vn_drugfree_criteria as vdc

ROOT = Path(__file__).resolve().parent.parent
PLAN = "lai-chau-city-2024"


def generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_example", ROOT / "tools" / "make_example.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundled() -> bytes:
    node = resources.files("vn_drugfree_criteria").joinpath("data", "examples", f"{PLAN}.csv")
    return node.read_bytes()


def test_bundled_file_is_the_generator_output() -> None:
    assert bundled() == generator().render().encode("utf-8")


def test_phase_1_baseline_17_of_72() -> None:
    """Source line 48: "có 17/72 tổ dân phố, bản đạt 08/08 tiêu chí"."""
    result = vdc.assess_table(PLAN, vdc.example_table(PLAN))
    assert len(result.rows) == 72
    assert not result.rejected
    assert result.drug_free_count == 17
    assert {r.snapshot.as_of.isoformat() for r in result.rows if r.snapshot} == {"2024-03-31"}


def test_every_criterion_fails_somewhere_and_some_pass_vacuously() -> None:
    result = vdc.assess_table(PLAN, vdc.example_table(PLAN))
    assessments = [a for a in result.results if a is not None]
    failed = Counter(c for a in assessments for c in a.failed)
    assert set(failed) == {f"C{i}" for i in range(1, 9)}
    vacuous = {
        cid
        for a in assessments
        if a.drug_free
        for cid, c in a.criteria.items()
        if any(r.vacuous for r in c.requirements)
    }
    assert {"C3", "C4", "C5"} <= vacuous


def test_labelled_synthetic_with_neutral_ids() -> None:
    table = vdc.example_table(PLAN)
    note = table.columns.index("note")
    assert all("synthetic" in r.cells[note] for r in table.rows)
    ids = [r.area_id or "" for r in table.rows]
    assert all(i.startswith(("TDP-", "BAN-")) for i in ids)
    parents = {r.parent_id or "" for r in table.rows}
    assert all(p.startswith(("PHUONG-", "XA-")) for p in parents)
