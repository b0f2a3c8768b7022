"""Strict reading of the extended rule language, classifications and named readings.

Intervals, ratios, "or", yes/no facts, exemptions and criteria counted in another class.

Used by :mod:`~vn_drugfree_criteria.model.loader`; every problem is a
:class:`~vn_drugfree_criteria.DataFileError` naming file, key and problem. The keys are
documented in the guide to adding a plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from vn_drugfree_criteria.model.grading import Classification, GradeClass, TextReading
from vn_drugfree_criteria.model.rules import (
    EXTENDED_KINDS,
    Comparison,
    Criterion,
    Interval,
    Op,
    Requirement,
    RequirementKind,
)
from vn_drugfree_criteria.vocab.indicators import SHARED, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.numbers import parse_share
from vn_drugfree_criteria.vocab.pointers import SourceRef
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["read_classifications", "read_extended", "read_readings"]

_OPS = {"gt": Op.GT, "ge": Op.GE, "lt": Op.LT, "le": Op.LE, "eq": Op.EQ}
_DECIMAL = re.compile(r"^\d{1,12}(?:\.\d{1,6})?$")
_CHOSEN_POSITIVE = "some-but-below"
Ref = Callable[[TomlTable], SourceRef]


def _number(t: TomlTable, key: str, *, share: bool) -> Fraction:
    """A bound: a share (``0,5%`` style ``0.5%``) for ratios, a plain decimal for counts."""
    text = t.text(key)
    if share:
        try:
            return parse_share(text)
        except ValueError as exc:
            raise t.error(key, str(exc)) from None
    if not _DECIMAL.match(text):
        raise t.error(key, f"expected a plain non-negative decimal such as '750', got {text!r}")
    return Fraction(text)


def _interval(t: TomlTable, *, share: bool) -> Interval:
    """``op`` + ``bound``/``share``, or a range of ``from``/``above`` and ``to``/``below``."""
    bound_key = "share" if share else "bound"
    if t.has("op"):
        name = t.text("op")
        if name not in _OPS:
            raise t.error("op", f"must be one of {list(_OPS)}, got {name!r}")
        for k in ("from", "above", "to", "below"):
            if t.has(k):
                raise t.error(k, "give either op with a bound or a range, not both")
        value = _number(t, bound_key, share=share)
        op = _OPS[name]
        return {
            Op.GE: Interval(value, True),
            Op.GT: Interval(value, False),
            Op.LE: Interval(None, True, value, True),
            Op.LT: Interval(None, True, value, False),
            Op.EQ: Interval(value, True, value, True),
        }[op]
    if t.has("from") and t.has("above"):
        raise t.error("above", "give from or above, not both")
    if t.has("to") and t.has("below"):
        raise t.error("below", "give to or below, not both")
    low_key = "from" if t.has("from") else "above" if t.has("above") else None
    high_key = "to" if t.has("to") else "below" if t.has("below") else None
    if low_key is None and high_key is None:
        raise t.error("op", "missing: give op with a bound, or from/above and to/below")
    low = _number(t, low_key, share=share) if low_key else None
    high = _number(t, high_key, share=share) if high_key else None
    if low is not None and high is not None and high < low:
        raise t.error(high_key or "to", "the range ends before it starts")
    return Interval(low, low_key != "above", high, high_key != "below")


def _indicator(t: TomlTable, vocab: Vocabulary, key: str = "indicator") -> str:
    name = t.text(key)
    if name not in vocab:
        raise t.error(key, f"unknown indicator {name!r}")
    return name


def _positive(
    t: TomlTable, interval: Interval, readings: dict[str, TextReading]
) -> tuple[Interval, str | None]:
    """Apply a "some, but below" reading: the lower end becomes "above 0"."""
    reading_id = t.opt_text("above_zero_reading")
    if reading_id is None:
        return interval, None
    if reading_id not in readings:
        raise t.error("above_zero_reading", f"no reading {reading_id!r} in [[readings]]")
    if interval.lower is not None:
        raise t.error("above_zero_reading", "only for an interval with no lower end")
    if readings[reading_id].chosen == _CHOSEN_POSITIVE:
        return Interval(Fraction(0), False, interval.upper, interval.upper_closed), reading_id
    return interval, reading_id


def read_extended(
    t: TomlTable,
    kind: RequirementKind,
    req_id: str,
    readings: dict[str, TextReading],
    *,
    nested: bool = False,
    vocab: Vocabulary = SHARED,
) -> Requirement:
    """Read a requirement of one of :data:`EXTENDED_KINDS` on ``vocab`` (``t.finish()``: caller)."""
    phrase = t.text("phrase_vi")
    texts = ("", "") if nested else (t.text("text_vi"), t.text("text_en"))
    reading = t.opt_text("reading")
    if reading is not None and reading not in readings:
        raise t.error("reading", f"no reading {reading!r} in [[readings]]")
    fields: dict[str, object] = {}
    indicator = ""
    if kind is RequirementKind.ANY_OF:
        opts = t.tables("options", required=True)
        if len(opts) < 2:
            raise t.error("options", "'any_of' needs at least two options")
        fields["options"] = tuple(
            _option(o, f"{req_id}.{i}", readings, vocab) for i, o in enumerate(opts, 1)
        )
    elif kind is RequirementKind.CRITERIA_MET:
        fields["class_id"] = t.text("class")
        fields["interval"] = _interval(t, share=False)
    else:
        indicator = _indicator(t, vocab)
        items = vocab.indicators
        if kind is RequirementKind.FACT:
            if items[indicator].value_kind != "flag":
                raise t.error("indicator", f"{indicator!r} is not a yes/no indicator")
        elif kind is RequirementKind.NONE_EXCEPT:
            exempt = t.text_list("except", required=True)
            for name in exempt:
                if name not in items or items[name].whole != indicator:
                    raise t.error("except", f"{name!r} is not a declared part of {indicator!r}")
            fields["exempt"] = exempt
        else:
            share = kind is RequirementKind.RATIO
            if share:
                fields["base"] = _indicator(t, vocab, "base")
            interval, positive_reading = _positive(t, _interval(t, share=share), readings)
            fields["interval"] = interval
            reading = reading or positive_reading
    return Requirement(
        id=req_id,
        kind=kind,
        indicator=indicator,
        comparison=Comparison(Op.EQ, phrase),
        bound=Fraction(0),
        text_vi=texts[0],
        text_en=texts[1],
        reading=reading,
        vocabulary=vocab,
        **fields,  # type: ignore[arg-type]
    )


def _option(
    t: TomlTable, req_id: str, readings: dict[str, TextReading], vocab: Vocabulary
) -> Requirement:
    name = t.text("kind")
    try:
        kind = RequirementKind(name)
    except ValueError:
        raise t.error("kind", f"unknown requirement kind {name!r}") from None
    if kind not in EXTENDED_KINDS - {RequirementKind.ANY_OF, RequirementKind.CRITERIA_MET}:
        raise t.error("kind", "an option is a count, ratio, fact or none_except")
    req = read_extended(t, kind, req_id, readings, nested=True, vocab=vocab)
    t.finish()
    return req


def read_readings(top: TomlTable, ref: Ref) -> dict[str, TextReading]:
    """The plan's ``[[readings]]``, by id."""
    out: dict[str, TextReading] = {}
    for t in top.tables("readings"):
        r = TextReading(
            id=t.text("id"),
            chosen=t.text("chosen"),
            alternatives=t.text_list("alternatives", required=True),
            text_vi=t.text("text_vi"),
            note=t.text("note"),
            source=ref(t),
        )
        t.finish()
        if r.id in out:
            raise t.error("id", f"reading {r.id!r} is given twice")
        if r.chosen in r.alternatives:
            raise t.error("alternatives", "the chosen reading is listed among the alternatives")
        out[r.id] = r
    return out


