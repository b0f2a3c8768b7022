"""How faithfully a plan encodes its source, element by element, as data.

A plan file's ``[[fidelity]]`` tables name what the encoding alone does not show: a passage the
text allows two readings of (with the reading chosen and why), and a normative passage left
unencoded (with why). :func:`fidelity_rows` joins them with every encoded element (requirements,
graded classes, targets, phases, deadlines, observances, references, the stated period, and the
passages named under ``[[readings]]``) into one table in
source order: each element, its words, its encoding and its status.

>>> import vn_drugfree_criteria as vdc
>>> rows = fidelity_rows(vdc.get_plan("lai-chau-city-2024"))
>>> next(r for r in rows if r.element == "C4.1").status.value
'reading chosen'
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from vn_drugfree_criteria.model.rules import SourceRef

__all__ = ["FidelityNote", "FidelityRow", "Status", "fidelity_rows"]


class Status(enum.Enum):
    """How an element of the source is encoded.

    ``paraphrased``: the element has no pointer into a bundled source (the instrument is known by
    its citation only), so its words are the library's own and cannot be checked verbatim.
    """

    FAITHFUL = "faithful"
    READING = "reading chosen"
    NOT_ENCODED = "not encoded"
    PARAPHRASED = "paraphrased"


@attrs.frozen
class FidelityNote:
    """One ``[[fidelity]]`` table of a plan file.

    Attributes:
        status: ``reading chosen`` or ``not encoded``.
        text_vi: The words of the source concerned, verbatim.
        source: Where they stand (``None`` for an instrument whose text is not bundled).
        note: Why the reading was chosen, or why the passage is not encoded.
        elements: The encoded elements the note is about (criterion, requirement, target or
            calendar ids; ``scope``); empty for a passage not encoded.
        readings: For a reading: the readings the words allow, the chosen one first.
    """

    status: Status
    text_vi: str
    source: SourceRef | None
    note: str
    elements: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "status": self.status.value,
            "text_vi": self.text_vi,
            "source": self.source.to_dict() if self.source else None,
            "note": self.note,
            "elements": list(self.elements),
            "readings": list(self.readings),
        }


@attrs.frozen
class FidelityRow:
    """One row of a plan's fidelity table.

    Attributes:
        element: The encoded element (``C4.1``, ``target p2-build``, ``phase 2``), or ``—``.
        words_vi: The source's words for it.
        encoding: How the library encodes it (a formula, a target's shape, dates).
        status: Faithful, reading chosen, not encoded, or paraphrased.
        why: For a reading or a passage not encoded: the readings and the reason.
        source: Where it stands.
    """

    element: str
    words_vi: str
    encoding: str
    status: Status
    why: str | None
    source: SourceRef | None


def _target_encoding(t: Any) -> str:
    parts = [t.kind.value, f"when {t.when}"]
    if t.comparison is not None:
        parts.append(f"«{t.comparison.phrase_vi}» ({t.comparison.kind.value})")
    if t.figure is not None:
        whole = t.whole or (str(t.whole_stated) if t.whole_stated else None)
        parts.append(t.figure + (f" / {whole}" if whole else ""))
    for label, value in (("share", t.share), ("count", t.count), ("months", t.months)):
        if value is not None:
            parts.append(f"{label} {value}")
    return "; ".join(parts)


def _elements(plan: Any) -> list[tuple[list[str], str, str, str, SourceRef | None]]:
    """(ids, element label, words, encoding, source) of every encoded element."""
    out: list[tuple[list[str], str, str, str, SourceRef | None]] = []
    scope = plan.scope
    if scope.period_vi is not None:
        period = f"{scope.valid_from or '…'} … {scope.valid_to}"
        out.append((["scope"], "period", scope.period_vi, period, scope.period_source))
    for r in plan.references:
        out.append(
            ([], f"{r.relation} {r.label}", r.label, f"date {r.date or 'not stated'}", r.source)
        )
    for c in plan.criteria:
        for q in c.requirements:
            out.append(([c.id, q.id], q.id, q.text_vi, q.formula(), c.source))
    for g in plan.classifications:
        for k in g.classes:
            for c in k.criteria:
                for q in c.requirements:
                    label = f"{g.id} {k.id} {q.id}"
                    out.append(([], label, q.text_vi, q.formula(), c.source))
    for t in plan.targets:
        out.append(([t.id], f"target {t.id}", t.text_vi, _target_encoding(t), t.source))
    return out + _calendar_elements(plan.calendar)


def _calendar_elements(cal: Any) -> list[tuple[list[str], str, str, str, SourceRef | None]]:
    out: list[tuple[list[str], str, str, str, SourceRef | None]] = []
    for p in cal.phases:
        out.append(
            (
                [f"phase {p.number}"],
                f"phase {p.number}",
                p.text_vi,
                f"{p.start} … {p.end}",
                p.source,
            )
        )
    for d in cal.deadlines:
        out.append(([d.id], d.id, d.title_vi, f"{d.phrase_vi} {d.due_before}", d.source))
    for r in cal.recurring:
        enc = f"{r.phrase_vi} {r.day}/{r.month}, {r.first_year}-{r.last_year}"
        out.append(([r.id], r.id, r.title_vi, enc, r.source))
    for u in cal.undated:
        out.append(([u.id], u.id, u.title_vi, f"{u.frequency}, no day", u.source))
    for o in cal.observances:
        years = f"{o.first_year}-{o.last_year}" if o.last_year else f"from {o.first_year}"
        enc = f"{o.day or 'whole month'}/{o.month}, {years}"
        out.append(([o.id], o.id, o.title_vi, enc, o.source))
    return out


def _why(note: FidelityNote) -> str:
    if not note.readings:
        return note.note
    named = "; ".join(
        f"({i}) {r}" + (" [chosen]" if i == 1 else "") for i, r in enumerate(note.readings, 1)
    )
    return f"{named}. {note.note}"


_UNSOURCED = "The instrument's text is not bundled: these words are the library's own."


def fidelity_rows(plan: Any) -> tuple[FidelityRow, ...]:
    """Every normative element of the plan's source: its encoding and its status, by line."""
    notes: dict[str, list[FidelityNote]] = {}
    for n in plan.fidelity:
        for element in n.elements:
            notes.setdefault(element, []).append(n)
    rows = []
    for ids, label, words, encoding, source in _elements(plan):
        found = [n for i in ids for n in notes.get(i, [])]
        target = next((t for t in plan.targets if [t.id] == ids), None)
        if found:
            why = " ".join(dict.fromkeys(_why(n) for n in found))
            rows.append(FidelityRow(label, words, encoding, Status.READING, why, source))
        elif target is not None and target.readings:
            named = ", ".join(r.value for r in target.readings)
            why = f"{named} [first chosen]. {target.reading_note}"
            rows.append(FidelityRow(label, words, encoding, Status.READING, why, source))
        elif source is None:
            why = (target.note if target is not None else None) or _UNSOURCED
            rows.append(FidelityRow(label, words, encoding, Status.PARAPHRASED, why, source))
        else:
            rows.append(FidelityRow(label, words, encoding, Status.FAITHFUL, None, source))
    for r in plan.readings:  # passages the plan file names under [[readings]]
        named = "; ".join(
            [f"(1) {r.chosen} [chosen]"]
            + [f"({i}) {alt}" for i, alt in enumerate(r.alternatives, 2)]
        )
        why = f"{named}. {r.note}"
        rows.append(
            FidelityRow(f"reading {r.id}", r.text_vi, r.chosen, Status.READING, why, r.source)
        )
    for n in plan.fidelity:
        if n.status is Status.NOT_ENCODED:
            rows.append(FidelityRow("—", n.text_vi, "—", n.status, _why(n), n.source))
    return tuple(sorted(rows, key=lambda r: r.source.line if r.source else 0))
