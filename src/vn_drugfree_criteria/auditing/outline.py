"""Read the structure of a source text: numbered lists, truncation and elision marks, stutters.

Vietnamese administrative documents number their parts in several styles, from the outside in:
chapters (``Chương I``), Roman numerals (``I.``, ``II.``), articles (``Điều 1.``), Arabic
numerals (``1.``, ``2.``; a decision's *khoản*, sometimes written ``Khoản 1.``), then letters
(``a)``, ``b)``; a decision's *điểm*, sometimes written ``Điểm a)``). The letters follow the
Vietnamese alphabet without its marked vowels: ``a b c d đ e g h i k l m n o p q r s t u v x y``
— there is no ``f``, ``j``, ``w`` or ``z``, so ``e`` followed by ``g`` is not a gap.

A list restarts under each item of an outer style, except articles: a decision numbers its
articles straight through the whole text, across chapters.

>>> [(i.label, i.section) for i in list_items(["I. A", "1. x", "a) y", "đ) z"])]
[('I', 'I'), ('1', 'I.1'), ('a', 'I.1.a'), ('đ', 'I.1.đ')]
>>> [(p.kind, p.expected, p.item.label) for p in numbering_problems(["1. x", "3. y"])]
[('gap', '2', '3')]
>>> numbering_problems(["a) x", "b) x", "c) x", "d) x", "đ) x", "e) x", "g) x", "h) x"])
()
>>> numbering_problems(["Điều 1. A", "1. x", "2. y", "Điều 2. B", "1. z", "a) t"])
()
>>> [i.section for i in list_items(["Điều 4. A", "Khoản 2. x", "Điểm đ) y"])]
['Điều 4', 'Điều 4.2', 'Điều 4.2.đ']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

__all__ = [
    "LETTERS",
    "ListItem",
    "NumberingProblem",
    "elision_marks",
    "inline_problems",
    "list_items",
    "numbering_problems",
    "truncation_marks",
]

# The letters Vietnamese documents use to label list items, in order (no f, j, w, z).
_ALPHABET = "abcdđeghiklmnopqrstuvxy"
LETTERS: tuple[str, ...] = tuple(_ALPHABET)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_LEAD = r"^\s*(?:\*\*)?"
_CHAPTER_ITEM = re.compile(_LEAD + r"Chương\s+([IVXL]+|\d{1,2})\b")
_ROMAN_ITEM = re.compile(_LEAD + r"([IVXL]+)\.\s")
_ARTICLE_ITEM = re.compile(_LEAD + r"Điều\s+(\d{1,3})\s*[.:]")
_ARABIC_ITEM = re.compile(_LEAD + r"(?:Khoản\s+)?(\d{1,2})\.\s")
_LETTER_ITEM = re.compile(_LEAD + r"(?:Điểm\s+)?([a-zđ])\)\s")
_INLINE = re.compile(r"\((\d{1,2})\)")
_ELLIPSIS_MARK = re.compile(r"\[(?:\.\.\.|…)\]")
_WORD = re.compile(r"\w+")
_STYLES = ("chapter", "roman", "article", "arabic", "letter")
# Articles are numbered through the whole document: a chapter or Roman section does not
# restart them.
_CONTINUOUS = frozenset({"article"})


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
        style: ``chapter``, ``roman``, ``article``, ``arabic`` or ``letter``.
        label: The label as written (``IV``, ``13``, ``đ``).
        ordinal: Its position in its style's sequence (1 for ``I``, ``1`` and ``a``).
        section: The document's own path to it (``V.13``, ``Điều 4.1.a``).
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
    if style in ("arabic", "article"):
        return str(ordinal)
    numerals = (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    out = ""
    for text, value in numerals:
        while ordinal >= value:
            out += text
            ordinal -= value
    return out


def _classify(text: str) -> tuple[str, str, int] | None:
    m = _CHAPTER_ITEM.match(text)
    if m:
        label = m.group(1)
        return "chapter", label, int(label) if label.isdigit() else _roman_value(label)
    m = _ROMAN_ITEM.match(text)
    if m:
        return "roman", m.group(1), _roman_value(m.group(1))
    m = _ARTICLE_ITEM.match(text)
    if m:
        return "article", m.group(1), int(m.group(1))
    m = _ARABIC_ITEM.match(text)
    if m:
        return "arabic", m.group(1), int(m.group(1))
    m = _LETTER_ITEM.match(text)
    if m and m.group(1) in LETTERS:
        return "letter", m.group(1), LETTERS.index(m.group(1)) + 1
    return None


def _path_label(style: str, label: str) -> str:
    if style == "chapter":
        return f"Chương {label}"
    return f"Điều {label}" if style == "article" else label


def _section(path: Sequence[str | None], depth: int) -> str:
    """The dotted path to an item.

    Inside an article it starts at the article (``Điều 4.1.a``): articles are numbered through
    the whole document, so a chapter adds nothing to it.
    """
    article = _STYLES.index("article")
    start = article if depth >= article and path[article] is not None else 0
    return ".".join(p for p in path[start : depth + 1] if p is not None)


def list_items(lines: Sequence[str]) -> tuple[ListItem, ...]:
    """Every numbered list item at the start of a line, with its section path."""
    path: list[str | None] = [None] * len(_STYLES)
    items = []
    for number, text in enumerate(lines, 1):
        found = _classify(text)
        if found is None:
            continue
        style, label, ordinal = found
        depth = _STYLES.index(style)
        path[depth] = _path_label(style, label)
        for deeper in range(depth + 1, len(_STYLES)):
            path[deeper] = None
        section = _section(path, depth)
        items.append(ListItem(number, style, label, ordinal, section))
    return tuple(items)


def numbering_problems(lines: Sequence[str]) -> tuple[NumberingProblem, ...]:
    """Gaps and repeats in the numbered lists of a text.

    A list of one style restarts under each item of a style above it (Arabic numbers restart
    in each Roman section and each article, letters under each Arabic item); articles never
    restart.
    """
    last: list[ListItem | None] = [None] * len(_STYLES)
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
        for deeper in range(depth + 1, len(_STYLES)):
            if _STYLES[deeper] not in _CONTINUOUS:
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


def _text_follows(lines: Sequence[str], number: int) -> bool:
    """Whether any text stands after the last ``[...]`` of line ``number`` (1-based)."""
    here = lines[number - 1]
    last = list(_ELLIPSIS_MARK.finditer(here))[-1]
    if here[last.end() :].strip(" .;:*"):
        return True
    return any(text.strip() for text in lines[number:])


def truncation_marks(lines: Sequence[str]) -> tuple[int, ...]:
    """Lines whose editorial mark ``[...]`` cuts the text short: nothing follows it.

    >>> truncation_marks(["a", "[...]", ""]), truncation_marks(["a", "[...]", "b"])
    ((2,), ())
    """
    return tuple(
        n
        for n, text in enumerate(lines, 1)
        if _ELLIPSIS_MARK.search(text) and not _text_follows(lines, n)
    )


def elision_marks(lines: Sequence[str]) -> tuple[int, ...]:
    """Lines whose editorial mark ``[...]`` leaves out a passage: the text goes on after it.

    >>> elision_marks(["a [...] b"]), elision_marks(["a", "[...]", "b"]), elision_marks(["a [...]"])
    ((1,), (2,), ())
    """
    return tuple(
        n
        for n, text in enumerate(lines, 1)
        if _ELLIPSIS_MARK.search(text) and _text_follows(lines, n)
    )
