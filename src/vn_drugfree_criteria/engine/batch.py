"""Assess many areas at once, column by column, with the same rules as :func:`assess`.

``columns`` maps indicator names to equal-length sequences (lists, numpy arrays, or a pandas
``DataFrame``). Every row is either assessed or reported in :attr:`BatchResult.rejected` with its
reasons; nothing is dropped.

Two backends give identical results: a pure-Python one that needs nothing beyond the standard
library, and a numpy one (the optional ``fast`` extra), chosen automatically when numpy can be
imported. The per-row outcomes are :class:`Verdicts` on both: iterate or index them for
``True``/``False``/``None``, or take :attr:`Verdicts.mask` for the raw tuple or array.

>>> r = assess_many("lai-chau-city-2024", EXAMPLE_COLUMNS, backend="python")
>>> list(r.drug_free), list(r.criteria["C7"])
([True, False, None], [True, False, None])
>>> print(r.rejected[0])
row 3 (id '3'): households_committed: 31 is larger than its whole households (30)
"""

from __future__ import annotations

import collections
import datetime as _dt
import functools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.engine import batch_python as _batch_python
from vn_drugfree_criteria.engine.assess import check_applicable
from vn_drugfree_criteria.engine.batch_python import as_list
from vn_drugfree_criteria.engine.columns import ClassCodes, PositionalIds, Verdicts
from vn_drugfree_criteria.engine.grading import grade_columns
from vn_drugfree_criteria.errors import InputError, LevelNotCoveredError, RowError
from vn_drugfree_criteria.model.kernel import CompiledCriteria, Ops
from vn_drugfree_criteria.model.plan import Plan, indicators_read
from vn_drugfree_criteria.model.registry import PlanLike, get_plan
from vn_drugfree_criteria.vocab.cells import date_argument, plain, show
from vn_drugfree_criteria.vocab.decimals import Amount, json_number
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level, find_level
from vn_drugfree_criteria.vocab.text import nfc

__all__ = ["EXAMPLE_COLUMNS", "Backend", "BatchResult", "assess_many", "choose_backend"]

Backend = Literal["auto", "python", "numpy"]

_QUIET = dict.fromkeys(("hotspots", "complex_points", "retail_sellers", "use_venues", "offenders_resident_3m", "offender_groups", "offender_rings", "addicts", "addicts_with_dossier", "addicts_present", "addicts_present_with_treatment_dossier", "post_rehab", "post_rehab_with_dossier", "users_present", "users_present_with_dossier", "substitution_over_12m", "substitution_over_12m_compliant", "cultivation_sites"), (0, 0, 0))  # fmt: skip
EXAMPLE_COLUMNS: Mapping[str, Sequence[int]] = MappingProxyType(
    {
        **_QUIET,
        "households": (41, 25, 30),
        "households_committed": (41, 25, 31),
        "subunits": (1, 1, 1),
        "subunits_with_hotline_board": (1, 1, 1),
        "effective_models": (1, 0, 1),
    }
)
"""Three villages of synthetic counts (the second lacks a model, the third is inconsistent)."""


