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

from ._assess import Assessment, CriterionResult, RequirementResult, assess
from ._audit import audit
from ._batch import BatchResult, assess_many
from ._calendar import (
    Calendar,
    Deadline,
    Observance,
    Occurrence,
    Phase,
    RecurringDeadline,
    UndatedReport,
)
from ._comparisons import (
    ComparisonKind,
    Phrase,
    exceeds_lifetime,
    last_valid_day,
    lifetime_end,
    read_comparison,
)
from ._dates import PartialDate, Precision
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
from ._figures import FIGURES, Figure
from ._findings import CODES as FINDING_CODES
from ._findings import CodeInfo, Finding, Severity
from ._indicators import INDICATORS, Indicator, Snapshot
from ._levels import Level, UnitKind, find_kind, find_level, resolve
from ._loader import load_plan_file
from ._numbers import parse_share, required_count
from ._plan import Document, Plan, Reference, Scope
from ._registry import get_plan, list_plans
from ._rollup import Rollup, RollupNode, rollup, sum_counts
from ._rules import Comparison, Criterion, Op, Requirement, RequirementKind, SourceRef
from ._targets import (
    READING_DESCRIPTIONS,
    Reading,
    Target,
    TargetKind,
    When,
    bound_count,
    change_reference,
)

__version__ = "0.1.0"

__all__ = [
    "FIGURES",
    "FINDING_CODES",
    "INDICATORS",
    "READING_DESCRIPTIONS",
    "Assessment",
    "BatchResult",
    "Calendar",
    "CodeInfo",
    "Comparison",
    "ComparisonKind",
    "Criterion",
    "CriterionResult",
    "DataFileError",
    "Deadline",
    "Document",
    "DrugFreeError",
    "Figure",
    "Finding",
    "Indicator",
    "InputError",
    "Level",
    "LevelNotCoveredError",
    "MissingExtraError",
    "NotValidOnDateError",
    "Observance",
    "Occurrence",
    "Op",
    "PartialDate",
    "Phase",
    "Phrase",
    "Plan",
    "Precision",
    "Reading",
    "RecurringDeadline",
    "Reference",
    "Requirement",
    "RequirementKind",
    "RequirementResult",
    "Rollup",
    "RollupNode",
    "RowError",
    "Scope",
    "Severity",
    "Snapshot",
    "SnapshotError",
    "SourceRef",
    "Target",
    "TargetKind",
    "UndatedReport",
    "UnitKind",
    "UnknownKindError",
    "UnknownPlanError",
    "When",
    "__version__",
    "assess",
    "assess_many",
    "audit",
    "bound_count",
    "change_reference",
    "exceeds_lifetime",
    "find_kind",
    "find_level",
    "get_plan",
    "last_valid_day",
    "lifetime_end",
    "list_plans",
    "load_plan_file",
    "parse_share",
    "read_comparison",
    "required_count",
    "resolve",
    "rollup",
    "sum_counts",
]
