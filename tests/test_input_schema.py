"""The input schema and the library agree on every cell: what one accepts, the other accepts."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.vocab.indicators import FLAGS, INDICATORS

PLAN = "national-28-qd-ttg-2025"
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
PIECES = st.sampled_from(
    ["0", "1", "2", "9", "00", ".", ".0", ",", "-", "+", "e", "٣", "３", "\ufeff"]
)
TEXT = st.lists(st.one_of(PIECES, st.sampled_from(list(SPACES))), max_size=8).map("".join)
BIG_TEXT = st.integers(2**63 - 10, 2**63 + 10).map(str) | st.integers(0, 2**70).map(str)
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(2**63 - 5, 2**63 + 5),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20),
    st.sampled_from([0.0, 1.0, 2.0, -0.0, 0.5, 3.0, 2.0**53, "9" * 4097, " " * 4097, "1" * 4096]),
    TEXT,
    BIG_TEXT,
)


def schema_accepts(column: str, cell: Any) -> bool:
    validator = jsonschema.Draft202012Validator(vdc.json_schema("input"))
    return bool(validator.is_valid([{"id": "A", column: cell}]))


def library_accepts(column: str, cell: Any) -> bool:
    """Whether a row reads this cell without refusing its form."""
    counts = dict.fromkeys(vdc.get_plan(PLAN).indicators, 0)
    record = {**counts, "id": "A", "level": "xã", "as_of": "2025-09-01", column: cell}
    table = vdc.table_from_records(PLAN, [record])
    row = table.rows[0]
    problems = zip(row.errors, row.error_codes, strict=True)
    # A blank cell is missing: well-formed, though a plan that needs the count refuses the row.
    return not any(m.startswith(f"{column}:") and code != "missing" for m, code in problems)


@settings(max_examples=300)
@given(cell=CELLS, column=st.sampled_from(["residents", "on_interprovincial_key_route"]))
def test_the_input_schema_accepts_exactly_what_the_library_accepts(column: str, cell: Any) -> None:
    """Input policy: a count cell (and a yes/no cell, 0 or 1 only) is valid in the schema exactly
    when the library reads it. One gap is left to the description, since JSON Schema cannot see
    it: a whole float above 2**53 (1e17) is an integer to JSON Schema but refused as inexact."""
    assume(not (isinstance(cell, float) and cell.is_integer() and abs(cell) > 2**53))
    assert schema_accepts(column, cell) == library_accepts(column, cell)


@pytest.mark.parametrize(
    ("cell", "ok"),
    [(0, True), (1, True), (2, False), ("1", True), (" 01.0 ", True), ("2", False), (1.0, True)],
)
def test_a_yes_no_column_takes_only_0_or_1(cell: Any, ok: bool) -> None:
    """The key-route columns are yes/no: anything else is refused (not_yes_no) by both."""
    assert schema_accepts("on_intraprovincial_key_route", cell) is ok
    assert library_accepts("on_intraprovincial_key_route", cell) is ok


def test_every_indicator_has_its_column_in_the_input_schema() -> None:
    """Each count indicator is a count, each yes/no indicator a yes/no in the input schema."""
    area = vdc.json_schema("input")["$defs"]["area"]["properties"]
    for name, item in INDICATORS.items():
        if item.value_kind == "count":
            assert area[name] == {"$ref": "#/$defs/count"}, name
    for name in FLAGS:
        assert area[name] == {"$ref": "#/$defs/yes_no"}, name
    assert json.dumps(area, ensure_ascii=False)
