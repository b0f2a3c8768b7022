"""Charts for notebooks and reports (the optional ``plot`` extra, matplotlib).

Charts only draw: every share is computed exactly (:class:`~fractions.Fraction`) and every
"target reached?" is decided on exact values before anything is converted to a float for
plotting. matplotlib is imported when a chart is drawn; without it
:class:`~vn_drugfree_criteria.MissingExtraError` says which extra to install.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Protocol

from vn_drugfree_criteria.errors import InputError, MissingExtraError
from vn_drugfree_criteria.viz.layout import place_labels
from vn_drugfree_criteria.vocab.numbers import format_share, parse_share

__all__ = ["ProgressPoint", "TargetPoint", "plot_calendar", "plot_progress"]

# (date, drug-free count, total): an observation of the drug-free share.
ProgressPoint = tuple[_dt.date, int, int]
# (date by which, share as "83%" or a Fraction, label): a target to reach.
TargetPoint = tuple[_dt.date, Fraction | str, str]


class _Phase(Protocol):
    number: int
    start: _dt.date
    end: _dt.date


class _Deadline(Protocol):
    id: str
    due_before: _dt.date

    @property
    def last_day(self) -> _dt.date: ...


def _pyplot() -> Any:
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional extra, imported on use

        mpl.use("Agg", force=False)
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("matplotlib", "plot", "Drawing charts") from None
    return plt


def _date_axis(ax: Any, days: Sequence[_dt.date]) -> None:
    """Concise date ticks, and room on both sides so no mark sits on the frame."""
    import matplotlib.dates  # noqa: PLC0415 - optional extra, imported on use

    mdates: Any = matplotlib.dates  # untyped functions, called through Any

    first, last = min(days), max(days) + _dt.timedelta(days=1)
    pad = max((last - first) * 0.04, _dt.timedelta(days=2))
    ax.set_xlim(first - pad, last + pad)
    if last - first > _dt.timedelta(days=120):  # years and months: "2024  Jul  2025"
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
        formatter: Any = mdates.ConciseDateFormatter(locator)
    else:  # a few weeks: whole dates, as the labels write them
        locator = mdates.AutoDateLocator(minticks=3, maxticks=5)
        formatter = mdates.DateFormatter("%Y-%m-%d")
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def _legend(fig: Any, ax: Any) -> None:
    """The legend below the axes, outside the data, in as many columns as fit."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=8, frameon=False)


def _shade_phases(ax: Any, phases: Iterable[_Phase]) -> list[_dt.date]:
    days: list[_dt.date] = []
    for p in phases:
        end = p.end + _dt.timedelta(days=1)
        label = f"phase {p.number} (GĐ {p.number}): {p.start.isoformat()} to {p.end.isoformat()}"
        ax.axvspan(p.start, end, color=f"C{p.number % 10}", alpha=0.15, zorder=0, label=label)
        days += [p.start, p.end]
    return days


def _observations(observed: Any) -> list[tuple[_dt.date, Fraction, str]]:
    """The observations as exact shares, each checked; a clear error for anything else."""
    if isinstance(observed, str) or not isinstance(observed, Iterable):
        raise InputError(
            "plot_progress takes a list of observations (date, drug-free count, total), "
            f"not {observed!r}; a plan's phases go in phases=plan.calendar.phases"
        )
    shares: list[tuple[_dt.date, Fraction, str]] = []
    for i, item in enumerate(observed, start=1):
        ok = isinstance(item, tuple | list) and len(item) == 3
        day, free, total = item if ok else (None, None, None)
        if not (isinstance(day, _dt.date) and type(free) is int and type(total) is int):
            raise InputError(
                f"observation {i}: expected (date, drug-free count, total) with a date and two "
                f"whole numbers, got {item!r}"
            )
        if total <= 0 or not 0 <= free <= total:
            raise InputError(f"observation {day.isoformat()}: {free} of {total} is not a share")
        share = Fraction(free, total)
        shares.append((day, share, f"{free}/{total} ({format_share(share)})"))
    return sorted(shares)


