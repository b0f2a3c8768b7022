"""The plan: a source document's metadata, scope and criteria as one immutable object."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.calendar import Calendar
from vn_drugfree_criteria.model.fidelity import FidelityNote
from vn_drugfree_criteria.model.grading import Classification, TextReading
from vn_drugfree_criteria.model.kernel import CompiledCriteria, compile_criteria
from vn_drugfree_criteria.model.rules import Criterion, SourceRef, levels_json
from vn_drugfree_criteria.model.targets import Target
from vn_drugfree_criteria.vocab.dates import PartialDate, iso
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level

__all__ = ["Document", "Plan", "Reference", "Scope", "indicators_read"]


def indicators_read(
    criteria: Iterable[Criterion], vocabulary: Vocabulary = SHARED
) -> dict[str, str]:
    """Which indicators some criteria read: the one place that answers "what does a plan need".

    Args:
        criteria: The criteria.
        vocabulary: The vocabulary they are read on (the plan's), which gives the order.

    Returns:
        Each indicator read, in vocabulary order, with the id of the first criterion (in the
        given order) that reads it (the criterion a "missing" message names).
    """
    first: dict[str, str] = {}
    for c in criteria:
        for name in c.indicators:
            first.setdefault(name, c.id)
    return {name: first[name] for name in vocabulary.order if name in first}


@attrs.frozen
class Reference:
    """Another document that a plan implements or cites.

    Attributes:
        relation: ``implements`` or ``cites``.
        type_vi: Kind of document as written (``Quyết định``, ``Kế hoạch``).
        number: Its number (``1452/QĐ-TTg``), ``None`` when the source cites it by name only.
        date: Its date as this source states it, or ``None`` when not stated.
        issuer: Who issued it, as written.
        source: Where the citation stands.
        name_vi: Its name as written, when the source cites it by name (``Luật Phòng, chống
            ma túy năm 2021``).
    """

    relation: str
    type_vi: str
    number: str | None
    date: PartialDate | None
    issuer: str | None
    source: SourceRef
    name_vi: str | None = None

    @property
    def label(self) -> str:
        """How the citation names the document: its number, else its name."""
        return self.number or self.name_vi or self.type_vi

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; a date not stated is ``None``."""
        return {
            "relation": self.relation,
            "type_vi": self.type_vi,
            "number": self.number,
            "name_vi": self.name_vi,
            "date": iso(self.date),
            "issuer": self.issuer,
            "source": self.source.to_dict(),
        }


@attrs.frozen
class Document:
    """Metadata of the source document; unknown stays ``None``.

    Attributes:
        type_vi: Kind of document (``Kế hoạch``).
        type_en: English (``Plan``).
        form: ``full text``, ``truncated text`` or ``news summary``.
        number: Document number, ``None`` when the source leaves it blank or does not state it.
        number_as_written: The number line exactly as the source writes it.
        issued: Issue date at the precision the source gives.
        issued_as_written: The date exactly as written.
        effective: Date of effect, when stated.
        place: Place of issue, when stated.
        issuer_vi: Issuing body.
        issuer_en: English.
        issuer_level: Level of the issuing body (``national`` for the Prime Minister or a
            ministry); ``None`` when the source does not make it known.
        issuer_kind: Unit kind of the issuing body's area, when known.
        signer: Who signed, when stated.
        signer_title: Signer's title, when stated.
        title_vi: Title.
        title_en: English title.
        source: Where the metadata stands; ``None`` for an instrument whose text is not bundled.
        citation: How to cite an instrument whose text is not bundled (``form`` is
            ``citation only``).
        province: The province the issuing body belongs to (or is), ``None`` when the source
            does not name it.
    """

    type_vi: str
    type_en: str
    form: str
    number: str | None
    number_as_written: str | None
    issued: PartialDate | None
    issued_as_written: str | None
    effective: _dt.date | None
    place: str | None
    issuer_vi: str
    issuer_en: str
    issuer_level: Level | None
    issuer_kind: str | None
    signer: str | None
    signer_title: str | None
    title_vi: str
    title_en: str
    source: SourceRef | None
    citation: str | None = None
    province: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready metadata; unknown values are ``None``, dates ISO at the source's precision."""
        return {
            "type_vi": self.type_vi,
            "type_en": self.type_en,
            "form": self.form,
            "number": self.number,
            "number_as_written": self.number_as_written,
            "issued": iso(self.issued),
            "issued_precision": self.issued.precision.value if self.issued else None,
            "issued_as_written": self.issued_as_written,
            "effective": iso(self.effective),
            "place": self.place,
            "province": self.province,
            "issuer_vi": self.issuer_vi,
            "issuer_en": self.issuer_en,
            "issuer_level": self.issuer_level.value if self.issuer_level else None,
            "issuer_kind": self.issuer_kind,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "title_vi": self.title_vi,
            "title_en": self.title_en,
            "source": self.source.to_dict() if self.source else None,
            "citation": self.citation,
        }


@attrs.frozen
class Scope:
    """Where and when a plan's criteria apply.

    Attributes:
        levels: Levels whose areas may be assessed.
        valid_from: First day the plan applies, ``None`` if not stated.
        valid_to: Last day the plan applies, ``None`` if not stated.
        text_vi: The source's own words on scope, when it has them.
        source: Where the scope is stated.
        period_vi: The source's own words stating the plan's period (``năm 2022``,
            ``GIAI ĐOẠN 2021 - 2025``), when it states one.
        period_source: Where those words stand.
    """

    levels: frozenset[Level]
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    text_vi: str | None
    source: SourceRef | None
    period_vi: str | None = None
    period_source: SourceRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: levels from the lowest up, validity as ISO dates or ``None``."""
        return {
            "levels": levels_json(self.levels),
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "text_vi": self.text_vi,
            "source": self.source.to_dict() if self.source else None,
            "period_vi": self.period_vi,
            "period_source": self.period_source.to_dict() if self.period_source else None,
        }


_SHORT = ("name", "noun_vi", "noun_en", "whole", "unit", "value")


class _Compiled(dict[Level | None, CompiledCriteria]):
    """A plan's compiled criteria by level; at most one entry per level, never pickled."""

    def __reduce__(self) -> tuple[type[_Compiled], tuple[()]]:
        return (_Compiled, ())


@attrs.frozen
class Plan(Displayable):
    """One source document encoded: metadata, scope, criteria.

    Attributes:
        id: Stable identifier (``lai-chau-city-2024``).
        source_file: Name of the source text (beside the plan file, or bundled for a bundled
            plan); ``None`` for an instrument known by its citation only.
        document: Metadata.
        scope: Levels and validity.
        criteria: ``C1`` ... ``Cn`` in the document's order (may be empty for plans that set only
            targets or a calendar).
        references: Documents it implements or cites.
        targets: Targets for the whole jurisdiction, in the document's order.
        calendar: Phases, deadlines and observances.
        fidelity: Readings chosen and passages not encoded (see
            :func:`~vn_drugfree_criteria.model.fidelity.fidelity_rows`).
        classifications: Graded outcomes (key complex classes), in the document's order.
        adopts: The id of the plan whose criteria, classifications and readings this plan
            adopts (a provincial plan applying Decision 28/2025/QĐ-TTg), or ``None``.
        readings: Passages that allow two readings, with the one chosen and why.
        vocabulary: The indicators an area's counts may name: the shared vocabulary, with the
            plan's own ``[[indicators]]`` (and those of the plan it adopts) after it.
        source_lines: The lines of the source text the loader checked every pointer and quote
            against; ``None`` for an instrument known by its citation only, or when the text
            could not be found and the plan was loaded without it (see :attr:`source_missing`).
            Not part of equality.
    """

    id: str
    source_file: str | None
    document: Document
    scope: Scope
    criteria: tuple[Criterion, ...]
    references: tuple[Reference, ...] = ()
    targets: tuple[Target, ...] = ()
    calendar: Calendar = attrs.field(factory=Calendar)
    fidelity: tuple[FidelityNote, ...] = ()
    classifications: tuple[Classification, ...] = ()
    readings: tuple[TextReading, ...] = ()
    adopts: str | None = None
    vocabulary: Vocabulary = SHARED
    source_lines: tuple[str, ...] | None = attrs.field(default=None, eq=False, repr=False)
    _compiled: _Compiled = attrs.field(factory=_Compiled, init=False, repr=False, eq=False)

    @property
    def source_missing(self) -> bool:
        """Whether the plan names a source text that was not at hand when it was loaded.

        Its pointers and quotes were then not checked against the text.
        """
        return self.source_file is not None and self.source_lines is None

    def target(self, target_id: str) -> Target:
        """The target with this id (``1b``, ``dd1``).

        Raises:
            KeyError: No such target.
        """
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(f"plan {self.id!r} has no target {target_id!r}")

    def __repr__(self) -> str:
        return (
            f"<Plan {self.id}: {len(self.criteria)} criteria, {len(self.targets)} targets,"
            f" {len(self.calendar.phases)} phases>"
        )

    @property
    def title(self) -> str:
        """The Vietnamese title."""
        return self.document.title_vi

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (``C4``).

        Raises:
            KeyError: No such criterion.
        """
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"plan {self.id!r} has no criterion {criterion_id!r}")

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator the plan's criteria read, in vocabulary order."""
        return tuple(indicators_read(self.all_criteria, self.vocabulary))

    def indicators_for(self, level: Level | None) -> tuple[str, ...]:
        """The indicators read by every criterion decided at ``level``, in vocabulary order."""
        return tuple(indicators_read(self.decided_at(level), self.vocabulary))

    @property
    def all_criteria(self) -> tuple[Criterion, ...]:
        """The drug-free criteria, then every criterion of every class of every classification."""
        graded = tuple(c for g in self.classifications for k in g.classes for c in k.criteria)
        return self.criteria + graded

    def classifications_for(self, level: Level | None) -> tuple[Classification, ...]:
        """The classifications that apply at ``level`` (none when ``level`` is ``None``)."""
        return tuple(g for g in self.classifications if level in g.levels)

    def decided_at(self, level: Level | None) -> tuple[Criterion, ...]:
        """Every criterion decided for an area at ``level``.

        The drug-free criteria, then the criteria of every class of the classifications that
        apply there.
        """
        graded = (c for g in self.classifications_for(level) for k in g.classes for c in k.criteria)
        return (*self.criteria_for(level), *graded)

    def criteria_for(self, level: Level | None) -> tuple[Criterion, ...]:
        """The criteria that apply at ``level`` (all of them when ``level`` is ``None``)."""
        if level is None:
            return self.criteria
        return tuple(c for c in self.criteria if level in c.levels)

    def compiled(self, level: Level | None) -> CompiledCriteria:
        """The criteria that apply at ``level``, compiled for fast evaluation.

        Compiled once per level and kept with the plan, so it lives and dies with it.
        """
        hit = self._compiled.get(level)
        if hit is None:
            name = f"{self.id} at {level.value if level else 'every'} level"
            hit = self._compiled[level] = compile_criteria(self.criteria_for(level), name)
        return hit

    def to_dict(self) -> dict[str, Any]:
        """Everything the plan encodes as JSON-ready data, in the shape of the ``show`` schema.

        Keys: ``id``, ``source_file``, ``source_missing`` (the source text was not at hand when
        the plan was loaded), ``document`` (metadata; unknown values ``None``),
        ``scope``, ``references``, ``criteria`` (verbatim Vietnamese text, English rendering,
        source pointer and requirements as formulas), ``targets``, ``calendar`` (the ``calendar``
        schema without ``on``), ``indicators`` (those the criteria read and the wholes of those
        that are parts, since a part is only accepted beside its whole, with their Vietnamese and
        English nouns and, for a part, its whole) and ``part_whole`` (the part/whole checks among
        them; any other part a row gives is checked against its whole too) and
        ``local_indicators`` (the indicators the plan declares itself, with their unit, labels,
        definition and source pointers; empty for a plan on the shared vocabulary). Shares and bounds
        are exact fractions written as text (``"83/100"``).

        >>> from vn_drugfree_criteria import get_plan
        >>> d = get_plan("lai-chau-city-2024").to_dict()
        >>> d["document"]["number"] is None, d["document"]["issued"]
        (True, '2024-04')
        >>> d["criteria"][3]["ref"], d["criteria"][3]["requirements"][0]["bound"]
        ('lai-chau-city-2024:C4', '1')
        """
        items = self.vocabulary.indicators
        needed = self.vocabulary.with_wholes(self.indicators)
        return {
            "id": self.id,
            "source_file": self.source_file,
            "source_missing": self.source_missing,
            "document": self.document.to_dict(),
            "scope": self.scope.to_dict(),
            "references": [r.to_dict() for r in self.references],
            "criteria": [c.to_dict(self.id) for c in self.criteria],
            "classifications": [g.to_dict(self.id) for g in self.classifications],
            "readings": [r.to_dict() for r in self.readings],
            "adopts": self.adopts,
            "targets": [t.to_dict() for t in self.targets],
            "calendar": {"plan": self.id, **self.calendar.to_dict()},
            "fidelity": [n.to_dict() for n in self.fidelity],
            "indicators": [
                {k: v for k, v in items[name].to_dict().items() if k in _SHORT} for name in needed
            ],
            "part_whole": [
                {"part": name, "whole": items[name].whole}
                for name in needed
                if items[name].whole is not None
            ],
            "local_indicators": [
                i.to_dict() for i in self.vocabulary.items if i.name in self.vocabulary.local
            ],
        }
