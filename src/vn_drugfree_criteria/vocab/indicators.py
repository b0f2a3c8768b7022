"""The indicator vocabulary and the immutable snapshot of one area at one date.

Indicators are non-negative integer counts, except areas in m² (unit ``m2``), which are exact
non-negative decimals (``int`` when whole, else :class:`~fractions.Fraction`). Some are *parts* of a *whole* (addicts with a
dossier are part of addicts) and may never exceed it. The library works on counts only: no
name, identity number or other person-level record is ever asked for.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import DataFileError, SnapshotError, UnknownKindError
from vn_drugfree_criteria.vocab.cells import (
    MAX_COUNT,
    Problem,
    count_problem,
    date_argument,
    part_problems,
    read_cell,
    yes_no_problems,
)
from vn_drugfree_criteria.vocab.child_counts import ChildCount, read_child_count
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_kind, find_level
from vn_drugfree_criteria.vocab.pointers import SourceRef
from vn_drugfree_criteria.vocab.problem_words import problem_error
from vn_drugfree_criteria.vocab.strict import TomlTable, load_toml_text

__all__ = [
    "CHILD_COUNTS",
    "DECIMALS",
    "FLAGS",
    "INDICATORS",
    "MAX_COUNT",
    "WHOLES",
    "ChildCount",
    "Indicator",
    "Snapshot",
    "indicator",
    "read_counts",
    "with_wholes",
]


@attrs.frozen
class Indicator:
    """One indicator of the vocabulary (``data/indicators.toml``).

    Attributes:
        name: Field and column name.
        noun_vi: What is counted, in Vietnamese (source wording).
        noun_en: What is counted, in English.
        whole: For a part, the name of the whole it belongs to.
        done_vi: For a part, what the counted members have (``đã ký cam kết``).
        done_en: Same in English.
        missing_vi: For a part, what the other members of the whole lack.
        missing_en: Same in English.
        unit: What one unit of the value is: ``persons``, ``places``, ``plants``, ``m2`` (a
            non-negative decimal), ``yes/no`` (0 or 1), or another counted thing.
        definition_vi: A legal definition, where an instrument gives one.
        definition_en: Same in English.
        definition_source: Where the definition stands.
        source: Where the indicator's wording stands, where one source gives it.
        from_children: For a count a parent takes from its children in a roll-up (the
            communes of a province, those of class I or II), how it is counted.
    """

    name: str
    noun_vi: str
    noun_en: str
    whole: str | None = None
    done_vi: str = ""
    done_en: str = ""
    missing_vi: str = ""
    missing_en: str = ""
    unit: str = "persons"
    definition_vi: str | None = None
    definition_en: str | None = None
    definition_source: SourceRef | None = None
    source: SourceRef | None = None
    from_children: ChildCount | None = None

    @property
    def value_kind(self) -> str:
        """``count`` (a whole number), ``decimal`` (m², exact) or ``flag`` (0 or 1)."""
        return _VALUE_KINDS.get(self.unit, "count")


_VALUE_KINDS = {"m2": "decimal", "yes/no": "flag"}
_FILE = "indicators.toml"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _pointer(t: TomlTable, key: str) -> SourceRef | None:
    if not t.has(key):
        return None
    s = t.table(key)
    ref = SourceRef(
        s.text("file"),
        s.integer("line", minimum=1),
        s.opt_integer("end_line"),
        s.opt_text("section"),
    )
    s.finish()
    return ref


def _read_indicator(t: TomlTable) -> Indicator:
    name = t.text("name")
    if not _NAME.match(name):
        raise t.error("name", f"{name!r} is not a lower-case ASCII name")
    whole = t.opt_text("whole")
    part_words = [t.opt_text(k) for k in ("done_vi", "done_en", "missing_vi", "missing_en")]
    item = Indicator(
        name=name,
        noun_vi=t.text("label_vi"),
        noun_en=t.text("label_en"),
        whole=whole,
        done_vi=part_words[0] or "",
        done_en=part_words[1] or "",
        missing_vi=part_words[2] or "",
        missing_en=part_words[3] or "",
        unit=t.text("unit"),
        definition_vi=t.opt_text("definition_vi"),
        definition_en=t.opt_text("definition_en"),
        definition_source=_pointer(t, "definition_source"),
        source=_pointer(t, "source"),
        from_children=read_child_count(t),
    )
    t.finish()
    return item


def read_vocabulary(name: str, text: str) -> Mapping[str, Indicator]:
    """Read an indicator vocabulary file (TOML, strict).

    Raises:
        DataFileError: A malformed file, a name given twice, or a whole that is not declared.
    """
    top = load_toml_text(name, text)
    items: dict[str, Indicator] = {}
    for t in top.tables("indicators", required=True):
        item = _read_indicator(t)
        if item.name in items:
            raise t.error("name", f"{item.name!r} is declared twice")
        items[item.name] = item
    top.finish()
    for item in items.values():
        if item.whole is not None and item.whole not in items:
            raise DataFileError(name, f"indicators.{item.name}.whole", f"unknown {item.whole!r}")
    return MappingProxyType(items)


INDICATORS: Mapping[str, Indicator] = read_vocabulary(
    _FILE,
    resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text(encoding="utf-8"),
)


def indicator(name: str) -> Indicator:
    """Return the indicator called ``name``.

    Raises:
        SnapshotError: No indicator has that name.
    """
    try:
        return INDICATORS[name]
    except KeyError:
        raise problem_error(Problem.worded(name, "unknown_indicator")) from None


def with_wholes(names: Iterable[str]) -> tuple[str, ...]:
    """The names with every whole they are part of, transitively, in vocabulary order.

    A part is only accepted beside its whole, so these are the counts a row must give.

    >>> with_wholes(["addicts_present_with_treatment_dossier"])
    ('addicts', 'addicts_present', 'addicts_present_with_treatment_dossier')
    """
    out: set[str] = set()
    for start in names:
        name: str | None = start
        while name is not None:
            out.add(name)
            name = INDICATORS[name].whole
    return tuple(n for n in INDICATORS if n in out)


_ORDER = tuple(INDICATORS)
FLAGS = tuple(name for name, i in INDICATORS.items() if i.value_kind == "flag")
"""The yes/no indicators (0 or 1), in vocabulary order."""
DECIMALS = frozenset(name for name, i in INDICATORS.items() if i.value_kind == "decimal")
"""The indicators read as exact decimals (areas in m²)."""
WHOLES: Mapping[str, str] = MappingProxyType(
    {name: i.whole for name, i in INDICATORS.items() if i.whole is not None}
)
"""Each part indicator and its whole, in vocabulary order (the part ≤ whole pairs)."""
CHILD_COUNTS: Mapping[str, ChildCount] = MappingProxyType(
    {name: i.from_children for name, i in INDICATORS.items() if i.from_children is not None}
)
"""The indicators a parent counts from its children in a roll-up, with how."""


def read_counts(counts: Mapping[str, object]) -> tuple[dict[str, Amount], list[Problem]]:
    """Read a set of counts by the input policy; return the valid counts and every problem.

    Missing cells (``None``, blank text, NaN, ``<NA>``) are left out; problems come in vocabulary
    order, then the part ≤ whole problems.
    """
    given: object = counts  # callers without type checking pass anything
    if not isinstance(given, Mapping):
        return {}, [Problem.worded("counts", "counts_not_mapping", type=type(given).__name__)]
    checked: dict[str, Amount] = {}
    problems: list[Problem] = []
    blank: set[str] = set()
    for name in counts:
        if name not in INDICATORS:
            problems.append(Problem.worded(str(name), "unknown_indicator"))
    for name in _ORDER:
        if name not in counts:
            blank.add(name)
            continue
        value, code = read_cell(counts[name], name in DECIMALS)
        if not code:
            checked[name] = value
        elif code == "missing":
            blank.add(name)
        else:
            problems.append(count_problem(name, code, counts[name]))
    return checked, problems + part_problems(checked, blank, WHOLES) + yes_no_problems(
        checked, FLAGS
    )


def validate_counts(counts: Mapping[str, object]) -> dict[str, Amount]:
    """Check names, types, signs and part-whole relations of a set of counts.

    Returns:
        A plain dict of the validated counts (missing cells left out).

    Raises:
        SnapshotError: Naming the first field at fault (in vocabulary order), with its code.
    """
    checked, problems = read_counts(counts)
    if problems:
        raise problem_error(problems[0])
    return checked


def _freeze(counts: Mapping[str, object]) -> Mapping[str, Amount]:
    return MappingProxyType(validate_counts(counts))


@functools.lru_cache(maxsize=512)
def _level_named(name: str) -> tuple[Level, UnitKind | None]:
    return find_level(name)


def _to_level(value: object) -> tuple[Level | None, UnitKind | None]:
    """A level given as a Level or as a name; a kind's name also gives the kind."""
    if value is None or isinstance(value, Level):
        return value, None
    try:
        return _level_named(value)
    except (UnknownKindError, TypeError) as exc:
        raise SnapshotError("level", str(exc)) from None


