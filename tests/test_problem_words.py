"""Every problem is worded in both languages from one table, and a Vietnamese run says it in
Vietnamese.

The table is ``data/problems.toml``: each code of ``ERROR_CODES`` has at least one wording with
a Vietnamese and an English form, so a new code cannot be added without its Vietnamese. Then a
hostile table (a CSV and a JSON file) whose rows carry every code a table row can carry is
assessed with ``--lang vi`` in the table, JSON and CSV formats, and every rejection is scanned
for the English words of the library (the word list of ``tests/test_language.py``, to which
the English forms of the problems belong).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from tests.test_language import english_in
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.io.tables import table_from_records
from vn_drugfree_criteria.vocab.cells import Problem
from vn_drugfree_criteria.vocab.problem_words import WORDINGS, problem_words, worded_error
from vn_drugfree_criteria.vocab.sheet_cells import UNCOMPUTED, SheetError

PLAN = "national-28-qd-ttg-2025"
# Codes no row of a table of areas can carry: a Snapshot's unknown name, the programme
# figures' own codes, and the defensive code of a row that passed validation.
NOT_IN_TABLES = {"unknown_indicator", "unknown_figure", "period_invalid", "period_duplicate"}
NOT_IN_TABLES |= {"invalid"}

COLUMNS = (  # noqa: SIM905 - the header as the template writes it
    "id,level,parent_id,as_of,residents,registered_users,use_harbouring_venues,"
    "drug_offenders_arrested,plants_destroyed,cultivated_area_m2,on_intraprovincial_key_route,"
    "on_interprovincial_key_route,residents_addicted_or_using,"
    "residents_in_substitution_treatment,residents_in_home_community_rehab,"
    "residents_under_post_rehab_management,residents_drug_law_violators,wanted_drug_fugitives,"
    "communes,communes_class_1_2"
).split(",")
GOOD = dict.fromkeys(COLUMNS[4:18], "0") | {"level": "xã", "as_of": "2025-12-14"}

# One row per problem (the CSV file): the cells that differ from a valid commune row.
CSV_ROWS: list[dict[str, str]] = [
    {"id": "a1", "as_of": "14/12/2025"},
    {"id": "a2", "cultivated_area_m2": "1.500"},
    {"id": "a3", "level": "thị trấn"},
    {"id": "a4", "registered_users": "-2"},
    {"id": "a5", "communes": "3", "communes_class_1_2": "5"},
    {"id": "a6", "residents": ""},
    {"id": "a7", "residents": "3.5"},
    {"id": "a8", "residents": "99999999999999999999999"},
    {"id": "a9", "residents": "٣"},
    {"id": "a10", "cultivated_area_m2": "abc"},
    {"id": "a11", "on_intraprovincial_key_route": "2"},
    {"id": "a12", "communes_class_1_2": "1"},
    {"id": ""},
    {"id": "a1"},
    {"id": "a15", "parent_id": "a15"},
    {"id": "a16", "level": "xyz"},
    {"id": "a17", "level": "thôn"},
    {"id": "a18", "as_of": ""},
    {"id": "a19", "as_of": "2020-01-01"},
    {"id": "a20", "residents": "x" * 80},
    {"id": "a21", "level": "tỉnh, thị xã"},
]
EXTRA_CELLS = "a22,xã,,2025-12-14," + ",".join(["0"] * 16) + ",7,8\n"
# The JSON file: the problems only JSON values can carry.
JSON_ROWS: list[object] = [
    {**GOOD, "id": "b1", "residents": True},
    {**GOOD, "id": "b2", "residents": 2.0**60},
    {**GOOD, "id": [1]},
    7,
]


def _csv(tmp: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in CSV_ROWS:
        cells = GOOD | {"residents": "1000"} | row
        writer.writerow([cells.get(c, "") for c in COLUMNS])
    path = tmp / "hostile.csv"
    path.write_text(out.getvalue() + EXTRA_CELLS, encoding="utf-8")
    return path


def _json(tmp: Path) -> Path:
    path = tmp / "hostile.json"
    path.write_text(json.dumps(JSON_ROWS), encoding="utf-8")
    return path


def _assess(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> str:
    status = main(["assess", PLAN, str(path), "--max-cell-chars", "60", *options])
    assert status == 1
    return capsys.readouterr().out


def test_every_code_has_a_vietnamese_and_an_english_wording() -> None:
    """Each code of ERROR_CODES has a wording; each wording reports a known code, and its two
    forms differ and take the same values as written."""
    assert {w.code for w in WORDINGS.values()} == set(vdc.ERROR_CODES)
    for key, w in WORDINGS.items():
        values = dict.fromkeys(w.params, "9")
        vi, en = problem_words(key, "vi", values), problem_words(key, "en", values)
        assert vi != en, key
        assert vi.strip(), key
        assert en.strip(), key
        assert not english_in(vi), (key, vi)


def test_a_problem_keeps_its_english_message_and_says_it_in_vietnamese() -> None:
    """``message`` stays English; ``message_for("vi")`` gives the Vietnamese, dates day first."""
    p = Problem.worded(
        "as_of",
        "plan_ended",
        plan="'p'",
        valid_to=datetime.date(2025, 6, 30),
        day=datetime.date(2025, 12, 14),
    )
    assert p.message == "as_of: plan 'p' applies until 2025-06-30; 2025-12-14 is after that"
    assert p.message_for("en") == p.message
    assert p.message_for("vi") == (
        "as_of: kế hoạch 'p' áp dụng đến ngày 30/06/2025; ngày 14/12/2025 đã sau đó"
    )
    assert p == Problem("as_of", "plan_not_valid", p.reason)


def test_errors_keep_english_text_and_carry_the_vietnamese() -> None:
    """An exception's ``str()`` is English; ``message_vi`` is the same problem in Vietnamese."""
    exc = worded_error(
        vdc.NotValidOnDateError,
        "plan_ended",
        plan="'p'",
        valid_to=datetime.date(2025, 6, 30),
        day=datetime.date(2025, 12, 14),
    )
    assert str(exc).startswith("plan 'p' applies until 2025-06-30")
    assert exc.message_vi is not None
    assert "30/06/2025" in exc.message_vi
    with pytest.raises(vdc.SnapshotError) as info:
        vdc.Snapshot({"households": -2}, as_of=datetime.date(2025, 1, 1))
    assert str(info.value) == "households: must not be negative, got -2"
    assert info.value.message_vi == "households: không được âm, nhận được -2"


