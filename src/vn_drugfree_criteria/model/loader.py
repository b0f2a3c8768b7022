"""Load plan data files (TOML) into frozen :class:`~vn_drugfree_criteria.Plan` objects.

The loader is strict: unknown or duplicate keys, wrong types, unknown indicators or levels,
criteria out of order, source pointers outside the source text and quotes that are not where
their pointer says (:mod:`~vn_drugfree_criteria.model.quotes`) are all refused with a
:class:`~vn_drugfree_criteria.DataFileError` naming the file, the key and the problem.

A plan's ``source_file`` is looked up in the package for a bundled plan and beside the plan file
(in its folder or below, :mod:`~vn_drugfree_criteria.model.sources`) for a plan read from a
file. A plan whose source text cannot be found is refused unless it is loaded with
``allow_missing_source=True``; it then says so (:attr:`Plan.source_missing
<vn_drugfree_criteria.Plan.source_missing>`), and only the checks that need no source text run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from importlib import resources
from pathlib import Path

import attrs

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.model.grading import TextReading
from vn_drugfree_criteria.model.loader_fidelity import read_fidelity
from vn_drugfree_criteria.model.loader_grading import (
    read_classifications,
    read_extended,
    read_readings,
)
from vn_drugfree_criteria.model.loader_indicators import own_indicators, read_plan_indicators
from vn_drugfree_criteria.model.loader_meta import (
    SourceContext,
    read_document,
    read_levels,
    read_reference,
)
from vn_drugfree_criteria.model.loader_targets import read_calendar, read_targets
from vn_drugfree_criteria.model.plan import Plan, Scope
from vn_drugfree_criteria.model.quotes import check_quotes, check_requirement_words
from vn_drugfree_criteria.model.rules import (
    EXTENDED_KINDS,
    Comparison,
    Criterion,
    Op,
    Requirement,
    RequirementKind,
)
from vn_drugfree_criteria.model.sources import (
    MAX_PLAN_BYTES,
    bundled_source,
    check_source_name,
    read_bounded,
    read_source_beside,
)
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.strict import TomlTable, load_toml_text

__all__ = ["SourceFinder", "load_plan_file", "load_plan_text", "source_lines"]

SourceFinder = Callable[[str], tuple[str, ...] | None]
"""Finds a plan's source text by its ``source_file``: its lines, or ``None`` when absent."""

SCHEMA_VERSION = 1
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_OPS = {"gt": Op.GT, "ge": Op.GE, "lt": Op.LT, "le": Op.LE, "eq": Op.EQ}


def source_lines(file: str) -> tuple[str, ...] | None:
    """The lines of a bundled source text, or ``None`` when it is not bundled."""
    return bundled_source(file)


def _requirement(
    t: TomlTable, cid: str, position: int, readings: dict[str, TextReading], vocab: Vocabulary
) -> Requirement:
    kind_name = t.text("kind")
    try:
        kind = RequirementKind(kind_name)
    except ValueError:
        raise t.error(
            "kind",
            f"unknown requirement kind {kind_name!r}; use one of "
            f"{[k.value for k in RequirementKind]}",
        ) from None
    if kind in EXTENDED_KINDS:
        extended = read_extended(t, kind, f"{cid}.{position}", readings, vocab=vocab)
        t.finish()
        return extended
    name = t.text("indicator")
    if name not in vocab:
        raise t.error("indicator", f"unknown indicator {name!r}")
    phrase = t.text("phrase_vi")
    whole: str | None = None
    bound: Fraction
    op: Op
    if kind in (RequirementKind.ALL, RequirementKind.SHARE):
        whole = vocab.indicators[name].whole
        if whole is None:
            raise t.error(
                "indicator", f"{name!r} is not a part of any whole; {kind.value!r} needs one"
            )
    if kind is RequirementKind.NONE:
        op, bound = Op.EQ, Fraction(0)
    elif kind is RequirementKind.ALL:
        op, bound = Op.EQ, Fraction(1)
    elif kind is RequirementKind.AT_LEAST:
        op, bound = Op.GE, Fraction(t.integer("minimum", minimum=1))
    else:
        op_name = t.text("op")
        if op_name not in _OPS:
            raise t.error("op", f"must be one of {list(_OPS)}, got {op_name!r}")
        op, bound = _OPS[op_name], t.fraction("share")
        if bound > 1:
            raise t.error("share", f"a share cannot exceed 100%, got {bound}")
        if (op is Op.GT and bound == 1) or (op is Op.LT and bound == 0):
            raise t.error(
                "share", f"no part of a whole is {op.value} {bound}: the rule could never hold"
            )
    req = Requirement(
        id=f"{cid}.{position}",
        kind=kind,
        indicator=name,
        whole=whole,
        comparison=Comparison(op, phrase),
        bound=bound,
        text_vi=t.text("text_vi"),
        text_en=t.text("text_en"),
        vocabulary=vocab,
    )
    t.finish()
    return req


