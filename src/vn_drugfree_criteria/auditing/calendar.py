"""Audit checks on a plan's calendar.

Phases are checked against the stated period, the issue date and the document the plan
implements; report deadlines against the phases they report on.

Phases are encoded as the document states them, defects included; here their structure is
checked (a phase ending before it starts, numbering, date order, overlaps, gaps) from
:meth:`~vn_drugfree_criteria.Calendar.problems`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vn_drugfree_criteria.auditing.context import AuditContext, earliest, vi_date
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.model.phases import Phase, PhaseProblem, ProblemKind

__all__ = [
    "SHORT_WINDOW_DAYS",
    "check_deadlines",
    "check_phase_gaps",
    "check_phase_structure",
    "check_phases_against_dates",
    "stated_years",
]

SHORT_WINDOW_DAYS = 3
"""A report due this many days or fewer after its phase ends is noted (``info``)."""

_YEARS = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")


def stated_years(text: str) -> tuple[int, int] | None:
    """The period ``YYYY-YYYY`` a title states (``giai đoạn 2024-2025``), if any.

    >>> stated_years("Xây dựng thành phố Lai Châu không có ma túy, giai đoạn 2024-2025")
    (2024, 2025)
    """
    m = _YEARS.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _span(p: Phase) -> str:
    return f"{p.start.isoformat()} … {p.end.isoformat()}"


def _vi_span(p: Phase) -> str:
    return f"{vi_date(p.start)} – {vi_date(p.end)}"


def check_phase_gaps(ctx: AuditContext) -> Iterator[Finding]:
    """Runs of days within the phases' span that belong to no phase."""
    cal = ctx.plan.calendar
    for gap in cal.problems():
        if gap.kind is not ProblemKind.GAP or gap.days is None:
            continue
        a, b = cal.phase(gap.phases[0]), cal.phase(gap.phases[1])
        first, last = gap.days
        days = (last - first).days + 1
        yield ctx.finding(
            "PHASE_GAP",
            b.source,
            f"Giữa giai đoạn {a.number} (kết thúc {vi_date(a.end)}) và giai đoạn {b.number} "
            f"(bắt đầu {vi_date(b.start)}) có {days} ngày không thuộc giai đoạn nào.",
            f"Between phase {a.number} (ending {a.end.isoformat()}) and phase {b.number} "
            f"(starting {b.start.isoformat()}) {days} days belong to no phase.",
            stated=f"{a.end.isoformat()} → {b.start.isoformat()}",
            derived=f"{first.isoformat()} … {last.isoformat()} uncovered",
            derived_vi=f"{vi_date(first)} – {vi_date(last)} không thuộc giai đoạn nào",
        )


