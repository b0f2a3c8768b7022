"""How every problem of an input cell or row is worded, in Vietnamese and in English.

The one place for the wording of a problem: ``data/problems.toml`` holds, for each wording key,
the stable code it reports (one of :data:`~vn_drugfree_criteria.ERROR_CODES`), the values it
takes and its two forms. A :class:`~vn_drugfree_criteria.vocab.cells.Problem` carries its key
and values, so the same problem is written in either language. Values are put in by
:func:`value_words`: a date in each language's style (``30/06/2025`` in Vietnamese, ISO in
English), a count or an area with the language's separators in Vietnamese; anything else (a
cell as shown, a column name) as it is.

>>> import datetime
>>> problem_words("negative", "vi", {"value": "-2"})
'không được âm, nhận được -2'
>>> problem_words("plan_ended", "vi", {"plan": "'p'", "valid_to": datetime.date(2025, 6, 30),
...     "day": datetime.date(2025, 12, 14)})
"kế hoạch 'p' áp dụng đến ngày 30/06/2025; ngày 14/12/2025 đã sau đó"
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from types import MappingProxyType
from typing import TypeVar

import attrs

from vn_drugfree_criteria.errors import DrugFreeError, SnapshotError
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.decimals import decimal_text
from vn_drugfree_criteria.vocab.strict import load_toml_text
from vn_drugfree_criteria.vocab.wording import number

__all__ = [
    "WORDINGS",
    "Problem",
    "Wording",
    "error_problem",
    "problem_error",
    "problem_words",
    "read_wordings",
    "value_words",
    "worded_error",
]

E = TypeVar("E", bound=DrugFreeError)

_FILE = "problems.toml"


@attrs.frozen
class Wording:
    """The two forms of one problem.

    Attributes:
        key: The wording's key (``missing_needed``).
        code: The stable code the problem reports.
        params: The names of the values the forms take.
        vi: The Vietnamese form, values named in braces.
        en: The English form.
    """

    key: str
    code: str
    params: tuple[str, ...]
    vi: str
    en: str

    def form(self, lang: str) -> str:
        """The form in ``lang`` (``vi``; anything else is English)."""
        return self.vi if lang == "vi" else self.en


def _fields(pattern: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(pattern) if name)


def read_wordings(name: str, text: str) -> Mapping[str, Wording]:
    """Read a wordings file (strict TOML): ``[[problems]]`` with key, code, params, vi and en.

    Raises:
        DataFileError: A malformed file, a key given twice, or a form naming a value that is
            not among the wording's ``params``.
    """
    top = load_toml_text(name, text)
    top.integer("schema", minimum=1)
    out: dict[str, Wording] = {}
    for t in top.tables("problems", required=True):
        w = Wording(
            t.text("key"), t.text("code"), t.text_list("params"), t.text("vi"), t.text("en")
        )
        t.finish()
        if w.key in out:
            raise t.error("key", f"{w.key!r} is given twice")
        for lang in ("vi", "en"):
            if not _fields(w.form(lang)) <= set(w.params):
                raise t.error(lang, f"{w.key!r}: the form names a value not in params")
        out[w.key] = w
    top.finish()
    return MappingProxyType(out)


WORDINGS: Mapping[str, Wording] = read_wordings(
    _FILE,
    resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text(encoding="utf-8"),
)
"""Every wording by key."""


def value_words(value: object, lang: str) -> str:
    """A value put into a problem's wording, in ``lang``.

    >>> value_words(Fraction(3001, 2), "vi"), value_words(Fraction(3001, 2), "en")
    ('1.500,5', '1500.5')
    >>> value_words(True, "vi"), value_words(_dt.date(2025, 6, 30), "vi")
    ('đúng', '30/06/2025')
    """
    if isinstance(value, bool):
        return ("đúng" if value else "sai") if lang == "vi" else str(value)
    if isinstance(value, _dt.date):
        return date_words(value, lang)
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return number(value, "vi") if lang == "vi" else decimal_text(value)
    return str(value)


def problem_words(key: str, lang: str, params: Mapping[str, object]) -> str:
    """The wording ``key`` in ``lang``, with ``params`` put in (see :func:`value_words`).

    Raises:
        KeyError: No such wording, or a value it names is not given.
    """
    form = WORDINGS[key].form(lang)
    return form.format(**{name: value_words(v, lang) for name, v in params.items()})


@attrs.frozen
class Problem:
    """One problem of one field, with its stable code, worded in either language.

    Attributes:
        field: The column, indicator or attribute at fault (never translated).
        code: One of :data:`~vn_drugfree_criteria.ERROR_CODES`.
        reason: What is wrong, in English, without the field name.
        key: The wording it was built from (``""`` for a problem built from an English reason
            alone, which reads in English in either language).
        params: The values its wording takes, as ``(name, value)`` pairs.
    """

    field: str
    code: str
    reason: str
    key: str = attrs.field(default="", eq=False, repr=False)
    params: tuple[tuple[str, object], ...] = attrs.field(default=(), eq=False, repr=False)

    @classmethod
    def worded(cls, field: str, key: str, /, **params: object) -> Problem:
        """The problem of wording ``key`` with its values; its code is the wording's.

        >>> Problem.worded("households", "negative", value="-2").message_for("vi")
        'households: không được âm, nhận được -2'
        """
        code = WORDINGS[key].code
        return cls(field, code, problem_words(key, "en", params), key, tuple(params.items()))

    @property
    def message(self) -> str:
        """``field: reason``, the form every rejection uses (in English)."""
        return f"{self.field}: {self.reason}"

    def message_for(self, lang: str) -> str:
        """``field: reason`` in ``lang`` (``vi`` or ``en``), the field name as it is."""
        if lang != "vi" or not self.key:
            return self.message
        return f"{self.field}: {problem_words(self.key, lang, dict(self.params))}"


def worded_error(cls: type[E], key: str, /, **params: object) -> E:
    """An error of class ``cls`` with wording ``key``: English ``str()``, ``message_vi`` beside it.

    >>> from vn_drugfree_criteria.errors import LevelNotCoveredError
    >>> worded_error(LevelNotCoveredError, "plan_no_criteria", plan="'p'").message_vi
    "kế hoạch 'p' không quy định tiêu chí công nhận"
    """
    exc = cls(problem_words(key, "en", params))
    exc.key, exc.params = key, tuple(params.items())
    exc.message_vi = problem_words(key, "vi", params)
    return exc


def problem_error(problem: Problem) -> SnapshotError:
    """The :class:`~vn_drugfree_criteria.SnapshotError` that reports ``problem``."""
    exc = SnapshotError(problem.field, problem.reason, problem.code)
    exc.key, exc.params = problem.key, problem.params
    exc.message_vi = problem.message_for("vi") if problem.key else None
    return exc


def error_problem(field: str, code: str, exc: DrugFreeError) -> Problem:
    """The problem of ``field`` that an error reports, with the error's wording when it has one."""
    if isinstance(exc, SnapshotError):
        return Problem(exc.field, exc.code, exc.reason, exc.key, exc.params)
    return Problem(field, code, str(exc), exc.key, exc.params)
