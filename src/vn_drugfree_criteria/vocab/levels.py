"""Administrative levels and unit kinds, with their validity in time.

The district level and the commune-level kind ``thị trấn`` ended on 30 June 2025 with the
two-level local government reform; the kind ``đặc khu`` began on 1 July 2025. Names are found
from any spelling: case, diacritics, NFC or NFD, surrounding spaces.

>>> from vn_drugfree_criteria import find_kind, Level
>>> find_kind("Thi tran").name_vi
'thị trấn'
>>> find_kind("thị trấn").level is Level.COMMUNE
True
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from importlib import resources

import attrs

from vn_drugfree_criteria.errors import NotValidOnDateError, UnknownKindError
from vn_drugfree_criteria.vocab.problem_words import worded_error
from vn_drugfree_criteria.vocab.strict import TomlTable, load_toml_text
from vn_drugfree_criteria.vocab.text import fold

__all__ = ["Level", "Reform", "UnitKind", "find_kind", "find_level", "resolve", "units"]

_FILE = "units.toml"


class Level(enum.Enum):
    """The levels of government, from the top down.

    Areas are assessed at the province, district (until 30 June 2025), commune and village
    levels; the national level only issues instruments (``issuer_level = "national"``).
    """

    NATIONAL = "national"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    VILLAGE = "village"

    @property
    def info(self) -> LevelInfo:
        """Names and validity of the level, from the bundled data."""
        return units().levels[self]

    @property
    def rank(self) -> int:
        """0 for national, 1 for province down to 4 for village."""
        return self.info.rank

    def valid_on(self, day: _dt.date) -> bool:
        """Whether the level existed on ``day``."""
        return self.info.valid_on(day)


def _in_range(valid_from: _dt.date | None, valid_to: _dt.date | None, day: _dt.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


@attrs.frozen
class Reform:
    """The reform that ended the district level (names and effective date)."""

    name_vi: str
    name_en: str
    effective: _dt.date


@attrs.frozen
class LevelInfo:
    """Names and validity of one :class:`Level`."""

    level: Level
    rank: int
    name_vi: str
    name_en: str
    aliases: tuple[str, ...]
    valid_from: _dt.date | None
    valid_to: _dt.date | None

    def valid_on(self, day: _dt.date) -> bool:
        """Whether the level existed on ``day``."""
        return _in_range(self.valid_from, self.valid_to, day)


@attrs.frozen
class UnitKind:
    """A kind of administrative unit or village-level community (``xã``, ``tổ dân phố``, ...).

    Attributes:
        id: ASCII identifier (``thi-tran``).
        level: The level units of this kind sit at.
        name_vi: Canonical Vietnamese name.
        name_en: English rendering.
        aliases: Other accepted spellings.
        valid_from: First day the kind existed, ``None`` if before any date of interest.
        valid_to: Last day the kind existed, ``None`` if it still exists.
    """

    id: str
    level: Level
    name_vi: str
    name_en: str
    aliases: tuple[str, ...] = ()
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None

    def valid_on(self, day: _dt.date) -> bool:
        """Whether the kind existed on ``day``."""
        return _in_range(self.valid_from, self.valid_to, day)


@attrs.frozen
class Units:
    """The bundled vocabulary of levels and kinds."""

    reform: Reform
    levels: dict[Level, LevelInfo]
    kinds: tuple[UnitKind, ...]
    index: dict[str, tuple[Level | UnitKind, ...]]


def _read_levels(top: TomlTable) -> dict[Level, LevelInfo]:
    levels: dict[Level, LevelInfo] = {}
    for t in top.tables("levels", required=True):
        ident = t.text("id")
        try:
            level = Level(ident)
        except ValueError:
            raise t.error("id", f"unknown level {ident!r}") from None
        levels[level] = LevelInfo(
            level=level,
            rank=t.integer("rank", minimum=0),
            name_vi=t.text("name_vi"),
            name_en=t.text("name_en"),
            aliases=t.text_list("aliases"),
            valid_from=t.opt_date("valid_from"),
            valid_to=t.opt_date("valid_to"),
        )
        t.finish()
    missing = set(Level) - set(levels)
    if missing:
        raise top.error("levels", f"missing levels: {sorted(m.value for m in missing)}")
    return levels


def _read_kinds(top: TomlTable) -> tuple[UnitKind, ...]:
    kinds = []
    for t in top.tables("kinds", required=True):
        level_id = t.text("level")
        try:
            level = Level(level_id)
        except ValueError:
            raise t.error("level", f"unknown level {level_id!r}") from None
        kinds.append(
            UnitKind(
                id=t.text("id"),
                level=level,
                name_vi=t.text("name_vi"),
                name_en=t.text("name_en"),
                aliases=t.text_list("aliases"),
                valid_from=t.opt_date("valid_from"),
                valid_to=t.opt_date("valid_to"),
            )
        )
        t.finish()
    return tuple(kinds)


@functools.cache
def units() -> Units:
    """Load the bundled levels and kinds (cached)."""
    text = (
        resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text(encoding="utf-8")
    )
    top = load_toml_text(_FILE, text)
    r = top.table("reform")
    reform = Reform(r.text("name_vi"), r.text("name_en"), r.date("effective"))
    r.finish()
    levels = _read_levels(top)
    kinds = _read_kinds(top)
    top.finish()
    index: dict[str, list[Level | UnitKind]] = {}
    for info in levels.values():
        for name in (info.level.value, info.name_vi, info.name_en, *info.aliases):
            index.setdefault(fold(name), []).append(info.level)
    for kind in kinds:
        for name in (kind.id, kind.name_vi, kind.name_en, *kind.aliases):
            entries = index.setdefault(fold(name), [])
            if kind not in entries:
                entries.append(kind)
    # "thành phố" alone names three kinds at two levels: kept ambiguous on purpose.
    index.setdefault(fold("thành phố"), []).extend(
        k for k in kinds if k.name_vi.startswith("thành phố")
    )
    frozen = {key: tuple(dict.fromkeys(v)) for key, v in index.items()}
    return Units(reform=reform, levels=levels, kinds=kinds, index=frozen)


def _lookup(name: object) -> tuple[Level | UnitKind, ...]:
    if not isinstance(name, str) or not name.strip():
        raise worded_error(UnknownKindError, "level_empty")
    found = units().index.get(fold(name))
    if not found:
        raise worded_error(UnknownKindError, "level_unknown", value=repr(name))
    return found


def find_kind(name: str) -> UnitKind:
    """Find a unit kind by any spelling of its name.

    Raises:
        UnknownKindError: The name is unknown, names a level rather than a kind, or is ambiguous.
    """
    found = [f for f in _lookup(name) if isinstance(f, UnitKind)]
    if not found:
        raise UnknownKindError(f"{name!r} names a level, not a unit kind")
    if len(found) > 1:
        options = ", ".join(k.name_vi for k in found)
        raise UnknownKindError(f"{name!r} is ambiguous; write one of: {options}")
    return found[0]


def find_level(name: str) -> tuple[Level, UnitKind | None]:
    """Find a level from an English level name or any Vietnamese kind name.

    Returns:
        The level and, when ``name`` named a kind, that kind.

    Raises:
        UnknownKindError: The name is unknown or ambiguous across levels.
    """
    found = _lookup(name)
    levels = {f if isinstance(f, Level) else f.level for f in found}
    if len(levels) > 1:
        options = ", ".join(f.name_vi if isinstance(f, UnitKind) else f.value for f in found)
        raise worded_error(UnknownKindError, "level_ambiguous", value=repr(name), options=options)
    kinds = [f for f in found if isinstance(f, UnitKind)]
    level = levels.pop()
    return level, (kinds[0] if len(kinds) == 1 and not isinstance(found[0], Level) else None)


def _reform() -> dict[str, object]:
    reform = units().reform
    return {"reform_en": reform.name_en, "reform_vi": reform.name_vi}


def check_valid_on(level: Level, kind: UnitKind | None, day: _dt.date) -> None:
    """Raise if the level or kind did not exist on ``day``.

    Raises:
        NotValidOnDateError: With a message naming the reform (worded in both languages).
    """
    info = level.info
    err = NotValidOnDateError
    if not info.valid_on(day):
        names = {"name_en": info.name_en, "name_vi": info.name_vi, "day": day}
        if info.valid_to is not None and day > info.valid_to:
            effective = units().reform.effective
            raise worded_error(
                err,
                "level_ended",
                **names,
                valid_to=info.valid_to,
                effective=effective,
                **_reform(),
            )
        raise worded_error(err, "level_not_yet", **names)
    if kind is not None and not kind.valid_on(day):
        names = {"kind_en": kind.name_en, "kind_vi": repr(kind.name_vi), "day": day}
        if kind.valid_to is not None and day > kind.valid_to:
            effective = units().reform.effective
            raise worded_error(
                err, "kind_ended", **names, valid_to=kind.valid_to, effective=effective, **_reform()
            )
        assert kind.valid_from is not None
        raise worded_error(err, "kind_not_yet", **names, valid_from=kind.valid_from, **_reform())


def resolve(name: str, on: _dt.date) -> tuple[Level, UnitKind | None]:
    """Find a level or kind by name and check that it existed on ``on``.

    >>> import datetime
    >>> resolve("thi tran", datetime.date(2025, 6, 30))[0].value
    'commune'
    >>> resolve("thi tran", datetime.date(2025, 7, 1))
    Traceback (most recent call last):
    ...
    vn_drugfree_criteria.errors.NotValidOnDateError: the unit kind 'thị trấn' (township) no longer existed on 2025-07-01: it ended on 2025-06-30 with the two-level local government reform (sắp xếp chính quyền địa phương hai cấp, effective 2025-07-01)

    Raises:
        UnknownKindError: The name is unknown or ambiguous.
        NotValidOnDateError: The level or kind did not exist on that date.
    """
    level, kind = find_level(name)
    check_valid_on(level, kind, on)
    return level, kind
