"""Strict reading of a plan's metadata: document, references, levels, dates and source pointers.

Used by :mod:`~vn_drugfree_criteria.model.loader`; every problem is a
:class:`~vn_drugfree_criteria.DataFileError` naming file, key and problem.
"""

from __future__ import annotations

import re

from vn_drugfree_criteria.model.plan import Document, Reference
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.dates import PartialDate
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = [
    "SourceContext",
    "read_document",
    "read_levels",
    "read_opt_level",
    "read_partial",
    "read_reference",
]

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_FORMS = ("full text", "truncated text", "news summary", "citation only")
_RELATIONS = ("implements", "cites")


class SourceContext:
    """The plan's source file and its lines, which every source pointer is checked against."""

    def __init__(self, source_file: str | None, lines: tuple[str, ...] | None) -> None:
        self.source_file = source_file
        self.lines = lines

    def ref(self, t: TomlTable, key: str = "source") -> SourceRef:
        """The required pointer ``key`` of ``t``, checked to fall inside the source text."""
        if self.source_file is None:
            raise t.error(
                key, "this instrument has no bundled source text: there is nothing to point into"
            )
        s = t.table(key)
        line = s.integer("line", minimum=1)
        end = s.opt_integer("end_line", minimum=1)
        section = s.opt_text("section")
        s.finish()
        if end is not None and end < line:
            raise s.error("end_line", f"{end} is before line {line}")
        if self.lines is not None and max(line, end or line) > len(self.lines):
            raise s.error("line", f"beyond the end of {self.source_file} ({len(self.lines)} lines)")
        return SourceRef(self.source_file, line, end, section)

    def opt_ref(self, t: TomlTable, key: str = "source") -> SourceRef | None:
        """The pointer ``key`` of ``t`` when it is given."""
        return self.ref(t, key) if t.has(key) else None

    def ref_if_bundled(self, t: TomlTable) -> SourceRef | None:
        """A required pointer when the source is bundled; none at all when it is not."""
        if self.source_file is None:
            if t.has("source"):
                raise t.error("source", "this instrument has no bundled source text")
            return None
        return self.ref(t)


def read_partial(t: TomlTable, key: str) -> PartialDate | None:
    """A date at the precision written: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    text = t.opt_text(key)
    if text is None:
        return None
    m = _PARTIAL.fullmatch(text)
    if not m:
        raise t.error(key, f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    t.check_year(key, year)
    try:
        return PartialDate(year, month, day)
    except ValueError as exc:
        raise t.error(key, str(exc)) from None


def read_level(t: TomlTable, key: str, value: str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise t.error(
            key, f"unknown level {value!r}; use one of {[lv.value for lv in Level]}"
        ) from None


def read_opt_level(t: TomlTable, key: str) -> Level | None:
    """An optional level name."""
    value = t.opt_text(key)
    return None if value is None else read_level(t, key, value)


def read_levels(
    t: TomlTable, key: str, default: frozenset[Level] | None = None
) -> frozenset[Level]:
    """A list of level names, none repeated; ``default`` when the key is absent."""
    names = t.text_list(key, required=default is None)
    if not names:
        assert default is not None
        return default
    if len(set(names)) != len(names):
        raise t.error(key, "a level is listed twice")
    return frozenset(read_level(t, key, n) for n in names)


def read_document(t: TomlTable, ctx: SourceContext) -> Document:
    """The ``[document]`` table: the source's metadata, unknown values left out."""
    form = t.text("form")
    if form not in _FORMS:
        raise t.error("form", f"must be one of {list(_FORMS)}, got {form!r}")
    doc = Document(
        type_vi=t.text("type_vi"),
        type_en=t.text("type_en"),
        form=form,
        number=t.opt_text("number"),
        number_as_written=t.opt_text("number_as_written"),
        issued=read_partial(t, "issued"),
        issued_as_written=t.opt_text("issued_as_written"),
        effective=t.opt_date("effective"),
        place=t.opt_text("place"),
        issuer_vi=t.text("issuer_vi"),
        issuer_en=t.text("issuer_en"),
        issuer_level=read_opt_level(t, "issuer_level"),
        issuer_kind=t.opt_text("issuer_kind"),
        signer=t.opt_text("signer"),
        signer_title=t.opt_text("signer_title"),
        title_vi=t.text("title_vi"),
        title_en=t.text("title_en"),
        source=ctx.ref_if_bundled(t),
        citation=t.opt_text("citation"),
        province=t.opt_text("province"),
    )
    t.finish()
    if (form == "citation only") != (ctx.source_file is None):
        raise t.error("form", "'citation only' is the form of an instrument without source_file")
    if (doc.citation is None) != (ctx.source_file is not None):
        raise t.error("citation", "required without a bundled source text, and only then")
    return doc


def read_reference(t: TomlTable, ctx: SourceContext) -> Reference:
    """One ``[[references]]`` table: a document the plan implements or cites."""
    relation = t.text("relation")
    if relation not in _RELATIONS:
        raise t.error("relation", f"must be one of {list(_RELATIONS)}, got {relation!r}")
    ref = Reference(
        relation=relation,
        type_vi=t.text("type_vi"),
        number=t.opt_text("number"),
        date=read_partial(t, "date"),
        issuer=t.opt_text("issuer"),
        source=ctx.ref(t),
        name_vi=t.opt_text("name_vi"),
    )
    if ref.number is None and ref.name_vi is None:
        raise t.error("number", "a reference needs a number or a name_vi")
    t.finish()
    return ref
