"""``vn-drugfree assess --rollup`` streams: rows chunk by chunk, parents from a spool, same text.

The streamed roll-up keeps only what the roll-up reads of each row and folds plain children
into their parents' running sums; its output must be byte for byte the whole-table roll-up's
(:func:`~vn_drugfree_criteria.assess_table` with ``with_rollup=True``), whatever the chunking,
the order of the rows, chains and cycles of parent links, rejected rows, repeated ids and ids
written in NFC or NFD.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, village
from vn_drugfree_criteria.cli.assess_render import render
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.io import stream
from vn_drugfree_criteria.io.csvout import csv_line
from vn_drugfree_criteria.io.jsonout import json_text

D28 = "national-28-qd-ttg-2025"
NFC, NFD = (unicodedata.normalize(form, "Xã Á") for form in ("NFC", "NFD"))
IDS = ["T1", "T2", "T3", "C1", "C2", NFC, "P"]
PARENTS = [*IDS, NFD, "Q", ""]


def _commune(**overrides: Any) -> dict[str, Any]:
    """A Decision 28 commune with nothing at all, then ``overrides``."""
    row: dict[str, Any] = dict.fromkeys(vdc.get_plan(D28).indicators, 0)
    row.update(id="X", level="xã", as_of="2025-09-30", residents=10_000)
    row.update(communes="", communes_class_1_2="")
    row.update(overrides)
    return row


@st.composite
def trees(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A table whose parent links form chains, cycles and links to missing parents."""
    d28 = draw(st.booleans())
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        n = draw(st.integers(0, 2))
        if d28:
            level = draw(st.sampled_from(["xã", "phường", "tỉnh"]))
            counts = {"registered_users": n, "drug_offenders_arrested": draw(st.integers(0, 2))}
            row = _commune(level=level, **counts)
        else:
            level = draw(st.sampled_from(["tổ dân phố", "bản", "xã"]))
            row = village(level=level, hotspots=n, addicts=n, addicts_with_dossier=n)
        row.update(id=draw(st.sampled_from(IDS)), parent_id=draw(st.sampled_from(PARENTS)))
        if draw(st.integers(0, 9)) == 0:
            row["households" if not d28 else "residents"] = "x"  # a rejected row
        if draw(st.integers(0, 9)) == 0:
            row["as_of"] = "2025-10-31" if d28 else "2024-06-30"  # children dated differently
        rows.append(row)
    return (D28 if d28 else LAI_CHAU), rows


LONG = "Thôn " + "Bản Lương " * 14  # an id of more than 128 bytes of UTF-8


