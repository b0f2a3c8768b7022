"""A small run of the peers benchmark, so that it cannot rot (no timing is asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

PEERS = Path(__file__).resolve().parent.parent / "benchmarks" / "peers.py"


def test_every_contender_agrees_on_a_small_run(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("peers", PEERS)
    assert spec is not None
    assert spec.loader is not None
    peers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peers)
    assert peers.main(["--sizes", "1500", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("all agree") == 2  # int32 and int64
    for who in ("library numpy", "library python", "numpy + validation", "loop + validation"):
        assert out.count(who) >= 2, who
