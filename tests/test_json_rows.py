"""A JSON table read a row at a time reads as the whole document read by ``json.loads``.

The reference is :func:`~vn_drugfree_criteria.io.limits.load_json` (``json.loads`` with the
input checks) on the whole text, then the shape of a table: a list, or ``{"areas": [...]}``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from tests.test_hostile_input import example_rows
from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.formats import read_items
from vn_drugfree_criteria.io.jsonrows import NOT_A_TABLE, json_rows, json_table, row_bound
from vn_drugfree_criteria.io.limits import load_json
from vn_drugfree_criteria.io.stream import open_table
from vn_drugfree_criteria.vocab.cell_limit import cell_length_limit

SOURCE = "t.json"
PLAN = "lai-chau-city-2024"
HUGE, DEEP, TWICE, LONE = "<<huge>>", "<<deep>>", "<<twice>>", "<<lone>>"
FAULTS = {
    DEEP: "[" * 40 + "]" * 40,
    TWICE: '{"k": 1, "k": 2}',
    LONE: '"\\ud800"',
}


def _whole(text: str) -> list[Any]:
    """The rows as the whole document read at once gives them."""
    data = load_json(text, SOURCE)
    if isinstance(data, dict) and isinstance(data.get("areas"), list):
        data = data["areas"]
    if not isinstance(data, list):
        raise TableError(SOURCE, NOT_A_TABLE)
    return data


def _pieces(text: str, size: int) -> Iterator[str]:
    return (text[i : i + size] for i in range(0, len(text), size))


def _outcome(read: Any) -> tuple[str, str]:
    """What reading gives: the rows (keys in order), or the error's words and line."""
    try:
        return "rows", repr(list(read()))
    except TableError as exc:
        return "refused", str(exc)


def _streamed(text: str, size: int) -> tuple[str, str]:
    return _outcome(lambda: json_rows(_pieces(text, size), SOURCE))


def _reference(text: str) -> tuple[str, str]:
    return _outcome(lambda: _whole(text))


# Cells of any JSON type; the markers become a number of 5,000 digits or a single fault.
_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="[]{}"), max_size=8
)
_cell = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _text | st.just(HUGE),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_row = st.dictionaries(_text, _cell, max_size=5) | _cell
_rows = st.lists(_row, max_size=6)


@st.composite
def _documents(draw: st.DrawFn, fault: str | None = None) -> str:
    """A table (a list, or an object with ``areas`` among other keys) written some way."""
    rows = draw(_rows)
    if fault is not None:
        where = draw(st.integers(0, len(rows)))
        rows.insert(where, {"id": fault} if draw(st.booleans()) else fault)
    shape = draw(st.sampled_from(["list", "areas", "areas among others"]))
    doc: Any = rows
    if shape == "areas":
        doc = {"areas": rows}
    elif shape == "areas among others":
        doc = {"before": draw(_cell), "areas": rows, "after": draw(_cell)}
    text = json.dumps(
        doc,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 0, 2, "\t"])),
        separators=draw(st.sampled_from([None, (",", ":"), (" ,\r\n", " :  ")])),
    )
    text = text.replace(f'"{HUGE}"', "9" * 5000)
    for marker, fault_text in FAULTS.items():
        text = text.replace(f'"{marker}"', fault_text)
    return draw(st.sampled_from(["", " ", "\n\t "])) + text + draw(st.sampled_from(["", "\r\n"]))


@settings(max_examples=300, deadline=None)
@given(_documents(), st.integers(1, 40))
def test_a_valid_table_reads_as_the_whole_document(text: str, size: int) -> None:
    """Norm: one reading of a JSON table (every path): the rows streamed, whatever the pieces
    of text, are the rows ``json.loads`` gives on the whole document, in order, keys in order."""
    assert _streamed(text, size) == _reference(text)
    assert _reference(text)[0] == "rows"


