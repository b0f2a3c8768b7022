"""Reading tables of areas: CSV and JSON, per-row rejections, file-level errors."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings

import vn_drugfree_criteria as vdc
from tests.strategies import LAI_CHAU, table_rows, to_csv, village

AS_OF = datetime.date(2024, 3, 31)


def one_row(**overrides: object) -> vdc.Table:
    return vdc.parse_table(LAI_CHAU, to_csv([{k: str(v) for k, v in village(**overrides).items()}]))


def errors_of(**overrides: object) -> tuple[str, ...]:
    table = one_row(**overrides)
    assert len(table.rows) == 1
    assert not table.areas
    return table.rejected[0].errors


def test_valid_row_becomes_a_snapshot() -> None:
    table = one_row()
    assert len(table.areas) == 1
    assert not table.rejected
    snap = table.areas[0].snapshot
    assert snap is not None
    assert snap.level is vdc.Level.VILLAGE
    assert snap.kind is not None
    assert snap.kind.name_vi == "tổ dân phố"
    assert snap.as_of == AS_OF
    assert snap["households"] == 40


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"households": "-3"}, "households: must not be negative, got -3"),
        ({"households": "abc"}, "households: not a whole number ('abc')"),
        ({"households": "2.5"}, "households: not a whole number ('2.5')"),
        ({"households": "٤١"}, "households: write the number with the digits 0-9 ('٤١')"),
        ({"households": ""}, "households: missing (blank cell); criterion C6 needs it"),
        ({"households_committed": "41"}, "households_committed: 41 is larger than its whole"),
        ({"level": "làng xóm mới"}, "level: unknown level or unit kind"),
        ({"level": "tỉnh"}, "level: plan 'lai-chau-city-2024' has no criteria for the province"),
        ({"as_of": "2024-02-30"}, "as_of: '2024-02-30' is not an ISO date"),
        ({"as_of": "2026-01-01"}, "as_of: plan 'lai-chau-city-2024' applies until 2025-11-30"),
        ({"id": ""}, "id: missing"),
        ({"id": "X", "parent_id": "X"}, "parent_id: an area cannot be its own parent"),
    ],
)
def test_each_bad_cell_is_named(overrides: dict[str, object], expected: str) -> None:
    errors = errors_of(**overrides)
    assert any(e.startswith(expected) for e in errors), errors


def test_blank_is_missing_never_zero() -> None:
    """DOMAIN: a blank cell is missing; treating it as 0 would pass 'không có' silently."""
    errors = errors_of(hotspots="")
    assert errors == ("hotspots: missing (blank cell); criterion C1 needs it",)


def test_thi_tran_after_reform_is_rejected_naming_the_reform() -> None:
    lao_cai = dict.fromkeys(vdc.get_plan("lao-cai-414-2023").indicators, 0)
    rows = [
        {"id": "A", "level": "thị trấn", "as_of": "2025-06-30", **lao_cai},
        {"id": "B", "level": "Thi Tran", "as_of": "2025-07-01", **lao_cai},
    ]
    table = vdc.table_from_records("lao-cai-414-2023", rows)
    assert [r.area_id for r in table.areas] == ["A"]
    (error,) = table.rejected[0].errors
    assert error.startswith("level: the unit kind 'thị trấn' (township) no longer existed")
    assert "two-level local government reform" in error


def test_duplicate_id_rejects_the_later_row_naming_the_earlier() -> None:
    text = to_csv([{k: str(v) for k, v in village().items()}] * 2)
    table = vdc.parse_table(LAI_CHAU, text)
    assert [r.row for r in table.areas] == [1]
    assert table.rejected[0].row == 2
    assert table.rejected[0].errors == ("id: 'TDP-01' is already used by row 1",)


def test_bom_and_nfd_header_and_kind_values() -> None:
    text = to_csv([{k: str(v) for k, v in village(level="Tổ Dân Phố").items()}], {"ghi chú": "x"})
    data = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).upper().encode("utf-8")
    table = vdc.parse_table(LAI_CHAU, data.replace(b"TDP-01", b"tdp-01"))
    assert len(table.areas) == 1, table.rejected
    snap = table.areas[0].snapshot
    assert snap is not None
    assert snap.kind is not None
    assert snap.kind.name_vi == "tổ dân phố"
    assert table.columns[0] == "ID"  # carried as written, BOM removed
    assert table.rows[0].cells[-1] == unicodedata.normalize("NFD", "X")


def test_as_of_given_once_applies_to_blank_cells_only() -> None:
    rows = [village(id="A", as_of=""), village(id="B", as_of="2024-06-30")]
    table = vdc.table_from_records(LAI_CHAU, rows, as_of=AS_OF)
    dates = [r.snapshot.as_of for r in table.areas if r.snapshot is not None]
    assert dates == [AS_OF, datetime.date(2024, 6, 30)]
    without = vdc.table_from_records(LAI_CHAU, rows)
    assert without.rejected[0].errors == ("as_of: missing (fill the cell or give --as-of)",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no header row"),
        (b"id,as_of\nA,\xe1\n", "line 2: not valid UTF-8"),
        (b"level,as_of,hotspots\nxa,2024-01-01,0\n", "required column 'id' is missing"),
        (b"id,level\nA,ban\n", "no 'as_of' column and no as_of date"),
        (b"id,as_of,hotspots\nA,2024-03-31,0\n", "required column(s) missing: complex_points"),
        (b"id,ID,as_of\n", "column 'id' appears twice"),
    ],
)
def test_file_level_problems(data: bytes, message: str) -> None:
    with pytest.raises(vdc.TableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        vdc.parse_table(LAI_CHAU, data)


def test_json_list_and_areas_object_read_the_same() -> None:
    rows = [village(id="A"), village(id="B", households=-1), "not an object"]
    as_list = vdc.parse_table(LAI_CHAU, json.dumps(rows), format="json")
    as_obj = vdc.parse_table(LAI_CHAU, json.dumps({"areas": rows}), format="json")
    for table in (as_list, as_obj):
        assert [r.area_id for r in table.areas] == ["A"]
        assert [r.row for r in table.rejected] == [2, 3]
        assert table.rejected[1].errors[0].startswith("row: expected an object")


def test_broken_json_names_the_line() -> None:
    with pytest.raises(vdc.TableError, match="line 2: not valid JSON"):
        vdc.parse_table(LAI_CHAU, '[\n{"id": }]', format="json")


def test_read_table_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(vdc.TableError, match="cannot read the file"):
        vdc.read_table(LAI_CHAU, tmp_path / "absent.csv")


def test_extra_cells_beyond_the_header_reject_the_row_without_losing_them() -> None:
    text = to_csv([{k: str(v) for k, v in village().items()}]).rstrip("\n") + ",surplus\n"
    (error,) = vdc.parse_table(LAI_CHAU, text).rejected[0].errors
    assert "extra cells: 'surplus'" in error


class TestEveryRowAccountedFor:
    """Issue 2 item 8: a batch never loses a row; each ends in exactly one of areas/rejected."""

    @given(table_rows())
    @settings(max_examples=60, deadline=None)
    def test_rows_partition(self, rows: list[tuple[dict[str, str], bool]]) -> None:
        table = vdc.parse_table(LAI_CHAU, to_csv([r for r, _ in rows]))
        assert len(table.rows) == len(rows)
        ok = {r.row for r in table.areas}
        bad = {r.row for r in table.rejected}
        assert ok.isdisjoint(bad)
        assert ok | bad == set(range(1, len(rows) + 1))
        assert ok == {i for i, (_, valid) in enumerate(rows, 1) if valid}
        for r in table.rejected:
            assert r.errors
            assert all(":" in e for e in r.errors)
