"""Validate one row of tabular input into a :class:`~vn_drugfree_criteria.Snapshot`.

Every problem of a row is collected, each message naming its field (``households: must not be
negative, got -3``) and carrying a stable code (``negative``), so a rejected row tells its author
everything to fix at once. Cells are read by the one input policy of
:mod:`vn_drugfree_criteria.vocab.cells`: a blank cell is *missing*, never zero.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.assess import check_applicable, check_plan_date
from vn_drugfree_criteria.errors import (
    DrugFreeError,
    LevelNotCoveredError,
    SnapshotError,
    UnknownKindError,
)
from vn_drugfree_criteria.model.plan import Plan, indicators_read
from vn_drugfree_criteria.vocab.cell_limit import max_cell_length
from vn_drugfree_criteria.vocab.cells import (
    Problem,
    count_problem,
    is_missing,
    missing_problem,
    part_problems,
    plain,
    read_cell,
    read_text,
    yes_no_problems,
)
from vn_drugfree_criteria.vocab.dates import parse_iso_date
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.indicators import Snapshot, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_level
from vn_drugfree_criteria.vocab.problem_words import error_problem

__all__ = [
    "Cell",
    "TableRow",
    "applies_at",
    "needed_at",
    "needed_indicators",
    "read_day",
    "read_level",
    "validate_row",
]

# A cell as read: text from CSV, any JSON value from JSON input; None when absent.
Cell = object


@attrs.frozen
class TableRow(Displayable):
    """One input row and what became of it: assessed as an area, or rejected.

    Attributes:
        row: The 1-based data row number (the header is not counted).
        line: The line of the file where the row starts (CSV), else ``None``.
        cells: The row's cells as text, aligned with :attr:`Table.columns`.
        area_id: The ``id`` cell, when it could be read.
        parent_id: The ``parent_id`` cell, when given.
        snapshot: The validated counts; ``None`` when the row is invalid. A row at a level the
            plan does not cover keeps its counts (for a roll-up) but is still not assessed.
        errors: One message per problem, each naming its field; empty for a valid row.
        codes: The stable code of each error (:data:`~vn_drugfree_criteria.ERROR_CODES`).
        problems: The problems behind the errors, which word them in either language.
    """

    row: int
    line: int | None
    cells: tuple[str, ...]
    area_id: str | None
    parent_id: str | None
    snapshot: Snapshot | None
    errors: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = attrs.field(default=(), eq=False, repr=False)

    def messages(self, lang: str = "en") -> tuple[str, ...]:
        """The errors in ``lang`` (``vi`` or ``en``); :attr:`errors` is the English form."""
        if lang == "vi" and tuple(p.message for p in self.problems) == self.errors:
            return tuple(p.message_for(lang) for p in self.problems)
        return self.errors

    @property
    def error_codes(self) -> tuple[str, ...]:
        """The stable code of each error (``invalid`` for an error recorded without one)."""
        return self.codes[: len(self.errors)] + ("invalid",) * (len(self.errors) - len(self.codes))

    @property
    def ok(self) -> bool:
        """Whether the row is valid and assessable (a snapshot and no errors)."""
        return self.snapshot is not None and not self.errors

    def to_dict(self, *, lang: str = "en") -> dict[str, Any]:
        """JSON-ready data: where the row stands, its cells, its validated counts or its errors.

        ``errors`` are worded in ``lang`` (English by default); ``codes`` never change.
        """
        return {
            "row": self.row,
            "line": self.line,
            "id": self.area_id,
            "parent_id": self.parent_id,
            "cells": list(self.cells),
            "snapshot": self.snapshot.to_dict() if self.snapshot is not None else None,
            "errors": list(self.messages(lang)),
            "codes": list(self.error_codes),
        }


def _refuse(problems: list[Problem], field: str, key: str, **params: object) -> None:
    problems.append(Problem.worded(field, key, **params))


def needed_indicators(plan: Plan, level: Level | None) -> tuple[str, ...]:
    """The indicators the plan's criteria for ``level`` read, in vocabulary order."""
    return plan.indicators_for(level)


_MEMO: dict[object, tuple[object, tuple[Problem, ...]]] = {}
T = TypeVar("T")


def _memo(key: object, read: Callable[[list[Problem]], T], problems: list[Problem]) -> T:
    """``read(problems)`` for a text cell, kept by ``key`` (a few thousand level and date texts).

    ``read`` is a pure function of the text, the other arguments in ``key`` and the cell length
    limit, which ``key`` includes too.
    """
    hit = _MEMO.get(key)
    if hit is None:
        found: list[Problem] = []
        hit = (read(found), tuple(found))
        if len(_MEMO) >= 4096:
            _MEMO.clear()
        _MEMO[key] = hit
    problems.extend(hit[1])
    return cast(T, hit[0])