def _structure_finding(ctx: AuditContext, problem: PhaseProblem) -> Finding | None:
    cal = ctx.plan.calendar
    a, b = cal.phase(problem.phases[0]), cal.phase(problem.phases[-1])
    if problem.kind is ProblemKind.REVERSED:
        return ctx.finding(
            "PHASE_REVERSED",
            a.source,
            f"Giai đoạn {a.number} kết thúc {vi_date(a.end)}, trước ngày bắt đầu "
            f"{vi_date(a.start)}: theo văn bản, giai đoạn này không có ngày nào.",
            f"Phase {a.number} ends on {a.end.isoformat()}, before it starts on "
            f"{a.start.isoformat()}: as written it contains no day.",
            stated=_span(a),
            stated_vi=_vi_span(a),
            derived=f"an end on or after {a.start.isoformat()}",
            derived_vi=f"kết thúc từ {vi_date(a.start)} trở đi",
        )
    if problem.kind is ProblemKind.NUMBERING:
        return ctx.finding(
            "PHASE_NUMBERING",
            b.source,
            f"Giai đoạn {b.number} được nêu ngay sau giai đoạn {a.number}; theo thứ tự phải là "
            f"giai đoạn {a.number + 1}.",
            f"Phase {b.number} is given right after phase {a.number}; in sequence it would be "
            f"phase {a.number + 1}.",
            stated=f"{a.number}, {b.number}",
            derived=f"{a.number}, {a.number + 1}",
        )
    if problem.kind is ProblemKind.ORDER:
        return ctx.finding(
            "PHASE_ORDER",
            b.source,
            f"Giai đoạn {b.number} (bắt đầu {vi_date(b.start)}) được nêu sau giai đoạn "
            f"{a.number} nhưng bắt đầu trước giai đoạn đó (bắt đầu {vi_date(a.start)}).",
            f"Phase {b.number} (starting {b.start.isoformat()}) is given after phase "
            f"{a.number} but starts before it (phase {a.number} starts {a.start.isoformat()}).",
            stated=f"phase {a.number} from {a.start.isoformat()}, then phase {b.number} "
            f"from {b.start.isoformat()}",
            derived=f"phase {b.number} from {a.start.isoformat()} or later",
            stated_vi=f"giai đoạn {a.number} từ {vi_date(a.start)}, rồi giai đoạn {b.number} từ "
            f"{vi_date(b.start)}",
            derived_vi=f"giai đoạn {b.number} từ {vi_date(a.start)} trở đi",
        )
    if problem.kind is ProblemKind.OVERLAP and problem.days is not None:
        first, last = problem.days
        days = (last - first).days + 1
        later = max((a, b), key=cal.phases.index)
        return ctx.finding(
            "PHASE_OVERLAP",
            later.source,
            f"Giai đoạn {a.number} ({_vi_span(a)}) và giai đoạn {b.number} ({_vi_span(b)}) "
            f"trùng nhau {days} ngày, từ {vi_date(first)} đến {vi_date(last)}.",
            f"Phase {a.number} ({_span(a)}) and phase {b.number} ({_span(b)}) share {days} "
            f"day(s), {first.isoformat()} … {last.isoformat()}.",
            stated=f"phase {a.number}: {_span(a)}; phase {b.number}: {_span(b)}",
            derived=f"{first.isoformat()} … {last.isoformat()} in both",
            stated_vi=f"giai đoạn {a.number}: {_vi_span(a)}; giai đoạn {b.number}: {_vi_span(b)}",
            derived_vi=f"{vi_date(first)} – {vi_date(last)} thuộc cả hai",
        )
    return None


def check_phase_structure(ctx: AuditContext) -> Iterator[Finding]:
    """Phases ending before they start, out of numbering or date order, or overlapping."""
    for problem in ctx.plan.calendar.problems():
        found = _structure_finding(ctx, problem)
        if found is not None:
            yield found


