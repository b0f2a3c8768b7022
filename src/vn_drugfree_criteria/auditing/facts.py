"""Reference facts the audit compares plans with: national instruments and the 2025 reform.

The facts live in the bundled data file ``facts.toml``, each with its citation; code never states
a date or a number of its own.

>>> f = facts()
>>> f.instrument("1452/QĐ-TTg").date
datetime.date(2021, 8, 31)
>>> f.province("Cần Thơ").merged_with
('Sóc Trăng', 'Hậu Giang')
"""

from __future__ import annotations

import datetime as _dt
import functools
from importlib import resources

import attrs

from vn_drugfree_criteria.vocab.strict import TomlTable, load_toml_text
from vn_drugfree_criteria.vocab.text import fold

__all__ = ["EndedConcept", "EndedUnit", "Facts", "Instrument", "ProvinceChange", "facts"]

_FILE = "facts.toml"


@attrs.frozen
class Instrument:
    """A national instrument (law, decision, resolution, conclusion) and its validity.

    Attributes:
        id: ASCII identifier within the facts file.
        type_vi: Kind of instrument (``Luật``, ``Quyết định``).
        number: Its number (``73/2021/QH14``).
        date: Date of issue, when recorded.
        year: Year of the instrument (from ``date`` when that is given).
        name_vi: Its name, for instruments cited by name (``Luật Phòng, chống ma túy``).
        issuer_vi: Who issued it, when recorded.
        about_vi: What it is, in Vietnamese.
        about_en: What it is, in English.
        valid_from: First day in force, when recorded.
        valid_to: Last day in force, when it has ended or will end.
        replaced_by: Id of the instrument replacing it.
        subject: ``criteria`` or ``targets`` when it sets national drug-free criteria or goals.
        citation: The instrument establishing the fact.
        corroborated_by: Bundled source passages stating the same fact.
    """

    id: str
    type_vi: str
    number: str
    date: _dt.date | None
    year: int
    name_vi: str | None
    issuer_vi: str | None
    about_vi: str
    about_en: str
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    replaced_by: str | None
    subject: str | None
    citation: str
    corroborated_by: tuple[str, ...]


@attrs.frozen
class ProvinceChange:
    """What the reform did to one province.

    Attributes:
        name_vi: The province's name before the reform.
        merged_with: Provinces merged into it (empty when not merged).
        name_after: Its name after the reform.
        effective: The day the change took effect.
        citation: The instrument establishing the fact, as far as recorded.
    """

    name_vi: str
    merged_with: tuple[str, ...]
    name_after: str
    effective: _dt.date
    citation: str


@attrs.frozen
class EndedUnit:
    """An administrative unit that ceased to exist.

    Attributes:
        name_vi: Its name (``thành phố Lai Châu``).
        kind: Its unit kind.
        province: The province it belonged to.
        last_day: The last day it existed.
        successors: The units that took its place.
        instrument: Id of the instrument that ended it.
        citation: The instrument establishing the fact.
    """

    name_vi: str
    kind: str
    province: str
    last_day: _dt.date
    successors: tuple[str, ...]
    instrument: str | None
    citation: str


@attrs.frozen
class EndedConcept:
    """A legal concept or institution that the law has ended (the household registration book).

    Attributes:
        id: ASCII identifier within the facts file.
        forms: The words that name it in a text, longest first (``sổ hộ khẩu``, ``hộ khẩu``).
        about_vi: What ended and what took its place, in Vietnamese.
        about_en: The same in English.
        last_day: The last day it had effect.
        instrument: Id of the instrument that ended it.
        citation: The instrument establishing the fact.
    """

    id: str
    forms: tuple[str, ...]
    about_vi: str
    about_en: str
    last_day: _dt.date
    instrument: str | None
    citation: str


