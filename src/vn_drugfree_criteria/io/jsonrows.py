"""Read a JSON table a row at a time, in memory bounded by a row, not by the document.

A JSON table is a list of objects, or an object with the list under ``"areas"`` (its other keys
are read and checked, then ignored). The text is read in pieces; the list is walked here and
each row decoded on its own with :meth:`json.JSONDecoder.raw_decode`, with the checks
:func:`~vn_drugfree_criteria.io.limits.load_json` makes on a whole document: nesting at most
:data:`~vn_drugfree_criteria.io.limits.MAX_JSON_DEPTH` (measured before the row is decoded), a key
repeated in one object refused naming it, an integer of more than 4,000 digits kept as its
digits, a lone surrogate refused. A problem of the text raises
:class:`~vn_drugfree_criteria.TableError` with the message and line ``json.loads`` gives; the
problem reported is the first in the text, row by row.

One row (or other value) may hold at most :func:`row_bound` characters of JSON: 256 cells each
within the cell limit, written with every character escaped, and room for their keys.

>>> list(json_rows(iter(['{"areas": [{"id": "A"}, 7]}']), "t.json"))
[{'id': 'A'}, 7]
>>> list(json_rows(iter(['[{"id": 1}, {"id": 2}', "] x"]), "t.json"))
Traceback (most recent call last):
  ...
vn_drugfree_criteria.errors.TableError: t.json: line 1: not valid JSON: Extra data
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.io.items import Item, object_item
from vn_drugfree_criteria.io.limits import (
    MAX_JSON_DEPTH,
    check_json_strings,
    json_decoder,
    json_depth_error,
    json_syntax_error,
    repeated_key_error,
)
from vn_drugfree_criteria.vocab.cell_limit import max_cell_length

__all__ = ["NOT_A_TABLE", "json_rows", "json_table", "row_bound"]

NOT_A_TABLE = 'expected a JSON list of objects or {"areas": [...]}'
"""The refusal of a JSON document of another shape."""

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_ATOM = re.compile(r'[^ \t\n\r,\[\]{}":]*+')
# A container without a container inside (what a row of a table is): its depth is 1.
_FLAT = re.compile(r'[\[{](?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+")*+[\]}]', re.DOTALL)
# Strings, brackets, and a quote whose string does not end in the text held.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]|"', re.DOTALL)
_Mark = tuple[int, str, int]  # newlines before the text held, the text, an index in it
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # only in text given as such: never decoded


def row_bound() -> int:
    """The most characters of JSON one row may have: 256 × (6 × the cell limit + 64)."""
    return 256 * (6 * max_cell_length() + 64)


class _Text:
    """The JSON text being read: the part of it in memory, and where reading is."""

    def __init__(self, pieces: Iterator[str], source: str, bound: int) -> None:
        self.pieces, self.source = pieces, source
        self.buf, self.pos, self.lines, self.eof = "", 0, 0, False
        self.surrogates = False  # whether the text holds a surrogate itself (not escaped)
        self.decoder = json_decoder(source)
        self.bound = bound

    def more(self) -> bool:
        """Drop the text read, add the next piece; false at the end of the text."""
        if self.pos:
            self.lines += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos :], 0
        piece = next(self.pieces, None)
        if piece is None:
            self.eof = True
            return False
        self.buf += piece
        if not self.surrogates:
            try:
                piece.encode("utf-8")
            except UnicodeEncodeError:
                self.surrogates = True
        return True

    def line(self, index: int) -> int:
        """The line of the file at ``index`` of the text held."""
        return self.lines + self.buf.count("\n", 0, index) + 1

    def mark(self, index: int) -> _Mark:
        """A place in the text held, whose line can be told after that text is dropped."""
        return self.lines, self.buf, index

    def peek(self) -> str:
        """The next character that is not white space (``""`` at the end), not consumed."""
        while True:
            m = _WS.match(self.buf, self.pos)
            self.pos = m.end() if m else self.pos
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos : self.pos + 1]

    def fail(self, snippet: str, where: dict[int, _Mark]) -> TableError:
        """The error ``json.loads`` gives on ``snippet``, placed at the line ``where`` maps to.

        The structure around the rows is checked here rather than by the decoder; the words of
        its errors (which vary with the Python version) are taken from the decoder itself.
        """
        try:
            json.loads(snippet)
        except json.JSONDecodeError as exc:
            lines, buf, index = where[max(k for k in where if k <= exc.pos)]
            return json_syntax_error(self.source, exc, lines + buf.count("\n", 0, index) + 1)
        raise AssertionError(snippet)  # pragma: no cover - every snippet given is invalid

    def value(self, base: int, what: str) -> Any:
        """Decode the value at the reading position (``base``: the depth around it)."""
        end = self._extent(base, what)
        try:
            value, end = self.decoder.raw_decode(self.buf, self.pos)
        except json.JSONDecodeError as exc:
            raise json_syntax_error(self.source, exc, self.line(exc.pos)) from None
        if _SURROGATE_ESCAPE.search(self.buf, self.pos, end) or (
            self.surrogates and _SURROGATE.search(self.buf, self.pos, end)
        ):
            check_json_strings(value, self.source)
        self.pos = end
        return value

    def _extent(self, base: int, what: str) -> int:
        """Hold the whole value at the reading position; check its nesting before decoding."""
        first = self.peek()
        container = first in ("[", "{")
        pattern = _STRING if first == '"' else _ATOM
        scan: tuple[int, int] | None = None  # a nested container: how far scanned, the depth
        while True:
            if container and scan is None and (m := _FLAT.match(self.buf, self.pos)):
                end = m.end()
            elif container:
                end, scan = self._scan(base, scan or (0, 0))
            else:
                m = pattern.match(self.buf, self.pos)
                end = m.end() if m and (m.end() < len(self.buf) or self.eof) else -1
            if end >= 0 or self.eof or len(self.buf) - self.pos > self.bound:
                break
            self.more()
        if (end < 0 and not self.eof) or end - self.pos > self.bound:
            self._too_long(what)
        return end

    def _scan(self, base: int, scan: tuple[int, int]) -> tuple[int, tuple[int, int]]:
        """Scan a container from where the last scan stopped: its end, or -1 and where it got."""
        offset, depth = scan
        for m in _TOKENS.finditer(self.buf, self.pos + offset):
            token = m.group()
            if token == '"':  # a string not ended in the text held
                return -1, (m.start() - self.pos, depth)
            if token in "[{":
                depth += 1
                if base + depth > MAX_JSON_DEPTH:
                    raise json_depth_error(self.source, MAX_JSON_DEPTH, self.line(m.start()))
            elif token in "]}":
                depth -= 1
                if depth == 0:
                    return m.end(), scan
        return -1, (len(self.buf) - self.pos, depth)

    def _too_long(self, what: str) -> None:
        """Refuse a value over the bound, unless it is invalid JSON before the bound."""
        try:
            self.decoder.raw_decode(self.buf, self.pos)
        except json.JSONDecodeError as exc:
            if exc.pos - self.pos <= self.bound and not exc.msg.startswith("Unterminated"):
                raise json_syntax_error(self.source, exc, self.line(exc.pos)) from None
        raise TableError(
            self.source,
            f"{what} has more than {self.bound} characters of JSON"
            f" (256 cells of {(self.bound // 256 - 64) // 6} characters); raise the limit with"
            " --max-cell-chars",
            self.line(self.pos),
        )


def _array(text: _Text, base: int) -> Iterator[Any]:
    """The values of the list whose ``[`` is at the reading position."""
    text.pos += 1
    if text.peek() == "]":
        text.pos += 1
        return
    row = 0
    while True:
        row += 1
        yield text.value(base, f"row {row}")
        c = text.peek()
        text.pos += 1
        if c == "]":
            return
        if c != ",":
            raise text.fail('[""' + c, {0: text.mark(text.pos - 1)})
        comma = text.mark(text.pos - 1)
        if text.peek() == "]":
            raise text.fail('["",]', {0: comma, 4: text.mark(text.pos)})


def _object(text: _Text) -> Iterator[Any]:
    """The rows under ``"areas"`` of the object whose ``{`` is at the reading position."""
    text.pos += 1
    c, seen, found = text.peek(), set(), False
    if c == "}":
        text.pos += 1
    elif c != '"':
        raise text.fail("{" + c, {0: text.mark(text.pos)})
    while c != "}":
        key = text.value(1, "a key of the top-level object")
        if key in seen:
            raise repeated_key_error(text.source, key)
        seen.add(key)
        c = text.peek()
        if c != ":":
            raise text.fail('{""' + c, {0: text.mark(text.pos)})
        text.pos += 1
        if key == "areas" and text.peek() == "[":
            found = True
            yield from _array(text, 2)
        else:
            text.value(1, f"the value of {key!r} in the top-level object")
        c = text.peek()
        text.pos += 1
        if c not in (",", "}"):
            raise text.fail('{"":""' + c, {0: text.mark(text.pos - 1)})
        if c == "," and text.peek() != '"':
            comma = text.mark(text.pos - 1)
            raise text.fail('{"":"",' + text.peek(), {0: comma, 7: text.mark(text.pos)})
    if not found:
        _end(text)
        raise TableError(text.source, NOT_A_TABLE)


def _end(text: _Text) -> None:
    """Refuse anything but white space after the document."""
    c = text.peek()
    if c:
        raise text.fail('""' + c, {0: text.mark(text.pos)})


def json_rows(pieces: Iterator[str], source: str, bound: int | None = None) -> Iterator[Any]:
    """Every row of a JSON table, decoded (see the module).

    Args:
        pieces: The document's text, in pieces (a byte-order mark already dropped, as
            :func:`~vn_drugfree_criteria.io.csvin.decode_text` does).
        source: A name for messages.
        bound: The most characters of one row (by default :func:`row_bound`).

    Raises:
        TableError: While iterating: the text is not JSON, is over a limit, or is not a table.
    """
    text = _Text(pieces, source, row_bound() if bound is None else bound)
    text.more()
    if text.buf.startswith("\ufeff"):
        raise text.fail("\ufeff", {0: text.mark(0)})
    c = text.peek()
    if c == "[":
        yield from _array(text, 1)
    elif c == "{":
        yield from _object(text)
    else:
        text.value(0, "the document")
        _end(text)
        raise TableError(source, NOT_A_TABLE)
    _end(text)


def json_table(
    opener: Callable[[], Iterator[str]], source: str
) -> tuple[tuple[str, ...], int, Iterator[Item]]:
    """The header of a JSON table, its number of rows, and its rows as read.

    The header is every key of the rows, in order of first use, so the text is read twice:
    once whole, which checks it (every problem of the text is raised here) and finds the
    header, then row by row as the rows are used.

    Args:
        opener: Gives the text from its start, in pieces, each time it is called.
        source: A name for messages.

    Raises:
        TableError: The text is not a JSON table, or (while iterating) it changed in between.
    """
    columns: dict[str, None] = {}
    count, bound = 0, row_bound()
    for obj in json_rows(opener(), source, bound):
        count += 1
        if isinstance(obj, dict):
            columns.update(dict.fromkeys(obj))
    header = tuple(columns)
    return header, count, _items(opener, source, header, (count, bound))


def _items(
    opener: Callable[[], Iterator[str]],
    source: str,
    header: tuple[str, ...],
    sizes: tuple[int, int],
) -> Iterator[Item]:
    (count, bound), known = sizes, frozenset(header)
    n = 0
    for obj in json_rows(opener(), source, bound):
        n += 1
        if n > count or (isinstance(obj, dict) and not known.issuperset(obj)):
            break
        yield object_item(header, obj)
    if n != count:
        raise TableError(source, "the file changed while it was being read")
