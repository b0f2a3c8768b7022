"""An indicator vocabulary: the indicators in order, and everything derived from them.

The shared vocabulary (``data/indicators.toml``) is one :class:`Vocabulary`; a plan that declares
indicators of its own (``[[indicators]]`` tables in its file, with the same keys) has the shared
vocabulary extended by them (:meth:`Vocabulary.extend`). The yes/no indicators, the decimal ones,
the part/whole pairs, the counts a parent takes from its children, the reading of a set of counts
and the wholes a part needs are derived here once, from the indicators, for every vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.vocab.cells import (
    Problem,
    count_problem,
    part_problems,
    read_cell,
    yes_no_problems,
)
from vn_drugfree_criteria.vocab.child_counts import ChildCount, read_child_count
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.pointers import SourceRef
from vn_drugfree_criteria.vocab.problem_words import problem_error
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["UNITS", "Indicator", "Vocabulary", "read_indicator_tables"]

UNITS = (
    "persons",
    "households",
    "places",
    "sites",
    "groups",
    "rings",
    "units",
    "models",
    "plants",
    "m2",
    "yes/no",
)
"""The units an indicator may have: ``m2`` is an exact decimal, ``yes/no`` 0 or 1, the rest counts."""


@attrs.frozen
class Indicator:
    """One indicator of a vocabulary (``data/indicators.toml``, or a plan's own).

    Attributes:
        name: Field and column name.
        noun_vi: What is counted, in Vietnamese (source wording).
        noun_en: What is counted, in English.
        whole: For a part, the name of the whole it belongs to.
        done_vi: For a part, what the counted members have (``đã ký cam kết``).
        done_en: Same in English.
        missing_vi: For a part, what the other members of the whole lack.
        missing_en: Same in English.
        unit: What one unit of the value is (one of :data:`UNITS`): ``persons``, ``places``,
            ``plants``, ``m2`` (a non-negative decimal), ``yes/no`` (0 or 1), or another
            counted thing.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: name, nouns, whole, unit, ``value`` kind, definition and pointers."""
        return {
            "name": self.name,
            "noun_vi": self.noun_vi,
            "noun_en": self.noun_en,
            "whole": self.whole,
            "unit": self.unit,
            "value": self.value_kind,
            "definition_vi": self.definition_vi,
            "definition_en": self.definition_en,
            "definition_source": _ref(self.definition_source),
            "source": _ref(self.source),
        }


def _ref(ref: SourceRef | None) -> dict[str, Any] | None:
    return None if ref is None else ref.to_dict()


_VALUE_KINDS = {"m2": "decimal", "yes/no": "flag"}
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
    if ref.end_line is not None and ref.end_line < ref.line:
        raise s.error("end_line", f"{ref.end_line} is before line {ref.line}")
    return ref


def _read_indicator(t: TomlTable) -> Indicator:
    name = t.text("name")
    if not _NAME.match(name):
        raise t.error("name", f"{name!r} is not a lower-case ASCII name")
    unit = t.text("unit")
    if unit not in UNITS:
        raise t.error("unit", f"unknown unit {unit!r}; use one of {list(UNITS)}")
    part_words = [t.opt_text(k) for k in ("done_vi", "done_en", "missing_vi", "missing_en")]
    item = Indicator(
        name=name,
        noun_vi=t.text("label_vi"),
        noun_en=t.text("label_en"),
        whole=t.opt_text("whole"),
        done_vi=part_words[0] or "",
        done_en=part_words[1] or "",
        missing_vi=part_words[2] or "",
        missing_en=part_words[3] or "",
        unit=unit,
        definition_vi=t.opt_text("definition_vi"),
        definition_en=t.opt_text("definition_en"),
        definition_source=_pointer(t, "definition_source"),
        source=_pointer(t, "source"),
        from_children=read_child_count(t),
    )
    t.finish()
    return item


def read_indicator_tables(
    tables: Sequence[TomlTable], known: Mapping[str, Indicator]
) -> tuple[Indicator, ...]:
    """Read ``[[indicators]]`` tables beside the indicators ``known`` already.

    Each name is new; each whole is one of ``known`` or of the tables.

    Raises:
        DataFileError: A malformed table, a name given twice or already known (naming the
            ``name`` key of its table), an unknown unit, or a whole declared nowhere.
    """
    items: dict[str, Indicator] = {}
    for t in tables:
        item = _read_indicator(t)
        if item.name in items:
            raise t.error("name", f"{item.name!r} is declared twice")
        if item.name in known:
            raise t.error("name", f"{item.name!r} is a shared indicator; give it another name")
        items[item.name] = item
    for t, item in zip(tables, items.values(), strict=True):
        if item.whole is not None and item.whole not in items and item.whole not in known:
            raise DataFileError(t.file, f"{t.path}.whole", f"unknown indicator {item.whole!r}")
    return tuple(items.values())


@attrs.frozen(cache_hash=True)
class Vocabulary:
    """The indicators an area's counts may name, in order, with what follows from them.

    Built from its indicators; the rest is derived from them once. Equal when the indicators
    and the local names are.

    Attributes:
        items: The indicators, in vocabulary order (the shared ones first).
        local: The names a plan declares itself (empty for the shared vocabulary).
        indicators: The indicators by name, in vocabulary order (read-only).
        order: Their names, in vocabulary order.
        flags: The yes/no indicators (0 or 1), in vocabulary order.
        decimals: The indicators read as exact decimals (areas in m²).
        wholes: Each part and its whole, in vocabulary order (the part ≤ whole pairs).
        child_counts: The indicators a parent counts from its children in a roll-up, with how.

    >>> from vn_drugfree_criteria.vocab.indicators import SHARED
    >>> SHARED.with_wholes(["addicts_present_with_treatment_dossier"])
    ('addicts', 'addicts_present', 'addicts_present_with_treatment_dossier')
    >>> SHARED.wholes["households_committed"], "on_interprovincial_key_route" in SHARED.flags
    ('households', True)
    """

    items: tuple[Indicator, ...]
    local: frozenset[str] = frozenset()
    indicators: Mapping[str, Indicator] = attrs.field(init=False, eq=False, repr=False)
    order: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    flags: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    decimals: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    wholes: Mapping[str, str] = attrs.field(init=False, eq=False, repr=False)
    child_counts: Mapping[str, ChildCount] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_name = {i.name: i for i in self.items}
        derived = {
            "indicators": MappingProxyType(by_name),
            "order": tuple(by_name),
            "flags": tuple(n for n, i in by_name.items() if i.value_kind == "flag"),
            "decimals": frozenset(n for n, i in by_name.items() if i.value_kind == "decimal"),
            "wholes": MappingProxyType(
                {n: i.whole for n, i in by_name.items() if i.whole is not None}
            ),
            "child_counts": MappingProxyType(
                {n: i.from_children for n, i in by_name.items() if i.from_children is not None}
            ),
        }
        for key, value in derived.items():
            object.__setattr__(self, key, value)

    def __reduce__(self) -> tuple[type[Vocabulary], tuple[tuple[Indicator, ...], frozenset[str]]]:
        return (Vocabulary, (self.items, self.local))

    def __contains__(self, name: object) -> bool:
        return name in self.indicators

    def extend(self, tables: Sequence[TomlTable]) -> Vocabulary:
        """This vocabulary with the indicators of ``[[indicators]]`` tables after its own.

        Raises:
            DataFileError: See :func:`read_indicator_tables`.
        """
        added = read_indicator_tables(tables, self.indicators)
        if not added:
            return self
        return Vocabulary(self.items + added, self.local | {i.name for i in added})

    def indicator(self, name: str) -> Indicator:
        """Return the indicator called ``name``.

        Raises:
            SnapshotError: No indicator has that name.
        """
        try:
            return self.indicators[name]
        except KeyError:
            raise problem_error(Problem.worded(name, "unknown_indicator")) from None

    def noun(self, name: str, lang: str) -> str:
        """What indicator ``name`` counts, in ``vi`` or ``en``."""
        item = self.indicators[name]
        return item.noun_en if lang == "en" else item.noun_vi

    def with_wholes(self, names: Iterable[str]) -> tuple[str, ...]:
        """The names with every whole they are part of, transitively, in vocabulary order.

        A part is only accepted beside its whole, so these are the counts a row must give.
        """
        out: set[str] = set()
        for start in names:
            name: str | None = start
            while name is not None:
                out.add(name)
                name = self.indicators[name].whole
        return tuple(n for n in self.order if n in out)

    def read_counts(self, counts: Mapping[str, object]) -> tuple[dict[str, Amount], list[Problem]]:
        """Read a set of counts by the input policy; return the valid counts and every problem.

        Missing cells (``None``, blank text, NaN, ``<NA>``) are left out; problems come in
        vocabulary order, then the part ≤ whole problems.
        """
        given: object = counts  # callers without type checking pass anything
        if not isinstance(given, Mapping):
            return {}, [Problem.worded("counts", "counts_not_mapping", type=type(given).__name__)]
        checked: dict[str, Amount] = {}
        problems: list[Problem] = []
        blank: set[str] = set()
        indicators, decimals = self.indicators, self.decimals
        for name in counts:
            if name not in indicators:
                problems.append(Problem.worded(str(name), "unknown_indicator"))
        for name in self.order:
            if name not in counts:
                blank.add(name)
                continue
            value, code = read_cell(counts[name], name in decimals)
            if not code:
                checked[name] = value
            elif code == "missing":
                blank.add(name)
            else:
                problems.append(count_problem(name, code, counts[name]))
        problems += part_problems(checked, blank, self.wholes)
        return checked, problems + yes_no_problems(checked, self.flags)

    def validate_counts(self, counts: Mapping[str, object]) -> dict[str, Amount]:
        """Check names, types, signs and part-whole relations of a set of counts.

        Returns:
            A plain dict of the validated counts (missing cells left out).

        Raises:
            SnapshotError: Naming the first field at fault (in vocabulary order), with its code.
        """
        checked, problems = self.read_counts(counts)
        if problems:
            raise problem_error(problems[0])
        return checked