# Long: a figure is drawn call by call; the docstring documents every argument.
def plot_progress(
    observed: Sequence[ProgressPoint],
    *,
    targets: Sequence[TargetPoint] = (),
    phases: Iterable[_Phase] = (),
    title: str | None = None,
    strict: bool = False,
) -> Any:
    """Draw the drug-free share over time against targets.

    Args:
        observed: ``(date, drug_free, total)`` observations, counts exact.
        targets: ``(date, share, label)``: the share to reach by that date.
        phases: Phases to shade (objects with ``number``, ``start``, ``end``).
        title: Chart title.
        strict: ``True`` when the targets read "trên" (strictly more than).

    Returns:
        The matplotlib ``Figure``; each observation is labelled with its exact count and share,
        and each target with whether the last observation on or before its date reaches it.
        Labels are placed where they overlap nothing and stay inside the axes; a legend below
        names the series and the phases.

    Raises:
        InputError: ``observed`` is not a list of ``(date, count, total)`` (a plan id, say), a
            count is negative, exceeds its total, or a total is 0.
        MissingExtraError: matplotlib is not installed.
    """
    shares = _observations(observed)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.6), layout="constrained")
    days = _shade_phases(ax, phases)
    labels = []
    if shares:
        xs, ys = [d for d, _, _ in shares], [float(s) for _, s, _ in shares]
        ax.plot(xs, ys, "o-", color="C0", label="observed drug-free share")
        for day, share, text in shares:
            labels.append(
                ax.annotate(text, (day, float(share)), textcoords="offset points", xytext=(6, 6))
            )
        days += xs
    sign = ">" if strict else "≥"
    for day, raw, label in targets:
        goal = parse_share(raw)
        before = [s for d, s, _ in shares if d <= day]
        reached = bool(before) and (before[-1] > goal if strict else before[-1] >= goal)
        mark = "reached" if reached else "not reached"
        ax.plot(
            [day],
            [float(goal)],
            marker="D",
            linestyle="none",
            color="C2" if reached else "C3",
            label=f"target, {mark}",
        )
        ax.hlines(
            float(goal), shares[0][0] if shares else day, day, linestyles="dashed", color="C3"
        )
        text = f"{label}: {sign} {format_share(goal)} ({mark})"
        labels.append(
            ax.annotate(text, (day, float(goal)), textcoords="offset points", xytext=(6, 6))
        )
        days.append(day)
    _date_axis(ax, days or [_dt.date.today()])
    ax.set_ylim(0, 1.18)  # room above 100% for its label, inside the frame
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _pos: f"{v:.0%}"))
    ax.set_ylabel("drug-free share")
    if title:
        ax.set_title(title)
    _dedupe_legend(ax)
    _legend(fig, ax)
    place_labels(fig, ax, labels)
    return fig


def _dedupe_legend(ax: Any) -> None:
    """One legend entry per label (two targets not reached share one entry)."""
    seen: set[str] = set()
    for artist in [*ax.lines, *ax.patches, *ax.containers]:
        label = artist.get_label()
        if label in seen:
            artist.set_label("_" + label)
        seen.add(label)


def _calendar_years(
    phases: Sequence[_Phase], deadlines: Sequence[_Deadline], calendar: Any
) -> range:
    days = [p.start for p in phases] + [p.end for p in phases] + [d.last_day for d in deadlines]
    if days:
        return range(min(days).year, max(days).year + 1)
    firsts = [o.first_year for o in getattr(calendar, "observances", ())]
    return range(min(firsts), min(firsts) + 1) if firsts else range(0)


