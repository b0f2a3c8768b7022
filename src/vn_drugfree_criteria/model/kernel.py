"""The rule kernel: what a requirement means, written once and run by every evaluator.

Each requirement kind (``none``, ``all``, ``at_least``, ``share``) is one :class:`Kind`, defined
in :mod:`vn_drugfree_criteria.model.kinds`. A kind states, and nothing else in the library
restates:

* :meth:`Kind.decide`: the exact integer decision;
* :meth:`Kind.vacuous`: when the requirement holds only because there is nothing to count;
* :meth:`Kind.shortfall`: how many units are missing to comply;
* :meth:`Kind.params` and :meth:`Kind.sentence`: the numbers its explanation states, and the
  sentence in Vietnamese and English;
* :meth:`Kind.reads` and :meth:`Kind.formula`: the indicators it reads, and its formula.

The decision and the vacuity are written against :class:`Ops`, a handful of integer and boolean
operations. The same definition runs on four implementations of it:

=====================  ================================  ======================================
implementation         a count / a verdict is            used by
=====================  ================================  ======================================
:data:`SCALAR`         ``int`` / ``bool``                ``Requirement.holds``, ``outcome``
:data:`SOURCE`         Python source text                ``assess``; ``assess_many`` in Python
``batch_python``       ``list[int]`` / ``list[bool]``    grading on Python-list columns
``batch_numpy``        integer array / ``bool`` array    ``assess_many`` with numpy
=====================  ================================  ======================================

:data:`SOURCE` turns a definition into Python source: :func:`compile_criteria` writes, once per
plan and level, a function deciding every criterion of one area in one call, and one list
comprehension per criterion deciding it on every row of Python-list columns (as ``attrs``
writes its ``__init__``). The text is built only from indicator names (as string literals),
integers and operators; it is kept with the plan (:meth:`~vn_drugfree_criteria.Plan.compiled`).

A definition must be exact and branch-free on values: it branches only on the requirement's own
parameters (its operator, bound, indicators), never on a count, because a count may be a column
or a piece of source text. Shares are compared in integers (``part / whole op p / q`` as
``part * q op p * whole``); a constant is ``ops.const(n)`` or ``ops.flag(b)``; a verdict comes
from ``compare``, ``both``, ``either``, ``negate`` or ``flag``. The shortfall and the explanation
are reported for one area at a time, so they are written for ``int`` counts.

Adding a requirement kind:

1. add a member to :class:`~vn_drugfree_criteria.RequirementKind` and a :class:`Kind` subclass
   beside the others, registered in ``KINDS`` (one definition);
2. teach :mod:`vn_drugfree_criteria.model.loader` to read its parameters from a plan file (its
   loader entry).

Nothing else changes: ``assess``, both ``assess_many`` backends, explanations, formulas and
``show`` all run the definition. The conformance vectors keep their own independent oracle.
The operations cover the kinds still to come: "at most", "below", "exactly" are ``compare``
with another :class:`~vn_drugfree_criteria.Op`; a range is ``both`` of two comparisons; "A or B" is ``either`` of the
parts' decisions; "at least k of these" is ``compare(GE, tally(parts), const(k))``; a yes/no
fact is ``compare(EQ, x, const(1))``; "none except these parts" is
``compare(EQ, sub(x, add(p, q)), const(0))``. A kind that reads more than a part and its whole
overrides :meth:`Kind.reads`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from vn_drugfree_criteria.vocab.comparisons import Op
from vn_drugfree_criteria.vocab.decimals import Amount

if TYPE_CHECKING:  # the rules import the kernel; the kernel only names their types
    from vn_drugfree_criteria.model.rules import Criterion, Requirement

__all__ = [
    "SCALAR",
    "SOURCE",
    "CompiledCriteria",
    "Facts",
    "Kind",
    "Ops",
    "Verdict",
    "compile_criteria",
]

V = TypeVar("V")
B = TypeVar("B")


_TOKENS = {Op.GT: ">", Op.GE: ">=", Op.LT: "<", Op.LE: "<=", Op.EQ: "=="}


class Ops(Protocol[V, B]):
    """The operations a definition may use, on counts ``V`` and verdicts ``B``.

    Operands may mix a value and a constant (``const``/``flag``); constants broadcast.
    """

    def const(self, n: int) -> V:
        """A constant count."""

    def flag(self, value: bool) -> B:
        """A constant verdict."""

    def add(self, a: V, b: V) -> V:
        """``a + b``, exactly."""

    def sub(self, a: V, b: V) -> V:
        """``a - b``, exactly."""

    def scale(self, a: V, k: int) -> V:
        """``a * k`` for a constant ``k >= 0``, exactly (no wrap-around)."""

    def compare(self, op: Op, a: V, b: V) -> B:
        """``a op b``."""

    def both(self, a: B, b: B) -> B:
        """Logical and."""

    def either(self, a: B, b: B) -> B:
        """Logical or."""

    def negate(self, a: B) -> B:
        """Logical not."""

    def tally(self, verdicts: Sequence[B]) -> V:
        """How many of ``verdicts`` hold, as a count."""


class _Scalar:
    """One area: counts are ``int``, verdicts ``bool``."""

    def const(self, n: int) -> int:
        return n

    def flag(self, value: bool) -> bool:
        return value

    def add(self, a: Amount, b: Amount) -> Amount:
        return a + b

    def sub(self, a: Amount, b: Amount) -> Amount:
        return a - b

    def scale(self, a: Amount, k: int) -> Amount:
        return a * k

    def compare(self, op: Op, a: Amount, b: Amount) -> bool:
        return op.function(a, b)

    def both(self, a: bool, b: bool) -> bool:
        return a and b

    def either(self, a: bool, b: bool) -> bool:
        return a or b

    def negate(self, a: bool) -> bool:
        return not a

    def tally(self, verdicts: Sequence[bool]) -> Amount:
        return sum(verdicts)


class _Source:
    """Python source text: each operation returns the expression that computes it.

    The expressions read counts from a mapping named ``c``; integers are written with ``int``'s
    own digits, names as string literals, so the text is always a plain expression.
    """

    def const(self, n: int) -> str:
        return str(int(n))

    def flag(self, value: bool) -> str:
        return "True" if value else "False"

    def add(self, a: str, b: str) -> str:
        return f"({a} + {b})"

    def sub(self, a: str, b: str) -> str:
        return f"({a} - {b})"

    def scale(self, a: str, k: int) -> str:
        return a if k == 1 else f"({a} * {int(k)})"

    def compare(self, op: Op, a: str, b: str) -> str:
        return f"({a} {_TOKENS[op]} {b})"

    def both(self, a: str, b: str) -> str:
        return f"({a} and {b})"

    def either(self, a: str, b: str) -> str:
        return f"({a} or {b})"

    def negate(self, a: str) -> str:
        return f"(not {a})"

    def tally(self, verdicts: Sequence[str]) -> str:
        return "(" + " + ".join([f"int({v})" for v in verdicts] or ["0"]) + ")"


SCALAR: Ops[Amount, bool] = _Scalar()
"""The operations on one area's counts."""
SOURCE: Ops[str, str] = _Source()
"""The operations that write Python source (see :func:`compile_criteria`)."""


