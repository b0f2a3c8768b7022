import datetime as dt

import pytest
from hypothesis import given

import vn_drugfree_criteria as vdc
from strategies import dates

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


def test_overlapping_or_unordered_phases_are_refused() -> None:
    p1 = vdc.Phase(1, D(2024, 1, 1), D(2024, 1, 31), "a", None)
    with pytest.raises(ValueError, match="on or before"):
        vdc.Calendar(phases=(p1, vdc.Phase(2, D(2024, 1, 31), D(2024, 2, 5), "b", None)))
    with pytest.raises(ValueError, match="follows"):
        vdc.Calendar(phases=(p1, vdc.Phase(3, D(2024, 2, 1), D(2024, 2, 5), "b", None)))
    with pytest.raises(ValueError, match="before it starts"):
        vdc.Phase(1, D(2024, 2, 1), D(2024, 1, 1), "a", None)


def test_recurring_29_february_only_in_leap_years() -> None:
    r = vdc.RecurringDeadline("x", "x", "x", 2, 29, 2023, 2028, "trước", None)
    assert [d.due_before for d in r.occurrences()] == [D(2024, 2, 29), D(2028, 2, 29)]


def test_action_month_observances() -> None:
    """Line 14: the June action month and 26 June, each year from 2022."""
    cal = vdc.get_plan("action-month-321-2022").calendar
    occ = {o.id: (o.start, o.end) for o in cal.observances_in(2026)}
    assert occ == {
        "action-month": (D(2026, 6, 1), D(2026, 6, 30)),
        "international-day": (D(2026, 6, 26), D(2026, 6, 26)),
    }
    assert cal.observances_in(2021) == ()


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
