"""The kernel's definitions written once more as source, for whole arrays of counts.

:data:`~vn_drugfree_criteria.model.kernel.SOURCE` writes Python expressions on one area's
counts (``and``/``or`` short-circuit on ``bool``). :data:`ARRAY_SOURCE` writes the same
definitions for columns held as arrays: comparisons as operators (element-wise on numpy
arrays), verdicts combined with ``&`` and ``|``, and every operation that could overflow or
that needs the array library (sums, scaling, negation, tallies) delegated to the batch
backend's own :class:`~vn_drugfree_criteria.model.kernel.Ops` (named ``ops`` in the text), which
widens before a result could leave the columns' dtype. So the numpy backend decides a criterion
with one generated function call per plan, and no requirement is dispatched row by row or
kind by kind at run time.

The text is built only from indicator names (as string literals), integers and operators,
and compiled once per plan and level (:func:`array_criteria`, kept with the compiled criteria).

>>> from vn_drugfree_criteria import get_plan
>>> compiled = get_plan("lai-chau-city-2024").compiled(None)
>>> print(array_source(compiled.criteria[2:3]))
def a0(c, ops):
    return (((c['addicts_with_dossier'] == c['addicts']) & (c['addicts_present_with_treatment_dossier'] == c['addicts_present'])) & (c['post_rehab_with_dossier'] == c['post_rehab']))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from vn_drugfree_criteria.model.kernel import SOURCE, CompiledCriteria, Ops, source_read
from vn_drugfree_criteria.vocab.comparisons import Op

if TYPE_CHECKING:  # the rules import the kernel; this module only names their types
    from vn_drugfree_criteria.model.rules import Criterion

__all__ = ["ARRAY_SOURCE", "array_criteria", "array_source"]


class _ArraySource:
    """Source text for whole arrays: operators where numpy's are exact, ``ops`` elsewhere."""

    def const(self, n: int) -> str:
        return SOURCE.const(n)

    def flag(self, value: bool) -> str:
        return SOURCE.flag(value)

    def add(self, a: str, b: str) -> str:
        return f"ops.add({a}, {b})"

    def sub(self, a: str, b: str) -> str:
        return f"ops.sub({a}, {b})"

    def scale(self, a: str, k: int) -> str:
        return a if k == 1 else f"ops.scale({a}, {int(k)})"

    def compare(self, op: Op, a: str, b: str) -> str:
        return SOURCE.compare(op, a, b)

    def both(self, a: str, b: str) -> str:
        return f"({a} & {b})"

    def either(self, a: str, b: str) -> str:
        return f"({a} | {b})"

    def negate(self, a: str) -> str:
        return f"ops.negate({a})"

    def tally(self, verdicts: Sequence[str]) -> str:
        return f"ops.tally(({''.join(v + ', ' for v in verdicts)}))"


ARRAY_SOURCE: Ops[str, str] = _ArraySource()
"""The operations that write source deciding a criterion on whole arrays of counts."""

ArrayDecision = Callable[[Any, Ops[Any, Any]], Any]
"""A generated function: ``(columns, ops) -> verdict`` (an array, or one ``bool`` for all)."""


def array_source(criteria: Sequence[Criterion]) -> str:
    """The text of ``a0``, ``a1``, ...: each criterion as the conjunction of its requirements."""
    functions = []
    for i, c in enumerate(criteria):
        parts = [r.decide(ARRAY_SOURCE, source_read) for r in c.requirements] or ["True"]
        test = parts[0]
        for part in parts[1:]:
            test = ARRAY_SOURCE.both(test, part)
        functions.append(f"def a{i}(c, ops):\n    return {test}")
    return "\n".join(functions)


def array_criteria(compiled: CompiledCriteria) -> tuple[ArrayDecision, ...]:
    """The array decision of each of ``compiled``'s criteria, compiled once and kept with it."""
    hit = compiled.cache.get("arrays")
    if hit is None:
        source = array_source(compiled.criteria)
        namespace: dict[str, Any] = {"__builtins__": {}}
        # The text holds only indicator names as string literals, integers and operators.
        exec(compile(source, "<criteria on arrays>", "exec"), namespace)
        hit = compiled.cache["arrays"] = tuple(
            namespace[f"a{i}"] for i in range(len(compiled.criteria))
        )
    return hit
