import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.strategies import dates, ordered_phases, phases

D = dt.date
LAI_CHAU = vdc.get_plan("lai-chau-city-2024")


def test_lai_chau_phases_partition_their_span() -> None:
    """DOMAIN §6: the five phases of lines 46-72 cover 01/1/2024-30/11/2025 without gaps."""
    cal = LAI_CHAU.calendar
    assert [(p.start, p.end) for p in cal.phases] == [
        (D(2024, 1, 1), D(2024, 3, 31)),
        (D(2024, 4, 1), D(2025, 3, 14)),
        (D(2025, 3, 15), D(2025, 8, 14)),
        (D(2025, 8, 15), D(2025, 10, 14)),
        (D(2025, 10, 15), D(2025, 11, 30)),
    ]
    assert cal.span == (D(2024, 1, 1), D(2025, 11, 30))
    assert cal.gaps() == ()


@given(dates)
def test_every_day_of_the_span_is_in_exactly_one_phase(day: dt.date) -> None:
    """DOMAIN §6: phases partition the plan's span; a day outside it is in none."""
    cal = LAI_CHAU.calendar
    inside = [p.number for p in cal.phases if p.contains(day)]
    start, end = cal.span or (day, day)
    assert len(inside) == (1 if start <= day <= end else 0)
    found = cal.phase_on(day)
    assert (found.number if found else None) == (inside[0] if inside else None)


def test_phase_boundaries() -> None:
    cal = LAI_CHAU.calendar
    assert cal.phase_on(D(2025, 3, 14)).number == 2  # type: ignore[union-attr]
    assert cal.phase_on(D(2025, 3, 15)).number == 3  # type: ignore[union-attr]
    assert cal.phase_on(D(2025, 12, 1)) is None


def test_deadlines_last_day_is_the_day_before() -> None:
    """DOMAIN §4/§6: "trước ngày 16/3/2025" -> last day 15/3/2025, and the rest of line 258."""
    last = {d.id: d.last_day for d in LAI_CHAU.calendar.all_deadlines()}
    assert last["implementation-plans"] == D(2024, 4, 30)
    assert last["report-phase-2"] == D(2025, 3, 15)
    assert last["report-phase-3"] == D(2025, 8, 15)
    assert last["report-phase-4"] == D(2025, 10, 15)
    assert last["report-final"] == D(2025, 12, 2)


def test_recurring_reports_each_year() -> None:
    """Line 256: the 6-month report before 10/6 and the annual before 10/12, 2024 and 2025."""
    due = {d.id: d.due_before for d in LAI_CHAU.calendar.all_deadlines()}
    assert due["report-6-months-2024"] == D(2024, 6, 10)
    assert due["report-6-months-2025"] == D(2025, 6, 10)
    assert due["report-year-2024"] == D(2024, 12, 10)
    assert due["report-year-2025"] == D(2025, 12, 10)
    assert len(due) == 9


def test_reports_never_due_before_their_phase_ends() -> None:
    """DOMAIN §6: a phase report is never due before the end of the phase it reports on."""
    cal = LAI_CHAU.calendar
    for d in cal.deadlines:
        if d.reports_on_phase is not None:
            assert d.last_day >= cal.phase(d.reports_on_phase).end
    assert cal.early_reports() == ()


def test_upcoming_and_overdue_split_the_deadlines() -> None:
    cal = LAI_CHAU.calendar
    day = D(2025, 3, 15)
    upcoming, overdue = cal.upcoming(day), cal.overdue(day)
    assert upcoming[0].id == "report-phase-2"  # its last day is today: still open
    assert {d.id for d in overdue} == {"implementation-plans", "report-6-months-2024",
                                       "report-year-2024"}  # fmt: skip
    assert len(upcoming) + len(overdue) == len(cal.all_deadlines())


def test_gaps_and_early_reports_are_reported() -> None:
    p1 = vdc.Phase(1, D(2024, 1, 1), D(2024, 1, 31), "a", None)
    p2 = vdc.Phase(2, D(2024, 2, 10), D(2024, 2, 29), "b", None)
    early = vdc.Deadline("r", "x", "x", D(2024, 2, 20), "trước ngày", None, 2)
    cal = vdc.Calendar(phases=(p1, p2), deadlines=(early,))
    assert cal.gaps() == ((D(2024, 2, 1), D(2024, 2, 9)),)
    assert cal.early_reports() == (early,)
    assert cal.phase_on(D(2024, 2, 5)) is None