def read_level(value: Cell, problems: list[Problem]) -> tuple[Level | None, UnitKind | None, bool]:
    """Level and kind of a row's ``level`` cell; the flag says whether the cell was unreadable."""
    if type(value) is str:
        key = ("level", value, max_cell_length())
        return _memo(key, lambda found: _read_level(value, found), problems)
    return _read_level(value, problems)


def _read_level(value: Cell, problems: list[Problem]) -> tuple[Level | None, UnitKind | None, bool]:
    text, problem = read_text("level", value)
    if problem is not None:
        problems.append(problem)
        return None, None, True
    if text is None:
        return None, None, False
    try:
        level, kind = find_level(text)
    except UnknownKindError as exc:
        problems.append(error_problem("level", "level_unknown", exc))
        return None, None, True
    return level, kind, False


def _date_object(cell: object) -> _dt.date | None:
    """A ``datetime.date``, or a naive datetime at midnight (pandas' timestamps of a date)."""
    if isinstance(cell, _dt.datetime):
        midnight = cell.time() == _dt.time() and cell.tzinfo is None
        return cell.date() if midnight else None
    return cell if isinstance(cell, _dt.date) else None


def read_day(value: Cell, default: _dt.date | None, problems: list[Problem]) -> _dt.date | None:
    """The row's date of review: an ISO date text, a ``datetime.date``, or a midnight datetime."""
    if type(value) is str:
        key = ("as_of", value, default, max_cell_length())
        return _memo(key, lambda found: _read_date(value, default, found), problems)
    return _read_date(value, default, problems)


def _read_date(value: Cell, default: _dt.date | None, problems: list[Problem]) -> _dt.date | None:
    cell = None if is_missing(value) else plain(value)
    day = _date_object(cell)
    if day is not None:
        return day
    text, problem = read_text("as_of", value)
    if problem is not None:
        problems.append(problem)
        return None
    if text is None:
        if default is None:
            _refuse(problems, "as_of", "as_of_missing")
        return default
    if not isinstance(cell, str):
        _refuse(problems, "as_of", "as_of_not_text", value=text)
        return None
    try:
        return parse_iso_date(text)
    except ValueError:
        _refuse(problems, "as_of", "as_of_invalid", value=repr(text))
        return None


def _counts(
    plan: Plan,
    level: Level | None,
    record: Mapping[str, Cell],
    problems: list[Problem],
    known: Mapping[str, Amount],
) -> dict[str, Amount]:
    """Read every indicator cell; a blank cell the plan needs is a problem, named with its criterion.

    ``known`` holds the counts of cells already read (a whole column of plain counts).
    """
    needed, vocab = needed_at(plan, level), plan.vocabulary
    read: dict[str, Amount] = {}
    names, absent = _unread(vocab, known, record)
    blank: set[str] = set(absent)
    if not absent.isdisjoint(needed):  # then read them too, so problems keep their order
        names, blank = tuple(n for n in vocab.order if n not in known), set()
    for name in names:
        value = record.get(name)
        n, code = read_cell(value, name in vocab.decimals)
        if not code:
            read[name] = n
        elif code == "missing":
            blank.add(name)
            if name in needed:
                problems.append(missing_problem(name, needed[name]))
        else:
            problems.append(count_problem(name, code, value))
    if not known:
        counts = read
    elif not read:
        counts = dict(known)
    else:  # in vocabulary order, as a Snapshot keeps them
        counts = {
            n: known[n] if n in known else read[n] for n in vocab.order if n in known or n in read
        }
    problems.extend(part_problems(counts, blank, vocab.wholes))
    problems.extend(yes_no_problems(counts, vocab.flags))
    return counts


_UNREAD: dict[tuple[object, ...], tuple[tuple[str, ...], frozenset[str]]] = {}


