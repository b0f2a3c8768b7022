"""``vn-drugfree assess FILE``: read, assess and write the table chunk by chunk.

Memory is bounded by a chunk of rows (plus the ids seen, to refuse a repeated one), not by the
table: each chunk is validated (:class:`~vn_drugfree_criteria.io.stream.TableStream`), assessed
(:func:`~vn_drugfree_criteria.engine.assess_table.assess_rows`) and written before the next is
read. With ``--rollup``, what the roll-up reads of each row waits in a temporary file
(:class:`~vn_drugfree_criteria.cli.assess_rollup.RollupSpool`) and the parents are built and
written after the rows (JSON and table output; CSV and workbooks show no parents). The text
written is the same as for the whole table at once.

If the input turns out to be unreadable part-way (a CSV syntax error, bytes that are not UTF-8,
more rows than ``--max-rows``, a level needing a column the table lacks), or the output cannot
be written (a full disk, a closed pipe), the output stops where it was and the command exits
with status 2 and one line on stderr: output of a run with status 2 is incomplete and must be
discarded (JSON output is then not valid JSON).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
import sys
from collections.abc import Hashable, Iterator
from functools import partial
from typing import Any, TextIO, cast

from vn_drugfree_criteria.cli.assess_render import TableText
from vn_drugfree_criteria.cli.assess_rollup import RollupSpool
from vn_drugfree_criteria.engine.assess import Assessment
from vn_drugfree_criteria.engine.assess_plain import Decided, PlainOutcomes, plain_assessment
from vn_drugfree_criteria.engine.assess_table import (
    area_form,
    area_form_of,
    area_key,
    area_outcome,
    assess_rows,
    rejected_form,
)
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.engine.rows_plain import PlainChunk
from vn_drugfree_criteria.io.csvout import CsvForm, write_csv
from vn_drugfree_criteria.io.jsonout import AssessmentJson
from vn_drugfree_criteria.io.stream import TableStream
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.indicators import Snapshot
from vn_drugfree_criteria.vocab.levels import UnitKind

__all__ = ["Counts", "records", "stream_assess"]


class Counts:
    """How many rows were written, and how many of them were rejected."""

    def __init__(self) -> None:
        self.rows = self.rejected = 0


def _assessed(
    table: TableStream, counts: Counts, spool: RollupSpool | None = None
) -> Iterator[tuple[list[TableRow], list[Assessment | None]]]:
    for chunk in table.chunks():
        rows, results = assess_rows(table.plan, chunk)
        counts.rows += len(rows)
        counts.rejected += sum(1 for a in results if a is None)
        if spool is not None:
            spool.add(rows, results)
        yield rows, results


Built = tuple[TableRow, "Assessment | None"]
"""A row built, with its assessment (``None`` when rejected)."""


def _outcomes(
    table: TableStream, counts: Counts
) -> Iterator[tuple[PlainChunk | None, list[Decided | None], Iterator[Built]]]:
    """Each chunk: what was found of its plain rows, their outcomes, and the other rows built.

    A plain row whose outcome is decided is left unbuilt (its :data:`Decided` in the list);
    every other row is built and assessed, in order (``None`` in the list, its row and
    assessment from the iterator).
    """
    found = PlainOutcomes(table.plan)
    for plain, rows in table.plain_chunks():
        decided: list[Decided | None] = [None] * len(rows)
        if plain is not None:
            decided = found.outcomes(plain, partial(_snapshot, table, plain))
            undecided = map(operator.is_, decided, itertools.repeat(None))
            build = list(
                itertools.compress(range(len(rows)), map(operator.and_, plain.ok, undecided))
            )
            for k in build:
                rows[k] = table.build(plain, k)
                decided[k] = None
        done, results = assess_rows(table.plan, [r for r in rows if r is not None])
        counts.rows += len(rows)
        counts.rejected += results.count(None)
        yield plain, decided, zip(done, results, strict=True)


def _snapshot(table: TableStream, plain: PlainChunk, k: int) -> Snapshot:
    return cast(Snapshot, table.build(plain, k).snapshot)


def _parents(table: TableStream, spool: RollupSpool, lang: str) -> Iterator[dict[str, Any]]:
    """The JSON forms of the parents, built once every row was read (the input then closed)."""
    table.close()
    return (p.to_dict(lang=lang) for p in spool.parents())


def _csv(table: TableStream, out: TextIO, lang: str, counts: Counts, _: RollupSpool | None) -> None:
    form = CsvForm(table.plan, table.columns)
    write_csv([form.header()], out)
    for plain, decided, built in _outcomes(table, counts):
        texts = form.decided_lines(plain, decided, lang) if plain is not None else decided
        lines = [form.line(*next(built), lang) if t is None else t for t in texts]
        out.write("".join(cast(list[str], lines)))


def records(table: TableStream, lang: str, counts: Counts) -> Iterator[tuple[str, ...]]:
    """The CSV form's header, then its records, chunk by chunk (for a workbook)."""
    form = CsvForm(table.plan, table.columns)
    yield form.header()
    for rows, results in _assessed(table, counts):
        yield from (form.record(row, a, lang) for row, a in zip(rows, results, strict=True))