def _p(number: int, start: dt.date, end: dt.date) -> vdc.Phase:
    return vdc.Phase(number, start, end, f"Giai đoạn {number}", None)


def test_defective_phases_are_kept_as_written() -> None:
    """A calendar keeps the document's phases: reversed, unordered and overlapping alike."""
    rev = _p(1, D(2024, 2, 1), D(2024, 1, 1))
    assert rev.reversed
    assert not rev.contains(D(2024, 1, 15))
    cal = vdc.Calendar(
        phases=(_p(2, D(2024, 3, 1), D(2024, 3, 31)), _p(1, D(2024, 1, 1), D(2024, 3, 5)))
    )
    assert [p.number for p in cal.phases] == [2, 1]


def test_a_phase_number_given_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="phase 1 is given twice"):
        vdc.Calendar(
            phases=(_p(1, D(2024, 1, 1), D(2024, 1, 31)), _p(1, D(2024, 2, 1), D(2024, 2, 5)))
        )


def test_problems_of_a_clean_calendar_are_none() -> None:
    assert LAI_CHAU.calendar.problems() == ()


def test_problems_name_each_defect() -> None:
    Kind = vdc.PhaseProblemKind
    cal = vdc.Calendar(
        phases=(
            _p(1, D(2024, 1, 1), D(2024, 3, 31)),
            _p(3, D(2024, 3, 20), D(2024, 5, 31)),  # skips 2, overlaps 1 on 20-31/3
            _p(4, D(2024, 3, 1), D(2024, 2, 1)),  # reversed, starts before phase 3
            _p(5, D(2024, 6, 10), D(2024, 6, 30)),  # 1-9/6 uncovered
        )
    )
    found = [(p.kind, p.phases, p.days) for p in cal.problems()]
    assert found == [
        (Kind.REVERSED, (4,), None),
        (Kind.NUMBERING, (1, 3), None),
        (Kind.ORDER, (3, 4), None),
        (Kind.OVERLAP, (1, 3), (D(2024, 3, 20), D(2024, 3, 31))),
        (Kind.GAP, (3, 5), (D(2024, 6, 1), D(2024, 6, 9))),
    ]
    assert cal.gaps() == ((D(2024, 6, 1), D(2024, 6, 9)),)
    assert cal.problems()[3].to_dict(lang="en") == {
        "kind": "overlap",
        "phases": [1, 3],
        "start": "2024-03-20",
        "end": "2024-03-31",
        "text": "phases 1 and 3 overlap on 2024-03-20 … 2024-03-31",
    }


def test_overlap_of_phases_listed_apart_is_found() -> None:
    """Overlaps are checked between every pair, not only neighbours in the list."""
    cal = vdc.Calendar(
        phases=(
            _p(1, D(2024, 1, 1), D(2024, 12, 31)),
            _p(2, D(2025, 1, 1), D(2025, 1, 31)),
            _p(3, D(2024, 6, 1), D(2024, 6, 30)),
        )
    )
    kinds = {(p.kind.value, p.phases) for p in cal.problems()}
    assert kinds == {("order", (2, 3)), ("overlap", (1, 3))}
    assert cal.gaps() == ()


@given(ordered_phases())
def test_ordered_contiguous_phases_have_no_problem(ps: list[vdc.Phase]) -> None:
    """DOMAIN §6: phases numbered in order that follow each other day after day partition their
    span; such a calendar has no structural problem and every day of it is in one phase."""
    cal = vdc.Calendar(phases=tuple(ps))
    assert cal.problems() == ()
    assert cal.gaps() == ()
    assert cal.span == (ps[0].start, ps[-1].end)
    for p in ps:
        assert cal.phases_on(p.start) == (p,)
        assert cal.phases_on(p.end) == (p,)


