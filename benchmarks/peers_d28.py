"""Decision 28/2025/QĐ-TTg beside hand-written numpy: communes classed, counted per province.

The task: for every commune, the drug-free criteria (C1-C3) and the key-complex class (I, II,
III or none: "k of n" criteria per class, ratios of residents in ranges, plants "or" area, a
milder class's tally with a key route); then per province the communes, the drug-free ones
and the communes in each class. Synthetic, seeded data (about 34 provinces, most communes in
no class). Run by ``benchmarks/peers.py`` (``--d28-sizes``); agreement is checked before timing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import numpy as np

import vn_drugfree_criteria as vdc

PLAN = vdc.get_plan("national-28-qd-ttg-2025")
DAY = datetime.date(2026, 3, 1)
NAMES = tuple(n for n in PLAN.indicators if not n.startswith("communes"))
PARTS = (
    "residents_in_substitution_treatment",
    "residents_in_home_community_rehab",
    "residents_under_post_rehab_management",
)
ROUTES = ("on_intraprovincial_key_route", "on_interprovincial_key_route")


def synthetic(n: int, dtype: Any, seed: int = 28) -> tuple[dict[str, Any], Any]:
    """Columns of ``n`` communes and their province numbers (0-33)."""
    rng = np.random.default_rng(seed)
    residents = rng.integers(2_000, 30_000, n)
    per_100k = rng.choice([0, 0, 20, 60, 150, 300, 700], n)
    c = {name: np.zeros(n, np.int64) for name in NAMES}
    c["residents"] = residents
    c["registered_users"] = residents * per_100k // 100_000
    c["drug_offenders_arrested"] = residents * rng.choice([0, 0, 0, 30, 70, 150], n) // 100_000
    c["use_harbouring_venues"] = rng.choice([0, 0, 0, 0, 1, 2], n)
    c["plants_destroyed"] = rng.choice([0, 0, 0, 0, 0, 200, 1_000, 4_000], n)
    c["cultivated_area_m2"] = rng.choice([0, 0, 0, 0, 0, 0, 100, 500, 900], n)
    for route in ROUTES:
        c[route] = (rng.random(n) < 0.1).astype(np.int64)
    addicted = c["registered_users"] // 2
    c["residents_addicted_or_using"] = addicted
    c["residents_in_substitution_treatment"] = addicted // 3
    c["residents_in_home_community_rehab"] = addicted - addicted // 3 - (rng.random(n) < 0.1)
    c["residents_in_home_community_rehab"] = np.maximum(c["residents_in_home_community_rehab"], 0)
    c["residents_drug_law_violators"] = (rng.random(n) < 0.05).astype(np.int64)
    return {k: v.astype(dtype) for k, v in c.items()}, rng.integers(0, 34, n)


def _inside(x: Any, lo: Any = None, hi: Any = None, *, lo_open: bool = False) -> Any:
    """``lo <= x < hi`` (``lo < x`` when ``lo_open``), either end optional, in int64."""
    out = np.ones(len(x), bool)
    if lo is not None:
        out &= x > lo if lo_open else x >= lo
    if hi is not None:
        out &= x < hi
    return out


def numpy_rules(c: dict[str, Any], provinces: Any) -> tuple[Any, ...]:
    """Hand-written numpy with the library's validation, the Decision's articles written out."""
    v = {k: c[k].astype(np.int64, copy=False) for k in NAMES}
    valid = np.ones(len(provinces), bool)
    for name in NAMES:
        valid &= v[name] >= 0
    for part in PARTS:
        valid &= v[part] <= v["residents_addicted_or_using"]
    for route in ROUTES:
        valid &= v[route] <= 1
    r, users, arrested = v["residents"], v["registered_users"], v["drug_offenders_arrested"]
    venues, plants, area = (
        v["use_harbouring_venues"],
        v["plants_destroyed"],
        v["cultivated_area_m2"],
    )
    on_route = (v[ROUTES[0]] == 1) | (v[ROUTES[1]] == 1)
    lived = r > 0
    three = (
        lived & (users > 0) & (users * 1000 < r),
        lived & (arrested > 0) & (arrested * 2000 < r),
        _inside(plants, 0, 500, lo_open=True) | _inside(area, 0, 125, lo_open=True),
    )
    met3 = sum(x.astype(np.int8) for x in three)
    two = (
        lived & (users * 1000 >= r) & (users * 200 < r),
        venues == 1,
        lived & (arrested * 2000 >= r) & (arrested * 1000 < r),
        _inside(plants, 500, 3000) | _inside(area, 125, 750),
        (met3 >= 2) & on_route,
    )
    met2 = sum(x.astype(np.int8) for x in two)
    one = (
        lived & (users * 200 >= r),
        venues >= 2,
        lived & (arrested * 1000 >= r),
        (plants >= 3000) | (area >= 750),
        (met2 >= 2) & on_route,
    )
    label = np.select(
        [sum(x.astype(np.int8) for x in one) >= 3, met2 >= 3, met3 >= 1], [0, 1, 2], 3
    )
    free = v["residents_addicted_or_using"] <= v[PARTS[0]] + v[PARTS[1]] + v[PARTS[2]]
    free &= (v["residents_drug_law_violators"] == 0) & (v["wanted_drug_fugitives"] == 0)
    free &= (venues == 0) & valid
    k = int(provinces.max()) + 1
    label[~valid] = 3
    classes = np.bincount(provinces * 4 + label, minlength=4 * k).reshape(k, 4)
    rejected = np.bincount(provinces, weights=~valid, minlength=k)
    return (
        np.bincount(provinces, minlength=k),
        np.bincount(provinces, weights=free, minlength=k).astype(np.int64),
        rejected == 0,
        *classes[:, :3].T,
    )


def library(c: dict[str, Any], provinces: Any, backend: str) -> tuple[Any, ...]:
    """``rollup_many`` of the communes into their provinces, with the classes counted."""
    up = vdc.rollup_many(PLAN, c, provinces, backend=backend, level="commune", as_of=DAY)  # type: ignore[arg-type]
    return (
        up.children,
        up.drug_free_children,
        up.complete,
        *(up.classes[cid] for cid in ("I", "II", "III")),
    )


def contenders(c: dict[str, Any], provinces: Any, n: int) -> dict[str, Callable[[], Any]]:
    """Every contender on the same data, agreement checked (and a sample against ``assess``)."""
    runs: dict[str, Callable[[], Any]] = {
        "numpy + validation": lambda: numpy_rules(c, provinces),
        "library numpy": lambda: library(c, provinces, "numpy"),
    }
    if n <= 100_000:
        lists, parents = {k: c[k].tolist() for k in NAMES}, provinces.tolist()
        runs["library python"] = lambda: library(lists, parents, "python")
    reference = runs["numpy + validation"]()
    for who, run in runs.items():
        for x, y in zip(run(), reference, strict=True):
            if [int(a) for a in x] != [int(b) for b in y]:
                raise AssertionError(f"Decision 28: {who} disagrees with hand-written numpy")
    batch = vdc.assess_many(PLAN, {k: c[k][:200] for k in NAMES}, level="commune", as_of=DAY)
    for i in range(min(n, 200)):
        row = vdc.Snapshot({k: int(c[k][i]) for k in NAMES}, as_of=DAY, level="commune")
        if vdc.assess(PLAN, row).key_complex_class != batch.key_complex_class[i]:
            raise AssertionError(f"Decision 28: row {i + 1} is classed unlike assess")
    if sum(int(x) for x in reference[3]) == 0 or sum(int(x) for x in reference[5]) == 0:
        raise AssertionError("Decision 28: the synthetic data put no commune in class I or III")
    return runs