@st.composite
def forests(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Villages under communes under districts, in any order: some rows rejected or repeated,
    some communes and districts without a row of their own, parent ids written in NFC or NFD,
    some ids longer than 128 bytes."""
    tops = [f"Huyện {i}" for i in range(draw(st.integers(1, 3)))]
    rows = []
    for c in range(draw(st.integers(1, 5))):
        commune = f"Xã Á {c}"
        if draw(st.booleans()):
            rows.append(village(id=commune, level="xã", parent_id=draw(st.sampled_from(tops))))
        for v in range(draw(st.integers(0, 6))):
            form = draw(st.sampled_from(["NFC", "NFD"]))
            name = f"{LONG}{c}-{v}" if draw(st.integers(0, 4)) == 0 else f"T{c}-{v}"
            row = village(id=name, parent_id=unicodedata.normalize(form, commune))
            row["hotspots"] = draw(st.integers(0, 1))
            if draw(st.integers(0, 7)) == 0:
                row["households"] = "x"  # a rejected row
            rows.append(row)
            if draw(st.integers(0, 9)) == 0:
                rows.append(dict(row))  # a repeated id: the second row is rejected
    rows += [village(id=t, level="huyện") for t in tops if draw(st.booleans())]
    return [rows[i] for i in draw(st.permutations(range(len(rows))))]


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    forests(),
    st.sampled_from(["json", "table"]),
    st.sampled_from(["vi", "en"]),
    st.integers(1, 7),
)
def test_a_streamed_forest_is_the_whole_table_rollup(
    rows: list[dict[str, Any]], fmt: str, lang: str, chunk: int
) -> None:
    """Law (DOMAIN §3, the roll-up rules of ``engine.rollup``): on a forest of villages,
    communes and districts in any order, with rejected and repeated rows, parents without a row
    and long ids, the parents streamed one at a time are byte for byte the whole table's."""
    _assert_streamed_is_whole(LAI_CHAU, rows, fmt, lang, chunk)


def _assert_streamed_is_whole(
    plan: str, rows: list[dict[str, Any]], fmt: str, lang: str, chunk: int
) -> None:
    """``assess --rollup`` read ``chunk`` rows at a time writes what the whole table gives."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "t.csv"
        path.write_text(_csv(plan, rows), encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(stream, "CHUNK_ROWS", chunk)
            code, out = _run("assess", plan, str(path), "--rollup", "--format", fmt, "--lang", lang)
        assert code in (0, 1)
        assert out == _whole(plan, path, fmt, lang)


def _csv(plan: str, rows: list[dict[str, Any]]) -> str:
    columns = ["id", "level", "parent_id", "as_of", *vdc.get_plan(plan).indicators]
    body = "".join(csv_line([str(r.get(c, "")) for c in columns]) for r in rows)
    return csv_line(columns) + body


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


def _whole(plan: str, path: Path, fmt: str, lang: str) -> str:
    result = vdc.assess_table(plan, vdc.read_table(plan, path), with_rollup=True)
    return json_text(result.to_dict(lang=lang)) if fmt == "json" else render(result, lang) + "\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    trees(),
    st.sampled_from(["json", "table"]),
    st.sampled_from(["vi", "en"]),
    st.integers(1, 3),
)
def test_the_streamed_rollup_is_the_whole_table_rollup(
    tree: tuple[str, list[dict[str, Any]]], fmt: str, lang: str, chunk: int
) -> None:
    """Law (DOMAIN §3, the roll-up rules of ``engine.rollup``): whatever the tree and the
    chunking, ``assess --rollup`` streamed writes byte for byte what the whole table gives."""
    plan, rows = tree
    _assert_streamed_is_whole(plan, rows, fmt, lang, chunk)


def test_a_chain_with_parents_after_their_children(tmp_path: Path) -> None:
    """A district above communes above villages, each parent's row after its children's, read
    one row at a time: the parents are those of the whole table (the chain is built bottom-up)."""
    rows = [village(id=f"T{i}", parent_id=f"C{i % 2}") for i in range(4)]
    rows += [village(id=f"C{i}", level="xã", parent_id="P") for i in range(2)]
    rows += [village(id="P", level="huyện")]
    path = tmp_path / "t.csv"
    path.write_text(_csv(LAI_CHAU, rows), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stream, "CHUNK_ROWS", 1)
        code, out = _run("assess", LAI_CHAU, str(path), "--rollup", "--format", "json")
    assert code == 0
    assert out == _whole(LAI_CHAU, path, "json", "vi")
    parents = vdc.assess_table(LAI_CHAU, vdc.read_table(LAI_CHAU, path), with_rollup=True).parents
    assert parents is not None
    assert [p.id for p in parents] == ["C0", "C1", "P"]
    assert [len(p.node.children) for p in parents if p.node is not None] == [2, 2, 2]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_csv_and_workbooks_show_no_parents(fmt: str, tmp_path: Path) -> None:
    """The CSV form and the workbook have one record per input row: ``--rollup`` changes
    nothing in them."""
    rows = [village(id="T1", parent_id="C"), village(id="T2", parent_id="C", hotspots="x")]
    path = tmp_path / "t.csv"
    path.write_text(_csv(LAI_CHAU, rows), encoding="utf-8")
    outputs = []
    for extra in ((), ("--rollup",)):
        target = tmp_path / f"out{len(extra)}.{fmt}"
        code, _ = _run("assess", LAI_CHAU, str(path), "--format", fmt, "--out", str(target), *extra)
        assert code == 1
        outputs.append(target.read_bytes() if fmt == "csv" else _sheet(target))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 0


def _sheet(path: Path) -> list[tuple[Any, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
