"""Strict reading of a plan file's ``[[fidelity]]`` tables (see :mod:`.fidelity`)."""

from __future__ import annotations

from collections.abc import Callable

from vn_drugfree_criteria.model.fidelity import FidelityNote, Status
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["read_fidelity"]

_STATUSES = {"reading": Status.READING, "not-encoded": Status.NOT_ENCODED}


def read_fidelity(
    top: TomlTable, ref: Callable[[TomlTable], SourceRef | None], known: frozenset[str]
) -> tuple[FidelityNote, ...]:
    """Read the ``[[fidelity]]`` tables.

    A reading names the elements it is about and two readings or more; a passage not encoded
    names none; both say why.

    Raises:
        DataFileError: Naming the key.
    """
    out = []
    for t in top.tables("fidelity"):
        name = t.text("status")
        if name not in _STATUSES:
            raise t.error("status", f"must be one of {sorted(_STATUSES)}, got {name!r}")
        status = _STATUSES[name]
        elements = t.text_list("elements")
        readings = t.text_list("readings")
        unknown = sorted(set(elements) - known)
        if unknown:
            raise t.error("elements", f"no element of the plan has id {unknown[0]!r}")
        if status is Status.READING and (not elements or len(readings) < 2):
            raise t.error("readings", "a reading names its elements and two readings or more")
        if status is Status.NOT_ENCODED and (elements or readings):
            raise t.error("elements", "a passage not encoded has no elements and no readings")
        out.append(
            FidelityNote(
                status=status,
                text_vi=t.text("text_vi"),
                source=ref(t),
                note=t.text("note"),
                elements=elements,
                readings=readings,
            )
        )
        t.finish()
    return tuple(out)
