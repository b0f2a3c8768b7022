"""The real command line on generated hostile tables.

Each example writes a CSV or JSON table (cells drawn from valid counts, blanks, huge numbers,
non-ASCII digits, formula prefixes, quotes, line breaks and control characters) and runs
``vn-drugfree assess`` on it through :func:`~vn_drugfree_criteria.cli.main.main`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.io.csvout import csv_line, executes_as_formula

PLAN = "lai-chau-city-2024"
COLUMNS = ("id", "level", "parent_id", "as_of", *vdc.get_plan(PLAN).indicators)

HOSTILE = st.sampled_from(
    [
        "=cmd|' /C calc'!A0",
        " =1+1",
        "\u00a0@SUM(A1)",
        "\uff1d1",
        "\r=1",
        "a\nb",
        'say "hi"',
        "x,y",
        "\x1b[31m",
        "\u202e",
        "٨٣",
        "9" * 40,
        "-1",
        "3.0",
        "1e3",
        "",
        " ",
    ]
)
CELL = st.one_of(
    st.integers(min_value=0, max_value=60).map(str),
    HOSTILE,
    st.text(max_size=12),
)
LEVEL = st.sampled_from(["thôn", "tổ dân phố", "xã", "phường", "thành phố", "village", "", "?"])
ROW = st.fixed_dictionaries(
    {
        "id": st.one_of(st.sampled_from(["A", "B", "C", "P"]), CELL),
        "level": LEVEL,
        "parent_id": st.sampled_from(["", "P", "A", "Q"]),
        "as_of": st.sampled_from(["2024-06-30", "", "2024-02-30", "30/06/2024"]),
    },
    optional=dict.fromkeys(COLUMNS[4:], CELL),
)
TABLE = st.lists(ROW, min_size=1, max_size=8)


def _csv_text(rows: list[dict[str, str]]) -> str:
    return csv_line(COLUMNS) + "".join(csv_line([r.get(c, "0") for c in COLUMNS]) for r in rows)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _check_failure_or_success(code: int, err: str) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    assert "internal error" not in err
    if code == 2:
        assert err.count("\n") == 1, err


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(TABLE, st.booleans())
def test_csv_output_is_every_row_once_and_never_executes(
    rows: list[dict[str, str]], rollup: bool
) -> None:
    """Law: exit 0, 1 or 2 without a traceback; with 0 or 1, the CSV output re-read has the
    header and every input row once, in order, with its cells kept, and no cell a spreadsheet
    would execute."""
    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder) / "t.csv"
        f.write_text(_csv_text(rows), encoding="utf-8")
        code, out, err = _run(
            "assess", PLAN, str(f), "--format", "csv", *(["--rollup"] if rollup else [])
        )
    _check_failure_or_success(code, err)
    if code == 2:
        return
    back = list(csv.reader(io.StringIO(out, newline="")))
    assert len(back) == len(rows) + 1
    for row, written in zip(rows, back[1:], strict=True):
        for column, cell in zip(COLUMNS, written, strict=False):
            original = row.get(column, "0")
            assert cell == ("'" + original if executes_as_formula(original) else original)
    assert not any(executes_as_formula(cell) for line in back for cell in line)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(TABLE, st.sampled_from(["json", "table"]), st.booleans())
def test_json_and_table_output_list_every_row_once(
    rows: list[dict[str, str]], fmt: str, rollup: bool
) -> None:
    """Law: exit 0, 1 or 2 without a traceback; with 0 or 1, the JSON output names every input
    row exactly once (as an area or as rejected), and the table output has no control
    character other than line feeds."""
    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder) / "t.json"
        f.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        code, out, err = _run(
            "assess", PLAN, str(f), "--format", fmt, *(["--rollup"] if rollup else [])
        )
    _check_failure_or_success(code, err)
    if code == 2:
        return
    if fmt == "table":
        assert all(line.isprintable() for line in out.splitlines())
        return
    data = json.loads(out)
    numbers = sorted(r["row"] for r in [*data["areas"], *data["rejected"]])
    assert numbers == list(range(1, len(rows) + 1))
    assert (code == 1) == bool(data["rejected"])
