"""National-scale benchmark: assess and roll up 10k, 100k and 1M synthetic villages.

Run from the repository root (numpy needed)::

    PYTHONPATH=src python benchmarks/bench_national.py            # 10k, 100k, 1M
    PYTHONPATH=src python benchmarks/bench_national.py --sizes 10000

The data are synthetic and seeded: villages grouped about 25 per commune, about 20% failing one
requirement of the eight Lai Châu city criteria. Measured in one run, median of several:

* ``assess`` in a loop (Snapshots built beforehand; on a subsample for large sizes, extrapolated);
* a naive loop over dicts (validation plus ``Requirement.holds``; subsampled likewise);
* ``assess_many`` on the pure-Python backend (lists of ints) and on the numpy backend (int64
  arrays), each alone and with ``rollup_many`` to communes;
* a hand-written numpy implementation of the same eight criteria, validation (negatives, parts
  within wholes) and commune roll-up: the lower bound;
* peak memory of the numpy path (tracemalloc, separate run) against the size of the input;
* ``import vn_drugfree_criteria`` time over importing attrs and dateutil (subprocess).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

import vn_drugfree_criteria as vdc

PLAN = vdc.get_plan("lai-chau-city-2024")
NAMES = PLAN.indicators
WHOLES = {n: vdc.INDICATORS[n].whole for n in NAMES if vdc.INDICATORS[n].whole in NAMES}
ON = datetime.date(2024, 6, 30)
PER_COMMUNE = 25
SUBSAMPLE = 20_000
TARGET = "50%"


def synthetic(n: int, seed: int = 2024) -> tuple[dict[str, Any], Any]:
    """Columns of ``n`` villages (int64 arrays) and their commune codes."""
    rng = np.random.default_rng(seed)
    c = {name: np.zeros(n, np.int64) for name in NAMES}
    c["households"] = rng.integers(20, 400, n)
    c["households_committed"] = c["households"].copy()
    c["subunits"] = np.ones(n, np.int64)
    c["subunits_with_hotline_board"] = np.ones(n, np.int64)
    c["effective_models"] = rng.integers(1, 4, n)
    c["addicts"] = rng.integers(0, 6, n)
    c["addicts_with_dossier"] = c["addicts"].copy()
    c["addicts_present"] = rng.integers(0, c["addicts"] + 1)
    c["addicts_present_with_treatment_dossier"] = c["addicts_present"].copy()
    c["post_rehab"] = rng.integers(0, 4, n)
    c["post_rehab_with_dossier"] = c["post_rehab"].copy()
    c["users_present"] = rng.integers(0, 3, n)
    c["users_present_with_dossier"] = c["users_present"].copy()
    c["substitution_over_12m"] = rng.integers(0, 3, n)
    c["substitution_over_12m_compliant"] = c["substitution_over_12m"].copy()
    failing = np.flatnonzero(rng.random(n) < 0.2)
    how = rng.integers(0, 5, len(failing))
    c["hotspots"][failing[how == 0]] = 1
    c["households_committed"][failing[how == 1]] -= 1
    c["effective_models"][failing[how == 2]] = 0
    c["offender_groups"][failing[how == 3]] = 1
    c["cultivation_sites"][failing[how == 4]] = 1
    return c, np.arange(n, dtype=np.int64) // PER_COMMUNE


def handwritten(c: dict[str, Any], commune: Any) -> tuple[Any, ...]:
    """The eight Lai Châu criteria, validation and the commune roll-up, written out in numpy."""
    bad = np.zeros(len(commune), bool)
    for name in NAMES:
        bad |= c[name] < 0
    for part, whole in WHOLES.items():
        bad |= c[part] > c[whole]
    none = ("hotspots", "complex_points", "retail_sellers", "use_venues")
    crime = ("offenders_resident_3m", "offender_groups", "offender_rings")
    c1 = np.logical_and.reduce([c[x] == 0 for x in none])
    c2 = np.logical_and.reduce([c[x] == 0 for x in crime])
    c3 = (
        (c["addicts_with_dossier"] == c["addicts"])
        & (c["addicts_present_with_treatment_dossier"] == c["addicts_present"])
        & (c["post_rehab_with_dossier"] == c["post_rehab"])
    )
    c4 = c["substitution_over_12m_compliant"] == c["substitution_over_12m"]
    c5 = c["users_present_with_dossier"] == c["users_present"]
    c6 = (c["households_committed"] == c["households"]) & (
        c["subunits_with_hotline_board"] == c["subunits"]
    )
    c7 = c["effective_models"] >= 1
    c8 = c["cultivation_sites"] == 0
    free = c1 & c2 & c3 & c4 & c5 & c6 & c7 & c8 & ~bad
    children = np.bincount(commune)
    free_children = np.bincount(commune[free], minlength=len(children))
    starts = np.concatenate(([0], np.cumsum(children)[:-1]))
    sums = {name: np.add.reduceat(c[name], starts) for name in NAMES}
    meets = free_children * 2 >= children
    return free, (c1, c2, c3, c4, c5, c6, c7, c8), children, free_children, sums, meets


def naive(rows: list[dict[str, int]]) -> list[bool | None]:
    """What one writes first: a loop over dicts, validating and asking each requirement."""
    out: list[bool | None] = []
    for row in rows:
        ok = all(isinstance(row[k], int) and row[k] >= 0 for k in NAMES) and all(
            row[p] <= row[w] for p, w in WHOLES.items()
        )
        if not ok:
            out.append(None)
            continue
        verdicts = {c.id: all(r.holds(row) for r in c.requirements) for c in PLAN.criteria}
        out.append(all(verdicts.values()))
    return out


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    """The median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_mib(fn: Callable[[], Any]) -> float:
    """Peak memory allocated while ``fn`` runs (tracemalloc; numpy reports to it), in MiB."""
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def import_times(repeat: int = 15) -> tuple[float, float, float]:
    """Median ms: attrs + dateutil; the package on top of them; the package plus a first assess."""
    base = "import time; t = time.perf_counter(); import attrs, dateutil.relativedelta; "
    pkg = "import attrs, dateutil.relativedelta, time; t = time.perf_counter(); import vn_drugfree_criteria; "
    first = (
        "import attrs, dateutil.relativedelta, time; t = time.perf_counter(); "
        "import vn_drugfree_criteria as v; v.get_plan('lai-chau-city-2024'); "
    )
    out = []
    for code in (base, pkg, first):
        runs = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code + "print(time.perf_counter() - t)"],
                    capture_output=True,
                    text=True,
                    check=True,
                    env=os.environ,
                ).stdout
            )
            for _ in range(repeat)
        ]
        out.append(statistics.median(runs) * 1000)
    return out[0], out[1], out[2]


