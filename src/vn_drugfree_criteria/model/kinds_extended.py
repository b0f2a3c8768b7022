"""The requirement kinds of the extended rule language, each defined once on the kernel.

Decision 28/2025/QĐ-TTg needs intervals on counts and on shares of a base, yes/no facts,
"none except these parts", "A or B" and "k criteria of another class". Each is a
:class:`~vn_drugfree_criteria.model.kernel.Kind` like the four original kinds, so ``assess``,
both ``assess_many`` backends, explanations and formulas run the same definition.

Intervals are decided by :meth:`Interval.decide <vn_drugfree_criteria.model.rules.Interval.decide>`
(``x * q >= p``; on a share of a base ``x * q >= p * b``), a ratio only with ``b > 0`` (no share of nothing can be stated, so a ratio
does not hold on a zero base). ``criteria_met`` reads the pseudo-count ``criteria_met:<class>``
that the grading engine supplies once the counted class is decided.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from vn_drugfree_criteria.model.kernel import SCALAR, Facts, Kind, Ops
from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import Amount
from vn_drugfree_criteria.vocab.wording import interval_words, number, percent, quantity

if TYPE_CHECKING:
    from vn_drugfree_criteria.model.kernel import B, V
    from vn_drugfree_criteria.model.rules import Interval, Requirement

__all__ = ["EXTENDED", "met_key"]


def met_key(class_id: str) -> str:
    """The pseudo-count a ``criteria_met`` requirement reads: criteria met in ``class_id``."""
    return f"criteria_met:{class_id}"


def _label(req: Requirement, name: str, lang: str) -> str:
    return req.vocabulary.noun(name, lang)


def _interval(req: Requirement) -> Interval:
    assert req.interval is not None  # the loader gives every interval kind its interval
    return req.interval


def _words(req: Requirement, lang: str, *, share: bool, unit: str = "") -> str:
    iv = _interval(req)
    return interval_words(
        iv.lower, iv.lower_closed, iv.upper, iv.upper_closed, lang, share=share, unit=unit
    )


def _tail(words: str, met: bool, lang: str) -> str:
    if lang == "en":
        return f"{'within' if met else 'not within'} “{words}”"
    return words if met else f"không thuộc khoảng “{words}”"


class _Count(Kind):
    """``count``: a count (or an area) in an interval."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        return (req.indicator,)

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return _interval(req).decide(ops, read(req.indicator))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        iv, value = _interval(req), Fraction(counts[req.indicator])
        if iv.contains(value):
            return 0
        edge = iv.lower if iv.lower is not None and value <= iv.lower else iv.upper
        assert edge is not None
        return max(1, -(-abs(value - edge) // 1))

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        unit = req.vocabulary.indicators[req.indicator].unit
        value = quantity(facts.values[req.indicator], unit, lang)
        tail = _tail(_words(req, lang, share=False, unit=unit), facts.met, lang)
        label = _label(req, req.indicator, lang)
        if lang == "en":
            return f"{label.capitalize()}: {value}, {tail}."
        if unit == "m2":  # an area is measured, not counted: "Diện tích …", not "Số …"
            return f"{label[:1].upper()}{label[1:]} là {value}, {tail}."
        return f"Số {label} là {value}, {tail}."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} in {req.interval}"


class _Ratio(Kind):
    """``ratio``: ``indicator / base`` in an interval; never on a zero base."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        assert req.base is not None
        return (req.indicator, req.base)

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        assert req.base is not None
        base = read(req.base)
        inside = _interval(req).decide(ops, read(req.indicator), base)
        return ops.both(ops.compare(Op.GT, base, ops.const(0)), inside)

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return 0  # a share has no single count to change

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        assert req.base is not None
        value, base = facts.values[req.indicator], facts.values[req.base]
        if base == 0:
            if lang == "en":
                return f"No share of {_label(req, req.base, lang)} can be stated: there are none; not met."
            return f"Không tính được tỷ lệ vì {_label(req, req.base, lang)} bằng 0; không đạt."
        shown = (
            f"{percent(Fraction(value, base), lang)} ({number(value, lang)}/{number(base, lang)})"
        )
        tail = _tail(_words(req, lang, share=True), facts.met, lang)
        if lang == "en":
            return f"{_label(req, req.indicator, lang).capitalize()} per {_label(req, req.base, lang)}: {shown}, {tail}."
        return f"Tỷ lệ {_label(req, req.indicator, lang)} so với {_label(req, req.base, lang)} là {shown}, {tail}."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} / {req.base} in {req.interval} (not met when {req.base} = 0)"


class _Fact(Kind):
    """``fact``: a yes/no indicator is yes (1)."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        return (req.indicator,)

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        return ops.compare(Op.EQ, read(req.indicator), ops.const(1))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return 0

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        yes = facts.values[req.indicator] == 1
        if lang == "en":
            return f"{_label(req, req.indicator, lang).capitalize()}: {'yes' if yes else 'no'}."
        return f"{'Có' if yes else 'Không'}: {_label(req, req.indicator, lang)}."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} = 1"


