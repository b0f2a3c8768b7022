"""Shared hypothesis strategies for the domain: counts, snapshots, tables."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria import INDICATORS
from vn_drugfree_criteria.auditing.outline import LETTERS
from vn_drugfree_criteria.vocab.indicators import FLAGS

WHOLES = {name: ind.whole for name, ind in INDICATORS.items() if ind.whole is not None}


def _depth(name: str) -> int:
    d = 0
    while name in WHOLES:
        name = WHOLES[name]
        d += 1
    return d


# Wholes before parts, so each part can be drawn below its whole.
ORDERED = sorted(INDICATORS, key=_depth)


@st.composite
def valid_counts(
    draw: st.DrawFn, names: Iterable[str] | None = None, max_value: int = 30
) -> dict[str, int]:
    """Valid counts for ``names`` (and the wholes they need): parts never exceed their wholes."""
    wanted = set(names if names is not None else INDICATORS)
    closure = set(wanted)
    for start in wanted:
        name = start
        while name in WHOLES:
            name = WHOLES[name]
            closure.add(name)
    counts: dict[str, int] = {}
    for name in ORDERED:
        if name not in closure:
            continue
        whole = WHOLES.get(name)
        upper = counts[whole] if whole is not None else max_value
        if name in FLAGS:  # a yes/no indicator is 0 or 1
            upper = min(upper, 1)
        counts[name] = draw(st.integers(0, upper))
    return counts


wholes = st.integers(min_value=0, max_value=2000)
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)
rates = st.fractions(min_value=0, max_value=Fraction(1, 2), max_denominator=1000)
counts = st.integers(min_value=0, max_value=100_000)
positive_counts = st.integers(min_value=1, max_value=100_000)
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))
months = st.integers(min_value=0, max_value=120)

LAI_CHAU = "lai-chau-city-2024"
# Ways a row can be broken; each must get the row rejected.
DEFECTS = ("negative", "text", "blank", "part_gt_whole", "unknown_kind", "bad_date", "no_id")


def plan_counts(plan_id: str = LAI_CHAU, high: int = 4) -> st.SearchStrategy[dict[str, int]]:
    """Counts for every indicator the plan needs, each part at most its whole."""
    return valid_counts(vdc.get_plan(plan_id).indicators, max_value=high)


@st.composite
def table_rows(draw: st.DrawFn, plan_id: str = LAI_CHAU) -> list[tuple[dict[str, str], bool]]:
    """Rows of a CSV table (cells as text) mixing valid and broken rows; each with its validity."""
    n = draw(st.integers(0, 12))
    rows: list[tuple[dict[str, str], bool]] = []
    parts = [m for m in vdc.get_plan(plan_id).indicators if INDICATORS[m].whole is not None]
    for i in range(n):
        counts = draw(plan_counts(plan_id))
        cells = {name: str(v) for name, v in counts.items()}
        cells.update(id=f"TDP-{i:02d}", level=draw(st.sampled_from(["tổ dân phố", "BAN", "bản"])))
        cells["as_of"] = "2024-03-31"
        defect = draw(st.none() | st.sampled_from(DEFECTS))
        name = draw(st.sampled_from(sorted(counts)))
        if defect == "negative":
            cells[name] = f"-{draw(st.integers(1, 9))}"
        elif defect == "text":
            cells[name] = draw(st.sampled_from(["abc", "1.5", "một", "=1+1", "3,0"]))
        elif defect == "blank":
            cells[name] = draw(st.sampled_from(["", "  "]))
        elif defect == "part_gt_whole":
            part = draw(st.sampled_from(parts))
            cells[part] = str(counts[INDICATORS[part].whole or ""] + 1)
        elif defect == "unknown_kind":
            cells["level"] = "làng xóm mới"
        elif defect == "bad_date":
            cells["as_of"] = draw(st.sampled_from(["2024-02-30", "31/03/2024", "soon"]))
        elif defect == "no_id":
            cells["id"] = ""
        rows.append((cells, defect is None))
    if rows and draw(st.booleans()):  # a duplicate id: the later row is rejected
        cells, _ = rows[0]
        rows.append(({**cells}, False))
    return rows


def to_csv(rows: list[dict[str, str]], extra: dict[str, str] | None = None) -> str:
    """CSV text with the union of the rows' columns, plus constant extra columns."""
    columns = [
        "id",
        "level",
        "parent_id",
        "as_of",
        *vdc.get_plan(LAI_CHAU).indicators,
        *(extra or {}),
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, **(extra or {})})
    return buffer.getvalue()


