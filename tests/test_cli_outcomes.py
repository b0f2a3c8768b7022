"""The streamed ``assess`` output reuses the text of each outcome: the same bytes as row by row.

The streamed writers keep the text of an assessed row's results by its outcome
(:meth:`~vn_drugfree_criteria.engine.assess.Assessment.outcome`) and fill in only what differs
from row to row (its cells, or its ``row``, ``id`` and ``parent_id``). The whole-table path
builds every row's text alone (:meth:`~vn_drugfree_criteria.io.csvout.CsvForm.record` and
:func:`~vn_drugfree_criteria.io.csvout.write_csv`, or the whole document's JSON), so both must
agree byte for byte on tables that mix many plain rows sharing outcomes with hostile ones.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.engine.assess_plain import PlainOutcomes
from vn_drugfree_criteria.io import stream
from vn_drugfree_criteria.io.csvout import CsvForm, csv_line, csv_rows, write_csv
from vn_drugfree_criteria.io.items import csv_items
from vn_drugfree_criteria.io.jsonout import json_text
from vn_drugfree_criteria.io.reading import RowReader

PLAN = "lai-chau-city-2024"
EXAMPLE = vdc.example_table(PLAN)
COLUMNS = tuple(c for c in EXAMPLE.columns if c != "note")
_AT = {name: i for i, name in enumerate(EXAMPLE.columns)}
BODY = [tuple(row.cells[_AT[c]] for c in COLUMNS) for row in EXAMPLE.rows]
COUNTS = [i for i, c in enumerate(COLUMNS) if c not in ("id", "level", "parent_id", "as_of")]

HOSTILE = st.sampled_from(
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        " =1",
        "\u00a0=1",
        "\u200b+1",
        "\uff1d1",
        "\u3000@x",
        'say "hi"',
        "a,b",
        "line\nbreak",
        "cr\rhere",
        "",
        " ",
        "٣",
        "１",
        "3.5",
        "1e3",
        "99999999999999999999",
        "x" * 300,
        "Hòa",
    ]
)


@st.composite
def tables(draw: st.DrawFn) -> list[tuple[str, ...]]:
    """Rows of the example (ids made new, counts sometimes nudged) and hostile rows, mixed."""
    out: list[tuple[str, ...]] = []
    for n in range(draw(st.integers(1, 30))):
        cells = list(draw(st.sampled_from(BODY)))
        cells[0] = draw(st.sampled_from([f"{cells[0]}-{n}", cells[0], "A", "=A"]))
        if draw(st.booleans()):  # another count: a new outcome, or a part above its whole
            at = draw(st.sampled_from(COUNTS))
            cells[at] = str(draw(st.integers(0, 120)))
        if draw(st.integers(0, 3)) == 0:  # a hostile cell anywhere
            cells[draw(st.integers(0, len(cells) - 1))] = draw(HOSTILE)
        out.append(tuple(cells))
    return out


def _run(path: Path, fmt: str, lang: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["assess", PLAN, str(path), "--format", fmt, "--lang", lang])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue()


def _row_by_row(path: Path, fmt: str, lang: str) -> str:
    """The whole-table path: every row's text built alone."""
    result = vdc.assess_table(PLAN, vdc.read_table(PLAN, path))
    if fmt == "json":
        return json_text(result.to_dict(lang=lang))
    out = io.StringIO()
    write_csv(csv_rows(result, lang=lang), out)
    return out.getvalue()


@pytest.mark.parametrize("hide_numpy", [False, True], ids=["numpy", "no numpy"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(["csv", "json"]), st.sampled_from(["vi", "en"]), st.integers(1, 7))
def test_outcome_text_is_the_row_by_row_text(
    hide_numpy: bool,
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, ...]],
    fmt: str,
    lang: str,
    chunk: int,
) -> None:
    """Law: the streamed CSV and JSON output, which reuses each outcome's text, is byte for byte
    the whole-table output built row by row, with or without numpy, in chunks of any size; and
    every input row is in it exactly once, in order."""
    path = tmp_path_factory.mktemp("t") / "t.csv"
    path.write_text(csv_line(COLUMNS) + "".join(map(csv_line, rows)), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stream, "CHUNK_ROWS", chunk)
        if hide_numpy:  # the pure-Python install: importing numpy raises ImportError
            mp.setitem(sys.modules, "numpy", None)
        code, out = _run(path, fmt, lang)
    try:
        expected = _row_by_row(path, fmt, lang)
    except vdc.DrugFreeError:  # the table as a whole does not read
        assert code == 2
        return
    assert code in (0, 1)
    assert out == expected
    if fmt == "csv":
        records = list(csv.reader(io.StringIO(out, newline="")))[1:]
        for record, row in zip(records, rows, strict=True):  # each row once, in order
            cells = zip(record[: len(row)], row, strict=True)
            assert all(c in (cell, "'" + cell) for c, cell in cells)
    else:
        doc = json.loads(out)
        numbers = sorted(e["row"] for e in doc["areas"] + doc["rejected"])
        assert numbers == list(range(1, len(rows) + 1))
        assert [e["row"] for e in doc["areas"]] == sorted(e["row"] for e in doc["areas"])


def test_rows_sharing_an_outcome_keep_their_own_ids(tmp_path: Path) -> None:
    """Two rows of one outcome (same counts, other ids and parents) are written each with its
    own id, parent and row number, and the same results."""
    first = BODY[0]
    other = ("B-9", first[1], "P-9", *first[3:])
    path = tmp_path / "t.csv"
    path.write_text(csv_line(COLUMNS) + csv_line(first) + csv_line(other), encoding="utf-8")
    _, out = _run(path, "json", "en")
    areas = json.loads(out)["areas"]
    assert [(a["row"], a["id"], a["parent_id"]) for a in areas] == [
        (1, first[0], first[2] or None),
        (2, "B-9", "P-9"),
    ]
    assert {k: v for k, v in areas[0].items() if k not in ("row", "id", "parent_id")} == {
        k: v for k, v in areas[1].items() if k not in ("row", "id", "parent_id")
    }
    _, text = _run(path, "csv", "en")
    lines = text.splitlines()
    assert lines[1].startswith(",".join(first) + ",")
    assert lines[2].startswith(",".join(other) + ",")
    assert lines[1][len(",".join(first)) :] == lines[2][len(",".join(other)) :]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_plain_rows_outcome_is_its_assessments_outcome(rows: list[tuple[str, ...]]) -> None:
    """Law: the outcome and verdicts decided for a plain row without building it are those of
    the assessment of the row built, and the CSV line written for it from them is that row's
    line (in both languages)."""
    plan = vdc.get_plan(PLAN)
    text = csv_line(COLUMNS) + "".join(map(csv_line, rows))
    header, items = csv_items(text, "t")
    reader = RowReader(plan, "t", header, None, has_rows=True, text_cells=True)
    try:
        plain, _ = reader.read_plain(items)
    except vdc.DrugFreeError:
        return
    if plain is None:
        return
    found = PlainOutcomes(plan).outcomes(plain, lambda k: reader.build(plain, k).snapshot)
    form = CsvForm(plan, header)
    lines = {lang: CsvForm(plan, header).decided_lines(plain, found, lang) for lang in ("vi", "en")}
    for k, decided in enumerate(found):
        if decided is not None:
            assert plain.ok[k]
            row = reader.build(plain, k)
            a = vdc.assess(plan, row.snapshot)
            key, met, compiled = decided
            assert a.outcome() == key
            assert dict(zip(compiled.index, met, strict=True)) == a.verdicts()
            for lang in ("vi", "en"):
                assert lines[lang][k] == form.line(row, a, lang)
