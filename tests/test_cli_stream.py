"""``vn-drugfree assess`` streams: the same text as the whole table at once, in chunks.

The whole-table path (``assess_table`` then one writer) and the streamed path (read, assess and
write chunk by chunk) must agree byte for byte, whatever the chunking; a problem found late in
the input is one line on stderr and status 2, after a partial output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.test_cli_fuzz import COLUMNS, TABLE, _csv_text
from vn_drugfree_criteria.cli.assess_render import render
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.io import stream
from vn_drugfree_criteria.io.csvout import csv_line, csv_rows, write_csv
from vn_drugfree_criteria.io.jsonout import json_text
from vn_drugfree_criteria.io.template import template_columns

PLAN = "lai-chau-city-2024"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _whole(path: Path, fmt: str, lang: str, plan: str = PLAN) -> str:
    """The output of the whole-table path for a table that reads."""
    result = vdc.assess_table(plan, vdc.read_table(plan, path))
    if fmt == "json":
        return json_text(result.to_dict(lang=lang))
    if fmt == "csv":
        out = io.StringIO()
        write_csv(csv_rows(result, lang=lang), out)
        return out.getvalue()
    return render(result, lang) + "\n"


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    TABLE,
    st.booleans(),
    st.sampled_from(["csv", "json", "table"]),
    st.sampled_from(["vi", "en"]),
    st.integers(1, 4),
)
def test_streamed_output_is_the_whole_table_output(
    rows: list[dict[str, str]], as_json: bool, fmt: str, lang: str, chunk: int
) -> None:
    """Law: for any table that reads, the streamed output (in chunks of any size) is byte for
    byte the output of assessing the whole table at once; a table that does not read is one
    line on stderr and status 2 on both paths."""
    text = json.dumps(rows, ensure_ascii=False) if as_json else _csv_text(rows)
    _assert_streamed_is_whole(PLAN, "t.json" if as_json else "t.csv", text, fmt, lang, chunk)


def _assert_streamed_is_whole(
    plan: str, name: str, text: str, fmt: str, lang: str, chunk: int
) -> None:
    """``assess`` of the table ``text`` read ``chunk`` rows at a time writes what the whole
    table gives, or is refused as the whole table is."""
    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder) / name
        f.write_text(text, encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(stream, "CHUNK_ROWS", chunk)
            code, out, err = _run("assess", plan, str(f), "--format", fmt, "--lang", lang)
        try:
            expected: str | Exception = _whole(f, fmt, lang, plan)
        except vdc.DrugFreeError as exc:
            expected = exc
    if isinstance(expected, Exception):
        assert (code, out) == (2, "")
        assert str(expected) in err
    else:
        assert code in (0, 1)
        assert out == expected


def _big_table(rows: int) -> str:
    line = csv_line(["{}", "thôn", "", "2024-06-30", *(["0"] * (len(COLUMNS) - 4))])
    return csv_line(COLUMNS) + "".join(line.replace("{}", f"V{i}") for i in range(rows))


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_late_syntax_error_is_one_line_and_status_2(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows past the first chunk are read after output began: the run stops with status 2."""
    monkeypatch.setattr(stream, "CHUNK_ROWS", 5)
    f = tmp_path / "t.csv"
    f.write_text(_big_table(12) + '"unterminated\n', encoding="utf-8")
    code, out, err = _run("assess", PLAN, str(f), "--format", fmt)
    assert code == 2
    assert err.count("\n") == 1
    assert "not a readable CSV file" in err
    if fmt == "csv":  # the output so far: the header and the rows before the last chunk
        assert out.startswith("id,level,")
        assert out.count("\n") == 11


def test_a_late_error_in_the_first_chunk_writes_nothing(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(_big_table(12) + '"unterminated\n', encoding="utf-8")
    code, out, err = _run("assess", PLAN, str(f), "--format", "csv")
    assert (code, out) == (2, "")
    assert "line 14" in err


def test_too_many_rows_found_late_names_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "CHUNK_ROWS", 4)
    f = tmp_path / "t.csv"
    f.write_text(_big_table(30), encoding="utf-8")
    code, _, err = _run("assess", PLAN, str(f), "--format", "json", "--max-rows", "10")
    assert code == 2
    assert "more than 10 rows (30); raise the limit with --max-rows" in err