def run_size(n: int, repeat: int) -> dict[str, float]:
    cols, commune = synthetic(n)
    lists = {k: v.tolist() for k, v in cols.items()}
    parents_list = commune.tolist()
    sub = min(n, SUBSAMPLE)
    sub_rows = [{k: lists[k][i] for k in NAMES} for i in range(sub)]
    snaps = [vdc.Snapshot(r, as_of=ON, level="village") for r in sub_rows]
    scale = n / sub
    r: dict[str, float] = {}
    r["assess loop"] = median_time(lambda: [vdc.assess(PLAN, s) for s in snaps], 3) * scale
    r["assess + Snapshot loop"] = (
        median_time(
            lambda: [
                vdc.assess(PLAN, vdc.Snapshot(x, as_of=ON, level="village")) for x in sub_rows
            ],
            3,
        )
        * scale
    )
    r["assess + explain failing loop"] = (
        median_time(
            lambda: [
                (a.drug_free or a.explain("vi")) for a in (vdc.assess(PLAN, s) for s in snaps)
            ],
            3,
        )
        * scale
    )
    r["assess + every sentence loop"] = (
        median_time(
            lambda: [
                [
                    q.explanation_vi
                    for c in vdc.assess(PLAN, s).criteria.values()
                    for q in c.requirements
                ]
                for s in snaps
            ],
            3,
        )
        * scale
    )
    r["naive dict loop"] = median_time(lambda: naive(sub_rows), 3) * scale
    r["assess_many python"] = median_time(
        lambda: vdc.assess_many(PLAN, lists, backend="python"), repeat
    )
    r["assess_many+rollup python"] = median_time(
        lambda: vdc.rollup_many(
            vdc.assess_many(PLAN, lists, backend="python"), None, parents_list, target=TARGET
        ),
        repeat,
    )
    r["assess_many numpy"] = median_time(
        lambda: vdc.assess_many(PLAN, cols, backend="numpy"), repeat
    )

    def fast() -> Any:
        res = vdc.assess_many(PLAN, cols, backend="numpy")
        return vdc.rollup_many(res, None, commune, target=TARGET)

    r["assess_many+rollup numpy"] = median_time(fast, repeat)
    r["hand-written numpy"] = median_time(lambda: handwritten(cols, commune), repeat)
    input_mib = sum(v.nbytes for v in cols.values()) / 2**20
    r["input MiB"] = input_mib
    r["numpy path peak MiB"] = peak_mib(fast)
    r["hand-written peak MiB"] = peak_mib(lambda: handwritten(cols, commune))
    # correctness of the comparison: the two numpy results agree
    res = fast()
    hand = handwritten(cols, commune)
    assert np.array_equal(np.asarray(res.drug_free_children), hand[3])
    assert np.array_equal(np.asarray(res.counts["households"]), hand[4]["households"])
    r["subsample"] = sub
    return r


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"numpy {np.__version__}; {platform.system()} {platform.machine()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    base, pkg, first = import_times()
    print(
        f"import attrs+dateutil: {base:.1f} ms; import vn_drugfree_criteria on top: {pkg:.1f} ms; "
        f"import + first plan load: {first:.1f} ms"
    )
    for n in args.sizes:
        repeat = args.repeat if n < 1_000_000 else 3
        r = run_size(n, repeat)
        print(
            f"\n== {n:,} villages ({n // PER_COMMUNE:,} communes; loops on {r['subsample']:,.0f} rows, extrapolated)"
        )
        for key, value in r.items():
            if key.endswith("MiB"):
                print(f"  {key:28s} {value:10.1f} MiB")
            elif key != "subsample":
                print(f"  {key:28s} {value * 1000:10.1f} ms  ({n / value:12,.0f} areas/s)")
        print("  ratios:")
        print(
            f"    numpy path / hand-written numpy:   {r['assess_many+rollup numpy'] / r['hand-written numpy']:.2f}x (goal <= 1.5)"
        )
        print(
            f"    naive dict loop / pure Python:     {r['naive dict loop'] / r['assess_many python']:.2f}x (goal >= 2)"
        )
        print(
            f"    assess loop / numpy path:          {r['assess loop'] / r['assess_many numpy']:.0f}x"
        )
        print(
            f"    numpy path peak / input columns:   {r['numpy path peak MiB'] / r['input MiB']:.2f}x (goal <= 2)"
        )


if __name__ == "__main__":
    main()