ReadCriterion = Callable[[TomlTable, str, frozenset[Level]], Criterion]


def read_classifications(
    top: TomlTable,
    ref: Ref,
    read_levels: Callable[[TomlTable], frozenset[Level]],
    read_criterion: ReadCriterion,
) -> tuple[Classification, ...]:
    """The plan's ``[[classifications]]`` (classes from the most severe down)."""
    out = []
    for t in top.tables("classifications"):
        levels = read_levels(t)
        classes = []
        for k in t.tables("classes", required=True):
            criteria = tuple(
                read_criterion(c, c.text("id"), levels) for c in k.tables("criteria", required=True)
            )
            grade = GradeClass(
                id=k.text("id"),
                label_vi=k.text("label_vi"),
                label_en=k.text("label_en"),
                min_met=k.integer("min_met", minimum=1),
                text_vi=k.text("text_vi"),
                criteria=criteria,
                source=ref(k),
            )
            if grade.min_met > len(criteria):
                raise k.error(
                    "min_met", f"{grade.min_met} of {len(criteria)} criteria can never hold"
                )
            k.finish()
            classes.append(grade)
        _check_class_refs(t, classes)
        out.append(
            Classification(
                id=t.text("id"),
                levels=levels,
                title_vi=t.text("title_vi"),
                title_en=t.text("title_en"),
                text_vi=t.text("text_vi"),
                classes=tuple(classes),
                overlap_reading=t.text("overlap_reading"),
                overlap_note=t.text("overlap_note"),
                source=ref(t),
            )
        )
        t.finish()
    return tuple(out)


def _check_class_refs(t: TomlTable, classes: list[GradeClass]) -> None:
    """A ``criteria_met`` may only count a class listed after its own (no cycle)."""
    ids = [k.id for k in classes]
    if len(set(ids)) != len(ids):
        raise t.error("classes", "a class id is used twice")
    for position, k in enumerate(classes):
        for c in k.criteria:
            for r in c.requirements:
                if r.kind is RequirementKind.CRITERIA_MET and r.class_id not in ids[position + 1 :]:
                    raise t.error(
                        "classes",
                        f"{c.id}: 'criteria_met' must count a less severe class listed after "
                        f"{k.id!r}, not {r.class_id!r}",
                    )