def village(**overrides: Any) -> dict[str, Any]:
    """A compliant Lai Châu village row (as Python values), with overrides."""
    row: dict[str, Any] = dict.fromkeys(vdc.get_plan(LAI_CHAU).indicators, 0)
    row.update(
        id="TDP-01",
        level="tổ dân phố",
        as_of="2024-03-31",
        households=40,
        households_committed=40,
        subunits=1,
        subunits_with_hotline_board=1,
        effective_models=1,
    )
    row.update(overrides)
    return row


@st.composite
def outlines(draw: st.DrawFn) -> list[str]:
    """A correctly numbered document outline: Roman sections, Arabic items, lettered sub-items."""
    lines: list[str] = []
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    for roman in romans[: draw(st.integers(1, len(romans)))]:
        lines.append(f"{roman}. PHẦN")
        for number in range(1, draw(st.integers(0, 16)) + 1):
            lines.append(f"{number}. Mục")
            for letter in LETTERS[: draw(st.integers(0, 9))]:
                lines.append(f"{letter}) ý")
            if draw(st.booleans()):
                lines.append("- nội dung không đánh số")
    return lines


@st.composite
def area_counts(draw: st.DrawFn, names: tuple[str, ...], top: int = 4) -> dict[str, int]:
    """Valid counts of one area for ``names``: every part within its whole.

    Small values make every requirement both pass and fail often (0 wholes included, so vacuous
    passes are exercised).
    """
    counts: dict[str, int] = {}
    for name in sorted(names, key=_depth):
        whole = WHOLES.get(name)
        if whole is not None and whole in names:
            counts[name] = draw(st.integers(0, counts[whole]))
        else:
            counts[name] = draw(st.integers(0, top))
    return counts


def rows_to_columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Turn a list of row dicts into columns."""
    return {name: [row[name] for row in rows] for name in names}


MESSY_CELLS = st.one_of(
    st.integers(0, 5),
    st.integers(0, 5),
    st.integers(0, 5),
    st.sampled_from([None, -1, 2.5, 3.0, "3", True, float("nan"), float("inf"), 2**63, 2**64]),
)
"""Cells as spreadsheets and notebooks deliver them: mostly counts, sometimes anything."""

SHARES = st.fractions(min_value=0, max_value=1, max_denominator=1000).map(Fraction)
"""Exact shares from 0 to 1."""


@st.composite
def parent_assignment(draw: st.DrawFn, n: int) -> list[str]:
    """A parent id for each of ``n`` rows, from a few parents (``"P0"``, ``"P1"``, ...)."""
    k = draw(st.integers(1, max(1, min(n, 5))))
    return [f"P{draw(st.integers(0, k - 1))}" for _ in range(n)]


@st.composite
def phases(draw: st.DrawFn) -> vdc.Phase:
    """A phase as a document might state it: often well formed, sometimes ending before it starts.

    Starts fall in a short window so that drawn phases often touch, overlap or leave gaps.
    """
    number = draw(st.integers(min_value=1, max_value=8))
    start = draw(
        st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2024, 4, 30))
    )
    length = draw(st.integers(min_value=-3, max_value=40))
    end = start + datetime.timedelta(days=length)
    return vdc.Phase(number, start, end, f"Giai đoạn {number}", None)


@st.composite
def ordered_phases(draw: st.DrawFn) -> list[vdc.Phase]:
    """Phases numbered 1, 2, … in order, each starting the day after the previous one ends."""
    start = draw(dates)
    out = []
    for number in range(1, draw(st.integers(min_value=1, max_value=6)) + 1):
        end = start + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        out.append(vdc.Phase(number, start, end, f"Giai đoạn {number}", None))
        start = end + datetime.timedelta(days=1)
    return out