def test_bytes_that_are_not_utf8_late_name_their_line(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_bytes(_big_table(3).encode() + b"X\xff,1\n")
    code, out, err = _run("assess", PLAN, str(f))
    assert (code, out) == (2, "")
    assert "line 5: not valid UTF-8 (byte 0xff)" in err


@pytest.mark.parametrize(("limit", "status"), [(None, 1), ("6000", 0), ("3", 1)])
def test_max_cell_chars(limit: str | None, status: int, tmp_path: Path) -> None:
    """A carried-through cell over the limit rejects its row; the option moves the limit."""
    f = tmp_path / "t.csv"
    text = _big_table(1)
    f.write_text(
        text.replace("id,", "note,id,", 1).replace("\nV0,", "\n" + "x" * 5000 + ",V0,"),
        encoding="utf-8",
    )
    code, out, _ = _run(
        "assess",
        PLAN,
        str(f),
        "--format",
        "json",
        "--lang",
        "en",
        *(["--max-cell-chars", limit] if limit else []),
    )
    assert code == status
    if status:
        assert json.loads(out)["rejected"][0]["codes"][0] == "too_long"
        assert f"at most {limit or vdc.MAX_CELL_LENGTH})" in out


def test_max_cell_chars_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["assess", PLAN, "x.csv", "--max-cell-chars", "0"])
    assert exc.value.code == 2
    assert "at least 1" in capsys.readouterr().err


_KINDS = {
    "village": ["thôn", "tổ dân phố", "bản"],
    "commune": ["xã", "phường", "đặc khu", "thị trấn"],
    "district": ["huyện"],
    "province": ["tỉnh"],
}


@st.composite
def _plan_tables(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """A bundled plan and rows of its template's columns: levels, dates and counts, mostly
    consistent (a part within its whole, a yes/no 0 or 1), now and then a decimal or a cell
    that does not read."""
    plan = vdc.get_plan(
        draw(st.sampled_from([p for p in vdc.list_plans() if vdc.get_plan(p).all_criteria]))
    )
    columns = template_columns(plan)
    vocab, scope = plan.vocabulary, plan.scope
    covered = [k for level in scope.levels for k in _KINDS[level.value]]
    start = scope.valid_from or dt.date(2025, 7, 1)
    days = [start, start + dt.timedelta(days=200), start - dt.timedelta(days=1)]
    fixed = {
        "level": st.sampled_from([*covered, *covered, "", "tỉnh", "thôn"]),
        "as_of": st.sampled_from([d.isoformat() for d in days]),
        "parent_id": st.sampled_from(["", "P-1"]),
    }

    def count(name: str, values: dict[str, int]) -> int:
        if name in values:
            return values[name]
        whole = vocab.wholes.get(name)
        top = 1 if name in vocab.flags else count(whole, values) if whole else 40
        values[name] = draw(st.integers(0, top))
        return values[name]

    rows = []
    for n in range(draw(st.integers(1, 9))):
        values: dict[str, int] = {}
        spoilt = draw(st.sampled_from([*columns, *([None] * 2 * len(columns))]))
        row = []
        for c in columns:
            if c == "id":
                row.append(f"A-{n}")
            elif c in fixed:
                row.append(draw(fixed[c]))
            else:
                odd = draw(st.sampled_from(["1.5", "x", "-1"])) if c == spoilt else ""
                row.append(odd or str(count(c, values)))
        rows.append(row)
    return plan.id, [list(columns), *rows]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _plan_tables(),
    st.sampled_from(["csv", "json"]),
    st.sampled_from(["vi", "en"]),
    st.sampled_from([1, 2, 3, 2000]),
)
def test_every_plans_streamed_output_is_the_whole_tables(
    table: tuple[str, list[list[str]]], fmt: str, lang: str, chunk: int
) -> None:
    """Law: for every bundled plan, the CSV and JSON written chunk by chunk (plain rows decided
    column-wise and written from the assessment made of their verdicts, the others validated
    and assessed one by one) are byte for byte those of the whole table assessed at once."""
    plan, rows = table
    event(plan)
    _assert_streamed_is_whole(plan, "t.csv", "".join(map(csv_line, rows)), fmt, lang, chunk)
