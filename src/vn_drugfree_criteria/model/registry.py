"""The bundled plans, loaded lazily and cached."""

from __future__ import annotations

import functools
from importlib import resources

from vn_drugfree_criteria.errors import UnknownPlanError
from vn_drugfree_criteria.model.loader import load_plan_text
from vn_drugfree_criteria.model.plan import Plan

__all__ = ["PlanLike", "get_plan", "list_plans"]

PlanLike = Plan | str


def _plans_dir() -> resources.abc.Traversable:
    return resources.files("vn_drugfree_criteria").joinpath("data", "plans")


@functools.cache
def list_plans() -> tuple[str, ...]:
    """The identifiers of the bundled plans, sorted.

    >>> list_plans()[:2]
    ('action-month-321-2022', 'can-tho-205-2021')
    """
    return tuple(
        sorted(p.name[: -len(".toml")] for p in _plans_dir().iterdir() if p.name.endswith(".toml"))
    )


@functools.cache
def _load(plan_id: str) -> Plan:
    node = _plans_dir().joinpath(f"{plan_id}.toml")
    return load_plan_text(node.name, node.read_text(encoding="utf-8"), expected_id=plan_id)


def get_plan(plan: PlanLike) -> Plan:
    """Return a plan given its id or the plan itself.

    Raises:
        UnknownPlanError: No bundled plan has that id.
    """
    if isinstance(plan, Plan):
        return plan
    ident: object = plan  # untyped callers may pass anything
    if not isinstance(ident, str) or ident not in list_plans():
        raise UnknownPlanError(str(plan), list_plans())
    return _load(plan)
