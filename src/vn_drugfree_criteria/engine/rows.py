"""Validate one row of tabular input into a :class:`~vn_drugfree_criteria.Snapshot`.

Every problem of a row is collected, each message naming its field (``households: must not be
negative (-3)``), so a rejected row tells its author everything to fix at once. A blank cell is
*missing*, never zero.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine.assess import check_applicable, check_plan_date
from vn_drugfree_criteria.errors import DrugFreeError, LevelNotCoveredError, UnknownKindError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.vocab.dates import parse_iso_date
from vn_drugfree_criteria.vocab.indicators import INDICATORS, Snapshot
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_level

__all__ = ["Cell", "TableRow", "needed_indicators", "validate_row"]

# A cell as read: text from CSV, any JSON value from JSON input; None when absent.
Cell = object

_DIGITS = re.compile(r"^[0-9]+$")
_NEGATIVE = re.compile(r"^-[0-9]+$")


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
    """

    row: int
    line: int | None
    cells: tuple[str, ...]
    area_id: str | None
    parent_id: str | None
    snapshot: Snapshot | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the row is valid and assessable (a snapshot and no errors)."""
        return self.snapshot is not None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: where the row stands, its cells, its validated counts or its errors."""
        return {
            "row": self.row,
            "line": self.line,
            "id": self.area_id,
            "parent_id": self.parent_id,
            "cells": list(self.cells),
            "snapshot": self.snapshot.to_dict() if self.snapshot is not None else None,
            "errors": list(self.errors),
        }


def is_blank(value: Cell) -> bool:
    """Whether a cell is missing: absent, ``null`` or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text(field: str, value: Cell, errors: list[str]) -> str | None:
    """A text cell (ids accept whole JSON numbers too); ``None`` when blank or invalid."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    errors.append(f"{field}: expected text, got {value!r}")
    return None


def _count(field: str, value: Cell, errors: list[str]) -> int | None:
    """A non-negative whole number; ``None`` when blank or invalid (an error is recorded)."""
    if isinstance(value, str):
        text = value.strip()
        if _DIGITS.match(text):
            return int(text)
        if _NEGATIVE.match(text):
            errors.append(f"{field}: must not be negative, got {text}")
        else:
            errors.append(f"{field}: not a whole number ({value!r})")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            errors.append(f"{field}: must not be negative, got {value}")
            return None
        return value
    errors.append(f"{field}: not a whole number ({value!r})")
    return None


def needed_indicators(plan: Plan, level: Level | None) -> tuple[str, ...]:
    """The indicators the plan's criteria for ``level`` read, in vocabulary order."""
    used = {i for c in plan.decided_at(level) for i in c.indicators}
    return tuple(name for name in INDICATORS if name in used)


def _level(value: Cell, errors: list[str]) -> tuple[Level | None, UnitKind | None, bool]:
    """Level and kind of a row; the flag says whether the cell was unreadable."""
    text = _text("level", value, errors)
    if text is None:
        return None, None, not is_blank(value)
    try:
        level, kind = find_level(text)
    except UnknownKindError as exc:
        errors.append(f"level: {exc}")
        return None, None, True
    return level, kind, False


def _date(value: Cell, default: _dt.date | None, errors: list[str]) -> _dt.date | None:
    if is_blank(value):
        if default is None:
            errors.append("as_of: missing (fill the cell or give --as-of)")
        return default
    if not isinstance(value, str):
        errors.append(f"as_of: expected an ISO date (YYYY-MM-DD), got {value!r}")
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        errors.append(f"as_of: {value.strip()!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _counts(
    plan: Plan, level: Level | None, record: Mapping[str, Cell], errors: list[str]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    bad: set[str] = set()
    for name in INDICATORS:
        value = record.get(name)
        if is_blank(value):
            continue
        n = _count(name, value, errors)
        if n is None:
            bad.add(name)
        else:
            counts[name] = n
    for c in plan.decided_at(level):
        for name in c.indicators:
            if name not in counts and name not in bad:
                errors.append(f"{name}: missing (blank cell); criterion {c.id} needs it")
    for name, value in list(counts.items()):
        whole = INDICATORS[name].whole
        if whole is None or whole in bad:
            continue
        if whole not in counts:
            errors.append(f"{name}: given, but its whole {whole!r} is blank")
        elif value > counts[whole]:
            errors.append(f"{name}: {value} is larger than its whole {whole} ({counts[whole]})")
    return counts


def _applicability(
    plan: Plan, day: _dt.date, level: Level | None, kind: UnitKind | None, errors: list[str]
) -> bool:
    """Check the plan's date and the row's level; ``True`` when only the level is not covered."""
    try:
        check_plan_date(plan, day)
    except DrugFreeError as exc:
        errors.append(f"as_of: {exc}")
        return False
    try:
        check_applicable(plan, day, level, kind)
    except LevelNotCoveredError as exc:
        errors.append(f"level: {exc}")
        return level is not None and bool(plan.criteria)
    except DrugFreeError as exc:
        errors.append(f"level: {exc}")
    return False


def validate_row(
    plan: Plan,
    row: int,
    line: int | None,
    cells: tuple[str, ...],
    record: Mapping[str, Cell],
    *,
    as_of: _dt.date | None,
    seen: dict[str, int],
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

    Returns:
        The row with its snapshot, or with its errors. A row whose only problem is a level the
        plan has no criteria for (villages under a commune-level plan) keeps its snapshot beside
        that error: it is not assessed, but a roll-up can still add it into its parent.
    """
    errors: list[str] = []
    area_id = _text("id", record.get("id"), errors)
    if area_id is None and not errors:
        errors.append("id: missing")
    elif area_id is not None:
        if area_id in seen:
            errors.append(f"id: {area_id!r} is already used by row {seen[area_id]}")
        else:
            seen[area_id] = row
    parent_id = _text("parent_id", record.get("parent_id"), errors)
    if parent_id is not None and parent_id == area_id:
        errors.append("parent_id: an area cannot be its own parent")
    level, kind, bad_level = _level(record.get("level"), errors)
    day = _date(record.get("as_of"), as_of, errors)
    counts = _counts(plan, level, record, errors)
    uncovered = False  # valid counts at a level the plan does not cover
    if day is not None and not bad_level:
        clean = not errors
        uncovered = _applicability(plan, day, level, kind, errors) and clean
    snapshot = None
    if (not errors or uncovered) and day is not None:
        try:
            snapshot = Snapshot(counts, as_of=day, level=level, kind=kind, area_id=area_id)
        except DrugFreeError as exc:  # defensive: the checks above should have caught it
            errors.append(str(exc))
    return TableRow(row, line, cells, area_id, parent_id, snapshot, tuple(errors))
