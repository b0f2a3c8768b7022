"""The pieces every notebook view is made of: the display language, escaped tables, verdicts.

The views (:mod:`vn_drugfree_criteria.viz.html`) speak one language, Vietnamese unless
:func:`set_display_language` chose English; each renderer also takes ``lang`` for one call.
Every word is a label of ``data/labels.toml`` and every date is written by
:func:`~vn_drugfree_criteria.vocab.dates.date_words`, as in the command line's text output.

>>> table_html(("a",), [("<b>",)], lang="en")
'<table style="border-collapse:collapse;text-align:left;vertical-align:top"><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.vocab.dates import date_words
from vn_drugfree_criteria.vocab.labels import LANGS, say
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = [
    "BATCH_ROWS_SHOWN",
    "ROWS_SHOWN",
    "cols",
    "day",
    "display_language",
    "drug_free_word",
    "escape",
    "form_html",
    "set_display_language",
    "share_cell",
    "table_html",
    "verdict",
    "view_lang",
    "yes_word",
]

ROWS_SHOWN = 100
"""How many rows a table of a view shows; a note says how many there are in all."""

BATCH_ROWS_SHOWN = ROWS_SHOWN
"""How many rows :func:`batch_html` shows (the same limit as every other view)."""

_language = [LANGS[0]]  # the language of the views: one setting for the session


def display_language() -> str:
    """The language the notebook views are drawn in: ``"vi"`` (the default) or ``"en"``."""
    return _language[0]


def set_display_language(lang: str) -> str:
    """Draw the notebook views (``_repr_html_``) in ``lang`` from now on; return the old one.

    The setting is for the views only: every function that words something for a program
    (``explain``, ``to_dict``, the command line) takes its language as an argument.

    >>> old = set_display_language("en")
    >>> display_language(), set_display_language(old)
    ('en', 'en')

    Raises:
        InputError: ``lang`` is not ``"vi"`` or ``"en"``.
    """
    if lang not in LANGS:
        raise InputError(f"display language {lang!r}: expected one of {', '.join(LANGS)}")
    old, _language[0] = _language[0], lang
    return old


def view_lang(lang: str | None) -> str:
    """``lang`` checked, or the display language when it is ``None``.

    Raises:
        InputError: ``lang`` is not ``"vi"`` or ``"en"``.
    """
    if lang is None:
        return _language[0]
    if lang not in LANGS:
        raise InputError(f"language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


def cols(lang: str, *names: str) -> tuple[str, ...]:
    """Column headings: the labels ``view.col.NAME`` in ``lang``."""
    return tuple(say(f"view.col.{n}", lang) for n in names)


def day(value: str | None, lang: str) -> str:
    """A date of a JSON form as the text output writes it; unknown when ``None``."""
    return say("unknown", lang) if value is None else date_words(value, lang)


_STYLE = "border-collapse:collapse;text-align:left;vertical-align:top"
_CELL_CHARS = 300  # a nested value longer than this is cut, with a mark, in a key/value table


def escape(value: object) -> str:
    """``value`` as HTML text (``None`` as nothing), quotes escaped too."""
    return html.escape("" if value is None else str(value), quote=True)


def table_html(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    limit: int | None = None,
    lang: str | None = None,
) -> str:
    """An HTML table; every header and cell is escaped.

    With ``limit``, only the first ``limit`` rows are drawn and a note after the table says
    how many there are in all (in ``lang``, by default the display language).
    """
    every = list(rows)
    shown = every if limit is None else every[:limit]
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in shown
    )
    out = f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if len(shown) < len(every):
        note = say("view.first_rows", view_lang(lang), shown=len(shown), total=len(every))
        out += f"<p>{escape(note)}</p>"
    return out


def _plain(value: object) -> str:
    if isinstance(value, Mapping | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= _CELL_CHARS else text[:_CELL_CHARS] + " … (cut)"
    return "" if value is None else str(value)


def form_html(form: Mapping[str, Any], title: str | None = None) -> str:
    """A JSON form as a key/value table (nested values as compact JSON, long ones cut)."""
    head = f"<p><b>{escape(title)}</b></p>" if title else ""
    return head + table_html(("", ""), [(k, _plain(v)) for k, v in form.items()])


def yes_word(flag: bool | None, lang: str) -> str:
    """A criterion's or target's outcome: met, not met, or ``?`` when unknown."""
    return "?" if flag is None else say("view.met" if flag else "view.not_met", lang)


def verdict(value: bool | None, lang: str) -> str:
    """A row's verdict in a table of rows: ``✔``, ``✘``, or rejected when ``None``."""
    return say("view.rejected", lang) if value is None else ("✔" if value else "✘")


def drug_free_word(value: bool, lang: str) -> str:
    """Drug-free or not, in words."""
    return say("assess.drug_free" if value else "assess.not_drug_free", lang)


def share_cell(text: str | None, lang: str) -> str:
    """An exact share ``"n/d"`` with its percentage beside it; unknown when ``None``."""
    if text is None:
        return say("unknown", lang)
    num, _, den = text.partition("/")
    return (
        text if not den or den == "0" else f"{text} ({format_share(Fraction(int(num), int(den)))})"
    )
