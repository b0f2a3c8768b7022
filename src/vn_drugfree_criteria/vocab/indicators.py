"""The indicator vocabulary and the immutable snapshot of one area at one date.

Indicators are non-negative integer counts. Some are *parts* of a *whole* (addicts with a
dossier are part of addicts) and may never exceed it. The library works on counts only: no
name, identity number or other person-level record is ever asked for.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import SnapshotError, UnknownKindError
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_kind, find_level

__all__ = ["INDICATORS", "Indicator", "Snapshot", "indicator", "with_wholes"]


@attrs.frozen
class Indicator:
    """One count in the vocabulary.

    Attributes:
        name: Field and column name.
        noun_vi: What is counted, in Vietnamese (source wording).
        noun_en: What is counted, in English.
        whole: For a part, the name of the whole it belongs to.
        done_vi: For a part, what the counted members have (``đã ký cam kết``).
        done_en: Same in English.
        missing_vi: For a part, what the other members of the whole lack.
        missing_en: Same in English.
    """

    name: str
    noun_vi: str
    noun_en: str
    whole: str | None = None
    done_vi: str = ""
    done_en: str = ""
    missing_vi: str = ""
    missing_en: str = ""


def _part(
    name: str,
    whole: str,
    noun_vi: str,
    noun_en: str,
    done: tuple[str, str],
    missing: tuple[str, str],
) -> Indicator:
    return Indicator(name, noun_vi, noun_en, whole, done[0], done[1], missing[0], missing[1])


INDICATORS: Mapping[str, Indicator] = MappingProxyType(
    {
        i.name: i
        for i in (
            Indicator("hotspots", "tụ điểm phức tạp về ma túy", "drug hotspots"),
            Indicator("complex_points", "điểm phức tạp về ma túy", "complex drug points"),
            Indicator(
                "retail_sellers",
                "đối tượng bán lẻ trái phép chất ma túy",
                "illegal drug retail sellers",
            ),
            Indicator(
                "use_venues",
                "điểm tổ chức và sử dụng trái phép chất ma túy",
                "places for organising and using illegal drugs",
            ),
            Indicator(
                "suspect_persons",
                "đối tượng có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về ma túy",
                "persons showing signs of drug-crime activity",
            ),
            Indicator(
                "suspect_groups",
                "nhóm có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về ma túy",
                "groups showing signs of drug-crime activity",
            ),
            Indicator(
                "suspect_rings",
                "đường dây có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về ma túy",
                "rings showing signs of drug-crime activity",
            ),
            Indicator(
                "offenders_resident_3m",
                "đối tượng (thường trú hoặc tạm trú từ 03 tháng trở lên) hoạt động phạm tội về ma túy",
                "drug offenders resident (permanently, or temporarily for 3 months or more)",
            ),
            Indicator("offender_groups", "ổ nhóm hoạt động phạm tội về ma túy", "drug-crime gangs"),
            Indicator(
                "offender_rings", "đường dây hoạt động phạm tội về ma túy", "drug-crime rings"
            ),
            Indicator("addicts", "người nghiện ma túy", "people with a drug addiction"),
            _part(
                "addicts_with_dossier",
                "addicts",
                "người nghiện ma túy có hồ sơ quản lý",
                "people with a drug addiction who have a management dossier",
                ("có hồ sơ quản lý", "have a management dossier"),
                ("chưa có hồ sơ quản lý", "have no management dossier"),
            ),
            _part(
                "addicts_present",
                "addicts",
                "người nghiện ma túy có mặt tại địa bàn",
                "people with a drug addiction present in the area",
                ("có mặt tại địa bàn", "are present in the area"),
                ("không có mặt tại địa bàn", "are not present in the area"),
            ),
            _part(
                "addicts_present_with_treatment_dossier",
                "addicts_present",
                "người nghiện ma túy có mặt được lập hồ sơ áp dụng hình thức cai nghiện phù hợp",
                "people with a drug addiction present with a treatment dossier",
                (
                    "được lập hồ sơ áp dụng các hình thức cai nghiện phù hợp",
                    "have a dossier for a suitable form of treatment",
                ),
                (
                    "chưa được lập hồ sơ áp dụng các hình thức cai nghiện phù hợp",
                    "have no dossier for a suitable form of treatment",
                ),
            ),
            Indicator("post_rehab", "người sau cai nghiện", "people after rehabilitation"),
            _part(
                "post_rehab_with_dossier",
                "post_rehab",
                "người sau cai nghiện được lập hồ sơ quản lý",
                "people after rehabilitation with a management dossier",
                ("được lập hồ sơ quản lý", "have a management dossier"),
                ("chưa được lập hồ sơ quản lý", "have no management dossier"),
            ),
            Indicator(
                "users_present",
                "người sử dụng trái phép chất ma túy có mặt tại nơi cư trú",
                "people using illegal drugs present at their place of residence",
            ),
            _part(
                "users_present_with_dossier",
                "users_present",
                "người sử dụng trái phép chất ma túy được lập hồ sơ quản lý, theo dõi, giám sát",
                "people using illegal drugs with a management and supervision dossier",
                (
                    "được lập hồ sơ quản lý, theo dõi, giám sát",
                    "have a management and supervision dossier",
                ),
                (
                    "chưa được lập hồ sơ quản lý, theo dõi, giám sát",
                    "have no management and supervision dossier",
                ),
            ),
            Indicator(
                "substitution_over_12m",
                "người nghiện điều trị bằng thuốc thay thế trên 12 tháng",
                "people in opioid substitution treatment for over 12 months",
            ),
            _part(
                "substitution_over_12m_compliant",
                "substitution_over_12m",
                "người điều trị thay thế trên 12 tháng không sử dụng chất ma túy khác, chấp hành tốt nội quy",
                "people in substitution treatment over 12 months who use no other drug and keep the rules",
                (
                    "không sử dụng các chất ma túy khác và chấp hành tốt nội quy",
                    "use no other drug and keep the facility's rules",
                ),
                (
                    "sử dụng chất ma túy khác hoặc chưa chấp hành tốt nội quy",
                    "use another drug or do not keep the facility's rules",
                ),
            ),
            Indicator("households", "hộ gia đình", "households"),
            _part(
                "households_committed",
                "households",
                "đại diện hộ gia đình cam kết",
                "households whose representative made the commitment",
                ("đã cam kết", "have made the commitment"),
                ("chưa cam kết", "have not made the commitment"),
            ),
            Indicator("subunits", "thôn, bản, tổ dân phố", "villages and residential groups"),
            _part(
                "subunits_with_mailbox",
                "subunits",
                "thôn, bản, tổ dân phố có hòm thư tố giác tội phạm",
                "villages and residential groups with a crime-report mailbox",
                ("có hòm thư tố giác tội phạm", "have a crime-report mailbox"),
                ("chưa có hòm thư tố giác tội phạm", "have no crime-report mailbox"),
            ),
            _part(
                "subunits_with_hotline_board",
                "subunits",
                "thôn, bản, tổ dân phố có bảng niêm yết số điện thoại đường dây nóng",
                "villages and residential groups with a hotline board",
                (
                    "có bảng niêm yết công khai số điện thoại đường dây nóng",
                    "have a board showing the hotline numbers",
                ),
                (
                    "chưa có bảng niêm yết công khai số điện thoại đường dây nóng",
                    "have no board showing the hotline numbers",
                ),
            ),
            Indicator(
                "effective_models",
                "mô hình phòng, chống ma túy duy trì hiệu quả",
                "drug-prevention models kept effective",
            ),
            Indicator(
                "cultivation_sites",
                "điểm trồng cây có chứa chất ma túy",
                "sites growing drug-containing plants",
            ),
        )
    }
)


def indicator(name: str) -> Indicator:
    """Return the indicator called ``name``.

    Raises:
        SnapshotError: No indicator has that name.
    """
    try:
        return INDICATORS[name]
    except KeyError:
        raise SnapshotError(name, "unknown indicator") from None


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
# One limit for every path (Snapshot, tables, both batch backends): counts fit in 64 bits.
MAX_COUNT = 2**63 - 1
_PARTS = tuple((name, i.whole) for name, i in INDICATORS.items() if i.whole is not None)


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SnapshotError(name, f"must be a whole number, got {value!r}")
    if value < 0:
        raise SnapshotError(name, f"must not be negative, got {value}")
    if value > MAX_COUNT:
        raise SnapshotError(name, f"too large ({value}; at most 2**63 - 1)")
    return value


def validate_counts(counts: Mapping[str, object]) -> dict[str, int]:
    """Check names, types, signs and part-whole relations of a set of counts.

    Returns:
        A plain dict of the validated counts.

    Raises:
        SnapshotError: Naming the first field at fault (in vocabulary order).
    """
    for name in counts:
        if name not in INDICATORS:
            raise SnapshotError(str(name), "unknown indicator")
    checked: dict[str, int] = {}
    for name in _ORDER:
        if name in counts:
            value = counts[name]
            # Plain non-negative ints (the common case) pass without a function call.
            checked[name] = (
                value
                if type(value) is int and 0 <= value <= MAX_COUNT
                else _check_count(name, value)
            )
    for name, whole in _PARTS:
        if name not in checked:
            continue
        value = checked[name]
        if whole not in checked:
            raise SnapshotError(name, f"is a part of {whole!r}, which is missing")
        if value > checked[whole]:
            raise SnapshotError(
                name, f"{value} is larger than its whole {whole!r} ({checked[whole]})"
            )
    return checked


def _freeze(counts: Mapping[str, object]) -> Mapping[str, int]:
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

    Construction validates everything: unknown indicator names, negative or non-integer counts and
    parts larger than their whole raise :class:`~vn_drugfree_criteria.SnapshotError` naming the field.

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
    vn_drugfree_criteria.errors.SnapshotError: field 'households_committed': 5 is larger than its whole 'households' (3)
    """

    counts: Mapping[str, int]
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
        if isinstance(as_of, _dt.datetime) or not isinstance(as_of, _dt.date):
            raise SnapshotError("as_of", f"must be a datetime.date, got {as_of!r}")
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

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def get(self, name: str) -> int | None:
        """The count for ``name``, or ``None`` when it was not given."""
        return self.counts.get(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``id``, the date, the level, the unit kind's Vietnamese name, counts."""
        return {
            "id": self.area_id,
            "as_of": self.as_of.isoformat(),
            "level": self.level.value if self.level else None,
            "kind": self.kind.name_vi if self.kind else None,
            "counts": dict(self.counts),
        }
