"""The words the library's own text output is made of, in Vietnamese and in English.

Every label, heading and sentence pattern a command prints comes from ``data/labels.toml``,
one entry per key with a ``vi`` and an ``en`` form, so that a Vietnamese run prints no English
word and an English run no Vietnamese word of the library's own. Patterns name their values in
braces (``giai đoạn {number}``); both forms of a key must name the same values, which the loader
checks.

>>> say("calendar.phase", "vi", number=2), say("calendar.phase", "en", number=2)
('giai đoạn 2', 'phase 2')
>>> say("status.not met", "vi")
'không đạt'

A count is worded by :func:`say_count`: a key with an ``en_one`` form has a singular English
form for a count of 1 (Vietnamese nouns have no plural).

>>> say_count("count.error", 1, "en"), say_count("count.error", 3, "en")
('1 error', '3 errors')
>>> say_count("count.error", 3, "vi")
'3 lỗi'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.vocab.numbers import format_share
from vn_drugfree_criteria.vocab.strict import load_toml_text
from vn_drugfree_criteria.vocab.wording import number

__all__ = [
    "LABELS",
    "LANGS",
    "Code",
    "Count",
    "Share",
    "Words",
    "code_word",
    "formula_words",
    "read_labels",
    "say",
    "say_count",
    "when_words",
    "words",
]

LANGS = ("vi", "en")
"""The languages of the text output; Vietnamese first, the default of every command."""

_FILE = "labels.toml"


def _fields(pattern: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(pattern) if name)


def read_labels(name: str, text: str) -> Mapping[str, Mapping[str, str]]:
    """Read a labels file (TOML, strict): ``[[labels]]`` with ``key``, ``vi`` and ``en``.

    A label that words a count (``{count}``) may have an ``en_one`` form too: the English form
    for a count of 1 (``1 error``; ``en`` is then the plural, ``3 errors``).

    Raises:
        DataFileError: A malformed file, a key given twice, two forms naming different values,
            or an ``en_one`` form where the label names no ``{count}``.
    """
    top = load_toml_text(name, text)
    top.integer("schema", minimum=1)
    out: dict[str, Mapping[str, str]] = {}
    for t in top.tables("labels", required=True):
        key = t.text("key")
        forms = {lang: t.text(lang) for lang in LANGS}
        one = t.opt_text("en_one")
        t.finish()
        if key in out:
            raise t.error("key", f"{key!r} is given twice")
        if _fields(forms["vi"]) != _fields(forms["en"]):
            raise t.error("en", f"{key!r}: the two forms name different values")
        if one is not None:
            if "count" not in _fields(forms["en"]) or _fields(one) != _fields(forms["en"]):
                raise t.error("en_one", f"{key!r}: the singular form must name {{count}} as en")
            forms["en_one"] = one
        out[key] = MappingProxyType(forms)
    top.finish()
    return MappingProxyType(out)


LABELS: Mapping[str, Mapping[str, str]] = read_labels(
    _FILE,
    resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text(encoding="utf-8"),
)
"""Every label by key, each a mapping from language to its form."""


def say(key: str, lang: str, /, **values: Any) -> str:
    """The label ``key`` in ``lang`` (``vi`` or ``en``), with ``values`` put in its braces.

    Raises:
        KeyError: No such label, or a language other than ``vi`` and ``en``.
    """
    form = LABELS[key][lang]
    return form.format(**values) if values else form


def say_count(key: str, count: int, lang: str, /, **values: Any) -> str:
    """The label ``key`` worded for ``count`` (put in its ``{count}``) in ``lang``.

    In English a count of 1 takes the label's singular form (``en_one``) where it has one;
    Vietnamese has one form for every count.

    Raises:
        KeyError: No such label, or a language other than ``vi`` and ``en``.
    """
    forms = LABELS[key]
    form = forms.get("en_one", forms["en"]) if lang == "en" and count == 1 else forms[lang]
    return form.format(count=count, **values)


def code_word(group: str, code: str, lang: str) -> str:
    """The label of a code of the JSON forms (``code_word("frequency", "yearly", "vi")``).

    A code with no label is returned as it is (the plan pages and the text output then show
    the code, never a Python form).

    >>> code_word("frequency", "yearly", "vi"), code_word("target_kind", "share", "en")
    ('hằng năm', 'share of a whole')
    """
    forms = LABELS.get(f"{group}.{code}")
    return code if forms is None else forms[lang]


def when_words(text: str, lang: str) -> str:
    """When a target applies (``yearly``, ``2025``, ``phase 2``) in words.

    >>> when_words("phase 2", "vi"), when_words("2025", "en"), when_words("yearly", "vi")
    ('giai đoạn 2', 'year 2025', 'hằng năm')
    """
    if text == "yearly":
        return say("when.yearly", lang)
    if text.startswith("phase "):
        return say("when.phase", lang, number=text.removeprefix("phase "))
    if text.isdigit():
        return say("when.year", lang, number=text)
    return text


@attrs.frozen
class Share:
    """A share put in a sentence: ``83%`` in English, ``83,5%`` in Vietnamese."""

    value: Fraction


@attrs.frozen
class Code:
    """A code of the JSON forms put in a sentence by its label (:func:`code_word`).

    The group ``when`` is a target's period, written by :func:`when_words`.
    """

    group: str
    code: str


@attrs.frozen
class Count:
    """A count put in a sentence with its noun, by :func:`say_count` (``1 month``, ``3 months``).

    >>> words("threshold.lifetime", months=Count("count.month", 1)).render("en")
    '= 0 (none existing longer than 1 month)'
    """

    key: str
    count: int


@attrs.frozen
class Words:
    """A sentence kept as its label key and values, written in either language on demand.

    >>> w = words("status.met")
    >>> w.render("vi"), w.render("en")
    ('đạt', 'met')
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        """The sentence in ``lang``."""
        return say(self.key, lang, **{k: _value(v, lang) for k, v in self.values})


