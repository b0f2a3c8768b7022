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
    "Share",
    "Words",
    "code_word",
    "formula_words",
    "read_labels",
    "say",
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

    Raises:
        DataFileError: A malformed file, a key given twice, or two forms naming different
            values.
    """
    top = load_toml_text(name, text)
    top.integer("schema", minimum=1)
    out: dict[str, Mapping[str, str]] = {}
    for t in top.tables("labels", required=True):
        key = t.text("key")
        forms = {lang: t.text(lang) for lang in LANGS}
        t.finish()
        if key in out:
            raise t.error("key", f"{key!r} is given twice")
        if _fields(forms["vi"]) != _fields(forms["en"]):
            raise t.error("en", f"{key!r}: the two forms name different values")
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

    Values may be text, counts, :class:`Share`, :class:`Code`, exact fractions, ``None``
    (unknown) or other :class:`Words`.
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