def _criterion(
    t: TomlTable,
    expected_id: str,
    ctx: SourceContext,
    default_levels: frozenset[Level],
    readings: dict[str, TextReading],
    vocab: Vocabulary,
) -> Criterion:
    cid = t.text("id")
    if cid != expected_id:
        raise t.error(
            "id", f"expected {expected_id!r} (criteria are numbered in order), got {cid!r}"
        )
    levels = read_levels(t, "levels", default_levels)
    if not levels <= default_levels:
        raise t.error("levels", "lists a level outside the plan's scope")
    reqs = tuple(
        _requirement(r, cid, i, readings, vocab)
        for i, r in enumerate(t.tables("requirements", required=True), 1)
    )
    crit = Criterion(
        id=cid,
        number=t.text("number"),
        text_vi=t.text("text_vi"),
        text_en=t.text("text_en"),
        levels=levels,
        requirements=reqs,
        source=ctx.ref(t),
    )
    t.finish()
    check_requirement_words(t.file, t.path, crit)
    return crit


def _check_period(t: TomlTable, scope: Scope) -> None:
    """The period's words and their pointer go together, with the period's last day.

    That the words stand at the pointer is checked with the other quotes
    (:mod:`~vn_drugfree_criteria.model.quotes`).
    """
    if (scope.period_vi is None) != (scope.period_source is None):
        raise t.error("period_vi", "period_vi and period_source go together")
    if scope.period_vi is not None and scope.valid_to is None:
        raise t.error("valid_to", "a plan that states its period needs the period's last day")


def load_plan_text(
    name: str,
    text: str,
    *,
    expected_id: str | None = None,
    source_text: str | None = None,
    allow_missing_source: bool = False,
) -> Plan:
    """Load a plan from TOML text.

    Args:
        name: File name used in error messages.
        text: The TOML document.
        expected_id: When given, the plan's ``id`` must equal it.
        source_text: The text its ``source_file`` names; by default the bundled text of that
            name.
        allow_missing_source: Load a plan whose source text cannot be found (its pointers and
            quotes are then not checked, and :attr:`Plan.source_missing` is true).

    Raises:
        DataFileError: Naming file, key and problem.
    """
    lines = None if source_text is None else tuple(source_text.splitlines())
    find: SourceFinder = bundled_source if lines is None else (lambda _name: lines)
    return _load(name, text, expected_id, find, allow_missing_source)