def check_phases_against_dates(ctx: AuditContext) -> Iterator[Finding]:
    """Phases against the stated period, the issue date and the implemented document's date."""
    plan = ctx.plan
    years = stated_years(plan.document.title_vi)
    issued = plan.document.issued
    basis = [r for r in plan.references if r.relation == "implements" and r.date is not None]
    for phase in plan.calendar.phases:
        span = f"{phase.start.isoformat()} … {phase.end.isoformat()}"
        if years is not None and (phase.start.year < years[0] or phase.end.year > years[1]):
            yield ctx.finding(
                "PHASE_OUTSIDE_PERIOD",
                phase.source,
                f"Giai đoạn {phase.number} ({vi_date(phase.start)} – {vi_date(phase.end)}) nằm "
                f"ngoài thời gian {years[0]}-{years[1]} mà kế hoạch nêu.",
                f"Phase {phase.number} ({span}) falls outside the plan's stated period "
                f"{years[0]}-{years[1]}.",
                stated=span,
                derived=f"{years[0]}-01-01 … {years[1]}-12-31",
            )
        if issued is not None and phase.end < earliest(issued):
            yield ctx.finding(
                "PHASE_BEFORE_ISSUE",
                phase.source,
                f"Giai đoạn {phase.number} kết thúc {vi_date(phase.end)}, trước khi kế hoạch "
                f"được ban hành ({issued.vietnamese()}): giai đoạn này được đặt ra hồi tố.",
                f"Phase {phase.number} ends on {phase.end.isoformat()}, before the plan was "
                f"issued ({issued.isoformat()}): it is set retroactively.",
                stated=span,
                derived=f"issued {issued.isoformat()}",
                derived_vi=f"ban hành {issued.vietnamese()}",
            )
        for ref in basis:
            assert ref.date is not None
            if phase.end >= earliest(ref.date):
                continue
            yield ctx.finding(
                "PHASE_BEFORE_BASIS",
                phase.source,
                f"Giai đoạn {phase.number} kết thúc {vi_date(phase.end)}, trước ngày của "
                f"{ref.type_vi} số {ref.label} ({ref.date.vietnamese()}) mà kế hoạch thực hiện; "
                "kết quả giai đoạn được đánh giá theo một văn bản chưa ban hành.",
                f"Phase {phase.number} ends on {phase.end.isoformat()}, before {ref.label} "
                f"({ref.date.isoformat()}), which the plan implements: the phase is measured "
                "against a document not yet issued.",
                stated=span,
                derived=f"{ref.label} of {ref.date.isoformat()}",
                derived_vi=f"{ref.label} {ref.date.vietnamese()}",
            )


def check_deadlines(ctx: AuditContext) -> Iterator[Finding]:
    """A phase report due before its phase ends, or within a few days of its end."""
    calendar = ctx.plan.calendar
    for d in calendar.deadlines:
        if d.reports_on_phase is None:
            continue
        phase = calendar.phase(d.reports_on_phase)
        window = (d.last_day - phase.end).days
        stated = f"{d.phrase_vi} {vi_date(d.due_before)} (last day {d.last_day.isoformat()})"
        derived = f"phase {phase.number} ends {phase.end.isoformat()}"
        stated_vi = f"{d.phrase_vi} {vi_date(d.due_before)} (ngày cuối {vi_date(d.last_day)})"
        derived_vi = f"giai đoạn {phase.number} kết thúc {vi_date(phase.end)}"
        if window <= 0:
            yield ctx.finding(
                "DEADLINE_BEFORE_PHASE_END",
                d.source,
                f"{d.title_vi} phải gửi {d.phrase_vi} {vi_date(d.due_before)} (ngày cuối "
                f"{vi_date(d.last_day)}), chưa hết giai đoạn {phase.number} "
                f"(kết thúc {vi_date(phase.end)}).",
                f"{d.title_en} is due {d.phrase_vi} {vi_date(d.due_before)} (last day "
                f"{d.last_day.isoformat()}), before phase {phase.number} ends "
                f"({phase.end.isoformat()}).",
                stated=stated,
                derived=derived,
                stated_vi=stated_vi,
                derived_vi=derived_vi,
            )
        elif window <= SHORT_WINDOW_DAYS:
            nxt = calendar.phase_on(d.last_day)
            during = (
                (
                    f"; ngày cuối rơi vào giai đoạn {nxt.number}",
                    f"; the last day falls in phase {nxt.number}",
                )
                if nxt is not None
                else ("", "")
            )
            yield ctx.finding(
                "DEADLINE_SHORT_WINDOW",
                d.source,
                f"{d.title_vi}: chỉ có {window} ngày sau khi giai đoạn {phase.number} kết thúc "
                f"({vi_date(phase.end)}) để gửi (ngày cuối {vi_date(d.last_day)}){during[0]}.",
                f"{d.title_en}: only {window} day(s) after phase {phase.number} ends "
                f"({phase.end.isoformat()}) to send it (last day {d.last_day.isoformat()})"
                f"{during[1]}.",
                stated=stated,
                derived=derived,
                stated_vi=stated_vi,
                derived_vi=derived_vi,
            )
