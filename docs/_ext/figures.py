"""Figures for the documentation, drawn at build time from the bundled example (``plot`` extra).

The PNG files and an include snippet (``figures.inc``) go to ``docs/_generated/figures``, which
is git-ignored; Sphinx copies the images into the build.
"""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction
from importlib import resources
from pathlib import Path

import vn_drugfree_criteria as vdc

PLAN = "lai-chau-city-2024"


def example_counts() -> tuple[_dt.date, int, int] | None:
    """(date, drug-free villages, villages) of the bundled example, or None without it."""
    node = resources.files("vn_drugfree_criteria").joinpath("data", "examples", f"{PLAN}.csv")
    if not node.is_file():
        return None
    from vn_drugfree_criteria.io.tables import parse_table  # noqa: PLC0415

    table = parse_table(PLAN, node.read_bytes(), source=node.name)
    villages = [
        r.snapshot for r in table.areas if r.snapshot and r.snapshot.level is vdc.Level.VILLAGE
    ]
    free = sum(1 for s in villages if vdc.assess(PLAN, s).drug_free)
    return villages[0].as_of, free, len(villages)


def write_figures(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    plan = vdc.get_plan(PLAN)
    calendar = getattr(plan, "calendar", None)
    phases = tuple(getattr(calendar, "phases", ()))
    snippet: list[str] = []
    observed = example_counts()
    targets = []
    base, build = plan.target("p1-baseline"), plan.target("p2-build")
    if base.count and base.whole_stated and build.share and build.whole_stated and phases:
        # The plan's own phase-2 goal over all its villages: the baseline kept, plus the share
        # of those still to build (its share read exactly: 83% of 55 needs 46).
        built = vdc.required_count(build.whole_stated, build.share)
        goal = Fraction(base.count + built, base.whole_stated)
        end = next(p.end for p in phases if p.number == 2)
        label = f"phase-2 goal ({base.count} kept + {built} of {build.whole_stated} built)"
        targets.append((end, goal, label))
    if observed is not None:
        fig = vdc.plot_progress(
            [observed],
            targets=targets,
            phases=phases,
            title="Drug-free villages of the synthetic Lai Châu city example",
        )
        fig.savefig(target / "progress.png", dpi=96)
        plt.close(fig)
        snippet += [
            ".. figure:: /_generated/figures/progress.png",
            "   :alt: drug-free share of the example's villages, with the plan's phases",
            "",
            f"   ``plot_progress`` on the bundled example: {observed[1]} of {observed[2]} villages"
            f" drug-free on {observed[0].isoformat()}, against the plan's phase-2 goal derived"
            " from its own figures.",
            "",
        ]
    if calendar is not None and (phases or calendar.all_deadlines()):
        fig = vdc.plot_calendar(calendar, title=f"Calendar of {PLAN}")
        fig.savefig(target / "calendar.png", dpi=96)
        plt.close(fig)
        snippet += [
            ".. figure:: /_generated/figures/calendar.png",
            "   :alt: phases and deadlines of the plan on a timeline",
            "",
            f"   ``plot_calendar`` on ``{PLAN}``: phases, deadlines at their last valid day.",
            "",
        ]
    write_calendar_figures(target, plt)
    if not snippet:
        snippet = ["(No figure: the bundled example or the plan's calendar is not available.)", ""]
    (target / "figures.inc").write_text("\n".join(snippet), encoding="utf-8")


def write_calendar_figures(target: Path, plt: object) -> None:
    """One timeline per plan with anything dated, named as the plan pages expect."""
    from plan_pages import calendar_figure_name  # noqa: PLC0415 - lives beside this file

    for plan_id in vdc.list_plans():
        plan = vdc.get_plan(plan_id)
        name = calendar_figure_name(plan)
        if name is None:
            continue
        fig = vdc.plot_calendar(plan.calendar, title=f"Calendar of {plan_id}")
        fig.savefig(target / name, dpi=96)
        plt.close(fig)  # type: ignore[attr-defined]