# Long: reads a plan file's top-level tables in the order of the data format, each with its
# checks beside its keys.
def _load(
    name: str, text: str, expected_id: str | None, find_source: SourceFinder, allow_missing: bool
) -> Plan:
    top = load_toml_text(name, text)
    version = top.integer("schema")
    if version != SCHEMA_VERSION:
        raise top.error(
            "schema", f"unsupported schema version {version}; expected {SCHEMA_VERSION}"
        )
    plan_id = top.text("id")
    if not _ID.fullmatch(plan_id):
        raise top.error("id", f"{plan_id!r} is not a lower-case, hyphenated identifier")
    if expected_id is not None and plan_id != expected_id:
        raise top.error("id", f"{plan_id!r} does not match the file name {expected_id!r}")
    source_file = top.opt_text("source_file")
    lines = None
    if source_file is not None:
        lines = find_source(check_source_name(name, source_file))
        if lines is None and not allow_missing:
            raise top.error(
                "source_file",
                f"the source text {source_file!r} is not beside the plan; put it there, or load "
                "the plan with allow_missing_source (--allow-missing-source) to skip checking "
                "its pointers and quotes",
            )
    ctx = SourceContext(source_file, lines)
    document = read_document(top.table("document"), ctx)
    st = top.table("scope")
    scope = Scope(
        levels=read_levels(st, "levels"),
        valid_from=st.opt_date("valid_from"),
        valid_to=st.opt_date("valid_to"),
        text_vi=st.opt_text("text_vi"),
        source=ctx.opt_ref(st),
        period_vi=st.opt_text("period_vi"),
        period_source=ctx.opt_ref(st, "period_source"),
    )
    _check_period(st, scope)
    st.finish()
    if scope.valid_from and scope.valid_to and scope.valid_to < scope.valid_from:
        raise DataFileError(name, "scope.valid_to", "is before scope.valid_from")
    references = tuple(read_reference(r, ctx) for r in top.tables("references"))
    adopted = _adopted(top, scope.levels)
    base = SHARED if adopted is None else adopted.vocabulary
    vocab = read_plan_indicators(top, ctx, base)
    readings = read_readings(top, ctx.ref)
    criteria = tuple(
        _criterion(c, f"C{i}", ctx, scope.levels, readings, vocab)
        for i, c in enumerate(top.tables("criteria"), 1)
    )
    classifications = read_classifications(
        top,
        ctx.ref,
        lambda t: read_levels(t, "levels"),
        lambda t, cid, levels: _criterion(t, cid, ctx, levels, readings, vocab),
    )
    if adopted is not None and (criteria or classifications):
        raise top.error("adopts", "a plan that adopts another plan's criteria states none itself")
    calendar = read_calendar(top, ctx.ref_if_bundled)
    phases = frozenset(p.number for p in calendar.phases)
    targets = read_targets(top, ctx.ref_if_bundled, phases)
    known = {c.id for c in criteria} | {q.id for c in criteria for q in c.requirements}
    known |= {t.id for t in targets} | {f"phase {n}" for n in phases} | {"scope"}
    cal = calendar
    known |= {d.id for d in cal.deadlines} | {r.id for r in cal.recurring}
    known |= {u.id for u in cal.undated} | {o.id for o in cal.observances}
    fidelity = read_fidelity(top, ctx.ref_if_bundled, frozenset(known))
    top.finish()
    plan = Plan(
        id=plan_id,
        source_file=source_file,
        document=document,
        scope=scope,
        criteria=criteria,
        references=references,
        targets=targets,
        calendar=calendar,
        fidelity=fidelity,
        classifications=classifications,
        readings=tuple(readings.values()),
        vocabulary=vocab,
        source_lines=lines,
    )
    if lines is not None:
        check_quotes(name, plan, lines, own_indicators(vocab, base))
    if adopted is None:
        return plan
    # The adopted criteria were checked against their own source when that plan loaded.
    return attrs.evolve(
        plan,
        criteria=adopted.criteria,
        classifications=adopted.classifications,
        readings=adopted.readings + plan.readings,
        adopts=adopted.id,
    )


def _adopted(top: TomlTable, levels: frozenset[Level]) -> Plan | None:
    """The bundled plan whose criteria this plan adopts (``adopts = "<plan-id>"``), if any.

    Its criteria are read on its vocabulary, so the adopting plan's vocabulary extends that one.
    """
    plan_id = top.opt_text("adopts")
    if plan_id is None:
        return None
    text = _bundled_plan_text(plan_id) if _ID.fullmatch(plan_id) else None
    if text is None:
        raise top.error("adopts", f"no bundled plan {plan_id!r} to adopt")
    adopted = _load(f"{plan_id}.toml", text, plan_id, bundled_source, False)
    if adopted.adopts is not None:
        raise top.error("adopts", f"{plan_id!r} adopts criteria itself; adopt {adopted.adopts!r}")
    if not levels <= adopted.scope.levels:
        raise top.error("adopts", f"the scope lists a level {plan_id!r} sets no criteria for")
    return adopted


def _bundled_plan_text(plan_id: str) -> str | None:
    node = resources.files("vn_drugfree_criteria").joinpath("data", "plans", f"{plan_id}.toml")
    return node.read_text(encoding="utf-8") if node.is_file() else None


def load_plan_file(path: str | Path, *, allow_missing_source: bool = False) -> Plan:
    """Load a plan from a TOML file on disk (for plans not bundled with the library).

    Its ``source_file`` is looked up in the plan file's folder or below it, never elsewhere.
    A plan file may reuse the id of a bundled plan only when it is that plan's file unchanged:
    otherwise two different plans would answer to one id.

    Args:
        path: The plan file (at most 1 MiB of UTF-8 TOML).
        allow_missing_source: Load the plan even when its source text is not beside it.

    Raises:
        DataFileError: The file cannot be read, is malformed, its source text is refused or
            missing, or it reuses a bundled plan's id.
    """
    p = Path(path)
    data = read_bounded(p, MAX_PLAN_BYTES, what="(file)", name=p.name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(p.name, "(file)", "cannot be read: not UTF-8 text") from None
    plan = _load(
        p.name,
        text,
        None,
        lambda name: read_source_beside(p.name, p.parent, name),
        allow_missing_source,
    )
    bundled = _bundled_plan_text(plan.id)
    if bundled is not None and bundled != text:
        raise DataFileError(
            p.name,
            "id",
            f"{plan.id!r} is the id of a bundled plan and this file differs from it; "
            "give the plan its own id",
        )
    return plan
