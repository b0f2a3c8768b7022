"""Vietnam's drug-free village and commune criteria as executable, auditable rules.

Plans are encoded as data from their source documents; every criterion keeps its verbatim
Vietnamese text, an English rendering and where it stands in the source.

>>> import vn_drugfree_criteria as vdc
>>> "lai-chau-city-2024" in vdc.list_plans()
True
>>> [c.id for c in vdc.get_plan("lai-chau-city-2024").criteria]
['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']
>>> vdc.required_count(55, "83%")
46
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import (
    DataFileError,
    DrugFreeError,
    InputError,
    LevelNotCoveredError,
    MissingExtraError,
    NotValidOnDateError,
    RowError,
    SnapshotError,
    UnknownKindError,
    UnknownPlanError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._assess import Assessment, CriterionResult, RequirementResult, assess
    from ._batch import BatchResult, assess_many
    from ._columns import PositionalIds, Verdicts
    from ._dates import PartialDate, Precision
    from ._indicators import INDICATORS, Indicator, Snapshot
    from ._levels import Level, UnitKind, find_kind, find_level, resolve
    from ._loader import load_plan_file
    from ._numbers import parse_share, required_count
    from ._plan import Document, Plan, Reference, Scope
    from ._registry import get_plan, list_plans
    from ._rollup import Rollup, RollupNode, rollup, sum_counts
    from ._rollup_many import BatchRollup, rollup_many
    from ._rules import Comparison, Criterion, Op, Requirement, RequirementKind, SourceRef

# The rest of the public names load on first use, so that importing the package stays cheap.
_LAZY: dict[str, str] = {
    **dict.fromkeys(["Assessment", "CriterionResult", "RequirementResult", "assess"], "_assess"),
    **dict.fromkeys(["BatchResult", "assess_many"], "_batch"),
    **dict.fromkeys(["PositionalIds", "Verdicts"], "_columns"),
    **dict.fromkeys(["PartialDate", "Precision"], "_dates"),
    **dict.fromkeys(["INDICATORS", "Indicator", "Snapshot"], "_indicators"),
    **dict.fromkeys(["Level", "UnitKind", "find_kind", "find_level", "resolve"], "_levels"),
    **dict.fromkeys(["load_plan_file"], "_loader"),
    **dict.fromkeys(["parse_share", "required_count"], "_numbers"),
    **dict.fromkeys(["Document", "Plan", "Reference", "Scope"], "_plan"),
    **dict.fromkeys(["get_plan", "list_plans"], "_registry"),
    **dict.fromkeys(["Rollup", "RollupNode", "rollup", "sum_counts"], "_rollup"),
    **dict.fromkeys(["BatchRollup", "rollup_many"], "_rollup_many"),
    **dict.fromkeys(
        ["Comparison", "Criterion", "Op", "Requirement", "RequirementKind", "SourceRef"], "_rules"
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "INDICATORS",
    "Assessment",
    "BatchResult",
    "BatchRollup",
    "Comparison",
    "Criterion",
    "CriterionResult",
    "DataFileError",
    "Document",
    "DrugFreeError",
    "Indicator",
    "InputError",
    "Level",
    "LevelNotCoveredError",
    "MissingExtraError",
    "NotValidOnDateError",
    "Op",
    "PartialDate",
    "Plan",
    "PositionalIds",
    "Precision",
    "Reference",
    "Requirement",
    "RequirementKind",
    "RequirementResult",
    "Rollup",
    "RollupNode",
    "RowError",
    "Scope",
    "Snapshot",
    "SnapshotError",
    "SourceRef",
    "UnitKind",
    "UnknownKindError",
    "UnknownPlanError",
    "Verdicts",
    "__version__",
    "assess",
    "assess_many",
    "find_kind",
    "find_level",
    "get_plan",
    "list_plans",
    "load_plan_file",
    "parse_share",
    "required_count",
    "resolve",
    "rollup",
    "rollup_many",
    "sum_counts",
]
