"""Areas in m² (``cultivated_area_m2``): exact non-negative decimals on every path.

Decision 28/2025/QĐ-TTg, Điều 4.1.d and 4.2.d: "từ 750 m2 trở lên", "từ 125 m2 đến dưới 750
m2". An area is measured, not counted, so a cell may hold a decimal; it is compared exactly.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.vocab.cells import read_cell
from vn_drugfree_criteria.vocab.decimals import decimal_text, json_number, read_decimal

PLAN = "national-28-qd-ttg-2025"
DAY = datetime.date(2026, 3, 1)
AREA = "cultivated_area_m2"


def commune(**counts: Any) -> dict[str, Any]:
    """A commune of 10,000 residents with nothing at all, then ``counts``."""
    base: dict[str, Any] = dict.fromkeys(vdc.get_plan(PLAN).indicators, 0)
    del base["communes"], base["communes_class_1_2"]
    base["residents"] = 10_000
    base.update(counts)
    return base


# Class I holds with 3 of its criteria: I.a (0,5% registered users) and I.b (2 venues) hold, so
# the area decides I.d, and with it class I.
CLASS_I = {"registered_users": 50, "use_harbouring_venues": 2}
# Class II: II.a (0,1%) and II.b (exactly 1 venue) hold, so the area decides II.d.
CLASS_II = {"registered_users": 10, "use_harbouring_venues": 1}


def _row(counts: dict[str, Any], value: Any) -> dict[str, Any]:
    return {"id": "A", "level": "xã", **commune(**counts), AREA: value}


def _class_of_table(table: vdc.Table) -> str | None:
    row = table.rows[0]
    assert row.ok, row.errors
    result = vdc.assess_table(PLAN, table).results[0]
    assert result is not None
    return result.key_complex_class


def every_path(counts: dict[str, Any], value: Any) -> dict[str, str | None]:
    """The key complex class of one commune with ``AREA`` = ``value``, on every entry point."""
    row = _row(counts, value)
    snap = vdc.Snapshot(commune(**counts, **{AREA: value}), as_of=DAY, level="xã")
    out = {"assess": vdc.assess(PLAN, snap).key_complex_class}
    out["records"] = _class_of_table(vdc.table_from_records(PLAN, [row], as_of=DAY))
    if isinstance(value, str | int | float):
        text = json.dumps([row], ensure_ascii=False)
        out["json"] = _class_of_table(vdc.parse_table(PLAN, text, format="json", as_of=DAY))
    if isinstance(value, str):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerows([list(row), list(row.values())])
        out["csv"] = _class_of_table(vdc.parse_table(PLAN, buf.getvalue(), as_of=DAY))
    cols = {k: [v] for k, v in commune(**counts).items()}
    for backend in ("python", "numpy"):
        for shape, column in (("list", [value]), ("array", np.array([value]))):
            result = vdc.assess_many(
                PLAN, {**cols, AREA: column}, level="xã", as_of=DAY, backend=backend
            )
            assert not result.rejected, result.rejected
            out[f"{backend}-{shape}"] = result.key_complex_class[0]
    frame = vdc.assess_frame(PLAN, pd.DataFrame([row]), as_of=DAY).iloc[0]
    assert frame["valid"], frame["errors"]
    out["frame"] = frame["key_complex_class"]
    return out


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (750, "I"),
        ("750", "I"),
        ("750,0", "I"),
        ("750.00", "I"),
        (750.0, "I"),
        (Decimal("750"), "I"),
        ("749,99", None),
        ("749.99", None),
        (749.99, None),
        (Fraction(74999, 100), None),
        ("750.0001", "I"),
    ],
)
def test_750_m2_exactly_meets_class_i_and_749_99_does_not(value: Any, expected: str) -> None:
    """Điều 4.1.d: "từ 750 m2 trở lên" is ≥ 750, exactly, on every path and both backends."""
    classes = every_path(CLASS_I, value)
    assert set(classes.values()) == {expected} if expected else "I" not in classes.values()


@pytest.mark.parametrize(
    ("value", "is_ii"),
    [("125", True), (125.0, True), ("124,99", False), (124.99, False), ("749,99", True)],
)
def test_125_m2_exactly_meets_class_ii_and_124_99_does_not(value: Any, is_ii: bool) -> None:
    """Điều 4.2.d: "từ 125 m2 đến dưới 750 m2" is 125 ≤ area < 750, on every path."""
    classes = every_path(CLASS_II, value)
    assert len(set(classes.values())) == 1, classes
    assert (next(iter(classes.values())) == "II") is is_ii


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("750,5", Fraction(1501, 2)),
        ("750.5", Fraction(1501, 2)),
        (" 0,25 ", Fraction(1, 4)),
        ("0.500", Fraction(1, 2)),  # no grouped number begins with 0: one reading only
        ("1,5000", Fraction(3, 2)),  # four digits after the separator: not a grouping
        ("1500.750", Fraction(6003, 4)),  # four leading digits: not a grouping
        ("1500", 1500),
        ("0", 0),
    ],
)
def test_a_decimal_is_read_with_either_separator(text: str, value: Fraction | int) -> None:
    """Vietnamese writes 750,5 and English 750.5: both are the same area."""
    assert read_decimal(text) == (value, "")
    assert type(read_decimal(text)[0]) is type(value)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("1.500", "ambiguous_decimal"),  # Vietnamese: 1500; English: 1.5
        ("2,750", "ambiguous_decimal"),
        ("750.000", "ambiguous_decimal"),
        ("1.500.000", "not_decimal"),
        ("1,500.5", "not_decimal"),
        ("7.5e2", "not_decimal"),
        ("+750", "not_decimal"),
        ("750.", "not_decimal"),
        (",5", "not_decimal"),
        ("-0,5", "negative"),
        (-0.5, "negative"),
        (True, "boolean"),
        (np.bool_(False), "boolean"),
        ("٧٥٠", "non_ascii_digits"),
        ("", "missing"),
        (float("nan"), "missing"),
        (None, "missing"),
        (float("inf"), "not_decimal"),
        (Fraction(1, 3), "not_decimal"),
        ("1" * 20, "too_large"),
        ("0," + "1" * 20, "too_large"),
        (2**63, "too_large"),
        (2.0**60, "inexact_float"),
        ("1" * 5000, "too_long"),
    ],
)
def test_each_refused_area_has_its_code(cell: Any, code: str) -> None:
    """Each refusal names its stable code, documented in ERROR_CODES."""
    assert read_decimal(cell) == (0, code)
    assert code in vdc.ERROR_CODES


def test_both_sides_of_the_thousands_trap_reject_or_read_the_row_on_every_path() -> None:
    """ "1.500" is refused with its own code on the table readers and both backends; "1.5" is
    read as one and a half."""
    for value, code in (("1.500", "ambiguous_decimal"), ("2,750", "ambiguous_decimal")):
        table = vdc.table_from_records(PLAN, [_row({}, value)], as_of=DAY)
        assert table.rows[0].error_codes == (code,)
        assert "thousands separator in Vietnamese" in table.rows[0].errors[0]
        cols = {k: [v] for k, v in commune(**{AREA: value}).items()}
        for backend in ("python", "numpy"):
            result = vdc.assess_many(PLAN, cols, level="xã", as_of=DAY, backend=backend)
            assert result.rejected[0].codes == (code,)
    snap = vdc.Snapshot(commune(**{AREA: "1,5"}), as_of=DAY, level="xã")
    assert snap[AREA] == Fraction(3, 2)


@pytest.mark.parametrize("name", ["plants_destroyed", "use_harbouring_venues", "residents"])
@pytest.mark.parametrize("value", ["3.5", "3,5", 3.5])
def test_counts_stay_whole(name: str, value: Any) -> None:
    """A decimal in a persons, places or plants column still rejects its row."""
    table = vdc.table_from_records(PLAN, [_row({name: value}, 0)], as_of=DAY)
    assert table.rows[0].error_codes == ("not_whole_number",)
    assert read_cell(value) == (0, "not_whole_number")
    cols = {k: [v] for k, v in commune(**{name: value}).items()}
    for backend in ("python", "numpy"):
        result = vdc.assess_many(PLAN, cols, level="xã", as_of=DAY, backend=backend)
        assert result.rejected[0].codes == ("not_whole_number",)


def test_the_explanation_writes_the_area_with_the_language_s_separator() -> None:
    """Vietnamese "750,5 m²", English "750.5 m²"; the bound is written with its unit too."""
    snap = vdc.Snapshot(commune(**{AREA: "750.5"}), as_of=DAY, level="xã")
    grade = vdc.assess(PLAN, snap).grades[0]
    (criterion,) = (g for c in grade.classes for g in c.criteria if g.criterion.id == "I.d")
    vi = criterion.requirements[0].explanation("vi")
    en = criterion.requirements[0].explanation("en")
    assert "Diện tích trồng cây có chứa chất ma túy bị phát hiện, triệt phá là 750,5 m²" in vi
    assert vi.endswith("750,5 m², từ 750 m² trở lên.")
    assert "Area under drug-bearing plants found and destroyed: 750.5 m², within" in en


def test_json_forms_carry_the_exact_decimal() -> None:
    """A whole value stays a JSON integer; a decimal is its exact text (no float)."""
    snap = vdc.Snapshot(commune(**{AREA: "0,1"}), as_of=DAY, level="xã")
    assert snap.to_dict()["counts"][AREA] == "0.1"
    assert json_number(Fraction(750)) == 750
    assert decimal_text(Fraction(1, 8)) == "0.125"
    cols = {k: [v, v] for k, v in commune().items()}
    cols[AREA] = [0.1, "749,99"]
    for backend in ("python", "numpy"):
        result = vdc.assess_many(PLAN, cols, level="xã", as_of=DAY, backend=backend)
        assert result.to_dict()["counts"][AREA] == ["0.1", "749.99"]


def test_areas_add_up_exactly_in_a_rollup_on_both_backends() -> None:
    """0.1 + 0.2 m² is 0.3 m² (a float sum would be 0.30000000000000004)."""
    cols = {k: [v, v] for k, v in commune().items()}
    cols[AREA] = ["0,1", 0.2]
    for backend in ("python", "numpy"):
        result = vdc.rollup_many(
            PLAN, cols, ["P", "P"], ids=["a", "b"], level="xã", as_of=DAY, backend=backend
        )
        assert result.to_dict()["parents"][0]["counts"][AREA] == "0.3", backend


def test_the_cli_reads_a_decimal_area_and_writes_it_exactly(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """`assess --format json` on a JSON table: the class and the explanation use the exact area."""
    path = tmp_path / "areas.json"
    rows = [
        {**_row(CLASS_I, "750,0"), "id": "meets"},
        {**_row(CLASS_I, "749,99"), "id": "below"},
        {**_row(CLASS_I, "1.500"), "id": "ambiguous"},
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    main(["assess", PLAN, str(path), "--format", "json", "--as-of", DAY.isoformat()])
    out = json.loads(capsys.readouterr().out)
    classes = {a["id"]: a["key_complex_class"] for a in out["areas"]}
    assert classes["meets"] == "I"
    assert classes["below"] != "I"
    assert [r["codes"] for r in out["rejected"]] == [["ambiguous_decimal"]]


def test_show_lists_the_area_as_a_decimal_in_m2() -> None:
    """`show` (JSON and text) names the unit and the reading of each indicator."""
    data = vdc.get_plan(PLAN).to_dict()
    (area,) = (i for i in data["indicators"] if i["name"] == AREA)
    assert (area["unit"], area["value"]) == ("m2", "decimal")


@settings(max_examples=60)
@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_any_decimal_text_reads_back_exactly_with_either_separator(value: Decimal) -> None:
    """Domain law: an area written with a point or a comma is that exact area, unless its
    separator is followed by exactly three digits after 1-3 leading digits (refused)."""
    text = f"{value:f}"
    head, _, tail = text.partition(".")
    for written in (text, text.replace(".", ",")):
        got = read_decimal(written)
        if len(tail) == 3 and len(head) <= 3 and head != "0":
            assert got == (0, "ambiguous_decimal")
        else:
            assert got == (Fraction(value), "")


@pytest.mark.parametrize("name", ["plants_destroyed", "use_harbouring_venues", "registered_users"])
def test_a_count_written_3_000_is_refused_on_every_path_not_read_as_3(name: str) -> None:
    """Input policy, reading trap: "3.000 cây" is three thousand plants in Vietnamese and 3 in
    English, so a count "3.000" is refused (``ambiguous_decimal``) on every path, and the input
    schema refuses it too; "3.0" and "3.0000" keep their one reading."""
    import jsonschema

    schema = vdc.json_schema("input")
    table = vdc.table_from_records(PLAN, [_row({name: "3.000"}, 0)], as_of=DAY)
    assert table.rows[0].error_codes == ("ambiguous_decimal",)
    cols = {k: [v] for k, v in commune(**{name: "3.000"}).items()}
    for backend in ("python", "numpy"):
        result = vdc.assess_many(PLAN, cols, level="xã", as_of=DAY, backend=backend)
        assert result.rejected[0].codes == ("ambiguous_decimal",)
    with pytest.raises(vdc.SnapshotError) as info:
        vdc.Snapshot(commune(**{name: "3.000"}), as_of=DAY, level="xã")
    assert info.value.code == "ambiguous_decimal"
    count = {"$defs": schema["$defs"], "$ref": "#/$defs/count"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("3.000", count)
    for one_reading in ("3.0", "3.0000", "03.000", "1000.000"):
        jsonschema.validate(one_reading, count)
        assert read_cell(one_reading)[1] == ""
