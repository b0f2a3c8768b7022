"""Notebook views: every result and plan type has an HTML view and a short repr.

The views are drawn from the JSON forms, escape every piece of text and cut long tables with a
count; the reprs of big results summarise instead of listing every row.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

import vn_drugfree_criteria as vdc
from tests.samples import PLAN, plan_objects, result_objects
from vn_drugfree_criteria.vocab.labels import LABELS

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture
def english() -> Iterator[None]:
    """Views drawn in English for one test, the setting restored after it."""
    old = vdc.set_display_language("en")
    yield
    vdc.set_display_language(old)


def _html(obj: object) -> str:
    out = obj._repr_html_()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_every_result_and_plan_type_has_its_own_html_view() -> None:
    for obj in [*plan_objects(), *result_objects()]:
        if not hasattr(obj, "_repr_html_"):
            continue
        out = _html(obj)
        assert not out.startswith("<pre>"), f"{type(obj).__name__} falls back to its repr"
    missing = {
        type(obj).__name__
        for obj in result_objects()
        if not hasattr(obj, "_repr_html_") and type(obj) is not vdc.Snapshot
    }
    assert missing == set()


def test_reprs_of_results_are_short() -> None:
    for obj in [*result_objects(), vdc.get_plan(PLAN), vdc.get_plan(PLAN).calendar]:
        assert len(repr(obj)) <= 1500, (type(obj).__name__, len(repr(obj)))


def test_table_and_its_assessment_summarise_in_their_repr() -> None:
    table = vdc.example_table(PLAN)
    result = vdc.assess_table(PLAN, table, with_rollup=True)
    assert repr(table).endswith(f"for {PLAN}: 72 rows (0 rejected), {len(table.columns)} columns>")
    assert re.fullmatch(
        rf"<TableAssessment {PLAN}: 72 rows, 17 drug-free, 0 rejected, \d+ parents>",
        repr(result),
    )


def _hostile_table(n: int) -> vdc.Table:
    counts = vdc.example_table(PLAN).rows[0].snapshot
    assert counts is not None
    base: dict[str, object] = {**counts.counts, "as_of": counts.as_of.isoformat()}
    records = [base | {"id": f"{HOSTILE}{i}", "parent_id": HOSTILE} for i in range(n)]
    records.append(base | {"id": "bad & <img src=x>", "households": -1})
    return vdc.table_from_records(PLAN, records)


def test_views_escape_ids_and_reasons() -> None:
    table = _hostile_table(3)
    result = vdc.assess_table(PLAN, table, with_rollup=True)
    views = [_html(table), _html(result), *(_html(r) for r in table.rows)]
    views += [_html(p) for p in result.parents or ()]
    for out in views:
        assert "<script>" not in out
        assert "<img" not in out
    assert "&lt;script&gt;" in _html(result)
    assert "bad &amp; &lt;img src=x&gt;" in _html(result)


def test_long_tables_show_their_first_rows_and_say_how_many() -> None:
    table = _hostile_table(150)  # and one rejected row
    result = vdc.assess_table(PLAN, table)
    assert "hiển thị 100 dòng đầu trong 151 dòng" in _html(table)
    assert "hiển thị 100 dòng đầu trong 150 dòng" in _html(result)
    old = vdc.set_display_language("en")
    try:
        assert "first 100 of 151 rows shown" in _html(table)
        assert "first 100 of 150 rows shown" in _html(result)
    finally:
        vdc.set_display_language(old)
    assert _html(table).count("<tr>") == 1 + 100
    assert _html(result).count("<tr>") == 1 + 100 + 1 + 1  # areas, then the rejected row


def test_batch_rollup_view_gives_exact_shares_and_unknown_for_incomplete_parents(
    english: None,
) -> None:
    from vn_drugfree_criteria.engine.batch import EXAMPLE_COLUMNS

    r = vdc.rollup_many(PLAN, EXAMPLE_COLUMNS, ["x", "x", "y"], target="50%", backend="python")
    out = _html(r)
    assert "<td>1/2 (50%)</td>" in out
    assert "unknown (incomplete)" in out
    assert "target ≥ 1/2" in out


def test_the_domain_loads_no_presentation_until_a_view_is_asked_for() -> None:
    """The display hook keeps viz out of the domain's imports; a view loads it on demand."""
    code = (
        "import sys\n"
        "import vn_drugfree_criteria.vocab, vn_drugfree_criteria.model\n"
        "import vn_drugfree_criteria.engine, vn_drugfree_criteria.auditing, vn_drugfree_criteria.io\n"
        "import vn_drugfree_criteria as vdc\n"
        "assert not [m for m in sys.modules if m.startswith(('vn_drugfree_criteria.viz',"
        " 'vn_drugfree_criteria.cli'))]\n"
        f"html = vdc.get_plan({PLAN!r})._repr_html_()\n"
        "assert 'vn_drugfree_criteria.viz.html' in sys.modules and '<table' in html\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _header_cells(out: str) -> list[str]:
    return re.findall(r"<th>([^<]*)</th>", out)


def _label_forms(lang: str) -> set[str]:
    """Every form in ``lang`` of the views' labels that differs from the other language's."""
    other = "en" if lang == "vi" else "vi"
    return {
        forms[lang]
        for key, forms in LABELS.items()
        if key.startswith(("view.col.", "view.met", "view.not_met", "view.rejected"))
        and forms[lang] != forms[other]
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_speaks_one_language(lang: str) -> None:
    """The notebook views follow the display language (Vietnamese by default, as every
    command's output): each column heading is a label in that language, and no label of the
    other language appears as a heading."""
    old = vdc.set_display_language(lang)
    try:
        views = [
            _html(o) for o in [*plan_objects(), *result_objects()] if hasattr(o, "_repr_html_")
        ]
    finally:
        vdc.set_display_language(old)
    mine, theirs = _label_forms(lang), _label_forms("en" if lang == "vi" else "vi")
    headings = [h for out in views for h in _header_cells(out)]
    assert any(h in mine for h in headings)
    assert not [h for h in headings if h in theirs]


def test_the_default_is_vietnamese_and_a_call_may_choose_english() -> None:
    """One setting for the session's views; each renderer also takes ``lang`` for one call."""
    from vn_drugfree_criteria.viz.html import calendar_html

    assert vdc.display_language() == "vi"
    calendar = vdc.get_plan(PLAN).calendar
    vi, en = calendar_html(calendar), calendar_html(calendar, lang="en")
    assert "<th>thời hạn</th>" in vi
    assert "<th>deadline</th>" in en
    assert re.search(r"<td>\d\d/\d\d/\d{4}</td>", vi)  # dates as in the text output
    assert re.search(r"<td>\d{4}-\d\d-\d\d</td>", en)
    assert vdc.display_language() == "vi"


def test_an_unknown_display_language_is_refused_with_a_library_error() -> None:
    with pytest.raises(vdc.InputError, match="'fr'"):
        vdc.set_display_language("fr")
    assert vdc.display_language() == "vi"
