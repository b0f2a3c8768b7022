"""Empty input tables for a plan, and the row of column labels under their header.

A template has the columns a plan needs and nothing else: for a table of areas ``id``,
``level``, ``parent_id``, ``as_of`` and every indicator the plan's criteria read (with the
whole of every part, so a part is never judged against a blank whole); for programme figures
(``figures=True``) ``period`` and every figure the plan's targets read. Under the header comes a
row of labels: what each column holds, in Vietnamese (or English), from the indicator and
figure vocabularies and ``data/labels.toml``.

**The labels row is skipped by the readers** when it is exactly such a row: the first row after
the header, in which every cell is the label of its column's header in one language (compared
ignoring case, surrounding spaces and Unicode normalisation) and every column without a label is
blank. A row that matches only in part is data, and is validated (and rejected) as any other
row; so deleting or editing the labels row is always safe.

>>> template_columns("lai-chau-city-2024")[:6]
('id', 'level', 'parent_id', 'as_of', 'hotspots', 'complex_points')
>>> column_label("households_committed", "vi")
'đại diện hộ gia đình cam kết'
>>> is_labels_row(("id", "note"), ("Mã địa bàn", ""))
True
>>> is_labels_row(("id", "households"), ("Mã địa bàn", "5"))
False
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.io.items import Item
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.cells import is_missing
from vn_drugfree_criteria.vocab.figures import FIGURES
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.labels import LABELS, LANGS
from vn_drugfree_criteria.vocab.text import nfc

__all__ = [
    "AREA_COLUMNS",
    "column_label",
    "is_labels_row",
    "skip_labels_row",
    "skip_labels_row_stream",
    "template_columns",
    "template_rows",
]

AREA_COLUMNS = ("id", "level", "parent_id", "as_of")
"""The columns of a table of areas besides its indicators, in template order."""


def template_columns(plan: PlanLike, *, figures: bool = False) -> tuple[str, ...]:
    """The header of a plan's template (see the module).

    Raises:
        InputError: The plan sets no criteria (or, with ``figures``, no targets), so no table
            of that kind can be assessed against it.
        UnknownPlanError: No such plan.
    """
    p = get_plan(plan)
    if figures:
        read = {name for t in p.targets for name in t.figures}
        if not read:
            raise InputError(f"plan {p.id!r} sets no targets: it reads no programme figures")
        return ("period", *(name for name in FIGURES if name in read))
    if not p.all_criteria:
        raise InputError(
            f"plan {p.id!r} sets no recognition criteria: it reads no table of areas"
            + ("; its targets read programme figures (--figures)" if p.targets else "")
        )
    return (*AREA_COLUMNS, *p.vocabulary.with_wholes(p.indicators))


def column_label(
    name: str, lang: str, *, figures: bool = False, vocabulary: Vocabulary = SHARED
) -> str | None:
    """What column ``name`` holds, in ``lang``; ``None`` for a column the library does not read.

    ``figures`` chooses the programme figures' vocabulary (a few names, such as ``communes``,
    are both an indicator of an area and a figure of a jurisdiction); otherwise the indicators
    are those of ``vocabulary`` (a plan's, with its own indicators).
    """
    if figures and name in FIGURES:
        return FIGURES[name].text_vi if lang == "vi" else FIGURES[name].text_en
    if not figures and name in vocabulary:
        return vocabulary.noun(name, lang)
    forms = LABELS.get(f"column.{name}")
    return None if forms is None else forms[lang]


def template_rows(
    plan: PlanLike, *, figures: bool = False, lang: str = "vi"
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The header and the labels row of a plan's template."""
    header = template_columns(plan, figures=figures)
    vocab = get_plan(plan).vocabulary
    labels = (column_label(name, lang, figures=figures, vocabulary=vocab) for name in header)
    return header, tuple(label or "" for label in labels)


def _key(value: object) -> str:
    return "" if is_missing(value) or not isinstance(value, str) else nfc(value).strip().casefold()


def is_labels_row(
    header: Sequence[str],
    cells: Sequence[object],
    *,
    figures: bool = False,
    vocabulary: Vocabulary = SHARED,
) -> bool:
    """Whether ``cells`` is the labels row of ``header`` in one language (see the module).

    The indicators are those of ``vocabulary`` (the plan's, whose template it may be).
    """
    if len(cells) > len(header):
        return False
    padded = [*cells, *[None] * (len(header) - len(cells))]
    for lang in LANGS:
        labels = [
            column_label(_key(name), lang, figures=figures, vocabulary=vocabulary)
            for name in header
        ]
        if any(labels) and all(
            _key(cell) == (_key(label) if label else "")
            for cell, label in zip(padded, labels, strict=True)
        ):
            return True
    return False


def _is_labels_item(
    header: Sequence[str], item: Item, figures: bool, vocabulary: Vocabulary
) -> bool:
    return not item[2] and is_labels_row(header, item[1], figures=figures, vocabulary=vocabulary)


def skip_labels_row(
    header: Sequence[str],
    items: list[Item],
    *,
    figures: bool = False,
    vocabulary: Vocabulary = SHARED,
) -> list[Item]:
    """``items`` without a first row that is the labels row of ``header`` (removed in place)."""
    if items and _is_labels_item(header, items[0], figures, vocabulary):
        del items[0]
    return items


def skip_labels_row_stream(
    header: Sequence[str],
    items: Iterator[Item],
    *,
    figures: bool = False,
    vocabulary: Vocabulary = SHARED,
) -> Iterator[Item]:
    """The rows of a stream without a first row that is the labels row of ``header``."""
    first = next(items, None)
    if first is None or _is_labels_item(header, first, figures, vocabulary):
        return items
    return itertools.chain([first], items)