# Long: a figure is drawn call by call; the docstring documents every argument.
def plot_calendar(
    calendar: Any,
    *,
    title: str | None = None,
    years: Iterable[int] | None = None,
) -> Any:
    """Draw a plan's calendar as a timeline: phases, deadlines (last valid day) and observances.

    One row for the phases, one per observance and one per deadline, each named on the left;
    a deadline's mark stands at its last valid day (the day before "trước ngày D"). A legend
    below gives each phase's dates.

    Args:
        calendar: A plan's calendar (``plan.calendar``), or any object with ``phases`` and
            ``all_deadlines()`` (and optionally ``observances`` and ``observances_in(year)``).
        title: Chart title.
        years: Years whose observances to show (default: the years the phases and deadlines
            span, or, for a calendar of observances only, their first year).

    Returns:
        The matplotlib ``Figure``.

    Raises:
        InputError: The calendar has no phases, no deadlines and no observances in ``years``.
        MissingExtraError: matplotlib is not installed.
    """
    phases: tuple[_Phase, ...] = tuple(getattr(calendar, "phases", ()))
    deadlines: tuple[_Deadline, ...] = tuple(calendar.all_deadlines())
    if years is None:
        years = _calendar_years(phases, deadlines, calendar)
    observances_in = getattr(calendar, "observances_in", None)
    occurrences = [o for y in years for o in observances_in(y)] if observances_in else []
    if not phases and not deadlines and not occurrences:
        raise InputError("the calendar has no phases, no deadlines and no observances to draw")
    plt = _pyplot()
    rows = (1 if phases else 0) + len(occurrences) + len(deadlines)
    legend_rows = (len(phases) + 1) // 2 + 1
    size = (10, 1.3 + 0.3 * rows + 0.22 * legend_rows + (0.3 if title else 0))
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    names: list[str] = []
    days: list[_dt.date] = []
    for p in phases:
        width = (p.end - p.start).days + 1
        label = f"phase {p.number} (GĐ {p.number}): {p.start.isoformat()} to {p.end.isoformat()}"
        ax.barh(
            0, width, left=p.start, height=0.6, color=f"C{p.number % 10}", alpha=0.6, label=label
        )
        days += [p.start, p.end]
    if phases:
        names.append("phases")
    for o in occurrences:
        ax.barh(
            len(names),
            (o.end - o.start).days + 1,
            left=o.start,
            height=0.6,
            color="C1",
            alpha=0.5,
            label="observance",
        )
        names.append(f"{o.title_en}")
        days += [o.start, o.end]
    for d in deadlines:
        ax.plot([d.last_day], [len(names)], "v", color="C3", label="last valid day of a deadline")
        names.append(
            f"{d.id}: last day {d.last_day.isoformat()} (before {d.due_before.isoformat()})"
        )
        days.append(d.last_day)
    _date_axis(ax, days)
    lo = ax.get_xlim()[0]
    for row, d in enumerate(deadlines, start=len(names) - len(deadlines)):
        ax.hlines(row, lo, d.last_day, color="0.85", linewidth=0.8, zorder=0)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title)
    _phase_numbers(fig, ax, phases)
    _dedupe_legend(ax)
    _legend(fig, ax)
    return fig


def _phase_numbers(fig: Any, ax: Any, phases: Sequence[_Phase]) -> None:
    """Write "GĐ n" inside each phase's bar where it fits (the legend names every phase)."""
    import matplotlib.dates  # noqa: PLC0415 - optional extra, imported on use

    mdates: Any = matplotlib.dates  # untyped functions, called through Any

    texts = [
        ax.text(
            p.start + (p.end - p.start) / 2,
            0,
            f"GĐ {p.number}",
            ha="center",
            va="center",
            fontsize=8,
        )
        for p in phases
    ]
    if not texts:
        return
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for p, text in zip(phases, texts, strict=True):
        left, right = (
            ax.transData.transform((mdates.date2num(d), 0))[0]
            for d in (p.start, p.end + _dt.timedelta(days=1))
        )
        box = text.get_window_extent(renderer)
        if box.width > right - left - 4:
            text.remove()
