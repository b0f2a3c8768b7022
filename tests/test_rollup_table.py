"""The roll-up of a table (``assess --rollup``): rejected rows, own rows, long chains, NFC ids."""

from __future__ import annotations

import json
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.engine.rollup import Area, build_tree


def _parents(rows: list[dict[str, Any]]) -> dict[str, vdc.ParentResult]:
    table = vdc.table_from_records(LAI_CHAU, rows)
    parents = vdc.assess_table(LAI_CHAU, table, with_rollup=True).parents
    assert parents is not None
    return {p.id: p for p in parents}


def test_a_rejected_leaf_is_not_a_parent() -> None:
    rows = [village(id="TDP-1", parent_id="P"), village(id="TDP-6", parent_id="P", hotspots=-1)]
    parents = _parents(rows)
    assert set(parents) == {"P"}
    p = parents["P"].node
    assert p is not None
    assert (p.rejected_children, p.complete, p.share_drug_free) == (1, False, None)
    assert p.assessment is None
    assert parents["P"].assessment is None
    assert parents["P"].problem == (
        "not assessed: row 2 (id 'TDP-6') below it was rejected, so its counts are incomplete"
    )


def test_a_parents_own_row_adds_to_its_children() -> None:
    """DOMAIN §3: a commune's indicators are its villages' sums plus what it records itself."""
    rows = [
        village(id="T1", parent_id="X", effective_models=0),
        village(id="T2", parent_id="X", effective_models=0),
        village(id="X", level="xã", households=5, households_committed=5, effective_models=1),
    ]
    node = _parents(rows)["X"].node
    assert node is not None
    assert node.counts["households"] == 85
    assert node.counts["effective_models"] == 1
    assert node.assessment is not None
    assert node.assessment.criteria["C7"].met
    assert node.share_drug_free == Fraction(0, 2)


def test_a_parent_whose_own_row_is_rejected_is_incomplete() -> None:
    rows = [village(id="T1", parent_id="X"), village(id="X", level="xã", hotspots="x")]
    node = _parents(rows)["X"].node
    assert node is not None
    assert (node.complete, node.share_drug_free, node.assessment) == (False, None, None)
    assert node.problem == "not assessed: its own row 2 (id 'X') was rejected"


def test_nfc_and_nfd_ids_are_one_parent() -> None:
    nfc, nfd = (unicodedata.normalize(form, "Xã A") for form in ("NFC", "NFD"))
    rows = [village(id="T1", parent_id=nfc), village(id="T2", parent_id=nfd)]
    parents = _parents(rows)
    assert list(parents) == [nfc]
    node = parents[nfc].node
    assert node is not None
    assert node.children == ("T1", "T2")


def test_a_parent_chain_of_331_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A long chain of parent links is built without recursion (it once raised RecursionError)."""
    rows = [village(id="T0", parent_id="C1")]
    rows += [
        village(id=f"C{i}", level="xã", parent_id=f"C{i + 1}" if i < 330 else None)
        for i in range(1, 331)
    ]
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    code = main(["assess", LAI_CHAU, str(path), "--rollup", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 0
    parents = {p["id"]: p for p in json.loads(out)["rollup"]}
    assert len(parents) == 330
    assert parents["C330"]["children"] == ["C329"]
    assert parents["C330"]["problem"] is None


def test_a_long_chain_of_rejected_rows_is_linear() -> None:
    """Every parent above a rejected row is incomplete; 50,000 links are one pass each way."""
    n = 50_000
    areas = [Area(f"a{i}", f"a{i + 1}", None, None, f"row {i + 1}") for i in range(n)]
    tree = build_tree(vdc.get_plan(LAI_CHAU), areas)
    assert len(tree.parents) == n
    top = tree.parents[f"a{n}"]
    assert (top.complete, top.incomplete_children, top.rejected_children) == (False, 1, 0)
    assert top.problem == (
        f"not assessed: row {n} below it was rejected, so its counts are incomplete"
    )