def test_a_hostile_table_in_vietnamese_has_no_english_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every code a table row can carry is reported, and in Vietnamese with no English word of
    the library's, in the table, JSON and CSV outputs alike; the codes stay as they are."""
    codes: set[str] = set()
    for path in (_csv(tmp_path), _json(tmp_path)):
        data = json.loads(_assess(capsys, path, "--format", "json", "--lang", "vi"))
        errors = [e for r in data["rejected"] for e in r["errors"]]
        codes |= {c for r in data["rejected"] for c in r["codes"]}
        assert errors
        assert not english_in("\n".join(errors)), errors
        rows = list(csv.DictReader(io.StringIO(_assess(capsys, path, "--format", "csv"))))
        text = "\n".join(r["errors"] for r in rows)
        assert text.strip()
        assert not english_in(text), text
        table = _assess(capsys, path, "--lang", "vi")
        assert "BỊ TỪ CHỐI" in table
        assert not english_in(table), table
        english = json.loads(_assess(capsys, path, "--format", "json", "--lang", "en"))
        assert [r["codes"] for r in english["rejected"]] == [r["codes"] for r in data["rejected"]]
    # A lone surrogate cannot come from a file (the readers refuse the file); from records it can,
    # and so can the cells of a workbook that hold no value.
    records = [
        {**GOOD, "id": "b4\ud800", "residents": 1},
        {**GOOD, "id": "b5", "residents": SheetError("#REF!")},
        {**GOOD, "id": "b6", "residents": UNCOMPUTED},
    ]
    result = vdc.assess_table(PLAN, table_from_records(PLAN, records)).to_dict(lang="vi")
    errors = [e for r in result["rejected"] for e in r["errors"]]
    assert errors
    assert not english_in("\n".join(errors)), errors
    codes |= {c for r in result["rejected"] for c in r["codes"]}
    assert codes == set(vdc.ERROR_CODES) - NOT_IN_TABLES


def test_row_errors_carry_their_vietnamese() -> None:
    """A rejected row read through the Python API, and a refused row of programme figures,
    carry their messages in both languages (``errors`` English, ``errors_vi`` Vietnamese)."""
    records = [{**GOOD, "id": "c1", "residents": -2}]
    rejected = vdc.assess_table(PLAN, table_from_records(PLAN, records)).rejected
    assert rejected[0].errors == ("residents: must not be negative, got -2",)
    assert rejected[0].errors_vi == ("residents: không được âm, nhận được -2",)
    with pytest.raises(vdc.RowError) as info:
        vdc.series_from_rows([{"period": "2024", "communes": "-2"}])
    assert info.value.errors == ("communes: must not be negative, got -2",)
    assert info.value.errors_vi == ("communes: không được âm, nhận được -2",)
