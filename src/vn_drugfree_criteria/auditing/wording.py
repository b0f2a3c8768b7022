"""Read the whole source text for words, wherever they stand (not only in the encoded parts).

Unit kinds, levels, named units, legal concepts and repeated syllables are found in every line.

The text is read as one stream, so a name broken across two lines (``hộ`` / ``khẩu``) is still
found, at the line where it starts. Matching ignores case and Unicode normalisation; a match must
stand as whole words. Shorthand lists of kinds and repeated syllables that are good Vietnamese
come from the bundled data file ``wording.toml``.

>>> [(m.line, m.kind.id) for m in kind_mentions(["UBND các huyện, thành, thị", "thị trấn"])]
[(1, 'huyen'), (1, 'thanh-pho-thuoc-tinh'), (1, 'thi-xa'), (2, 'thi-tran')]
>>> repeated_words(["đưa người người nghiện", "hành vi vi phạm"])
((1, 'người người'),)
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from importlib import resources

import attrs

from vn_drugfree_criteria.vocab.levels import Level, UnitKind, units
from vn_drugfree_criteria.vocab.strict import load_toml_text
from vn_drugfree_criteria.vocab.text import fold, nfc

__all__ = [
    "KindMention",
    "LevelMention",
    "Stream",
    "kind_mentions",
    "level_mentions",
    "phrase_lines",
    "repeated_words",
]

_FILE = "wording.toml"
_WORD = re.compile(r"\w+")


@attrs.frozen
class Shorthand:
    """A shorthand list of unit kinds (``huyện, thành, thị``)."""

    text_vi: str
    kinds: tuple[str, ...]
    note: str


@attrs.frozen
class Doubled:
    """A syllable written twice that is two words meeting (``hành vi vi phạm``)."""

    text_vi: str
    note: str


@attrs.frozen
class Wording:
    """The reading rules of ``wording.toml``."""

    shorthands: tuple[Shorthand, ...]
    doubled_ok: tuple[Doubled, ...]


@functools.cache
def wording() -> Wording:
    """The bundled reading rules (cached)."""
    text = resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text("utf-8")
    top = load_toml_text(_FILE, text)
    if top.integer("schema") != 1:
        raise top.error("schema", "unsupported schema version; expected 1")
    known = {k.id for k in units().kinds}
    shorthands = []
    for t in top.tables("kind_shorthands", required=True):
        kinds = t.text_list("kinds", required=True)
        unknown = sorted(set(kinds) - known)
        if unknown:
            raise t.error("kinds", f"unknown kinds {unknown}")
        shorthands.append(Shorthand(t.text("text_vi"), kinds, t.text("note")))
        t.finish()
    doubled = []
    for t in top.tables("doubled_ok"):
        doubled.append(Doubled(t.text("text_vi"), t.text("note")))
        t.finish()
    top.finish()
    # Longest first, so "huyện, thị xã, thành phố" wins over "huyện, thành phố".
    ordered = tuple(sorted(shorthands, key=lambda s: -len(s.text_vi)))
    return Wording(ordered, tuple(doubled))


@attrs.frozen
class Stream:
    """A source text as one lower-cased NFC stream, with the line each character stands on.

    Attributes:
        text: The stream, lower-cased (for matching).
        raw: The same stream as written (same offsets).
        starts: The offset at which each line starts.
    """

    text: str
    raw: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, lines: Sequence[str]) -> Stream:
        """Join the lines with newlines, after NFC and lower-casing each."""
        starts, pos, parts = [], 0, []
        for line in lines:
            norm = nfc(line) if line.strip() else ""
            starts.append(pos)
            parts.append(norm)
            pos += len(norm) + 1
        raw = "\n".join(parts)
        lowered = raw.lower()
        if len(lowered) != len(raw):  # pragma: no cover - no Vietnamese letter changes length
            raise ValueError("lower-casing changed the length of the text")
        return cls(lowered, raw, tuple(starts))

    def written(self, start: int, end: int) -> str:
        """The words between two offsets as written, on one line."""
        return " ".join(self.raw[start:end].split())

    def line_of(self, offset: int) -> int:
        """The 1-based line of a character offset."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


