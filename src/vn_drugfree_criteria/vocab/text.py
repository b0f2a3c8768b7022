"""Normalisation of names that arrive in many spellings.

Spreadsheets deliver Vietnamese names in upper or lower case, with or without diacritics, in
Unicode NFC or NFD, with stray spaces. :func:`fold` maps all of them to one key.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "nfc"]


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
