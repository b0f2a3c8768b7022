"""A small run of the CLI memory benchmark, so that it cannot rot, and the memory law it shows.

No time is asserted. Memory is asserted on growth, not on the total: the interpreter, the library
and a chunk of rows cost a fixed amount that dwarfs a small file, so a bound relative to the
file's size holds only for what grows with the file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import vn_drugfree_criteria as vdc

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "cli_memory.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_memory", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_small_run_prints_every_contender(capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["--rows", "300"]) == 0
    out = capsys.readouterr().out
    assert "300 rows" in out
    for who in (
        "assess --format csv",
        "assess --format json",
        "assess --rollup --format json (tree)",
    ):
        assert f"| {who} |" in out


@pytest.mark.parametrize("only", ["rollup", "plain"])
def test_only_runs_part_of_the_contenders(only: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["--rows", "300", "--only", only]) == 0
    out = capsys.readouterr().out
    rollup = "| assess --rollup --format json (tree) |"
    plain = ["| assess --format csv |", "| assess --format json |"]
    assert (rollup in out) == (only == "rollup")
    assert all((p in out) == (only == "plain") for p in plain)


def test_the_table_has_the_rows_asked_for(tmp_path: Path) -> None:
    bench = _bench()
    size = bench.write_table(tmp_path / "t.csv", 150)
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 151
    assert size == (tmp_path / "t.csv").stat().st_size
    ids = [line.split(",")[0] for line in lines[1:]]
    assert len(set(ids)) == 150  # every id new


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_memory_grows_by_less_than_three_times_the_added_bytes(fmt: str, tmp_path: Path) -> None:
    """Law: ten times the rows costs at most 3 bytes of peak memory per byte of file added
    (whole-table reading cost about 64)."""
    bench = _bench()
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small_size = bench.write_table(small, 4_000)
    large_size = bench.write_table(large, 40_000)
    _, small_peak, status = bench.measure(bench._assess(small, fmt))
    assert status == 0
    _, large_peak, status = bench.measure(bench._assess(large, fmt))
    assert status == 0
    assert large_peak - small_peak <= 3 * (large_size - small_size)


def test_the_tree_table_has_communes_of_25_villages(tmp_path: Path) -> None:
    bench = _bench()
    bench.write_tree(tmp_path / "t.csv", 130)
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split(",")[:3] for line in lines]
    assert len(rows) == 130
    assert len({r[0] for r in rows}) == 130  # every id new
    communes = [r for r in rows if r[1] == "xã"]
    assert [r[0] for r in communes] == [f"XA-{i}" for i in range(5)]
    assert all(r[2].startswith("TINH-") for r in communes)
    assert sum(1 for r in rows if r[2] == "XA-1") == 25


def test_rollup_adds_less_than_one_byte_of_memory_per_byte_added(tmp_path: Path) -> None:
    """Law: on a tree of communes of 25 villages, ten times the rows costs ``--rollup`` at most
    one byte of peak memory per byte of file added beyond what the same command without
    ``--rollup`` costs (the whole-table roll-up cost about 65)."""
    bench = _bench()
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    added = bench.write_tree(large, 40_000) - bench.write_tree(small, 4_000)
    growth = []
    for extra in ((), ("--rollup",)):
        peaks = []
        for path in (small, large):
            _, peak, status = bench.measure(bench._assess(path, "json", *extra))
            assert status == 0
            peaks.append(peak)
        growth.append(peaks[1] - peaks[0])
    assert growth[1] - growth[0] <= added


def test_a_json_table_is_read_in_memory_that_grows_by_less_than_the_added_bytes(
    tmp_path: Path,
) -> None:
    """Law: a JSON input table ten times longer costs at most 1 byte of peak memory per byte of
    file added (parsing the whole document cost about 5)."""
    bench = _bench()
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small_size = bench.write_json_table(small, 4_000)
    large_size = bench.write_json_table(large, 40_000)
    assert json.loads(small.read_text(encoding="utf-8"))[3999]["id"].endswith("-55")
    _, small_peak, status = bench.measure(bench._assess(small, "csv"))
    assert status == 0
    _, large_peak, status = bench.measure(bench._assess(large, "csv"))
    assert status == 0
    assert large_peak - small_peak <= large_size - small_size


def test_varied_counts_keep_every_row_valid_and_most_distinct(tmp_path: Path) -> None:
    """Law: ``--vary`` keeps the example's columns and every row valid for the plan, while
    most rows get counts of their own (the plain repetition has only 72)."""
    bench = _bench()
    path = tmp_path / "v.csv"
    bench.write_table(path, 720, vary=True)
    table = vdc.read_table(bench.PLAN, path)
    assert table.columns == tuple(bench.example_rows()[0])
    assert all(row.ok for row in table.rows)
    counts = {tuple(row.snapshot.counts.values()) for row in table.rows if row.snapshot}
    assert len(counts) > 600
    result = vdc.assess_table(bench.PLAN, table)
    assert 0 < result.drug_free_count < 720
