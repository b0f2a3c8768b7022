"""Plain rows recognised a chunk at a time: the very rows ``validate_row`` gives, alone.

The CSV reader builds the rows it recognises as plainly valid itself
(:class:`~vn_drugfree_criteria.engine.rows_plain.PlainRows`) and validates every other row with
:func:`~vn_drugfree_criteria.engine.rows.validate_row`. Reading the same rows with the shortcut
turned off (every row validated alone) must give equal rows: numbers, ids, snapshots, errors and
codes, whatever the chunks.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.engine.rows_plain import PlainRows
from vn_drugfree_criteria.io.csvout import csv_line
from vn_drugfree_criteria.io.items import csv_items
from vn_drugfree_criteria.io.reading import RowReader
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.cell_limit import cell_length_limit

LAI_CHAU = vdc.get_plan("lai-chau-city-2024")
NATIONAL = vdc.get_plan("national-28-qd-ttg-2025")
LOCAL = Path(__file__).parent / "fixtures" / "plans" / "local-indicators.toml"

COUNT = st.one_of(
    st.sampled_from(["0", "0", "1", "2", "3", "5", "10", "41", "007"]),
    st.sampled_from(["", " 3", "3.5", "-1", "1e3", "٣", "１", "99999999999999999999", "x"]),
    st.sampled_from(["500,5", "499.75", "0,001", "12"]),
)
IDS = st.sampled_from(["A", "B", "C", " A", "Hòa", "Ho\u0300a", "", "=X", "a,b", "x" * 50])
LEVELS = st.sampled_from(["xã", "phường", "thôn", "tổ dân phố", "tỉnh", "huyện", "", "?"])
DATES = st.sampled_from(["2024-03-31", "2025-09-01", "2024-02-30", "", "2023-01-01"])


def _plan(which: str) -> Plan:
    return {"lai": LAI_CHAU, "national": NATIONAL}.get(which) or vdc.load_plan_file(LOCAL)


def _read(
    plan: Plan, text: str, chunks: Sequence[int], *, plain: bool, limit: int | None = None
) -> list[TableRow]:
    """Every row of the CSV ``text``, read in chunks of the given sizes (cycled)."""
    header, items = csv_items(text, "t")
    reader = RowReader(plan, "t", header, datetime.date(2025, 9, 1), has_rows=bool(items))
    reader.text_cells = True
    if not plain:
        reader._plain = None
    elif reader._plain is None:  # pragma: no cover - the reader is made for text cells above
        reader._plain = PlainRows(plan, reader.index, len(header), reader.carried, reader.as_of)
    rows: list[TableRow] = []
    k = 0
    while k < len(items):
        size = chunks[len(rows) % len(chunks)]
        rows.extend(reader.read(items[k : k + size]))
        k += size
    return rows


def _seen(rows: list[TableRow]) -> list[tuple[object, ...]]:
    return [(r, r.errors, r.codes, r.messages("vi"), r.snapshot) for r in rows]


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str]:
    which = draw(st.sampled_from(["lai", "national", "local"]))
    plan = _plan(which)
    names = draw(st.lists(st.sampled_from(plan.vocabulary.order), unique=True, max_size=12))
    levels = [None, *plan.scope.levels]
    needed = list(dict.fromkeys([*(n for lv in levels for n in plan.indicators_for(lv)), *names]))
    header = ["id", "level", "parent_id", "as_of", *needed, "note"]
    rows = []
    for n in range(draw(st.integers(0, 30))):
        if draw(st.booleans()):  # a row likely valid: equal counts (parts equal their wholes)
            counts = [draw(st.sampled_from(["0", "1"]))] * len(needed)
            if counts and draw(st.booleans()):  # ... but one cell, which may exceed its whole
                counts[draw(st.integers(0, len(counts) - 1))] = draw(st.sampled_from(["0", "2"]))
            first = [f"R{n}", draw(st.sampled_from(["xã", "phường", "thôn"])), "", "2025-09-01"]
        else:
            counts = [draw(COUNT) for _ in needed]
            first = [draw(IDS), draw(LEVELS), draw(st.sampled_from(["", "A", "P"])), draw(DATES)]
        cells = [*first, *counts, draw(st.sampled_from(["", "ok", "=1", "y" * 40]))]
        cut = draw(st.integers(0, 3))
        rows.append(cells[: len(cells) - cut] if cut < 3 else [*cells, "extra"])
    return which, "".join(csv_line(r) for r in [header, *rows])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.lists(st.integers(1, 9), min_size=1, max_size=3), st.sampled_from([None, 30]))
def test_plain_rows_are_the_rows_validate_row_gives(
    table: tuple[str, str], chunks: list[int], limit: int | None
) -> None:
    """Input policy: a row read by the chunk shortcut equals the row validated alone."""
    which, text = table
    plan = _plan(which)
    with cell_length_limit(limit):
        fast = _read(plan, text, chunks, plain=True)
        alone = _read(plan, text, chunks, plain=False)
    assert _seen(fast) == _seen(alone)


def test_plain_rows_are_built_by_the_shortcut() -> None:
    """The shortcut is taken for plain rows (else the property above compares a path with itself)."""
    text = _example()
    header, items = csv_items(text, "t")
    reader = RowReader(LAI_CHAU, "t", header, None, has_rows=True, text_cells=True)
    assert reader._plain is not None
    built = reader._plain.read(items, 1, {})
    assert sum(row is not None for row in built) == len(items)


def test_a_repeated_id_names_the_plain_row_before_it() -> None:
    """Ids: a later row repeating a plain row's id (NFD spelling, in another chunk) is refused."""
    header, first, *_ = csv.reader(io.StringIO(_example()))
    at, count = header.index("id"), header.index("households")
    rows = [list(first) for _ in range(3)]
    rows[0][at], rows[1][at], rows[2][at] = "Hòa", "B", "Ho\u0300a"
    rows[1][count] = "x"
    text = "".join(csv_line(r) for r in [header, *rows])
    for chunks in ([1], [2], [3]):
        rows = _read(LAI_CHAU, text, chunks, plain=True)
        assert rows[0].ok
        assert not rows[1].ok
        assert rows[2].codes == ("id_duplicate",)
        assert "row 1" in rows[2].errors[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_shared_shortfalls_explain_as_when_first_built(lang: str) -> None:
    """Assessments of equal counts share their shortfalls, worded as a fresh result is."""
    table = vdc.parse_table(LAI_CHAU, _double_example())
    result = vdc.assess_table(LAI_CHAU, table)
    pairs = [a for a in result.results if a is not None]
    half = len(pairs) // 2
    for first, second in zip(pairs[:half], pairs[half:], strict=True):
        mine, theirs = first.shortfall_results(), second.shortfall_results()
        assert [r for _, r in mine] == [r for _, r in theirs]
        for _, r in mine:
            assert r.explanation(lang) == r.requirement.sentence(r, lang)
            form = r.to_dict(lang=lang)
            form["values"].clear()
            assert r.to_dict(lang=lang)["values"] == dict(r.values)


def _example() -> str:
    node = resources.files("vn_drugfree_criteria").joinpath(
        "data", "examples", "lai-chau-city-2024.csv"
    )
    return node.read_text(encoding="utf-8")


def _double_example() -> str:
    """The example table twice, the second copy's ids (and parents) renamed."""
    head, *lines = _example().splitlines(keepends=True)
    return head + "".join(lines) + "".join(line.replace("-", "-b-", 2) for line in lines)