def _json(
    table: TableStream, out: TextIO, lang: str, counts: Counts, spool: RollupSpool | None
) -> None:
    if spool is None:
        _json_areas(table, out, lang, counts)
        return
    with AssessmentJson(out, table.plan.id) as doc:
        for rows, results in _assessed(table, counts, spool):
            for row, a in zip(rows, results, strict=True):
                _area(doc, row, a, lang)
        doc.rollup(_parents(table, spool, lang))


def _json_areas(table: TableStream, out: TextIO, lang: str, counts: Counts) -> None:
    """The JSON form without a roll-up, each outcome's text made once (see ``area_filled``)."""
    with AssessmentJson(out, table.plan.id) as doc:
        for plain, decided, built in _outcomes(table, counts):
            if plain is None:
                for row, a in built:
                    _area(doc, row, a, lang)
                continue
            kinds = cast(list[tuple[object, "UnitKind | None"]], plain.levels)
            keys: list[Hashable | None] = [
                None if got is None else (lang, area_key(kinds[k][1], got[0]))
                for k, got in enumerate(decided)
            ]
            other = partial(_other, doc, table.plan, plain, decided, keys, built, lang)
            doc.area_rows(keys, plain.first, plain.ids, plain.parents, other)


def _other(
    doc: AssessmentJson,
    plan: Plan,
    plain: PlainChunk,
    decided: list[Decided | None],
    keys: list[Hashable],
    built: Iterator[Built],
    lang: str,
    k: int,
) -> None:
    """Row ``k`` of a chunk not written from a kept text: built, or its outcome's first."""
    got = decided[k]
    if got is None:
        _area(doc, *next(built), lang)
        return
    number, kind, parent = plain.first + k, plain.levels[k][1], plain.parents[k]
    a = plain_assessment(plan, plain, k, got)
    fill = {"row": number, "id": a.area_id, "parent_id": parent}
    make = partial(area_form_of, number, cast(UnitKind | None, kind), parent, a, lang)
    doc.area_filled(keys[k], fill, make)


def _area(doc: AssessmentJson, row: TableRow, a: Assessment | None, lang: str) -> None:
    if a is None:
        doc.rejected(rejected_form(row, lang))
        return
    key = area_outcome(row, a)
    if key is None:
        doc.area(area_form(row, a, lang))
    else:
        fill = {"row": row.row, "id": a.area_id, "parent_id": row.parent_id}
        doc.area_filled((lang, key), fill, partial(area_form, row, a, lang))


def _text(
    table: TableStream, out: TextIO, lang: str, counts: Counts, spool: RollupSpool | None
) -> None:
    with TableText(out, table.plan.id, lang) as text:
        for rows, results in _assessed(table, counts, spool):
            for row, a in zip(rows, results, strict=True):
                entry: dict[str, Any] = (
                    rejected_form(row, lang) if a is None else area_form(row, a, lang)
                )
                text.add(entry)
        if spool is not None:
            text.rollup(_parents(table, spool, lang))


_WRITERS = {"csv": _csv, "json": _json, "table": _text}


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a table streams through.

    Each chunk makes and frees some tens of thousands of small containers, freed by their
    reference counts; at the collector's default pace (a collection every 700 of them, and a
    look at every object alive now, the plans and modules included, every hundred) a tenth of
    the run went to it. What is alive when the stream starts is set aside from the collector
    (:func:`gc.freeze`) and a collection waits for 20,000 containers, so garbage in cycles is
    still collected, in memory bounded by that number. Both are put back after.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], _COLLECT_AFTER), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


_COLLECT_AFTER = 20_000


def stream_assess(
    table: TableStream, fmt: str, lang: str, out: TextIO | None = None, *, rollup: bool = False
) -> Counts:
    """Assess every row of ``table`` and write it in ``fmt`` (``table``, ``json`` or ``csv``).

    With ``rollup``, the parents named in ``parent_id`` are built and written after the rows
    (in the JSON and table forms; the CSV form has no parents).

    Raises:
        TableError: The input is refused part-way (the output written so far is incomplete).
        OSError: The output cannot be written.
    """
    counts = Counts()
    with table, _rare_collections(), contextlib.ExitStack() as held:
        spool = held.enter_context(RollupSpool(table.plan)) if rollup and fmt != "csv" else None
        _WRITERS[fmt](table, out if out is not None else sys.stdout, lang, counts, spool)
    return counts
