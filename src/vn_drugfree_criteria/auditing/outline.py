"""Read the structure of a source text: numbered lists, truncation marks, stuttered headings.

Vietnamese administrative documents number their parts with Roman numerals (``I.``, ``II.``),
then Arabic numerals (``1.``, ``2.``), then letters (``a)``, ``b)``). The letters follow the
Vietnamese alphabet without its marked vowels: ``a b c d đ e g h i k l m n o p q r s t u v x y``
— there is no ``f``, ``j``, ``w`` or ``z``, so ``e`` followed by ``g`` is not a gap.

>>> [(i.label, i.section) for i in list_items(["I. A", "1. x", "a) y", "đ) z"])]
[('I', 'I'), ('1', 'I.1'), ('a', 'I.1.a'), ('đ', 'I.1.đ')]
>>> [(p.kind, p.expected, p.item.label) for p in numbering_problems(["1. x", "3. y"])]
[('gap', '2', '3')]
>>> numbering_problems(["a) x", "b) x", "c) x", "d) x", "đ) x", "e) x", "g) x", "h) x"])
()
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

from vn_drugfree_criteria.vocab.text import fold

__all__ = [
    "LETTERS",
    "ListItem",
    "NumberingProblem",
    "heading_stutters",
    "inline_problems",
    "list_items",
    "numbering_problems",
    "truncation_marks",
]

# The letters Vietnamese documents use to label list items, in order (no f, j, w, z).
_ALPHABET = "abcdđeghiklmnopqrstuvxy"
LETTERS: tuple[str, ...] = tuple(_ALPHABET)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN_ITEM = re.compile(r"^\s*(?:\*\*)?([IVXL]+)\.\s")
_ARABIC_ITEM = re.compile(r"^\s*(?:\*\*)?(\d{1,2})\.\s")
_LETTER_ITEM = re.compile(r"^\s*(?:\*\*)?([a-zđ])\)\s")
_INLINE = re.compile(r"\((\d{1,2})\)")
_TRUNCATION = re.compile(r"\[(?:\.\.\.|…)\]")
_WORD = re.compile(r"\w+")
_STYLES = ("roman", "arabic", "letter")


def _roman_value(text: str) -> int:
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[here]
        total += -value if after and _ROMAN[after] > value else value
    return total


@attrs.frozen
class ListItem:
    """One item of a numbered list, as it stands in the text.

    Attributes:
        line: 1-based line number.
        style: ``roman``, ``arabic`` or ``letter``.
        label: The label as written (``IV``, ``13``, ``đ``).
        ordinal: Its position in its style's sequence (1 for ``I``, ``1`` and ``a``).
        section: The document's own path to it (``V.13``).
    """

    line: int
    style: str
    label: str
    ordinal: int
    section: str


@attrs.frozen
class NumberingProblem:
    """A gap or a repeat in a numbered list.

    Attributes:
        kind: ``gap`` or ``repeat``.
        item: The item where the sequence breaks.
        previous: The item before it in the same list, ``None`` at the start of a list.
        expected: The label the sequence calls for.
    """

    kind: str
    item: ListItem
    previous: ListItem | None
    expected: str


def _label(style: str, ordinal: int) -> str:
    if style == "letter":
        return LETTERS[ordinal - 1] if ordinal <= len(LETTERS) else "?"
    if style == "arabic":
        return str(ordinal)
    numerals = (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    out = ""
    for text, value in numerals:
        while ordinal >= value:
            out += text
            ordinal -= value
    return out


def _classify(text: str) -> tuple[str, str, int] | None:
    m = _ROMAN_ITEM.match(text)
    if m:
        return "roman", m.group(1), _roman_value(m.group(1))
    m = _ARABIC_ITEM.match(text)
    if m:
        return "arabic", m.group(1), int(m.group(1))
    m = _LETTER_ITEM.match(text)
    if m and m.group(1) in LETTERS:
        return "letter", m.group(1), LETTERS.index(m.group(1)) + 1
    return None


def list_items(lines: Sequence[str]) -> tuple[ListItem, ...]:
    """Every numbered list item at the start of a line, with its section path."""
    path: list[str | None] = [None, None, None]
    items = []
    for number, text in enumerate(lines, 1):
        found = _classify(text)
        if found is None:
            continue
        style, label, ordinal = found
        depth = _STYLES.index(style)
        path[depth] = label
        for deeper in range(depth + 1, 3):
            path[deeper] = None
        section = ".".join(p for p in path[: depth + 1] if p is not None)
        items.append(ListItem(number, style, label, ordinal, section))
    return tuple(items)


def numbering_problems(lines: Sequence[str]) -> tuple[NumberingProblem, ...]:
    """Gaps and repeats in the numbered lists of a text.

    A list of one style restarts under each item of the style above it (Arabic numbers restart
    in each Roman section, letters under each Arabic item).
    """
    last: list[ListItem | None] = [None, None, None]
    problems = []
    for item in list_items(lines):
        depth = _STYLES.index(item.style)
        previous = last[depth]
        expected = 1 if previous is None else previous.ordinal + 1
        if item.ordinal > expected:
            problems.append(NumberingProblem("gap", item, previous, _label(item.style, expected)))
        elif item.ordinal < expected:
            problems.append(
                NumberingProblem("repeat", item, previous, _label(item.style, expected))
            )
        last[depth] = item
        for deeper in range(depth + 1, 3):
            last[deeper] = None
    return tuple(problems)


def inline_problems(lines: Sequence[str]) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """Lines whose inline enumeration ``(1) … (2) …`` is not 1, 2, 3, … in order.

    Returns:
        ``(line, numbers as written)`` for each such line.
    """
    out = []
    for number, text in enumerate(lines, 1):
        found = tuple(int(n) for n in _INLINE.findall(text))
        if len(found) >= 2 and found[0] == 1 and found != tuple(range(1, len(found) + 1)):
            out.append((number, found))
    return tuple(out)


def truncation_marks(lines: Sequence[str]) -> tuple[int, ...]:
    """Lines carrying an editorial truncation mark ``[...]``."""
    return tuple(n for n, text in enumerate(lines, 1) if _TRUNCATION.search(text))


def _is_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and all(ch.isupper() for ch in letters)


def heading_stutters(lines: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """Stuttered words in headings (lines in capitals).

    A stutter is a word followed by the same word, or by a variant of it differing only in its
    diacritics (``PHỐ PHỔ``).

    Returns:
        ``(line, the two words as written)`` for each stutter.
    """
    out = []
    for number, text in enumerate(lines, 1):
        if not _is_heading(text):
            continue
        words = list(_WORD.finditer(text))
        for a, b in itertools.pairwise(words):
            between = text[a.end() : b.start()]
            if not between.strip() and fold(a.group()) == fold(b.group()):
                out.append((number, f"{a.group()} {b.group()}"))
    return tuple(out)