def _pattern(phrase: str) -> re.Pattern[str]:
    """Whole words of ``phrase``, any run of white space (line breaks too) between them."""
    words = [re.escape(w) for w in nfc(phrase).lower().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def phrase_lines(stream: Stream, phrases: Iterable[str]) -> tuple[tuple[int, str], ...]:
    """Each occurrence of any of ``phrases``: its line and the words as they stand."""
    found: dict[int, tuple[int, str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        for m in _pattern(phrase).finditer(stream.text):
            if not any(start <= m.start() < start + len(w) for start, (_, w) in found.items()):
                found[m.start()] = (stream.line_of(m.start()), stream.written(*m.span()))
    return tuple(found[k] for k in sorted(found))


@attrs.frozen
class KindMention:
    """A unit kind named in the text.

    Attributes:
        line: The line where the words start.
        kind: The kind.
        written: The words that name it (a shorthand names several kinds at once).
    """

    line: int
    kind: UnitKind
    written: str


@attrs.frozen
class LevelMention:
    """An administrative level named in the text (``cấp huyện``)."""

    line: int
    level: Level
    written: str


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    out = list(text)
    for a, b in spans:
        out[a:b] = " " * (b - a)
    return "".join(out)


def level_mentions(lines: Sequence[str], levels: Iterable[Level]) -> tuple[LevelMention, ...]:
    """Every place the text names one of ``levels`` by its name (``cấp huyện``)."""
    stream = Stream.of(lines)
    out = []
    for level in levels:
        for m in _pattern(level.info.name_vi).finditer(stream.text):
            out.append(LevelMention(stream.line_of(m.start()), level, stream.written(*m.span())))
    return tuple(sorted(out, key=lambda m: (m.line, m.level.rank)))


def kind_mentions(
    lines: Sequence[str], kinds: Iterable[UnitKind] | None = None
) -> tuple[KindMention, ...]:
    """Every place the text names one of ``kinds`` (by default those that have ended).

    A shorthand list (``huyện, thành, thị``) names each of its kinds once; the level names
    (``cấp huyện``) are levels, not kinds, and are left to :func:`level_mentions`.
    """
    wanted = (
        tuple(kinds)
        if kinds is not None
        else tuple(k for k in units().kinds if k.valid_to is not None)
    )
    by_id = {k.id: k for k in units().kinds}
    stream = Stream.of(lines)
    text = stream.text
    found: list[tuple[int, KindMention]] = []
    spans = []
    for level in Level:
        spans += [m.span() for m in _pattern(level.info.name_vi).finditer(text)]
    text = _mask(text, spans)
    for short in wording().shorthands:
        for m in _pattern(short.text_vi).finditer(text):
            line = stream.line_of(m.start())
            written = stream.written(*m.span())
            found += [
                (m.start(), KindMention(line, by_id[k], written))
                for k in short.kinds
                if by_id[k] in wanted
            ]
            spans.append(m.span())
        text = _mask(text, spans)
    for kind in sorted(wanted, key=lambda k: -len(k.name_vi)):
        for m in _pattern(kind.name_vi).finditer(text):
            line = stream.line_of(m.start())
            found.append((m.start(), KindMention(line, kind, stream.written(*m.span()))))
            spans.append(m.span())
        text = _mask(text, spans)
    return tuple(m for _, m in sorted(found, key=lambda p: p[0]))


def repeated_words(lines: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """Syllables written twice in a row, anywhere in the text (line breaks included).

    Two syllables repeat when they are equal once case and, in headings (lines in capitals),
    diacritics are set aside (``PHỐ PHỔ``). Numbers and the pairs of :data:`wording.toml`
    (``hành vi vi phạm``) are not repeats.

    Returns:
        ``(line, the two syllables as written)`` for each repeat.
    """
    stream = Stream.of(lines)
    raw = stream.raw
    ok = [m.span() for p in wording().doubled_ok for m in _pattern(p.text_vi).finditer(stream.text)]
    out = []
    words = list(_WORD.finditer(raw))
    for a, b in itertools.pairwise(words):
        first, second = a.group(), b.group()
        if raw[a.end() : b.start()].strip() or first.isdigit():
            continue
        heading = _is_heading_word(first) and _is_heading_word(second)
        same = fold(first) == fold(second) if heading else first.lower() == second.lower()
        if not same or any(s <= a.start() and b.end() <= e for s, e in ok):
            continue
        out.append((stream.line_of(a.start()), f"{first} {second}"))
    return tuple(out)


def _is_heading_word(word: str) -> bool:
    return len(word) > 1 and word.isupper()
