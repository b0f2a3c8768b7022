"""Charts are readable: no label overlaps another or leaves its axes or the figure.

Measured with matplotlib's own text extents (``Text.get_window_extent``) on the Agg renderer,
for the calendar of every bundled plan that has anything dated and for progress charts whose
labels crowd each other (a 100% observation, a target on the same day as an observation).
"""

from __future__ import annotations

import datetime as _dt

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.viz.layout import label_problems

mpl.use("Agg")
PLAN = "lai-chau-city-2024"


def drawable(plan_id: str) -> bool:
    cal = vdc.get_plan(plan_id).calendar
    return bool(cal.phases or cal.all_deadlines() or cal.observances)


@pytest.mark.parametrize("plan_id", [p for p in vdc.list_plans() if drawable(p)])
@pytest.mark.parametrize("title", [None, "Calendar"])
def test_calendar_labels_never_overlap_or_leave_the_figure(plan_id: str, title: str | None) -> None:
    fig = vdc.plot_calendar(vdc.get_plan(plan_id).calendar, title=title)
    try:
        assert label_problems(fig) == []
        assert fig.legends, "a legend names what the marks and bars are"
    finally:
        plt.close(fig)


def test_every_plan_with_a_dated_item_is_drawn_and_the_others_refused() -> None:
    drawn = [p for p in vdc.list_plans() if drawable(p)]
    assert {"lai-chau-city-2024", "action-month-321-2022"} <= set(drawn)
    for plan_id in set(vdc.list_plans()) - set(drawn):
        with pytest.raises(vdc.InputError, match=r"nothing|no phases"):
            vdc.plot_calendar(vdc.get_plan(plan_id).calendar)


def progress_cases() -> dict[str, dict[str, object]]:
    phases = vdc.get_plan(PLAN).calendar.phases
    day = _dt.date(2024, 3, 31)
    end = _dt.date(2025, 3, 14)
    return {
        "reaches 100%": {
            "observed": [(day, 17, 72), (_dt.date(2024, 12, 31), 40, 72), (end, 72, 72)],
            "targets": [(end, "87.5%", "phase-2 goal"), (day, "23%", "baseline")],
            "phases": phases,
            "title": "Drug-free villages",
        },
        "target on an observation": {
            "observed": [(end, 46, 55)],
            "targets": [(end, "83%", "p2")],
        },
        "crowded": {
            "observed": [(day + _dt.timedelta(days=i), 50 + i, 72) for i in range(4)],
            "targets": [(day + _dt.timedelta(days=3), "75%", "goal")],
            "title": "Four observations in four days",
        },
    }


@pytest.mark.parametrize("case", list(progress_cases()))
def test_progress_labels_never_overlap_or_leave_the_axes(case: str) -> None:
    kwargs = progress_cases()[case]
    observed = kwargs.pop("observed")
    fig = vdc.plot_progress(observed, **kwargs)  # type: ignore[arg-type]
    try:
        assert label_problems(fig) == []
        assert fig.legends
        labels = [t.get_text() for t in fig.axes[0].texts]
        assert len(labels) == len(observed) + len(kwargs.get("targets", ()))  # type: ignore[arg-type]
    finally:
        plt.close(fig)


def test_the_100_percent_label_sits_inside_the_frame() -> None:
    fig = vdc.plot_progress([(_dt.date(2024, 6, 30), 72, 72)])
    try:
        ax = fig.axes[0]
        (label,) = ax.texts
        assert label.get_text() == "72/72 (100%)"
        renderer = fig.canvas.get_renderer()
        box, frame = label.get_window_extent(renderer), ax.get_window_extent(renderer)
        assert frame.y0 < box.y0 < box.y1 < frame.y1
    finally:
        plt.close(fig)


def test_label_problems_finds_overlaps_and_labels_outside() -> None:
    """The checker itself fails on what it must catch."""
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "first label")
    ax.text(0.5, 0.5, "second label")
    ax.text(1.2, 0.5, "outside")
    try:
        problems = label_problems(fig)
        assert "label 'first label' overlaps label 'second label'" in problems
        assert "label 'outside' leaves the axes" in problems
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    ("observed", "match"),
    [
        ("lai-chau-city-2024", r"not 'lai-chau-city-2024'; a plan's phases go in phases="),
        ([(_dt.date(2024, 1, 1), 17)], r"observation 1: expected \(date, drug-free count, total\)"),
        ([("2024-01-01", 17, 72)], r"observation 1: .* got \('2024-01-01', 17, 72\)"),
        ([(_dt.date(2024, 1, 1), 17.0, 72)], r"observation 1: .* two whole numbers"),
        (None, r"takes a list of observations"),
    ],
)
def test_wrong_arguments_are_a_library_error(observed: object, match: str) -> None:
    with pytest.raises(vdc.InputError, match=match):
        vdc.plot_progress(observed)  # type: ignore[arg-type]