@attrs.frozen
class BatchResult(Displayable):
    """The result of :func:`assess_many`: one entry per input row, in input order.

    Attributes:
        plan_id: The plan.
        backend: ``"python"`` or ``"numpy"``: which backend computed it.
        ids: Row ids (given, or ``"1"``, ``"2"``, ... by position).
        valid: Whether each row passed validation (a tuple of ``bool`` on the Python backend, a
            read-only ``numpy.ndarray`` of ``bool`` on the numpy backend).
        drug_free: Per row: ``True``/``False``, or ``None`` for a rejected row.
        criteria: Criterion id to its per-row :class:`Verdicts`, in the plan's order.
        counts: The counts as read, indicator to column (0 in a rejected cell): lists of ``int``
            on the Python backend; on the numpy backend integer arrays in the input's own
            dtype (the input array itself, not a copy, when every cell of it is a count).
        rejected: The rejected rows with their reasons (1-based row numbers), in row order.
        class_codes: Per row, the position in :attr:`class_ids` of its class, or
            ``len(class_ids)`` when it has none (no class, or a rejected row): a tuple of
            ``int`` on the Python backend, a read-only ``int8`` array on the numpy backend. The
            class names are in :attr:`key_complex_class`.
        class_ids: The classes of the first classification that applies at the rows' level,
            from the most severe down.
        level: The level of every row, when one was given.
        plan_indicators: Every indicator the plan reads (:attr:`Plan.indicators`).
        vocabulary: The plan's vocabulary (:attr:`Plan.vocabulary`), for the roll-ups.
    """

    plan_id: str
    backend: str
    ids: Sequence[str]
    valid: Sequence[bool]
    drug_free: Verdicts
    criteria: Mapping[str, Verdicts]
    counts: Mapping[str, Sequence[Amount]] = attrs.field(repr=False)
    rejected: tuple[RowError, ...]
    class_codes: Sequence[int] = ()
    class_ids: tuple[str, ...] = ()
    level: Level | None = None
    plan_indicators: tuple[str, ...] = ()
    vocabulary: Vocabulary = attrs.field(default=SHARED, repr=False, eq=False)

    @functools.cached_property
    def key_complex_class(self) -> Sequence[str | None]:
        """Per row, the class of the first classification that applies at the rows' level.

        ``I``, ``II``, ``III``, ``key complex``, or ``None`` (no class, no classification, or a
        rejected row): a tuple on the Python backend, a read-only ``object`` array on the numpy
        backend, built from :attr:`class_codes` when first read.
        """
        return ClassCodes(self.class_codes, self.class_ids).labels()

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def drug_free_count(self) -> int:
        """How many rows are drug-free."""
        return self.drug_free.true_count()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, column by column: one entry per row in every list.

        ``drug_free`` and each ``criteria`` column hold ``true``/``false``, or ``null`` for a
        rejected row; ``rejected`` lists those rows with their reasons.
        """
        return {
            "plan": self.plan_id,
            "backend": self.backend,
            "ids": [str(i) for i in self.ids],
            "valid": [bool(v) for v in self.valid],
            "drug_free": list(self.drug_free),
            "criteria": {cid: list(v) for cid, v in self.criteria.items()},
            "counts": {
                name: list(map(json_number, as_list(col))) for name, col in self.counts.items()
            },
            "rejected": [e.to_dict() for e in self.rejected],
            "key_complex_class": list(self.key_complex_class),
            "class_ids": list(self.class_ids),
            "level": None if self.level is None else self.level.value,
            "plan_indicators": list(self.plan_indicators),
        }

    def __repr__(self) -> str:
        return (
            f"<BatchResult {self.plan_id}: {len(self)} rows, {self.drug_free_count} drug-free,"
            f" {len(self.rejected)} rejected ({self.backend} backend)>"
        )


def choose_backend(backend: str) -> str:
    """Resolve ``"auto"`` to ``"numpy"`` when numpy is importable, else ``"python"``.

    Raises:
        MissingExtraError: ``"numpy"`` was asked for and numpy is not installed.
        InputError: Unknown backend name.
    """
    if backend == "python":
        return backend
    if backend == "numpy":
        from vn_drugfree_criteria.engine.batch_numpy import import_numpy  # noqa: PLC0415  # keeps numpy off the import path

        import_numpy("the numpy backend of assess_many")
        return backend
    if backend == "auto":
        try:
            import numpy  # noqa: F401, PLC0415  # probing for the optional extra
        except ImportError:
            return "python"
        return "numpy"
    raise InputError(f"unknown backend {backend!r}; use 'auto', 'python' or 'numpy'")


def applicable(plan: Plan, as_of: _dt.date | None, level: Level | str | None) -> CompiledCriteria:
    """The criteria of ``plan`` that apply, compiled (checked against ``as_of`` when given)."""
    as_of = date_argument(as_of)
    if level is not None and not isinstance(level, Level | str):
        raise InputError(f"level: expected a Level or its name, got {show(level)}")
    lvl, kind = find_level(level) if isinstance(level, str) else (level, None)
    if as_of is not None:
        check_applicable(plan, as_of, lvl, kind)
    elif not plan.criteria_for(lvl):
        raise LevelNotCoveredError(f"plan {plan.id!r} sets no criteria for this level")
    return plan.compiled(lvl)


def as_columns(columns: Any) -> tuple[Mapping[str, Any], Sequence[Any] | None]:
    """The column mapping, and the ``id`` column of a pandas ``DataFrame`` if it has one."""
    if hasattr(columns, "columns") and hasattr(columns, "iloc"):  # a pandas DataFrame
        names = [str(c) for c in columns.columns]
        twice = sorted({c for c in names if names.count(c) > 1})
        if twice:
            raise InputError(f"the frame has duplicate columns: {', '.join(twice)}")
        frame_ids = columns["id"] if "id" in columns.columns else None
        return columns, frame_ids
    if not isinstance(columns, Mapping):
        raise InputError(f"columns must be a mapping or a DataFrame, not {type(columns).__name__}")
    return columns, None


def row_ids(ids: Sequence[Any] | None, n: int) -> Sequence[str]:
    """Check and normalise row ids: as many as rows, unique, as text."""
    if ids is None:
        return PositionalIds(n)
    try:
        given = _batch_python.as_list(ids)
    except TypeError:
        raise InputError(f"ids must be a sequence, not {type(ids).__name__}") from None
    # Compared and reported in Unicode NFC, as the table readers do.
    out = tuple(s if s.isascii() else nfc(s) for s in map(str, map(plain, given)))
    if len(out) != n:
        raise InputError(f"{len(out)} ids for {n} rows")
    if len(set(out)) != n:
        dup = next(i for i, k in collections.Counter(out).items() if k > 1)
        raise InputError(f"duplicate id {dup!r}")
    return out


def _length(table: Mapping[str, Any], names: Sequence[str]) -> int:
    """The common length of the columns ``names``."""
    lengths = set()
    for name in names:
        try:
            lengths.add(len(table[name]))
        except TypeError:
            raise InputError(f"column {name!r} is not a sequence") from None
    if len(lengths) > 1:
        raise InputError("all columns must have the same length")
    return lengths.pop() if lengths else 0


# Long: the docstring documents every argument and error of the public entry point.
def assess_many(
    plan: PlanLike,
    columns: Mapping[str, Sequence[Any]] | Any,
    *,
    ids: Sequence[Any] | None = None,
    as_of: _dt.date | None = None,
    level: Level | str | None = None,
    backend: Backend = "auto",
) -> BatchResult:
    """Assess every row of a table of counts.

    Args:
        plan: A plan or its id.
        columns: Indicator name to a sequence of counts, all of one length (lists, tuples, numpy
            arrays, pandas Series), or a pandas ``DataFrame``. Columns that are not indicators
            are ignored; the indicators the plan needs must all be present, and every indicator
            column given is read. Cells are read by the one input policy
            (:mod:`vn_drugfree_criteria.vocab.cells`; blank is missing, never zero).
        ids: Row ids; default: the ``id`` column of a DataFrame, else ``"1"``, ``"2"``, ...
        as_of: When given, the plan's and the level's validity on that date are checked.
        level: The level of every row, when the plan's criteria differ by level.
        backend: ``"auto"`` (numpy when importable), ``"python"`` or ``"numpy"``.

    Returns:
        Per-row verdicts and criterion outcomes; rejected rows carry ``None`` and a reason.

    Raises:
        InputError: A needed column is missing, the columns differ in length, or the ids are
            not one per row and unique.
        MissingExtraError: ``backend="numpy"`` without numpy installed.
        UnknownPlanError, NotValidOnDateError, LevelNotCoveredError: As for :func:`assess`.
    """
    p = get_plan(plan)
    compiled = applicable(p, as_of, level)
    criteria = compiled.criteria
    reads = compiled.cache.get("reads")  # what the rows' level decides and reads: per plan
    if reads is None:
        lvl = find_level(level)[0] if isinstance(level, str) else level
        classifications = p.classifications_for(lvl)
        decided = p.decided_at(lvl) if classifications else criteria
        reads = compiled.cache["reads"] = (
            lvl,
            classifications,
            MappingProxyType(indicators_read(decided, p.vocabulary)),
        )
    lvl, classifications, needed = reads
    chosen = choose_backend(backend)
    table, frame_ids = as_columns(columns)
    missing = [name for name in needed if name not in table]
    if missing:
        raise InputError(f"required column missing: {', '.join(missing)}")
    # Every indicator column given is read by the input policy, as the table readers do.
    given = tuple(name for name in p.vocabulary.order if name in table)
    n = _length(table, given)
    names = row_ids(ids if ids is not None else frame_ids, n)
    if chosen == "numpy":
        from vn_drugfree_criteria.engine import batch_numpy as _batch_numpy  # noqa: PLC0415  # numpy loads only on this path

        np = _batch_numpy.import_numpy("the numpy backend of assess_many")
        cols, valid, errors = _batch_numpy.validate(np, given, table, n, needed, p.vocabulary)
        valid.flags.writeable = False
        per, overall = _batch_numpy.evaluate(np, compiled, cols, valid, n)
        ops: Ops[Any, Any] = _batch_numpy.numpy_ops(np)
    else:
        cols, errors = _batch_python.validate(given, table, n, needed, p.vocabulary)
        valid = tuple(i not in errors for i in range(n)) if errors else (True,) * n
        per, overall = _batch_python.evaluate(compiled, cols, valid if errors else None)
        ops = _batch_python.LIST_OPS
    rejected = tuple(
        RowError(i + 1, names[i], [p.message for p in errors[i]], [p.code for p in errors[i]])
        for i in sorted(errors)
    )
    classes: Sequence[int] = ()
    if classifications:
        read = {name: cols[name] for name in needed}.__getitem__
        classes = grade_columns(ops, classifications[0], read, n, valid if errors else None)
    return BatchResult(
        plan_id=p.id,
        backend=chosen,
        ids=names,
        valid=valid,
        drug_free=Verdicts(overall, valid),
        criteria=MappingProxyType({cid: Verdicts(m, valid) for cid, m in per.items()}),
        counts=MappingProxyType(cols),
        rejected=rejected,
        class_codes=classes,
        class_ids=tuple(k.id for k in classifications[0].classes) if classifications else (),
        level=lvl,
        plan_indicators=p.indicators,
        vocabulary=p.vocabulary,
    )
