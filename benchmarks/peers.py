"""The library beside the code users would write instead, in one process and one run.

The task: the eight Lai Châu city criteria for every village, then per commune the number of
villages, of drug-free villages, and whether at least 83% of them are drug-free. Synthetic,
seeded data: about 25 villages per commune, communes shuffled, about 20% of villages failing
one requirement. Every contender is run on the same columns, and all results are checked to
agree before anything is timed.

Contenders:

* ``library numpy``: ``rollup_many(plan, columns, parents, target="83%")`` on numpy arrays
  (assessment, validation, roll-up, target);
* ``library python``: the same with ``backend="python"`` on lists (at 10k and 100k only);
* ``numpy``: hand-written numpy, without and with the library's validation (every count
  non-negative, every part within its whole);
* ``loop``: a plain Python loop over one dict per village, without and with that validation
  (10k and 100k only);
* ``openfisca``: OpenFisca-core with the same rules as variables of a village and a commune
  entity (the optional ``bench`` extra; skipped, with a message, when it is missing).

Run from the repository root::

    python benchmarks/peers.py                       # 10k, 100k, 1M; int32 and int64
    python benchmarks/peers.py --sizes 10000 --repeat 1

Times are medians of at least ``--repeat`` runs (more for fast contenders, see
:func:`median_time`); ratios are against hand-written numpy with validation
(the strongest honest baseline for the numpy path) and, for the pure-Python path, against the
plain loop.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import vn_drugfree_criteria as vdc

PLAN = vdc.get_plan("lai-chau-city-2024")
NAMES = PLAN.indicators
WHOLES = {n: vdc.INDICATORS[n].whole for n in NAMES if vdc.INDICATORS[n].whole in NAMES}
PER_COMMUNE = 25
NONE_OF = (
    "hotspots",
    "complex_points",
    "retail_sellers",
    "use_venues",
    "offenders_resident_3m",
    "offender_groups",
    "offender_rings",
    "cultivation_sites",
)
ALL_OF = (
    ("addicts_with_dossier", "addicts"),
    ("addicts_present_with_treatment_dossier", "addicts_present"),
    ("post_rehab_with_dossier", "post_rehab"),
    ("substitution_over_12m_compliant", "substitution_over_12m"),
    ("users_present_with_dossier", "users_present"),
    ("households_committed", "households"),
    ("subunits_with_hotline_board", "subunits"),
)


def synthetic(n: int, dtype: Any, seed: int = 2024) -> tuple[dict[str, Any], Any]:
    """Columns of ``n`` villages and their (shuffled) commune numbers."""
    rng = np.random.default_rng(seed)
    c = {name: np.zeros(n, dtype) for name in NAMES}
    c["households"] = rng.integers(20, 400, n).astype(dtype)
    c["households_committed"] = c["households"].copy()
    c["subunits"] = np.ones(n, dtype)
    c["subunits_with_hotline_board"] = np.ones(n, dtype)
    c["effective_models"] = rng.integers(1, 4, n).astype(dtype)
    c["addicts"] = rng.integers(0, 6, n).astype(dtype)
    c["addicts_with_dossier"] = c["addicts"].copy()
    c["addicts_present"] = rng.integers(0, c["addicts"].astype(np.int64) + 1).astype(dtype)
    c["addicts_present_with_treatment_dossier"] = c["addicts_present"].copy()
    failing = np.flatnonzero(rng.random(n) < 0.2)
    how = rng.integers(0, 4, len(failing))
    c["hotspots"][failing[how == 0]] = 1
    c["households_committed"][failing[how == 1]] -= 1
    c["effective_models"][failing[how == 2]] = 0
    c["cultivation_sites"][failing[how == 3]] = 1
    communes = np.arange(n, dtype=np.int64) // PER_COMMUNE
    rng.shuffle(communes)
    return c, communes


def numpy_rules(c: dict[str, Any], communes: Any, *, validate: bool) -> tuple[Any, ...]:
    """Hand-written numpy: per commune the villages, the drug-free ones, and the 83% target.

    With validation it does what the library does with a row that fails it: the row is not
    counted as drug-free, and its commune's share (so its target verdict) is unknown.
    """
    free = np.ones(len(communes), bool)
    for name in NONE_OF:
        free &= c[name] == 0
    for part, whole in ALL_OF:
        free &= c[part] == c[whole]
    free &= c["effective_models"] >= 1
    children = np.bincount(communes)
    complete = np.ones(len(children), bool)
    if validate:
        valid = np.ones(len(communes), bool)
        for name in NAMES:
            valid &= c[name] >= 0
        for part, whole in WHOLES.items():
            valid &= c[part] <= c[whole]
        free &= valid
        if not valid.all():
            complete = np.bincount(communes, weights=~valid, minlength=len(children)) == 0
    drug_free = np.bincount(communes, weights=free, minlength=len(children)).astype(np.int64)
    return children, drug_free, (drug_free * 100 >= children * 83) & complete, complete


def loop_rules(
    rows: list[dict[str, int]], communes: list[int], *, validate: bool
) -> tuple[Any, ...]:
    """What one writes first: a loop over dicts (validating every row, failing or not)."""
    children: dict[int, int] = {}
    drug_free: dict[int, int] = {}
    rejected: dict[int, int] = {}
    for row, commune in zip(rows, communes, strict=True):
        ok = all(row[name] == 0 for name in NONE_OF)
        ok = ok and all(row[p] == row[w] for p, w in ALL_OF) and row["effective_models"] >= 1
        if validate:
            valid = all(row[n] >= 0 for n in NAMES)
            valid = valid and all(row[p] <= row[w] for p, w in WHOLES.items())
            if not valid:
                ok = False
                rejected[commune] = rejected.get(commune, 0) + 1
        children[commune] = children.get(commune, 0) + 1
        drug_free[commune] = drug_free.get(commune, 0) + ok
    keys = sorted(children)
    kids = [children[k] for k in keys]
    free = [drug_free[k] for k in keys]
    complete = [k not in rejected for k in keys]
    meets = [f * 100 >= k * 83 for k, f in zip(kids, free, strict=True)]
    return kids, free, [m and ok for m, ok in zip(meets, complete, strict=True)], complete


def library(c: dict[str, Any], communes: Any, backend: str) -> tuple[Any, ...]:
    """The library: assessment, validation, roll-up and the 83% target in one call."""
    up = vdc.rollup_many(PLAN, c, communes, target="83%", backend=backend, level="village")  # type: ignore[arg-type]
    assert up.meets_target is not None  # its mask: the target is met (False where unknown)
    return up.children, up.drug_free_children, up.meets_target.mask, up.complete


def openfisca_system() -> Any:
    """A tax-benefit system with the same rules: villages grouped into communes."""
    from openfisca_core import periods
    from openfisca_core.entities import build_entity
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    village = build_entity(key="village", plural="villages", label="village", is_person=True)
    commune = build_entity(
        key="commune",
        plural="communes",
        label="commune",
        roles=[{"key": "member", "plural": "members", "label": "member"}],
    )
    system = TaxBenefitSystem([village, commune])

    def count_variable(name: str) -> type:
        return type(
            name,
            (Variable,),
            {
                "value_type": int,
                "entity": village,
                "definition_period": periods.DateUnit.YEAR,
                "label": name,
            },
        )

    for name in NAMES:
        system.add_variable(count_variable(name))

    def valid_formula(person: Any, period: Any) -> Any:
        ok = True
        for name in NAMES:
            ok = ok * (person(name, period) >= 0)
        for part, whole in WHOLES.items():
            ok = ok * (person(part, period) <= person(whole, period))
        return ok

    def drug_free_formula(person: Any, period: Any) -> Any:
        ok = person("valid", period)
        for name in NONE_OF:
            ok = ok * (person(name, period) == 0)
        for part, whole in ALL_OF:
            ok = ok * (person(part, period) == person(whole, period))
        return ok * (person("effective_models", period) >= 1)

    for name, formula in (("valid", valid_formula), ("drug_free", drug_free_formula)):
        system.add_variable(
            type(
                name,
                (Variable,),
                {
                    "value_type": bool,
                    "entity": village,
                    "definition_period": periods.DateUnit.YEAR,
                    "label": name,
                    "formula": formula,
                },
            )
        )

    def villages_formula(group: Any, period: Any) -> Any:
        return group.nb_persons()

    def free_formula(group: Any, period: Any) -> Any:
        return group.sum(group.members("drug_free", period))

    def complete_formula(group: Any, period: Any) -> Any:
        return group.sum(group.members("valid", period)) == group.nb_persons()

    def meets_formula(group: Any, period: Any) -> Any:
        share = group("drug_free_villages", period) * 100 >= group("villages", period) * 83
        return share * group("complete", period)

    for name, value_type, formula in (
        ("villages", int, villages_formula),
        ("drug_free_villages", int, free_formula),
        ("complete", bool, complete_formula),
        ("meets_83", bool, meets_formula),
    ):
        system.add_variable(
            type(
                name,
                (Variable,),
                {
                    "value_type": value_type,
                    "entity": commune,
                    "definition_period": periods.DateUnit.YEAR,
                    "label": name,
                    "formula": formula,
                },
            )
        )
    return system


def openfisca_rules(system: Any, c: dict[str, Any], communes: Any) -> tuple[Any, ...]:
    """The same task in OpenFisca: a simulation over the villages and their communes."""
    from openfisca_core.simulations import SimulationBuilder

    builder = SimulationBuilder()
    n = len(communes)
    builder.create_entities(system)
    builder.declare_person_entity("village", np.arange(n))
    groups = builder.declare_entity("commune", np.unique(communes))
    builder.join_with_persons(groups, communes, np.array(["member"] * n))
    sim = builder.build(system)
    for name in NAMES:
        sim.set_input(name, "2024", c[name])
    return (
        sim.calculate("villages", "2024"),
        sim.calculate("drug_free_villages", "2024"),
        sim.calculate("meets_83", "2024"),
        sim.calculate("complete", "2024"),
    )


def median_time(fn: Callable[[], Any], repeat: int, budget: float = 0.25) -> float:
    """The median wall time of one call, in seconds.

    At least ``repeat`` calls are timed one by one, and more (up to 200) until they have taken
    ``budget`` seconds together, so that a fast contender's median is not one context switch
    on a shared machine; every contender is timed by this same rule.
    """
    times: list[float] = []
    while len(times) < repeat or (sum(times) < budget and len(times) < 200):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_extra_memory(fn: Callable[[], Any]) -> int:
    """The most bytes allocated at once during one call, beyond what was held before it.

    Counted by :mod:`tracemalloc`, which sees Python objects and numpy's array buffers (numpy
    reports them in its own tracemalloc domain); the result is held until the call returns, so
    it counts too. Run apart from the timings (tracing slows allocations down).
    """
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        peak = tracemalloc.get_traced_memory()[1] - before
        del result
    finally:
        tracemalloc.stop()
    return peak


def _same(a: tuple[Any, ...], b: tuple[Any, ...], who: str) -> None:
    for x, y in zip(a, b, strict=True):
        if [int(v) for v in x] != [int(v) for v in y]:
            raise AssertionError(f"{who} disagrees with hand-written numpy")


def contenders(c: dict[str, Any], communes: Any, n: int) -> dict[str, Callable[[], Any]]:
    """Every contender on the same data, agreement checked before it is returned."""
    runs: dict[str, Callable[[], Any]] = {
        "numpy, no validation": lambda: numpy_rules(c, communes, validate=False),
        "numpy + validation": lambda: numpy_rules(c, communes, validate=True),
        "library numpy": lambda: library(c, communes, "numpy"),
    }
    if n <= 100_000:
        rows = [
            dict(zip(NAMES, values, strict=True))
            for values in zip(*(c[k].tolist() for k in NAMES), strict=True)
        ]
        parents = communes.tolist()
        lists = {k: c[k].tolist() for k in NAMES}
        runs["loop, no validation"] = lambda: loop_rules(rows, parents, validate=False)
        runs["loop + validation"] = lambda: loop_rules(rows, parents, validate=True)
        runs["library python"] = lambda: library(lists, parents, "python")
    try:
        system = openfisca_system()
    except ImportError:
        print("  openfisca-core is not installed (pip install '.[bench]'): skipped")
    else:
        runs["openfisca-core"] = lambda: openfisca_rules(system, c, communes)
    reference = runs["numpy + validation"]()
    every_row_valid = all(reference[3])
    for who, run in runs.items():
        if every_row_valid or "no validation" not in who:  # without it, invalid rows count
            _same(run(), reference, who)
    return runs


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print one table per size and dtype."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--dtypes", nargs="+", default=["int32", "int64"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--d28-sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    for n in args.sizes:
        for dtype in args.dtypes:
            c, communes = synthetic(n, np.dtype(dtype))
            size = sum(c[name].nbytes for name in NAMES)
            runs = contenders(c, communes, n)
            times = {who: median_time(run, args.repeat) for who, run in runs.items()}
            peaks = {who: peak_extra_memory(run) for who, run in runs.items()}
            base = times["numpy + validation"]
            print(
                f"\n{n:,} villages, {dtype} ({len(np.unique(communes)):,} communes, "
                f"{size / 2**20:.1f} MiB of counts); all agree"
            )
            print(f"  {'':<22} {'time':>9}     {'vs numpy + validation':>21}  peak extra memory")
            for who, t in times.items():
                print(
                    f"  {who:<22} {t * 1000:9.1f} ms  {t / base:6.2f}x"
                    f"{'':14} {peaks[who] / 2**20:8.1f} MiB ({peaks[who] / size:.2f}x input)"
                )
            if "library python" in times:
                py = times["library python"]
                print(
                    f"  library python vs loop: {times['loop, no validation'] / py:.2f}x the loop "
                    f"without validation, {times['loop + validation'] / py:.2f}x the loop with it"
                )
    for n in args.d28_sizes:
        for dtype in args.dtypes:
            decision_28(n, np.dtype(dtype), args.repeat)
    return 0


def decision_28(n: int, dtype: Any, repeat: int) -> None:
    """The Decision 28 task (see ``peers_d28``): classes of communes counted per province."""
    spec = importlib.util.spec_from_file_location(
        "peers_d28", Path(__file__).with_name("peers_d28.py")
    )
    assert spec is not None
    assert spec.loader is not None
    peers_d28 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peers_d28)
    c, provinces = peers_d28.synthetic(n, dtype)
    size = sum(col.nbytes for col in c.values())
    runs = peers_d28.contenders(c, provinces, n)
    times = {who: median_time(run, repeat) for who, run in runs.items()}
    base = times["numpy + validation"]
    print(f"\nDecision 28: {n:,} communes, {dtype} ({size / 2**20:.1f} MiB); all agree")
    for who, t in times.items():
        peak = peak_extra_memory(runs[who])
        print(
            f"  {who:<22} {t * 1000:9.1f} ms  {t / base:6.2f}x{'':14} "
            f"{peak / 2**20:8.1f} MiB ({peak / size:.2f}x input)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