def test_queries_on_a_defective_calendar() -> None:
    """phase_on picks the lowest number among overlapping phases; phases_on gives them all."""
    cal = vdc.Calendar(
        phases=(
            _p(2, D(2024, 3, 1), D(2024, 6, 30)),
            _p(1, D(2024, 1, 1), D(2024, 3, 10)),
            _p(3, D(2024, 9, 1), D(2024, 8, 1)),  # reversed: contains no day
        ),
        deadlines=(vdc.Deadline("r", "x", "x", D(2024, 7, 1), "trước ngày", None, 2),),
    )
    assert [p.number for p in cal.phases_on(D(2024, 3, 5))] == [1, 2]
    assert cal.phase_on(D(2024, 3, 5)).number == 1  # type: ignore[union-attr]
    assert cal.phase_on(D(2024, 3, 11)).number == 2  # type: ignore[union-attr]
    assert cal.phase_on(D(2024, 8, 15)) is None
    assert cal.phases_on(D(2024, 8, 15)) == ()
    assert cal.span == (D(2024, 1, 1), D(2024, 9, 1))
    assert [d.id for d in cal.upcoming(D(2024, 6, 30))] == ["r"]
    assert [d.id for d in cal.overdue(D(2024, 7, 1))] == ["r"]
    assert cal.early_reports() == ()


@given(st.lists(phases(), min_size=1, max_size=6, unique_by=lambda p: p.number))
def test_phase_on_is_the_lowest_numbered_phase_containing_the_day(ps: list[vdc.Phase]) -> None:
    """DOMAIN §6 on any calendar, defective or not: every day the phases cover has one answer,
    the lowest-numbered phase containing it; a day no phase contains has none; the span holds
    every date any phase names; problems() is empty exactly when the phases partition it."""
    cal = vdc.Calendar(phases=tuple(ps))
    start, end = cal.span or (D(1, 1, 1), D(1, 1, 1))
    assert all(start <= d <= end for p in ps for d in (p.start, p.end))
    day = start
    while day <= end:
        inside = sorted(p.number for p in ps if p.contains(day))
        found = cal.phase_on(day)
        assert (found.number if found else None) == (inside[0] if inside else None)
        assert [p.number for p in cal.phases_on(day)] == inside
        day += dt.timedelta(days=1)
    covered_once = all(
        len(cal.phases_on(start + dt.timedelta(days=i))) == 1 for i in range((end - start).days + 1)
    )
    in_order = all(b.number == a.number + 1 for a, b in itertools.pairwise(ps))
    in_order = in_order and all(b.start > a.end for a, b in itertools.pairwise(ps))
    in_order = in_order and not any(p.reversed for p in ps)
    assert (cal.problems() == ()) == (covered_once and in_order)


def test_recurring_29_february_only_in_leap_years() -> None:
    r = vdc.RecurringDeadline("x", "x", "x", 2, 29, 2023, 2028, "trước", None)
    assert [d.due_before for d in r.occurrences()] == [D(2024, 2, 29), D(2028, 2, 29)]


def test_action_month_observances() -> None:
    """Line 4: the June action month and 26 June of 2022, and of no other year."""
    plan = vdc.get_plan("action-month-321-2022")
    cal = plan.calendar
    occ = {o.id: (o.start, o.end) for o in cal.observances_in(2022)}
    assert occ == {
        "action-month": (D(2022, 6, 1), D(2022, 6, 30)),
        "international-day": (D(2022, 6, 26), D(2022, 6, 26)),
    }
    assert cal.observances_in(2021) == ()
    assert cal.observances_in(2023) == ()
    assert cal.observances_in(2026) == ()
    assert {o.source.line for o in cal.observances if o.source} == {4}


def test_observance_without_last_year_recurs() -> None:
    o = vdc.Observance("x", "x", "x", 6, 26, 2022, None)
    assert o.observed_in(2026)
    assert not o.observed_in(2021)
    with pytest.raises(ValueError, match="last_year"):
        vdc.Observance("x", "x", "x", 6, 26, 2022, None, 2021)


def test_december_observance_ends_on_31() -> None:
    o = vdc.Observance("x", "x", "x", 12, None, 2020, None)
    assert o.in_year(2024).end == D(2024, 12, 31)


def test_can_tho_reports_have_no_invented_day() -> None:
    """Line 528 gives no day: the reports stay undated; the mid-term review is "năm 2023"."""
    cal = vdc.get_plan("can-tho-205-2021").calendar
    assert cal.all_deadlines() == ()
    undated = {u.id: u for u in cal.undated}
    assert set(undated) == {"report-6-months", "report-year", "review-mid-term", "review-final"}
    period = undated["review-mid-term"].period
    assert period is not None
    assert period.isoformat() == "2023"
