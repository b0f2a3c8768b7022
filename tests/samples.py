"""One object of every result and plan type, from the bundled plans and the example table."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import vn_drugfree_criteria as vdc

PLAN = "lai-chau-city-2024"


def _phase_problem() -> vdc.PhaseProblem:
    d = datetime.date
    cal = vdc.Calendar(
        phases=(
            vdc.Phase(1, d(2022, 1, 1), d(2022, 6, 30), "giai đoạn 1", None),
            vdc.Phase(2, d(2022, 6, 1), d(2022, 12, 31), "giai đoạn 2", None),
        )
    )
    return cal.problems()[0]


def plan_objects() -> Iterator[object]:
    for plan_id in vdc.list_plans():
        plan = vdc.get_plan(plan_id)
        cal = plan.calendar
        yield plan
        yield plan.document
        yield plan.scope
        yield from plan.references
        yield from plan.criteria
        for c in plan.criteria:
            yield from c.requirements
            yield c.source
        yield from plan.targets
        yield cal
        yield from cal.phases
        yield from cal.deadlines
        yield from cal.recurring
        yield from cal.undated
        yield from cal.observances
        for year in cal.years():
            yield from cal.observances_in(year)
    yield _phase_problem()


def result_objects() -> Iterator[object]:
    table = vdc.example_table(PLAN)
    assessed = vdc.assess_table(PLAN, table, with_rollup=True)
    yield table
    yield from table.rows
    yield from (r.snapshot for r in table.rows if r.snapshot is not None)
    yield assessed
    yield from assessed.parents or ()
    area = next(a for a in assessed.results if a is not None and not a.drug_free)
    yield area
    yield from area.criteria.values()
    yield from (r for c in area.criteria.values() for r in c.requirements)
    snaps = [r.snapshot for r in table.rows if r.snapshot is not None]
    parents = {r.area_id: r.parent_id for r in table.rows if r.area_id and r.parent_id}
    rolled = vdc.rollup(PLAN, snaps, parents)
    yield rolled
    yield from rolled.parents.values()
    columns = {name: [s.counts[name] for s in snaps] for name in snaps[0].counts}
    batch = vdc.assess_many(PLAN, columns, backend="python")
    yield batch
    yield vdc.rollup_many(PLAN, columns, ["a"] * len(snaps), target="50%", backend="python")
    series = vdc.series_from_rows([{"period": "phase 1", "villages_drug_free": 17}])
    yield from vdc.evaluate_targets(PLAN, series)
    yield from vdc.audit("thanh-hoa-151-2022")
