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


def _shade_phases(ax: Any, phases: Iterable[_Phase]) -> None:
    for i, p in enumerate(phases):
        end = p.end + _dt.timedelta(days=1)
        ax.axvspan(p.start, end, color="0.93" if i % 2 else "0.86", zorder=0)
        ax.text(p.start, 1.02, f"GĐ {p.number}", transform=ax.get_xaxis_transform(), fontsize=8)


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

    Raises:
        InputError: A count is negative, exceeds its total, or a total is 0.
        MissingExtraError: matplotlib is not installed.
    """
    shares: list[tuple[_dt.date, Fraction, str]] = []
    for day, free, total in sorted(observed):
        if total <= 0 or not 0 <= free <= total:
            raise InputError(f"observation {day.isoformat()}: {free} of {total} is not a share")
        share = Fraction(free, total)
        shares.append((day, share, f"{free}/{total} ({format_share(share)})"))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4))
    _shade_phases(ax, phases)
    if shares:
        ax.plot([d for d, _, _ in shares], [float(s) for _, s, _ in shares], "o-", color="C0")
        for day, share, text in shares:
            ax.annotate(text, (day, float(share)), textcoords="offset points", xytext=(4, 6))
    for day, raw, label in targets:
        goal = parse_share(raw)
        before = [s for d, s, _ in shares if d <= day]
        reached = bool(before) and (before[-1] > goal if strict else before[-1] >= goal)
        mark = "reached" if reached else "not reached"
        ax.plot([day], [float(goal)], marker="D", color="C2" if reached else "C3")
        ax.hlines(
            float(goal), shares[0][0] if shares else day, day, linestyles="dashed", color="C3"
        )
        sign = ">" if strict else "≥"
        ax.annotate(
            f"{label}: {sign} {format_share(goal)} ({mark})",
            (day, float(goal)),
            textcoords="offset points",
            xytext=(-4, 6),
            ha="right",
        )
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _pos: f"{v:.0%}"))
    ax.set_ylabel("drug-free share")
    if title:
        ax.set_title(title, pad=18)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


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
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.35 * (len(deadlines) + 2)))
    for p in phases:
        width = (p.end - p.start).days + 1
        ax.barh(0, width, left=p.start, height=0.6, color=f"C{p.number % 10}", alpha=0.6)
        ax.text(p.start + (p.end - p.start) / 2, 0, f"GĐ {p.number}", ha="center", va="center")
    days = [p.start for p in phases] + [p.end for p in phases] + [d.last_day for d in deadlines]
    middle = min(days) + (max(days) - min(days)) / 2 if days else None
    for row, d in enumerate(deadlines, start=1):
        ax.plot([d.last_day], [row], "v", color="C3")
        late = middle is not None and d.last_day > middle  # label to the left, inside the axes
        ax.annotate(
            f"{d.id}: last day {d.last_day.isoformat()} (before {d.due_before.isoformat()})",
            (d.last_day, row),
            textcoords="offset points",
            xytext=(-6, -3) if late else (6, -3),
            ha="right" if late else "left",
            fontsize=8,
        )
    for o in occurrences:
        ax.axvspan(o.start, o.end + _dt.timedelta(days=1), color="C1", alpha=0.25, zorder=0)
        if not phases:
            ax.text(o.start, 0, f" {o.title_en}", va="center", fontsize=8)
    label = "phases" if phases or not occurrences else "observances"
    ax.set_yticks([0, *range(1, len(deadlines) + 1)], [label, *("" for _ in deadlines)])
    if not phases and not deadlines:
        first = min(o.start for o in occurrences)
        last = max(o.end for o in occurrences)
        ax.set_xlim(first - _dt.timedelta(days=30), last + _dt.timedelta(days=30))
    ax.invert_yaxis()
    if title:
        ax.set_title(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