@settings(max_examples=300, deadline=None)
@given(
    st.data(),
    st.sampled_from([DEEP, TWICE, LONE, "bom", "garbage", "cut", "comma", "drop", "add"]),
    st.integers(1, 40),
)
def test_a_table_with_one_fault_is_refused_as_the_whole_document_is(
    data: st.DataObject, fault: str, size: int
) -> None:
    """Norm: a file-level problem is one TableError with ``json.loads``' words and line: a JSON
    table with one fault (too deep, a repeated key, a lone surrogate, a byte-order mark left,
    trailing text, cut short, a trailing comma, a character dropped or added) is refused or
    read exactly as the whole document is."""
    text = data.draw(_documents(fault if fault in FAULTS else None))
    if fault == "bom":
        text = "\ufeff" + text
    elif fault == "garbage":
        text += data.draw(st.text(min_size=1, max_size=5).filter(lambda t: t.strip(" \t\r\n")))
    elif fault == "cut":
        text = text[: data.draw(st.integers(0, max(len(text) - 1, 0)))]
    elif fault == "comma" and text.rstrip().endswith("]"):
        text = text.rstrip()[:-1] + ",]"
    elif fault in ("drop", "add") and text:
        at = data.draw(st.integers(0, len(text) - 1))
        extra = data.draw(st.sampled_from('[]{},:"\\ x1e-')) if fault == "add" else ""
        text = text[:at] + extra + text[at + (fault == "drop") :]
    assert _streamed(text, size) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(_documents(), st.lists(st.tuples(st.integers(0), st.text(max_size=3)), max_size=4))
def test_any_text_is_accepted_only_when_the_whole_document_is(
    text: str, edits: list[tuple[int, str]]
) -> None:
    """Norm: nothing the whole-document reading refuses is read (hostile text with several
    faults may be refused with another of its problems: the first in the text)."""
    for place, new in edits:
        at = place % (len(text) + 1)
        text = text[:at] + new + text[at + 1 :]
    streamed, reference = _streamed(text, 7), _reference(text)
    assert streamed[0] == reference[0]
    if reference[0] == "rows":
        assert streamed == reference


@pytest.mark.parametrize(
    "text",
    [
        '[\n{"id": 1}\n{"id": 2}]',
        '[\n{"id": 1},\n\n]',
        '[\n{"id": 1},\n',
        '[\n{"id": 1}\n',
        "[\n\n",
        '{\n"areas": [\n{"id": 1}\n]\n"x": 1}',
        '{\n"areas"\n[]}',
        '{\n"areas": [],\n\n}',
        "{\n\n1: 2}",
        '{\n"areas": [\n',
        '{\n"a"\n',
        '{\n"a": 1\n',
        '{\n"a": 1,\n',
        '{"areas": [],\n "x": {"y": [1,}\n]}',
        "[\n1\n]\n\nx",
        "\n\n",
        "\ufeff[]",
        '\n"areas"\n',
    ],
)
@pytest.mark.parametrize("size", [1, 2, 5, 1000])
def test_the_structure_around_the_rows_is_refused_as_the_whole_document_is(
    text: str, size: int
) -> None:
    assert _reference(text)[0] == "refused"
    assert _streamed(text, size) == _reference(text)


def test_the_header_is_every_key_in_order_of_first_use() -> None:
    text = '[{"id": "A", "x": 1}, 5, {"y": 2, "id": "B"}, {"x": 3}]'
    header, count, items = json_table(lambda: iter([text]), SOURCE)
    assert header == ("id", "x", "y")
    assert count == 4
    rows = list(items)
    assert [cells for _, cells, _ in rows] == [("A", 1, None), (), ("B", None, 2), (None, 3, None)]
    assert [p.code for p in rows[1][2]] == ["not_an_object"]


def test_a_file_that_changed_between_the_two_readings_is_refused() -> None:
    texts = iter(['[{"id": "A"}]', '[{"id": "A"}, {"id": "B"}]'])
    _, _, items = json_table(lambda: iter([next(texts)]), SOURCE)
    with pytest.raises(TableError, match="changed while it was being read"):
        list(items)