@attrs.frozen(init=False)
class Snapshot:
    """Counts for one area at one date ("tại thời điểm xem xét, công nhận").

    Construction validates everything by the input policy (:mod:`vn_drugfree_criteria.vocab.cells`,
    the same on every path): unknown indicator names, refused cells and parts larger than their
    whole raise :class:`~vn_drugfree_criteria.SnapshotError` naming the field, with its ``code``.
    A missing cell (``None``, blank text, NaN, ``<NA>``) leaves the indicator out.

    Attributes:
        counts: Indicator name to count (read-only).
        as_of: The date of review.
        level: The level of the area, if known.
        kind: The unit kind of the area, if known.
        area_id: An identifier for the area, if any.

    >>> import datetime
    >>> s = Snapshot({"households": 41, "households_committed": 38}, as_of=datetime.date(2024, 6, 1))
    >>> s["households"]
    41
    >>> Snapshot({"households": 3, "households_committed": 5}, as_of=datetime.date(2024, 6, 1))
    Traceback (most recent call last):
    ...
    vn_drugfree_criteria.errors.SnapshotError: households_committed: 5 is larger than its whole households (3)
    """

    counts: Mapping[str, Amount]
    as_of: _dt.date
    level: Level | None
    kind: UnitKind | None
    area_id: str | None

    def __init__(
        self,
        counts: Mapping[str, object],
        *,
        as_of: _dt.date,
        level: Level | str | None = None,
        kind: UnitKind | str | None = None,
        area_id: str | None = None,
    ) -> None:
        frozen = _freeze(counts)
        if date_argument(as_of, "as_of") is None:
            raise problem_error(Problem.worded("as_of", "as_of_missing_argument"))
        lvl, named_kind = _to_level(level)
        knd: object = kind
        if isinstance(knd, str):
            try:
                knd = find_kind(knd)
            except UnknownKindError as exc:
                raise SnapshotError("kind", str(exc)) from None
        if knd is None:
            knd = named_kind  # "thị trấn" as a level names the kind too
        if knd is not None:
            if not isinstance(knd, UnitKind):
                raise SnapshotError("kind", f"must be a UnitKind, got {knd!r}")
            if lvl is None:
                lvl = knd.level
            elif knd.level is not lvl:
                raise SnapshotError(
                    "kind", f"{knd.name_vi!r} is at the {knd.level.value} level, not {lvl.value}"
                )
        self.__attrs_init__(frozen, as_of, lvl, knd, area_id)

    @classmethod
    def of_read_counts(
        cls,
        counts: dict[str, Amount],
        *,
        as_of: _dt.date,
        level: Level | None,
        kind: UnitKind | None,
        area_id: str | None,
    ) -> Snapshot:
        """A snapshot of counts that the input policy already read and checked, kept as given.

        For the table readers, which read every cell of a row (and check parts against wholes)
        before building its snapshot: ``counts`` must be the valid counts in vocabulary order,
        and ``kind`` at ``level``, as :meth:`__init__` would make them; nothing is read twice.
        """
        self = object.__new__(cls)
        self.__attrs_init__(MappingProxyType(counts), as_of, level, kind, area_id)
        return self

    def __getitem__(self, name: str) -> Amount:
        return self.counts[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def get(self, name: str) -> Amount | None:
        """The count for ``name``, or ``None`` when it was not given."""
        return self.counts.get(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``id``, the date, the level, the unit kind's Vietnamese name, counts."""
        return {
            "id": self.area_id,
            "as_of": self.as_of.isoformat(),
            "level": self.level.value if self.level else None,
            "kind": self.kind.name_vi if self.kind else None,
            "counts": {name: json_number(value) for name, value in self.counts.items()},
        }
