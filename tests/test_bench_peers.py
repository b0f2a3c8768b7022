"""A small run of the peers benchmark, so that it cannot rot (no timing is asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

PEERS = Path(__file__).resolve().parent.parent / "benchmarks" / "peers.py"


def _peers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peers", PEERS)
    assert spec is not None
    assert spec.loader is not None
    peers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peers)
    return peers


def test_every_contender_agrees_on_a_small_run(capsys: pytest.CaptureFixture[str]) -> None:
    peers = _peers()
    assert peers.main(["--sizes", "1500", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("all agree") == 2  # int32 and int64
    for who in ("library numpy", "library python", "numpy + validation", "loop + validation"):
        assert out.count(who) >= 2, who
    # a peak memory per contender and size; OpenFisca-core only when its extra is installed
    contenders = 7 if importlib.util.find_spec("openfisca_core") else 6
    assert out.count("MiB (") >= 2 * contenders


def test_the_validating_baselines_do_the_librarys_work_on_invalid_rows() -> None:
    """A row failing validation (a negative count, a part above its whole, in a row that also
    fails a criterion) is not drug-free and leaves its commune's target unknown, in the
    hand-written baselines as in the library: they are checked to agree on such data too."""
    peers = _peers()
    c, communes = peers.synthetic(300, np.dtype("int32"), seed=7)
    c["hotspots"][[3, 40]] = [-1, 1]
    c["effective_models"][40] = 0
    c["households_committed"][40] = c["households"][40] + 1
    runs = peers.contenders(c, communes, 300)  # raises if any contender disagrees
    children, _, meets, complete = runs["numpy + validation"]()
    assert sum(1 for ok in complete if not ok) == len({int(communes[3]), int(communes[40])})
    assert not any(meets[~np.asarray(complete)])
    assert sum(children) == 300
    assert "numpy, no validation" in runs
    with pytest.raises(AssertionError, match="disagrees"):
        peers._same(runs["numpy, no validation"](), runs["numpy + validation"](), "no validation")
