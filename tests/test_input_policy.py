"""One input policy: every entry point reads a cell the same way and words its problem alike."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.common import clean_counts

PLAN = vdc.get_plan("lai-chau-city-2024")
DAY = datetime.date(2024, 6, 30)
BASE = clean_counts(PLAN)

# Outcome of one row: (rejected messages, their codes, drug-free verdict or None).
Outcome = tuple[tuple[str, ...], tuple[str, ...], bool | None]

TEXT_FORMS = st.one_of(
    st.from_regex(r"[ \t]{0,2}-?[0-9]{1,22}(\.0{0,2})?[ \t]{0,2}", fullmatch=True),
    st.text(alphabet=" 0123456789.-+e,_abc٣３๓𝟑\u00a0", max_size=6),
    st.sampled_from(["", "   ", "٣", "３", "๓", "𝟑", "+3", "3e2", "3,000", "1" * 5000, "0" * 30]),
)
PYTHON_NUMBERS = st.one_of(
    st.integers(-10, 10),
    st.integers(2**63 - 3, 2**63 + 3),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([3.0, -0.0, -3.0, 2.0**53, 2.0**53 + 2, 2.0**63, 1e17, 0.5]),
)
NUMPY_VALUES = st.one_of(
    st.integers(-5, 2**63 - 1).map(np.int64),
    st.integers(0, 2**64 - 1).map(np.uint64),
    st.floats(allow_nan=True).map(np.float64),
    st.booleans().map(np.bool_),
    st.sampled_from([pd.NA, np.nan, np.ma.masked]),
)
CELLS = st.one_of(st.none(), st.booleans(), PYTHON_NUMBERS, TEXT_FORMS, NUMPY_VALUES)
"""Cells of every kind an app, a spreadsheet or a notebook delivers."""


def _row(name: str, value: Any) -> dict[str, Any]:
    return {"id": "X", "level": "thôn", **BASE, name: value}


def via_snapshot(name: str, value: Any) -> Outcome:
    try:
        snap = vdc.Snapshot({**BASE, name: value}, as_of=DAY, level="village")
        return (), (), vdc.assess(PLAN, snap).drug_free
    except vdc.SnapshotError as exc:
        return (str(exc),), (exc.code,), None


def via_table(table: vdc.Table) -> Outcome:
    row = table.rows[0]
    if not row.ok:
        return row.errors, row.error_codes, None
    result = vdc.assess_table(PLAN, table).results[0]
    assert result is not None
    return (), (), result.drug_free


def via_records(name: str, value: Any) -> Outcome:
    return via_table(vdc.table_from_records(PLAN, [_row(name, value)], as_of=DAY))


def via_json(name: str, value: Any) -> Outcome | None:
    value = value.item() if isinstance(value, np.generic) else value
    if not isinstance(value, str | int | float | None) or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        return None
    text = json.dumps([_row(name, value)], ensure_ascii=False)
    return via_table(vdc.parse_table(PLAN, text, format="json", as_of=DAY))


def via_csv(name: str, value: Any) -> Outcome | None:
    if not isinstance(value, str | None):
        return None
    out = io.StringIO()
    row = _row(name, "" if value is None else value)
    writer = csv.writer(out)
    writer.writerow(list(row))
    writer.writerow(list(row.values()))
    return via_table(vdc.parse_table(PLAN, out.getvalue(), as_of=DAY))


def via_many(name: str, column: Any, backend: str) -> Outcome:
    cols = {**{k: [v] for k, v in BASE.items()}, name: column}
    result = vdc.assess_many(PLAN, cols, ids=["X"], level="village", backend=backend)  # type: ignore[arg-type]
    if result.rejected:
        return result.rejected[0].errors, result.rejected[0].codes, None
    return (), (), result.drug_free[0]


def via_frame(name: str, value: Any) -> Outcome:
    frame = pd.DataFrame([_row(name, None)])
    frame[name] = pd.Series([value], dtype=object)
    out = vdc.assess_frame(PLAN, frame, as_of=DAY, lang="en").iloc[0]
    if not out["valid"]:
        # the frame joins a row's problems with "; " (which a message may contain itself)
        return (out["errors"],), tuple(out["error_codes"].split("; ")), None
    return (), (), bool(out["drug_free"])


def every_path(name: str, value: Any) -> dict[str, Outcome]:
    records = via_records(name, value)
    frame = via_frame(name, value)
    assert frame == (("; ".join(records[0]),) if records[0] else (), records[1], records[2])
    outcomes = {
        "records": records,
        "python": via_many(name, [value], "python"),
        "numpy-objects": via_many(name, [value], "numpy"),
    }
    for path, outcome in (("json", via_json(name, value)), ("csv", via_csv(name, value))):
        if outcome is not None:
            outcomes[path] = outcome
    if isinstance(value, bool | int | float | np.generic) and value is not np.ma.masked:
        try:
            array = np.array([value])
        except OverflowError:
            pass
        else:
            outcomes["numpy-array"] = via_many(name, array, "numpy")
            masked = np.ma.masked_array(array, mask=[True])
            assert via_many(name, masked, "numpy")[1][:1] == ("missing",)
    return outcomes


@settings(max_examples=150)
@given(value=CELLS)
def test_every_entry_point_reads_a_cell_alike(value: Any) -> None:
    """Input policy: Snapshot, the table readers (records, JSON, CSV), assess_many on both
    backends and assess_frame give one verdict, one message and one code for any cell."""
    outcomes = every_path("hotspots", value)
    first = outcomes["records"]
    assert all(o == first for o in outcomes.values()), outcomes
    messages, codes, _ = first
    assert len(messages) == len(codes)
    assert set(codes) <= set(vdc.ERROR_CODES)
    # Snapshot refuses exactly the cells the rows refuse, with the same words (missing cells
    # are left out of a snapshot and refused by assess, naming the criterion that needs them).
    assert via_snapshot("hotspots", value) == first


@settings(max_examples=60)
@given(value=CELLS)
def test_a_whole_and_its_part_are_judged_alike(value: Any) -> None:
    """Input policy: part ≤ whole is one rule; a part over a blank whole is refused alike."""
    outcomes = every_path("households", value)
    first = outcomes["records"]
    assert all(o == first for o in outcomes.values()), outcomes
    snap_messages, snap_codes, _ = via_snapshot("households", value)
    assert set(snap_codes) <= set(first[1])
    assert set(snap_messages) <= set(first[0])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("٣", "non_ascii_digits"),
        ("３", "non_ascii_digits"),
        ("๓", "non_ascii_digits"),
        ("𝟑", "non_ascii_digits"),
        (True, "boolean"),
        (-1, "negative"),
        ("-1", "negative"),
        (2**63, "too_large"),
        ("9" * 4400, "too_long"),
        ("9" * 400, "too_large"),
        (1e17, "inexact_float"),
        (2.5, "not_whole_number"),
        ("3e2", "not_whole_number"),
    ],
)
def test_each_refused_form_has_its_code(value: Any, code: str) -> None:
    """The documented table of refused forms, one code each."""
    assert via_records("hotspots", value)[1] == (code,)


@pytest.mark.parametrize("value", [3, "3", " 3 ", "3.0", 3.0, np.int64(3), "03"])
def test_each_accepted_form_is_the_count(value: Any) -> None:
    """The documented table of accepted forms: all are the count 3 (hotspots: not drug-free)."""
    assert via_records("hotspots", value) == ((), (), False)
    snap = vdc.Snapshot({"hotspots": value}, as_of=DAY)
    assert snap["hotspots"] == 3


def _frame() -> pd.DataFrame:
    return pd.DataFrame({k: [v, v] for k, v in BASE.items()})


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_pandas_extension_columns_read_alike(backend: str) -> None:
    """Input policy on the numpy path too: nullable <NA> is missing; sparse columns are counts."""
    frame = _frame()
    frame["households"] = pd.array([40, None], dtype="Int64")
    frame["hotspots"] = pd.arrays.SparseArray([0, 1])
    result = vdc.assess_many(PLAN, frame, backend=backend)  # type: ignore[arg-type]
    assert list(result.drug_free) == [True, None]
    assert result.rejected[0].codes == ("missing", "part_without_whole")


def test_a_masked_cell_is_missing_on_both_backends() -> None:
    """A masked numpy cell is unknown: never its underlying value (issue: numpy read it as 0)."""
    cols: dict[str, Any] = {k: [v] for k, v in BASE.items()}
    cols["hotspots"] = np.ma.masked_array([0], mask=[True])
    for backend in ("python", "numpy"):
        result = vdc.assess_many(PLAN, cols, backend=backend)  # type: ignore[arg-type]
        assert list(result.drug_free) == [None]
        assert result.rejected[0].codes == ("missing",)


@pytest.mark.parametrize(
    "call",
    [
        lambda: vdc.assess_many(PLAN, pd.concat([_frame(), _frame()[["hotspots"]]], axis=1)),
        lambda: vdc.assess_many(PLAN, _frame(), as_of="2024-06-01"),  # type: ignore[arg-type]
        lambda: vdc.assess_many(PLAN, _frame(), as_of=datetime.datetime(2024, 6, 1)),
        lambda: vdc.assess_many(PLAN, _frame(), level=3),  # type: ignore[arg-type]
        lambda: vdc.assess_many(PLAN, {k: iter([v]) for k, v in BASE.items()}),
        lambda: vdc.table_from_records(PLAN, [], as_of="2024-06-01"),  # type: ignore[arg-type]
        lambda: vdc.table_from_records(PLAN, 3, as_of=DAY),  # type: ignore[arg-type]
        lambda: vdc.parse_table(PLAN, 3, as_of=DAY),  # type: ignore[arg-type]
        lambda: vdc.parse_table(PLAN, '[{"id": "a", "id": "b"}]', format="json", as_of=DAY),
        lambda: vdc.parse_table(PLAN, "[" * 100_000 + "]" * 100_000, format="json", as_of=DAY),
        lambda: vdc.Snapshot([1], as_of=DAY),  # type: ignore[arg-type]
        lambda: vdc.Snapshot({}, as_of="2024-06-01"),  # type: ignore[arg-type]
        lambda: vdc.assess_frame(
            PLAN, pd.concat([_frame(), _frame()[["hotspots"]]], axis=1), as_of=DAY
        ),
    ],
)
def test_bad_arguments_raise_only_library_errors(call: Any) -> None:
    """Every public function given bad input raises a DrugFreeError subclass, nothing else."""
    with pytest.raises(vdc.DrugFreeError):
        call()


def test_a_repeated_json_key_is_named() -> None:
    with pytest.raises(vdc.TableError, match="key 'households' appears twice"):
        vdc.parse_table(PLAN, '[{"id": "a", "households": 1, "households": 2}]', format="json")


def test_numpy_integers_are_read_from_records() -> None:
    record = {"id": np.int64(7), **{k: np.int64(v) for k, v in BASE.items()}}
    table = vdc.table_from_records(PLAN, [record], as_of=DAY)
    assert table.rows[0].ok
    assert table.rows[0].area_id == "7"


def test_huge_numbers_reject_their_row_not_the_file() -> None:
    """A number of thousands of digits is refused on its row (it was a traceback)."""
    header = ",".join(["id", *BASE])
    cells = ",".join(["a", *(str(v) for v in BASE.values())])
    huge = cells.replace(",0,", "," + "9" * 5000 + ",", 1)
    table = vdc.parse_table(PLAN, f"{header}\n{cells.replace('a', 'b', 1)}\n{huge}\n", as_of=DAY)
    assert [r.ok for r in table.rows] == [True, False]
    assert table.rows[1].error_codes == ("too_long",)
    as_json = json.dumps([{"id": "a", **BASE}]).replace(": 0,", ": " + "9" * 5000 + ",", 1)
    row = vdc.parse_table(PLAN, as_json, format="json", as_of=DAY).rows[0]
    assert row.error_codes == ("too_long",)


def test_a_cell_above_the_csv_module_limit_rejects_only_its_row() -> None:
    header = ",".join(["id", "note", *BASE])
    cells = ",".join(["{}", "{}", *(str(v) for v in BASE.values())])
    text = f"{header}\n{cells.format('a', 'x' * 200_000)}\n{cells.format('b', 'ok')}\n"
    table = vdc.parse_table(PLAN, text, as_of=DAY)
    assert [r.ok for r in table.rows] == [False, True]
    assert table.rows[0].errors == ("note: too long (200000 characters; at most 4096)",)


def test_ids_and_parent_ids_are_compared_in_nfc() -> None:
    """'Xã A' typed in NFC and in NFD is one area."""
    nfc, nfd = "Xã A", "Xa\u0303 A"
    rows = [{"id": nfc, **BASE}, {"id": nfd, **BASE}]
    table = vdc.table_from_records(PLAN, rows, as_of=DAY)
    assert table.rows[1].error_codes == ("id_duplicate",)
    with pytest.raises(vdc.InputError, match="duplicate id"):
        vdc.assess_many(PLAN, {k: [v, v] for k, v in BASE.items()}, ids=[nfc, nfd])


def test_figures_refuse_what_assess_refuses() -> None:
    """Programme figures follow the same policy: non-ASCII digits and counts above 2**63 - 1."""
    for value, code in (
        ("٣", "non_ascii_digits"),
        ("３", "non_ascii_digits"),
        (2**63, "too_large"),
    ):
        with pytest.raises(vdc.RowError) as info:
            vdc.series_from_rows([{"period": "2022", "rings_dismantled": value}])
        assert info.value.codes == (code,)
    with pytest.raises(vdc.RowError, match="period"):
        vdc.series_from_rows([{"period": "٢٠٢٢"}])