@attrs.frozen
class Facts:
    """All reference facts."""

    instruments: tuple[Instrument, ...]
    provinces: tuple[ProvinceChange, ...]
    ended_units: tuple[EndedUnit, ...]
    ended_concepts: tuple[EndedConcept, ...] = ()

    def instrument(self, key: str) -> Instrument | None:
        """The instrument with this id or number, or ``None``."""
        for i in self.instruments:
            if key in (i.id, i.number):
                return i
        return None

    def by_name(self, name: str, year: int) -> Instrument | None:
        """The instrument cited by name and year (``Luật Phòng, chống ma túy năm 2021``)."""
        folded = fold(name)
        for i in self.instruments:
            if i.name_vi is not None and i.year == year and folded.startswith(fold(i.name_vi)):
                return i
        return None

    def province(self, name: str) -> ProvinceChange | None:
        """What the reform did to the province of this name, or ``None`` when not recorded."""
        for p in self.provinces:
            if fold(p.name_vi) == fold(name):
                return p
        return None


def _instrument(t: TomlTable) -> Instrument:
    date = t.opt_date("date")
    year = t.opt_integer("year", minimum=1900)
    if year is None:
        if date is None:
            raise t.error("year", "an instrument needs a date or a year")
        year = date.year
    inst = Instrument(
        id=t.text("id"),
        type_vi=t.text("type_vi"),
        number=t.text("number"),
        date=date,
        year=year,
        name_vi=t.opt_text("name_vi"),
        issuer_vi=t.opt_text("issuer_vi"),
        about_vi=t.text("about_vi"),
        about_en=t.text("about_en"),
        valid_from=t.opt_date("valid_from"),
        valid_to=t.opt_date("valid_to"),
        replaced_by=t.opt_text("replaced_by"),
        subject=t.opt_text("subject"),
        citation=t.text("citation"),
        corroborated_by=t.text_list("corroborated_by"),
    )
    t.finish()
    return inst


def parse_facts(name: str, text: str) -> Facts:
    """Read a facts file.

    Raises:
        DataFileError: Naming file, key and problem.
    """
    top = load_toml_text(name, text)
    if top.integer("schema") != 1:
        raise top.error("schema", "unsupported schema version; expected 1")
    instruments = tuple(_instrument(t) for t in top.tables("instruments", required=True))
    ids = {i.id for i in instruments}
    for t, inst in zip(top.tables("instruments"), instruments, strict=True):
        if inst.replaced_by is not None and inst.replaced_by not in ids:
            raise t.error("replaced_by", f"no instrument has id {inst.replaced_by!r}")
    provinces = []
    for t in top.tables("provinces"):
        provinces.append(
            ProvinceChange(
                name_vi=t.text("name_vi"),
                merged_with=t.text_list("merged_with"),
                name_after=t.text("name_after"),
                effective=t.date("effective"),
                citation=t.text("citation"),
            )
        )
        t.finish()
    ended = []
    for t in top.tables("ended_units"):
        unit = EndedUnit(
            name_vi=t.text("name_vi"),
            kind=t.text("kind"),
            province=t.text("province"),
            last_day=t.date("last_day"),
            successors=t.text_list("successors"),
            instrument=t.opt_text("instrument"),
            citation=t.text("citation"),
        )
        if unit.instrument is not None and unit.instrument not in ids:
            raise t.error("instrument", f"no instrument has id {unit.instrument!r}")
        ended.append(unit)
        t.finish()
    concepts = []
    for t in top.tables("ended_concepts"):
        concept = EndedConcept(
            id=t.text("id"),
            forms=t.text_list("forms", required=True),
            about_vi=t.text("about_vi"),
            about_en=t.text("about_en"),
            last_day=t.date("last_day"),
            instrument=t.opt_text("instrument"),
            citation=t.text("citation"),
        )
        if concept.instrument is not None and concept.instrument not in ids:
            raise t.error("instrument", f"no instrument has id {concept.instrument!r}")
        concepts.append(concept)
        t.finish()
    top.finish()
    return Facts(instruments, tuple(provinces), tuple(ended), tuple(concepts))


@functools.cache
def facts() -> Facts:
    """The bundled reference facts (cached)."""
    text = (
        resources.files("vn_drugfree_criteria").joinpath("data", _FILE).read_text(encoding="utf-8")
    )
    return parse_facts(_FILE, text)
