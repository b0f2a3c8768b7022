"""Roll-up benchmark: ``rollup_many`` at 100k and 1M villages, on int32 and int64 columns.

Run from the repository root (numpy needed)::

    PYTHONPATH=src python benchmarks/bench_rollup.py                 # 100k and 1M
    PYTHONPATH=src python benchmarks/bench_rollup.py --sizes 100000

The data are those of ``bench_national.py`` (seeded, about 25 villages per commune, about 20%
failing one requirement), with the communes shuffled, as a real register lists them. Measured:

* ``rollup_many(plan, columns, communes, target="83%")``: assessment, grouping and target;
* ``rollup_many(result, None, communes, target="83%")``: the grouping and target alone, on a
  result assessed beforehand;
* the roll-up alone with every indicator's sums read (they are computed when first read);
* ``assess_many`` alone, for scale;
* the same on the pure-Python backend (lists of ints), at sizes up to 100k.

Medians of several runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_national import PLAN, median_time, synthetic

import vn_drugfree_criteria as vdc

TARGET = "83%"


def _data(n: int, dtype: Any) -> tuple[dict[str, Any], Any]:
    cols, commune = synthetic(n)
    rng = np.random.default_rng(7)
    commune = rng.permutation(commune.max() + 1)[commune]
    return {k: v.astype(dtype) for k, v in cols.items()}, commune.astype(dtype)


def _read_all(r: Any) -> None:
    for name in r.counts:
        r.counts[name]


def _numpy(n: int, dtype: Any, repeat: int) -> list[tuple[str, float]]:
    cols, parents = _data(n, dtype)
    name = np.dtype(dtype).name
    result = vdc.assess_many(PLAN, cols, backend="numpy")
    return [
        (
            f"numpy {name}: assess_many alone",
            median_time(lambda: vdc.assess_many(PLAN, cols, backend="numpy"), repeat),
        ),
        (
            f"numpy {name}: assess + roll-up",
            median_time(lambda: vdc.rollup_many(PLAN, cols, parents, target=TARGET), repeat),
        ),
        (
            f"numpy {name}: roll-up only",
            median_time(lambda: vdc.rollup_many(result, None, parents, target=TARGET), repeat),
        ),
        (
            f"numpy {name}: roll-up, every sum read",
            median_time(lambda: _read_all(vdc.rollup_many(result, None, parents)), repeat),
        ),
    ]


def _python(n: int) -> list[tuple[str, float]]:
    cols, parents = _data(n, np.int64)
    lists = {k: v.tolist() for k, v in cols.items()}
    keys = parents.tolist()
    result = vdc.assess_many(PLAN, lists, backend="python")
    return [
        (
            "python lists: assess + roll-up",
            median_time(
                lambda: vdc.rollup_many(PLAN, lists, keys, target=TARGET, backend="python"), 3
            ),
        ),
        (
            "python lists: roll-up only",
            median_time(lambda: vdc.rollup_many(result, None, keys, target=TARGET), 3),
        ),
        (
            "python lists: roll-up, every sum read",
            median_time(lambda: _read_all(vdc.rollup_many(result, None, keys)), 3),
        ),
    ]


def run(n: int, repeat: int) -> list[tuple[str, float]]:
    """The timings of one size, in ms."""
    out = _numpy(n, np.int32, repeat) + _numpy(n, np.int64, repeat)
    if n <= 100_000:
        out += _python(n)
    return [(label, seconds * 1000) for label, seconds in out]


def main() -> None:
    """Print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.sizes:
        for label, ms in run(n, args.repeat):
            print(f"{n:>9,} {label:<34} {ms:9.1f} ms")


if __name__ == "__main__":
    main()
