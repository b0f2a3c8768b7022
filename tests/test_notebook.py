"""Notebook helpers: DataFrames in and out, HTML views, charts (pandas and plot extras)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from fractions import Fraction
from importlib import resources

import attrs
import matplotlib as mpl
import pandas as pd
import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.engine.batch import EXAMPLE_COLUMNS, Backend

mpl.use("Agg")
PLAN = "lai-chau-city-2024"


@pytest.fixture
def english() -> Iterator[None]:
    """Views drawn in English for one test, the setting restored after it."""
    old = vdc.set_display_language("en")
    yield
    vdc.set_display_language(old)


def example_frame() -> pd.DataFrame:
    node = resources.files("vn_drugfree_criteria").joinpath("data", "examples", f"{PLAN}.csv")
    return pd.read_csv(io.BytesIO(node.read_bytes()), dtype={"id": str, "parent_id": str})


def test_assess_frame_keeps_every_row_and_column_and_flags_rejections() -> None:
    df = example_frame().set_index(pd.Index(range(100, 172)))
    df.loc[103, "households"] = None  # missing is missing, never zero
    out = vdc.assess_frame(PLAN, df)
    assert list(out.index) == list(df.index)
    assert list(out.columns[: len(df.columns)]) == list(df.columns)
    assert out.loc[103, "valid"] is False or not out.loc[103, "valid"]
    assert "households" in out.loc[103, "errors"]
    assert pd.isna(out.loc[103, "drug_free"])
    assert out["valid"].sum() == 71
    assert out.loc[out["valid"], "errors"].isna().all()


def test_assess_frame_words_errors_in_the_language_asked() -> None:
    """Errors in Vietnamese by default, as every output of the library; codes never change."""
    df = example_frame()
    df.loc[3, "households"] = None
    vi, en = vdc.assess_frame(PLAN, df), vdc.assess_frame(PLAN, df, lang="en")
    assert vi.loc[3, "errors"].startswith("households: ")
    assert "missing (blank cell)" in en.loc[3, "errors"]
    assert "missing (blank cell)" not in vi.loc[3, "errors"]
    assert vi.loc[3, "error_codes"] == en.loc[3, "error_codes"]
    with pytest.raises(vdc.InputError, match="'fr'"):
        vdc.assess_frame(PLAN, df, lang="fr")


def test_assess_frame_agrees_with_the_command_line_reading() -> None:
    df = example_frame()
    out = vdc.assess_frame(PLAN, df)
    table = vdc.assess_table(PLAN, vdc.example_table(PLAN))
    assert list(out["drug_free"]) == [a.drug_free for a in table.results if a is not None]
    assert int(out["drug_free"].sum()) == 17
    c4 = [a.criteria["C4"].met for a in table.results if a is not None]
    assert list(out["C4"]) == c4


def test_assess_frame_refuses_a_result_column_already_present() -> None:
    df = example_frame().assign(drug_free=True)
    with pytest.raises(vdc.InputError, match="drug_free"):
        vdc.assess_frame(PLAN, df)


def test_rollup_frame_shares_are_exact() -> None:
    out = vdc.rollup_frame(PLAN, example_frame())
    assert len(out) > 0
    for _, row in out.iterrows():
        assert isinstance(row["share"], Fraction)
        assert row["share"] == Fraction(row["share_numerator"], row["share_denominator"])
    table = vdc.assess_table(PLAN, vdc.example_table(PLAN), with_rollup=True)
    assert table.parents is not None
    expected = {p.id: p.node.drug_free_children for p in table.parents if p.node is not None}
    assert dict(zip(out["id"], out["drug_free_children"], strict=True)) == expected


def test_missing_pandas_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(
        vdc.MissingExtraError,
        match=r"pip install .pandas>=2\.1. \(or, in a checkout of the source: pip install .\.\[pandas\]",
    ):
        vdc.assess_frame(PLAN, object())


def test_missing_matplotlib_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(vdc.MissingExtraError, match=r"\[plot\]"):
        vdc.plot_progress([(vdc.get_plan(PLAN).scope.valid_from, 17, 72)])


def test_html_escapes_everything() -> None:
    plan = vdc.get_plan(PLAN)
    html = plan._repr_html_()
    assert "<td>lai-chau-city-2024:C4</td>" in html
    snap = vdc.Snapshot(
        {"hotspots": 0}, as_of=plan.scope.valid_from, area_id="<script>alert(1)</script>"
    )
    result = vdc.assess("lao-cai-414-2023", _clean_lao_cai(snap))
    out = result._repr_html_()
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def _clean_lao_cai(snap: vdc.Snapshot) -> vdc.Snapshot:
    plan = vdc.get_plan("lao-cai-414-2023")
    counts = dict.fromkeys(plan.indicators, 0)
    counts["effective_models"] = 1
    assert plan.scope.valid_from is not None
    return vdc.Snapshot(counts, as_of=plan.scope.valid_from, level="xã", area_id=snap.area_id)


def test_rollup_html_shows_exact_shares() -> None:
    table = vdc.example_table(PLAN)
    snaps = [r.snapshot for r in table.areas if r.snapshot is not None]
    parents = {r.area_id: r.parent_id for r in table.areas if r.parent_id and r.area_id}
    html = vdc.rollup(PLAN, snaps, parents)._repr_html_()
    assert "/" in html
    assert "%" in html


def test_plot_progress_decides_targets_exactly() -> None:
    """DOMAIN §4: 45 of 55 is below "từ 83% trở lên"; 46 of 55 reaches it."""
    import matplotlib.pyplot as plt

    day = vdc.get_plan(PLAN).scope.valid_from
    assert day is not None
    for free, word in ((45, "not reached"), (46, "reached")):
        fig = vdc.plot_progress([(day, free, 55)], targets=[(day, "83%", "p2")])
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert any(t.endswith(f"({word})") for t in texts), texts
        plt.close(fig)


def test_plot_progress_refuses_impossible_observations() -> None:
    day = vdc.get_plan(PLAN).scope.valid_from
    assert day is not None
    with pytest.raises(vdc.InputError, match="73 of 72"):
        vdc.plot_progress([(day, 73, 72)])


def test_plot_calendar_refuses_an_empty_calendar() -> None:
    class Empty:
        phases = ()

        def all_deadlines(self) -> tuple[()]:
            return ()

    with pytest.raises(vdc.InputError, match="no phases"):
        vdc.plot_calendar(Empty())


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_batch_html_escapes_ids_and_reasons_and_keeps_rejections(
    backend: Backend, english: None
) -> None:
    ids = ["<b>bold</b>", "TDP & 2", "<script>x</script>"]
    result = vdc.assess_many(PLAN, EXAMPLE_COLUMNS, ids=ids, backend=backend)
    out = result._repr_html_()
    assert "<script>" not in out
    assert "<b>bold</b>" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "TDP &amp; 2" in out
    assert "3 rows, 1 drug-free, 1 rejected" in out
    assert "<td>rejected</td>" in out
    assert "households_committed: 31 is larger than its whole households (30)" in out
    assert out.count("<tr>") == 1 + 3 + 1 + 1  # header, rows, rejected header and row


def test_batch_html_says_when_it_shows_only_the_first_rows(english: None) -> None:
    n = 250
    columns = {k: [v[0]] * n for k, v in EXAMPLE_COLUMNS.items()}
    result = vdc.assess_many(PLAN, columns, backend="python")
    out = result._repr_html_()
    assert f"{n} rows, {n} drug-free, 0 rejected" in out
    assert "first 100 of 250 rows shown" in out
    assert "<td>100</td>" in out
    assert "<td>101</td>" not in out
    assert len(result) == n


def test_plot_calendar_draws_the_lai_chau_phases_and_every_deadline_at_its_last_day() -> None:
    """DOMAIN §6: a deadline "trước ngày D" is drawn at D - 1, never at D."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    cal = vdc.get_plan(PLAN).calendar
    fig = vdc.plot_calendar(cal, title="Lai Châu")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert [t for t in texts if t.startswith("GĐ ")] == [f"GĐ {p.number}" for p in cal.phases]
    deadlines = cal.all_deadlines()
    assert len(ax.lines) == len(deadlines)
    for line, d in zip(ax.lines, deadlines, strict=True):
        drawn = mdates.num2date(mdates.date2num(line.get_xdata()[0])).date()
        assert drawn == d.last_day
        assert drawn < d.due_before
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[0] == "phases"
    assert len(rows) == 1 + len(deadlines)
    report = next(t for t in rows if t.startswith("report-phase-2:"))
    assert "last day 2025-03-15 (before 2025-03-16)" in report
    assert ax.get_title() == "Lai Châu"
    plt.close(fig)


def test_plot_calendar_draws_the_action_month_and_26_june() -> None:
    """An observance-only calendar: the June action month and 26 June of its first year."""
    import matplotlib.pyplot as plt

    cal = vdc.get_plan("action-month-321-2022").calendar
    assert not cal.phases
    assert not cal.all_deadlines()
    fig = vdc.plot_calendar(cal)
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [o.title_en for o in cal.observances_in(2022)]
    assert all(t.endswith("2022") for t in rows)
    plt.close(fig)
    recurring = attrs.evolve(
        cal, observances=tuple(attrs.evolve(o, last_year=None) for o in cal.observances)
    )
    fig = vdc.plot_calendar(recurring, years=[2024, 2025])
    assert len(fig.axes[0].get_yticklabels()) == 2 * len(cal.observances)
    plt.close(fig)
    with pytest.raises(vdc.InputError, match="no observances"):
        vdc.plot_calendar(cal, years=[2021])
    with pytest.raises(vdc.InputError, match="no observances"):
        vdc.plot_calendar(cal, years=[2026])  # the plan organises 2022's observances only