@pytest.mark.parametrize("cells", [1, 40])
def test_a_row_over_the_bound_is_refused_naming_it(cells: int) -> None:
    with cell_length_limit(cells):
        bound = row_bound()
        assert bound == 256 * (6 * cells + 64)
        fits = json.dumps([{"id": "A"}, {"id": "x" * (bound - 20)}])
        assert len(list(json_rows(_pieces(fits, 1000), SOURCE))) == 2
        over = json.dumps([{"id": "A"}, {"id": "x" * bound}])
        with pytest.raises(TableError, match=rf"line 1: row 2 has more than {bound} char"):
            list(json_rows(_pieces(over, 1000), SOURCE))


def test_a_long_row_with_a_syntax_error_before_the_bound_names_the_error() -> None:
    with cell_length_limit(1):
        text = '[{"id": "A",, "note": "' + "x" * 2 * row_bound() + '"}]'
        with pytest.raises(TableError, match="not valid JSON: Expecting property name"):
            list(json_rows(_pieces(text, 1000), SOURCE))


def test_the_first_problem_in_the_text_is_reported() -> None:
    """Before, the nesting was checked on the whole text first and surrogates last."""
    text = '[{"id": "\\ud800"},\n{"id": 1,},\n' + "[" * 40 + "]" * 40 + "]"
    with pytest.raises(TableError, match="lone surrogate"):
        list(json_rows(iter([text]), SOURCE))
    with pytest.raises(TableError, match="line 2: not valid JSON"):
        list(json_rows(iter([text.replace("\\ud800", "A")]), SOURCE))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'\xef\xbb\xbf[{"id": "A"}]', None),
        ('[{"id": "Ả"}]'.encode("utf-16"), None),
        (b'[{"id": "A"},\n{"id": 1,},\n"\xff"]', "line 2: not valid JSON"),
        (b'[{"id": "A"},\n"\xff", {"id": 1,}]', "line 2: not valid UTF-8"),
    ],
)
def test_bytes_are_read_in_text_order(data: bytes, problem: str | None) -> None:
    if problem is None:
        assert read_items(data, SOURCE, "json")[0] == ("id",)
    else:
        with pytest.raises(TableError, match=problem):
            read_items(data, SOURCE, "json")


class _Pipe(io.RawIOBase):
    """A stream that cannot be read twice (as standard input from a pipe)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), 5))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_pipe_is_read_as_the_file_is() -> None:
    rows = [{**row, "id": f"{row['id']}-{n}"} for n in range(60) for row in example_rows()]
    data = json.dumps({"areas": rows}).encode()
    pipe = _Pipe(data)
    assert not pipe.seekable()
    with open_table(vdc.get_plan(PLAN), pipe, format="json") as piped:
        got = [r for chunk in piped.chunks() for r in chunk]
    whole = vdc.parse_table(PLAN, data, format="json")
    assert got == list(whole.rows)
    assert piped.columns == whole.columns == tuple(example_rows()[0])


def test_a_pipe_over_the_byte_limit_is_refused() -> None:
    data = json.dumps([{"id": "A"}] * 100).encode()
    with pytest.raises(TableError, match=f"larger than {len(data) - 1} bytes"):
        open_table(vdc.get_plan(PLAN), _Pipe(data), format="json", max_bytes=len(data) - 1)


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_a_surrogate_in_text_given_as_such_is_refused(size: int) -> None:
    text = '[{"id": "A"}, {"id": "B\ud800"}]'
    assert (
        _reference(text)[1]
        == f"{SOURCE}: a string holds a lone surrogate (such as \\ud800): not text"
    )
    assert _streamed(text, size) == _reference(text)
    with pytest.raises(TableError, match="lone surrogate"):
        vdc.parse_table(PLAN, text, format="json")