def words(key: str, /, **values: Any) -> Words:
    """A :class:`Words` for ``key``.

    Values may be text, counts, :class:`Count`, :class:`Share`, :class:`Code`, exact fractions,
    ``None`` (unknown) or other :class:`Words`.
    """
    return Words(key, tuple(values.items()))


def _value(value: Any, lang: str) -> str:
    if isinstance(value, Words):
        return value.render(lang)
    if value is None:
        return say("unknown", lang)
    return _plain(value, lang)


def _plain(value: Any, lang: str) -> str:
    if isinstance(value, Share):
        text = format_share(value.value)
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, Count):
        return say_count(value.key, value.count, lang)
    if isinstance(value, Code):
        if value.group == "when":
            return when_words(value.code, lang)
        return code_word(value.group, value.code, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, lang) if lang == "vi" else str(value)
    return str(value)


def formula_words(formula: str, lang: str) -> str:
    """A requirement's formula (its JSON form) with its few fixed words in ``lang``.

    Formulas are written by the requirement kinds in one closed vocabulary (``in``, ``or``,
    ``vacuous when``, ``not met when``, ``criteria met in class``, ``inf``); indicator names and
    numbers stay as they are.

    >>> formula_words("a / b in [1/200, inf) (not met when b = 0)", "vi")
    'a / b thuộc [1/200, +∞) (không đạt khi b = 0)'
    """
    if lang == "en":
        return formula
    text = formula
    for key, before, after in _FORMULA:
        text = text.replace(before + LABELS[key]["en"] + after, before + say(key, lang) + after)
    return text


_FORMULA = (
    ("formula.criteria_met", "", " "),
    ("formula.vacuous_when", "(", " "),
    ("formula.not_met_when", "(", " "),
    ("formula.in", " ", " "),
    ("formula.or", ") ", " ("),
    ("formula.infinity", " ", ")"),
)
