"""Bounds on what the readers accept, so that no input can exhaust memory or time.

========================  =======================  ==========================================
Limit                     Default                  Overridden by
========================  =======================  ==========================================
bytes in one input file   :data:`MAX_INPUT_BYTES`  ``max_bytes=`` / ``--max-bytes``
rows in one table         :data:`MAX_ROWS`         ``max_rows=`` / ``--max-rows``
JSON nesting depth        :data:`MAX_JSON_DEPTH`   (fixed: a table or figures file needs 3)
JSON of one table row     ``jsonrows.row_bound()`` ``cell_length_limit()`` / ``--max-cell-chars``
characters in a cell      ``MAX_CELL_LENGTH``      ``cell_length_limit()`` / ``--max-cell-chars``
========================  =======================  ==========================================

A file over a limit is refused as a whole with one message naming the limit and the option that
raises it; nothing is read past the limit (``/dev/zero`` costs at most ``max_bytes``). Nesting is
measured before the JSON is parsed, by a linear scan, so deep input cannot exhaust the stack.

>>> check_json_depth("[[[]]]", "x.json", max_depth=3)
>>> check_json_depth("[[[[]]]]", "x.json", max_depth=3)
Traceback (most recent call last):
  ...
vn_drugfree_criteria.errors.TableError: x.json: line 1: JSON nested deeper than 3 levels
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, BinaryIO

from vn_drugfree_criteria.errors import TableError

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_ROWS",
    "check_json_depth",
    "check_json_strings",
    "check_rows",
    "copy_stream_limited",
    "json_decoder",
    "json_depth_error",
    "json_syntax_error",
    "load_json",
    "read_limited",
    "read_stream_limited",
    "repeated_key_error",
]

MAX_INPUT_BYTES = 256 * 1024 * 1024
"""The largest input file read by default (256 MiB: about three million rows of areas)."""
MAX_ROWS = 5_000_000
"""The most data rows of one table by default."""
MAX_JSON_DEPTH = 32
"""The deepest JSON nesting accepted in an input file (a table of areas needs 3)."""

_CHUNK = 1024 * 1024
_JSON_INT_DIGITS = 4000  # below Python's own limit on converting digits to an int (4300)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def read_stream_limited(stream: BinaryIO, source: str, max_bytes: int | None = None) -> bytes:
    """Every byte of ``stream`` when there are at most ``max_bytes``.

    Raises:
        TableError: The stream holds more.
    """
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _too_large(source, limit)


def _too_large(source: str, limit: int) -> TableError:
    return TableError(source, f"larger than {limit} bytes; raise the limit with --max-bytes")


def copy_stream_limited(
    stream: BinaryIO, target: BinaryIO, source: str, max_bytes: int | None = None
) -> None:
    """Copy every byte of ``stream`` to ``target`` when there are at most ``max_bytes``.

    Raises:
        TableError: The stream holds more (as :func:`read_stream_limited`).
    """
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    size = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise _too_large(source, limit)
        target.write(chunk)
    target.seek(0)


def read_limited(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of the file at ``path``, at most ``max_bytes`` of them.

    Raises:
        TableError: The file cannot be read, or is larger.
    """
    source = os.fspath(path)
    try:
        with open(path, "rb") as f:
            return read_stream_limited(f, source, max_bytes)
    except OSError as exc:
        raise TableError(source, f"cannot read the file: {exc.strerror or exc}") from None


def check_json_depth(text: str, source: str, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON text nested deeper than ``max_depth`` arrays and objects.

    Raises:
        TableError: Naming the line where the limit is passed.
    """
    depth = 0
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > max_depth:
                raise json_depth_error(source, max_depth, text.count("\n", 0, m.start()) + 1)
        elif token in ("]", "}"):
            depth -= 1


def json_depth_error(source: str, max_depth: int, line: int) -> TableError:
    """The refusal of JSON nested deeper than ``max_depth``, passed on ``line``."""
    return TableError(source, f"JSON nested deeper than {max_depth} levels", line)


def json_syntax_error(source: str, exc: json.JSONDecodeError, line: int) -> TableError:
    """The refusal of text that is not JSON (``line``: where ``exc`` is, in the whole file)."""
    return TableError(source, f"not valid JSON: {exc.msg}", line)


def check_rows(count: int, source: str, max_rows: int | None = None) -> None:
    """Refuse a table of more than ``max_rows`` data rows.

    Raises:
        TableError: The table has more.
    """
    limit = MAX_ROWS if max_rows is None else max_rows
    if count > limit:
        raise TableError(
            source, f"more than {limit} rows ({count}); raise the limit with --max-rows"
        )


def _json_int(digits: str) -> int | str:
    """A JSON integer; one longer than Python converts stays its digits (refused on its row)."""
    return int(digits) if len(digits) <= _JSON_INT_DIGITS else digits


def repeated_key_error(source: str, key: str) -> TableError:
    """The refusal of a key repeated in one JSON object (never keep the last)."""
    return TableError(source, f"key {key!r} appears twice in one JSON object")


def _unique_keys(source: str) -> Any:
    """An ``object_pairs_hook`` refusing a key repeated in one object (never keep the last)."""

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise repeated_key_error(source, key)
            out[key] = value
        return out

    return build


def json_decoder(source: str) -> json.JSONDecoder:
    """The decoder of JSON input: a repeated key refused, a long integer kept as its digits."""
    return json.JSONDecoder(object_pairs_hook=_unique_keys(source), parse_int=_json_int)


def check_json_strings(data: Any, source: str) -> None:
    r"""Refuse decoded JSON holding a string (or key) with a lone surrogate such as ``"\ud800"``.

    Raises:
        TableError: Such a string is found.
    """
    stack = [data]
    while stack:  # iterative: the depth is bounded, but a wide document must not recurse
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise TableError(source, "a string holds a lone surrogate (such as \\ud800): not text")


def load_json(text: str, source: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    r"""Parse JSON input within the limits.

    Nesting is bounded; a key repeated in one object is refused naming the key; an integer of
    more than 4,000 digits is kept as its digits, so the row holding it is refused (``too_long``
    or ``too_large``) instead of the file; strings are text: a lone UTF-16 surrogate such as
    ``"\ud800"`` is not a character and could not be written out again.

    Raises:
        TableError: Naming the problem and, where it can, the line.
    """
    check_json_depth(text, source, max_depth)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys(source), parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise json_syntax_error(source, exc, exc.lineno) from None
    check_json_strings(data, source)
    return data