def source_read(name: str) -> str:
    """The source expression reading indicator ``name`` from the mapping ``c``."""
    if type(name) is not str:  # pragma: no cover - names come from the plan model
        raise TypeError(f"an indicator name must be text, got {name!r}")
    return f"c[{name!r}]"


class Kind(abc.ABC):
    """One requirement kind: its decision, vacuity, shortfall and explanation, defined once."""

    def reads(self, req: Requirement) -> tuple[str, ...]:
        """The indicators the requirement reads (its indicator, then its whole if any)."""
        return (req.indicator,) if req.whole is None else (req.indicator, req.whole)

    @abc.abstractmethod
    def decide(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        """Whether the requirement holds, on the counts ``read`` returns (valid counts)."""

    def vacuous(self, ops: Ops[V, B], req: Requirement, read: Callable[[str], V]) -> B:
        """Whether it holds only because there is nothing to count (by default: never)."""
        return ops.flag(False)

    @abc.abstractmethod
    def shortfall(self, req: Requirement, counts: Mapping[str, Amount]) -> Amount:
        """How many units are missing to comply on one area's counts (0 when it holds)."""

    def params(self, req: Requirement, counts: Mapping[str, Amount]) -> Mapping[str, Amount]:
        """The numbers the explanation states beyond the counts read (by default: none)."""
        return {}

    @abc.abstractmethod
    def sentence(self, req: Requirement, facts: Facts, lang: str) -> str:
        """One sentence explaining the verdict, in ``vi`` or ``en``."""

    @abc.abstractmethod
    def formula(self, req: Requirement) -> str:
        """The requirement as a formula over indicator names."""


class Facts(Protocol):
    """What an explanation is written from: the counts read and the verdict on them."""

    @property
    def values(self) -> Mapping[str, Amount]:
        """The counts the requirement read."""

    @property
    def met(self) -> bool:
        """Whether it holds."""

    @property
    def vacuous(self) -> bool:
        """Whether it holds only because there is nothing to count."""

    @property
    def shortfall(self) -> Amount:
        """How many units are missing to comply."""


@attrs.frozen
class Verdict:
    """A requirement's verdict on one area's counts (the plain form of :class:`Facts`)."""

    values: Mapping[str, Amount]
    met: bool
    vacuous: bool
    shortfall: Amount


@attrs.frozen(eq=False)
class CompiledCriteria:
    """A plan's criteria at one level, compiled, as the plan keeps it.

    See :meth:`~vn_drugfree_criteria.Plan.compiled`.

    Attributes:
        criteria: The criteria that apply, in the plan's order.
        needed: Every indicator they read.
        index: Criterion id to its position.
        met: Decides every criterion on one area's counts, in order (generated source).
        verdicts: Per criterion, a function giving ``(met, vacuous)`` for each of its
            requirements on one area's counts (generated source).
        columns: Per criterion, a function deciding it on the ``n`` rows of columns of valid
            counts held as Python lists (generated source).
        reads: Per criterion, the indicators each requirement reads.
        source: The text of the generated functions.
        checked: ``(kind, date)`` pairs whose applicability check passed (bounded).
    """

    criteria: tuple[Criterion, ...]
    needed: frozenset[str]
    index: Mapping[str, int]
    met: Callable[[Mapping[str, Amount]], tuple[bool, ...]] = attrs.field(repr=False)
    verdicts: tuple[Callable[[Mapping[str, Amount]], tuple[tuple[bool, bool], ...]], ...] = (
        attrs.field(repr=False)
    )
    columns: tuple[Callable[[Mapping[str, Sequence[Amount]], int], list[bool]], ...] = attrs.field(
        repr=False
    )
    reads: tuple[tuple[tuple[str, ...], ...], ...] = attrs.field(repr=False)
    source: str = attrs.field(repr=False)
    checked: set[tuple[object, object]] = attrs.field(factory=set, repr=False)

    def note_checked(self, key: tuple[object, object]) -> None:
        """Remember that the check for ``key`` passed (forgetting all past 4096 keys)."""
        if len(self.checked) >= 4096:
            self.checked.clear()
        self.checked.add(key)


def compile_criteria(criteria: tuple[Criterion, ...], name: str) -> CompiledCriteria:
    """Compile ``criteria`` into functions deciding them, one area or whole columns at a time.

    Each criterion is the conjunction of its requirements' decisions, written by :data:`SOURCE`
    from the kinds' own definitions: ``met`` decides every criterion of one area; ``v0``,
    ``v1``, ... give each requirement's verdict and vacuity, for the detailed results; ``k0``,
    ``k1``, ... decide a criterion on the ``n`` rows of columns of counts (Python lists).

    >>> from vn_drugfree_criteria import get_plan
    >>> compiled = compile_criteria(get_plan("lai-chau-city-2024").criteria[6:7], "C7")
    >>> print(compiled.source)
    def met(c):
        return ((c['effective_models'] >= 1),)
    def v0(c):
        return (((c['effective_models'] >= 1), False),)
    def k0(c, n):
        return [(x0 >= 1) for x0 in c['effective_models']]
    >>> compiled.met({"effective_models": 0}), compiled.columns[0]({"effective_models": [0, 2]}, 2)
    ((False,), [False, True])
    """
    terms, details, columns = [], [], []
    for i, c in enumerate(criteria):
        parts = [r.decide(SOURCE, source_read) for r in c.requirements]
        terms.append(_all(parts))
        pairs = [
            f"({part}, {r.decide_vacuous(SOURCE, source_read)})"
            for part, r in zip(parts, c.requirements, strict=True)
        ]
        details.append(f"def v{i}(c):\n    return {_tuple(pairs)}")
        columns.append(f"def k{i}(c, n):\n    return {_comprehension(c)}")
    source = "\n".join([f"def met(c):\n    return {_tuple(terms)}", *details, *columns])
    namespace: dict[str, Any] = {"__builtins__": {"int": int, "zip": zip}}
    # The text holds only indicator names as string literals, integers and operators: see above.
    exec(compile(source, f"<criteria {name}>", "exec"), namespace)
    return CompiledCriteria(
        criteria=criteria,
        needed=frozenset(i for c in criteria for i in c.indicators),
        index={c.id: i for i, c in enumerate(criteria)},
        met=namespace["met"],
        verdicts=tuple(namespace[f"v{i}"] for i in range(len(criteria))),
        columns=tuple(namespace[f"k{i}"] for i in range(len(criteria))),
        reads=tuple(tuple(r.indicators for r in c.requirements) for c in criteria),
        source=source,
    )


def _comprehension(criterion: Criterion) -> str:
    """A list comprehension deciding ``criterion`` row by row over the ``n`` rows of ``c``."""
    local: dict[str, str] = {}

    def read(name: str) -> str:  # each column read becomes a loop variable
        return local.setdefault(name, f"x{len(local)}")

    test = _all([r.decide(SOURCE, read) for r in criterion.requirements])
    if not local:
        return f"[{test}] * n"
    if len(local) == 1:
        return f"[{test} for x0 in {source_read(next(iter(local)))}]"
    return f"[{test} for {', '.join(local.values())} in zip({', '.join(map(source_read, local))})]"


def _all(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"


def _tuple(items: Sequence[str]) -> str:
    return "(" + ", ".join(items) + ",)" if items else "()"
