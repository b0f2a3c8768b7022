"""Normalisation of names that arrive in many spellings.

Spreadsheets deliver Vietnamese names in upper or lower case, with or without diacritics, in
Unicode NFC or NFD, with stray spaces. :func:`fold` maps all of them to one key.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "nfc", "printable"]


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Return a comparison key for a name: no diacritics, lower case, single spaces.

    Args:
        text: A name as written by a person or a tool.

    Returns:
        The folded key. ``đ`` folds to ``d``.

    >>> fold("  Thị   Trấn ") == fold("thi tran") == fold("THỊ TRẤN")
    True
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.casefold().split())


def printable(text: str) -> str:
    r"""``text`` with every character Python does not call printable written as an escape.

    That is every control, format (bidirectional overrides, zero-width), separator other than
    the ASCII space, private-use, unassigned or lone surrogate character.

    Used for values from input files (ids, periods, messages quoting a cell) in the text output,
    so that no value can start a new line, move the cursor or colour the terminal.

    >>> printable("XA-1\n  drug-free\x1b[0m")
    'XA-1\\n  drug-free\\x1b[0m'
    >>> printable("Xã A")
    'Xã A'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    return _SHORT.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
