"""The indicator vocabulary and the immutable snapshot of one area at one date.

Indicators are non-negative integer counts, except areas in m² (unit ``m2``), which are exact
non-negative decimals (``int`` when whole, else :class:`~fractions.Fraction`). Some are *parts* of a *whole* (addicts with a
dossier are part of addicts) and may never exceed it. The library works on counts only: no
name, identity number or other person-level record is ever asked for.

The shared vocabulary (``data/indicators.toml``) is the :class:`Vocabulary` :data:`SHARED`;
:data:`INDICATORS`, :data:`FLAGS`, :data:`DECIMALS`, :data:`WHOLES` and :data:`CHILD_COUNTS`
are its views. A plan with indicators of its own reads counts on its own vocabulary
(:attr:`Plan.vocabulary <vn_drugfree_criteria.Plan.vocabulary>`), and so does a snapshot made
for it.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import SnapshotError, UnknownKindError
from vn_drugfree_criteria.vocab.cells import MAX_COUNT, Problem, date_argument
from vn_drugfree_criteria.vocab.child_counts import ChildCount
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_kind, find_level
from vn_drugfree_criteria.vocab.problem_words import problem_error
from vn_drugfree_criteria.vocab.strict import load_toml_text
from vn_drugfree_criteria.vocab.vocabulary import Indicator, Vocabulary, read_indicator_tables

__all__ = [
    "CHILD_COUNTS",
    "DECIMALS",
    "FLAGS",
    "INDICATORS",
    "MAX_COUNT",
    "SHARED",
    "WHOLES",
    "ChildCount",
    "Indicator",
    "Snapshot",
    "Vocabulary",
    "indicator",
    "read_counts",
    "with_wholes",
]


_FILE = "indicators.toml"


def read_vocabulary(name: str, text: str) -> Mapping[str, Indicator]:
    """Read an indicator vocabulary file (TOML, strict).

    Raises:
        DataFileError: A malformed file, a name given twice, an unknown unit, or a whole that is
            not declared.
    """
    top = load_toml_text(name, text)
    items = read_indicator_tables(top.tables("indicators", required=True), {})
    top.finish()
    return MappingProxyType({i.name: i for i in items})


SHARED = Vocabulary(
    tuple(
        read_vocabulary(
            _FILE,
            resources.files("vn_drugfree_criteria")
            .joinpath("data", _FILE)
            .read_text(encoding="utf-8"),
        ).values()
    )
)
"""The shared vocabulary (``data/indicators.toml``); a plan may extend it with its own."""

INDICATORS: Mapping[str, Indicator] = SHARED.indicators
"""The shared indicators by name, in vocabulary order."""
_ORDER = SHARED.order
FLAGS = SHARED.flags
"""The yes/no indicators (0 or 1), in vocabulary order."""
DECIMALS = SHARED.decimals
"""The indicators read as exact decimals (areas in m²)."""
WHOLES: Mapping[str, str] = SHARED.wholes
"""Each part indicator and its whole, in vocabulary order (the part ≤ whole pairs)."""
CHILD_COUNTS: Mapping[str, ChildCount] = SHARED.child_counts
"""The indicators a parent counts from its children in a roll-up, with how."""


def indicator(name: str) -> Indicator:
    """Return the shared indicator called ``name``.

    Raises:
        SnapshotError: No indicator has that name.
    """
    return SHARED.indicator(name)


def with_wholes(names: Iterable[str]) -> tuple[str, ...]:
    """The names with every whole they are part of, transitively, in shared vocabulary order.

    A part is only accepted beside its whole, so these are the counts a row must give.

    >>> with_wholes(["addicts_present_with_treatment_dossier"])
    ('addicts', 'addicts_present', 'addicts_present_with_treatment_dossier')
    """
    return SHARED.with_wholes(names)


def read_counts(counts: Mapping[str, object]) -> tuple[dict[str, Amount], list[Problem]]:
    """Read a set of counts on the shared vocabulary (:meth:`Vocabulary.read_counts`)."""
    return SHARED.read_counts(counts)


def validate_counts(counts: Mapping[str, object]) -> dict[str, Amount]:
    """Check a set of counts on the shared vocabulary (:meth:`Vocabulary.validate_counts`).

    Raises:
        SnapshotError: Naming the first field at fault (in vocabulary order), with its code.
    """
    return SHARED.validate_counts(counts)


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
        vocabulary: The vocabulary its counts were read on: the shared one by default, a plan's
            (:attr:`Plan.vocabulary <vn_drugfree_criteria.Plan.vocabulary>`) to give that plan's
            own indicators. Not part of equality.

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
    vocabulary: Vocabulary = attrs.field(eq=False, repr=False)

    def __init__(
        self,
        counts: Mapping[str, object],
        *,
        as_of: _dt.date,
        level: Level | str | None = None,
        kind: UnitKind | str | None = None,
        area_id: str | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        words = SHARED if vocabulary is None else vocabulary
        if not isinstance(words, Vocabulary):
            raise SnapshotError("vocabulary", f"must be a Vocabulary, got {words!r}")
        frozen = MappingProxyType(words.validate_counts(counts))
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
        self.__attrs_init__(frozen, as_of, lvl, knd, area_id, words)

    @classmethod
    def of_read_counts(
        cls,
        counts: dict[str, Amount],
        *,
        as_of: _dt.date,
        level: Level | None,
        kind: UnitKind | None,
        area_id: str | None,
        vocabulary: Vocabulary = SHARED,
    ) -> Snapshot:
        """A snapshot of counts that the input policy already read and checked, kept as given.

        For the table readers, which read every cell of a row (and check parts against wholes)
        before building its snapshot: ``counts`` must be the valid counts in vocabulary order,
        and ``kind`` at ``level``, as :meth:`__init__` would make them on ``vocabulary``;
        nothing is read twice.
        """
        self = object.__new__(cls)
        self.__attrs_init__(MappingProxyType(counts), as_of, level, kind, area_id, vocabulary)
        return self

    def check_vocabulary(self, vocabulary: Vocabulary, plan_id: str) -> None:
        """Refuse to be read for a plan whose own indicators this snapshot's vocabulary lacks.

        The snapshot's counts could not name such an indicator, so assessing it would take a
        count the caller may have given as missing: it is refused instead. A snapshot is read
        for a plan by ``Snapshot(counts, ..., vocabulary=plan.vocabulary)``.

        Args:
            vocabulary: The plan's vocabulary.
            plan_id: The plan's id, for the message.

        Raises:
            SnapshotError: Naming the first of the plan's own indicators that this snapshot's
                vocabulary lacks or declares otherwise.
        """
        if self.vocabulary is vocabulary or not vocabulary.local:
            return
        theirs = self.vocabulary.indicators
        for name in vocabulary.order:
            if name in vocabulary.local and theirs.get(name) != vocabulary.indicators[name]:
                raise SnapshotError(
                    name,
                    f"the snapshot was read on a vocabulary without {name!r}, an indicator of "
                    f"plan {plan_id!r} itself; build it with vocabulary=plan.vocabulary",
                )

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