def _unread(
    vocab: Vocabulary, known: Mapping[str, Amount], record: Mapping[str, Cell]
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The indicators not in ``known``: those ``record`` has (in vocabulary order), those it lacks."""
    key = (vocab, *known, None, *record)
    hit = _UNREAD.get(key)
    if hit is None:
        if len(_UNREAD) >= 256:
            _UNREAD.clear()
        rest = [n for n in vocab.order if n not in known]
        hit = (tuple(n for n in rest if n in record), frozenset(n for n in rest if n not in record))
        _UNREAD[key] = hit
    return hit


_NEEDED: dict[tuple[int, Level | None], tuple[Plan, dict[str, str]]] = {}


def needed_at(plan: Plan, level: Level | None) -> dict[str, str]:
    """What the plan decides at ``level`` reads (:func:`indicators_read`), kept per plan."""
    hit = _NEEDED.get((id(plan), level))
    if hit is None or hit[0] is not plan:  # the plan is kept, so its id is not reused
        if len(_NEEDED) >= 256:
            _NEEDED.clear()
        hit = (plan, indicators_read(plan.decided_at(level), plan.vocabulary))
        _NEEDED[id(plan), level] = hit
    return hit[1]


_APPLIES: dict[tuple[object, ...], tuple[Plan, bool, tuple[Problem, ...]]] = {}


def applies_at(
    plan: Plan, day: _dt.date, level: Level | None, kind: UnitKind | None, problems: list[Problem]
) -> bool:
    """:func:`_applicability`, kept per plan, date, level and kind (few in one table)."""
    key = (id(plan), day, level, kind)
    hit = _APPLIES.get(key)
    if hit is None or hit[0] is not plan:  # the plan is kept, so its id is not reused
        found: list[Problem] = []
        if len(_APPLIES) >= 4096:
            _APPLIES.clear()
        hit = _APPLIES[key] = (plan, _applicability(plan, day, level, kind, found), tuple(found))
    problems.extend(hit[2])
    return hit[1]


def _applicability(
    plan: Plan, day: _dt.date, level: Level | None, kind: UnitKind | None, problems: list[Problem]
) -> bool:
    """Check the plan's date and the row's level; ``True`` when only the level is not covered."""
    try:
        check_plan_date(plan, day)
    except DrugFreeError as exc:
        problems.append(error_problem("as_of", "plan_not_valid", exc))
        return False
    try:
        check_applicable(plan, day, level, kind)
    except LevelNotCoveredError as exc:
        problems.append(error_problem("level", "level_not_covered", exc))
        return level is not None and bool(plan.criteria)
    except DrugFreeError as exc:
        problems.append(error_problem("level", "level_not_valid", exc))
    return False


def _ids(
    row: int, record: Mapping[str, Cell], seen: dict[str, int], problems: list[Problem]
) -> tuple[str | None, str | None]:
    """The row's id and parent id, in Unicode NFC (so NFC and NFD spellings are one area)."""
    area_id, problem = read_text("id", record.get("id"))
    if problem is not None:
        problems.append(problem)
    elif area_id is None:
        _refuse(problems, "id", "id_missing")
    elif area_id in seen:
        _refuse(problems, "id", "id_duplicate", id=repr(area_id), row=seen[area_id])
    else:
        seen[area_id] = row
    parent_id, problem = read_text("parent_id", record.get("parent_id"))
    if problem is not None:
        problems.append(problem)
    elif parent_id is not None and parent_id == area_id:
        _refuse(problems, "parent_id", "parent_is_self")
    return area_id, parent_id


def validate_row(
    plan: Plan,
    row: int,
    line: int | None,
    cells: tuple[str, ...],
    record: Mapping[str, Cell],
    *,
    as_of: _dt.date | None,
    seen: dict[str, int],
    problems: list[Problem] | None = None,
    known: Mapping[str, Amount] | None = None,
) -> TableRow:
    """Validate one row.

    Args:
        plan: The plan the row will be assessed against.
        row: The 1-based data row number.
        line: The line the row starts on, when known.
        cells: The row's cells as text, for carrying through.
        record: Canonical column name (``id``, ``level``, indicator names ...) to cell.
        as_of: The date to use where the row's ``as_of`` cell is blank or absent.
        seen: Ids of earlier rows to their row numbers; updated with this row's id.
        problems: Problems already found while reading the row (extra cells, over-long cells
            of carried columns); they come first.
        known: Counts of the row already read by the input policy, by indicator name (the
            reader reads a column of plain counts at once: :mod:`~vn_drugfree_criteria.vocab.cell_columns`).

    Returns:
        The row with its snapshot, or with its errors and their codes. A row whose only problem
        is a level the plan has no criteria for (villages under a commune-level plan) keeps its
        snapshot beside that error: it is not assessed, but a roll-up can still add it into its
        parent.
    """
    found: list[Problem] = list(problems or ())
    area_id, parent_id = _ids(row, record, seen, found)
    level, kind, bad_level = read_level(record.get("level"), found)
    day = read_day(record.get("as_of"), as_of, found)
    counts = _counts(plan, level, record, found, known or {})
    uncovered = False  # valid counts at a level the plan does not cover
    if day is not None and not bad_level:
        clean = not found
        uncovered = applies_at(plan, day, level, kind, found) and clean
    snapshot = None
    if (not found or uncovered) and day is not None:
        try:
            snapshot = Snapshot.of_read_counts(
                counts,
                as_of=day,
                level=level,
                kind=kind,
                area_id=area_id,
                vocabulary=plan.vocabulary,
            )
        except SnapshotError as exc:  # defensive: the checks above should have caught it
            found.append(error_problem(exc.field, exc.code, exc))
    errors = tuple(p.message for p in found)
    codes = tuple(p.code for p in found)
    return TableRow(row, line, cells, area_id, parent_id, snapshot, errors, codes, tuple(found))