class _NoneExcept(Kind):
    """``none_except``: nobody counted beyond the exempt parts."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        return (req.indicator, *req.exempt)

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        exempt = read(req.exempt[0])
        for name in req.exempt[1:]:
            exempt = ops.add(exempt, read(name))
        return ops.compare(Op.LE, read(req.indicator), exempt)

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return max(0, counts[req.indicator] - sum(counts[p] for p in req.exempt))

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        total = facts.values[req.indicator]
        exempt = sum(facts.values[p] for p in req.exempt)
        label = _label(req, req.indicator, lang)
        if lang == "en":
            if facts.met:
                return f"{label.capitalize()}: {total}, all in the exempt groups ({exempt})."
            return f"{facts.shortfall} of {total} {label}: outside the exempt groups."
        if facts.met:
            return f"Có {total} {label}, đều thuộc diện được trừ ({exempt})."
        return f"{facts.shortfall} trong số {total} {label} không thuộc diện được trừ."

    def formula(self, req: Requirement) -> str:
        return f"{req.indicator} <= {' + '.join(req.exempt)}"


class _AnyOf(Kind):
    """``any_of``: one of the options holds."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for o in req.options for i in o.indicators))

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        verdict = req.options[0].decide(ops, read)
        for option in req.options[1:]:
            verdict = ops.either(verdict, option.decide(ops, read))
        return verdict

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return (
            0
            if self.decide(SCALAR, req, counts.__getitem__)
            else min(o.shortfall(counts) for o in req.options)
        )

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        parts = [o.explain(facts.values, lang).rstrip(".") for o in req.options]
        if lang == "en":
            return ("Met: " if facts.met else "Not met: ") + "; or ".join(parts) + "."
        return ("Đạt: " if facts.met else "Không đạt: ") + "; hoặc ".join(parts) + "."

    def formula(self, req: Requirement) -> str:
        return " or ".join(f"({o.formula()})" for o in req.options)


class _CriteriaMet(Kind):
    """``criteria_met``: the number of criteria met in another class lies in an interval."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        return ()  # the count comes from the grading of the other class, not from the input

    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        assert req.class_id is not None
        return _interval(req).decide(ops, read(met_key(req.class_id)))

    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        return 0

    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        assert req.class_id is not None
        n = facts.values.get(met_key(req.class_id), 0)
        tail = _tail(_words(req, lang, share=False), facts.met, lang)
        if lang == "en":
            return f"Criteria of class {req.class_id} met: {n}, {tail}."
        return f"Số tiêu chí loại {req.class_id} đạt: {n}, {tail}."

    def formula(self, req: Requirement) -> str:
        return f"criteria met in class {req.class_id} in {req.interval}"


EXTENDED: Mapping[str, Kind] = {
    "count": _Count(),
    "ratio": _Ratio(),
    "fact": _Fact(),
    "none_except": _NoneExcept(),
    "any_of": _AnyOf(),
    "criteria_met": _CriteriaMet(),
}
"""The extended kinds' definitions, by kind name (registered in ``KINDS``)."""
