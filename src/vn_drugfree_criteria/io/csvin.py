r"""CSV text as spreadsheets write it: the encoding and the delimiter of an input file.

**Encoding.** A file is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"), or
UTF-16 with its byte-order mark (Excel's "Unicode Text", tab-separated). Anything else is
refused with one message naming the line and the byte, and the Excel formats that work: a
legacy code page (Windows-1258, Excel's plain "CSV" in a Vietnamese locale) cannot be told from
UTF-8 damage by looking at the bytes, so it is never guessed.

**Delimiter.** A comma, a semicolon (what Excel writes in a locale whose decimal mark is a
comma, as in Vietnam) or a tab, detected from the header row: the one delimiter that splits the
header into several cells of which one is the required column (``id`` for a table of areas,
``period`` for programme figures). When two delimiters both qualify, the file is refused naming
them and ``--delimiter`` decides; when none does, the comma is used (and the reader then says
which required column is missing).

>>> detect_delimiter("id;level;households\r\nA;thôn;40", "t.csv")
';'
>>> detect_delimiter("id\tlevel\nA\tthôn", "t.csv")
'\t'
>>> detect_delimiter("id;x,id", "t.csv")
Traceback (most recent call last):
  ...
vn_drugfree_criteria.errors.TableError: t.csv: the header reads as columns with a comma or with a semicolon; say which with --delimiter
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from typing import BinaryIO

from vn_drugfree_criteria.errors import TableError
from vn_drugfree_criteria.vocab.text import nfc

__all__ = [
    "DELIMITERS",
    "choose_delimiter",
    "decode_text",
    "delimiter_argument",
    "detect_delimiter",
    "text_lines",
    "text_pieces",
]

DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
"""The delimiters a CSV input may use, with their names for messages."""

_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", ",": ",", ";": ";", "\\t": "\t", "\t": "\t"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 20
_SAVE_AS = (
    "save it from Excel as 'CSV UTF-8 (Comma delimited)' or 'Unicode Text', or as an .xlsx workbook"
)


def delimiter_argument(text: str) -> str:
    """The delimiter named on the command line: ``,`` ``;`` ``tab`` (or ``comma``, ``semicolon``).

    Raises:
        TableError: Any other text.
    """
    try:
        return _NAMES[text.strip().casefold() if text.strip() else text]
    except KeyError:
        raise TableError(
            "--delimiter", f"{text!r} is not a delimiter; use ',', ';' or tab"
        ) from None


def decode_text(data: bytes | str, source: str) -> str:
    """The text of an input file: UTF-8 (a byte-order mark dropped) or UTF-16 with its mark.

    Raises:
        TableError: Neither; the message names the line, the byte and the formats to save as.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TableError(source, f"expected bytes or text, got {type(data).__name__}")
    data = bytes(data)
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(source, f"not valid UTF-16 text; {_SAVE_AS}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(source, _not_utf8(data[exc.start]), line) from None


def _not_utf8(byte: int) -> str:
    return f"not valid UTF-8 (byte 0x{byte:02x}), perhaps a legacy code page; " + _SAVE_AS


def _start(stream: BinaryIO, limit: int) -> bytes:
    """The first bytes of a stream: at least two (a byte-order mark), unless it ends sooner."""
    data = b""
    while len(data) < 2:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def text_pieces(
    stream: BinaryIO, source: str, limit: int, *, partial: bool = False
) -> Iterator[str]:
    """The text of a stream in pieces (of 1 MiB read), as :func:`decode_text` reads it whole.

    Args:
        stream: The bytes.
        source: A name for messages.
        limit: The most bytes read.
        partial: When the bytes are not UTF-8, give the text before the first bad byte before
            raising (so a reader finds a problem earlier in the text first).

    Raises:
        TableError: While iterating: the stream holds more than ``limit`` bytes, or text that
            :func:`decode_text` refuses (with the same message and line).
    """
    data = _start(stream, limit)
    utf16 = data.startswith(_UTF16_BOMS)
    decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "utf-8-sig")()
    size, lines = len(data), 0
    while True:
        if size > limit:
            raise TableError(source, f"larger than {limit} bytes; raise the limit with --max-bytes")
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            if utf16:
                raise TableError(source, f"not valid UTF-16 text; {_SAVE_AS}") from None
            good = exc.object[: exc.start]
            if partial and good:
                yield good.decode("utf-8")
            line = lines + good.count(b"\n") + 1
            raise TableError(source, _not_utf8(exc.object[exc.start]), line) from None
        lines += text.count("\n")
        if text:
            yield text
        if not data:
            return
        data = stream.read(min(_CHUNK, limit + 1 - size))
        size += len(data)


def text_lines(stream: BinaryIO, source: str, limit: int) -> Iterator[str]:
    r"""The text of a stream line by line (ends kept), as :func:`decode_text` reads it whole.

    The stream is read in pieces of 1 MiB (:func:`text_pieces`). Lines break at ``\n``,
    ``\r\n`` and ``\r``, as in a file opened with ``newline=""``; text after the last line
    feed waits for the next piece (so a file broken only by ``\r`` is held whole, within
    ``limit``).

    Raises:
        TableError: While iterating, as :func:`text_pieces`.
    """
    return itertools.chain.from_iterable(
        io.StringIO(block, newline="") for block in _line_blocks(stream, source, limit)
    )


def _line_blocks(stream: BinaryIO, source: str, limit: int) -> Iterator[str]:
    """The text of :func:`text_pieces` in blocks of whole lines (the last may end unbroken)."""
    held = ""
    for piece in text_pieces(stream, source, limit):
        text = held + piece
        cut = text.rfind("\n") + 1
        held = text[cut:]
        if cut:
            yield text[:cut]
    if held:
        yield held


def _header(text: str, delimiter: str) -> list[str]:
    """The first non-empty record of ``text`` split by ``delimiter`` (lenient: only a probe)."""
    reader = csv.reader(io.StringIO(text[: 1 << 16], newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if record:
                return record
    except csv.Error:
        return []
    return []


def detect_delimiter(text: str, source: str, required: str = "id") -> str:
    """The delimiter of a CSV text, from its header row (see the module).

    Args:
        text: The decoded file.
        source: A name for messages.
        required: The column every header of this kind of table has.

    Raises:
        TableError: Two delimiters both read the header as columns including ``required``.
    """
    plausible = []
    for delimiter in DELIMITERS:
        cells = _header(text, delimiter)
        keys = {nfc(c).strip().casefold() for c in cells}
        if len(cells) > 1 and required in keys:
            plausible.append(delimiter)
    if len(plausible) > 1:
        names = " or with ".join(DELIMITERS[d] for d in plausible)
        raise TableError(
            source,
            f"the header reads as columns with {names}; say which with --delimiter",
        )
    return plausible[0] if plausible else ","


def choose_delimiter(text: str, source: str, given: str | None, required: str = "id") -> str:
    """The delimiter ``given`` (checked by :func:`delimiter_argument`), else the detected one.

    Raises:
        TableError: ``given`` names no delimiter, or none is given and the header is ambiguous.
    """
    if given is not None:
        return delimiter_argument(given)
    return detect_delimiter(text, source, required)
