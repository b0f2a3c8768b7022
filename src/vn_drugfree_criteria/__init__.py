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
from ._assess_table import ParentResult, TableAssessment, assess_table
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
    TableError,
    UnknownKindError,
    UnknownPlanError,
)
from ._evaluate import Status as TargetStatus
from ._evaluate import TargetResult, evaluate_targets
from ._figures import FIGURES, Figure
from ._findings import CODES as FINDING_CODES
from ._findings import CodeInfo, Finding, Severity
from ._indicators import INDICATORS, Indicator, Snapshot
from ._levels import Level, UnitKind, find_kind, find_level, resolve
from ._loader import load_plan_file
from ._numbers import parse_share, required_count
from ._pandas import assess_frame, rollup_frame
from ._plan import Document, Plan, Reference, Scope
from ._plot import plot_calendar, plot_progress
from ._registry import get_plan, list_plans
from ._rollup import Rollup, RollupNode, rollup, sum_counts
from ._rows import TableRow
from ._rules import Comparison, Criterion, Op, Requirement, RequirementKind, SourceRef
from ._schemas import json_schema, schema_names
from ._series import PeriodFigures, Series, read_series, series_from_rows
from ._tabular import Table, example_table, parse_table, read_table, table_from_records
from ._targets import (
    READING_DESCRIPTIONS,
    Reading,
    Target,
    TargetKind,
    When,
    bound_count,
    change_reference,
)
from ._vectors import build_vectors, check_vectors

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
    "ParentResult",
    "PartialDate",
    "PeriodFigures",
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
    "Series",
    "Severity",
    "Snapshot",
    "SnapshotError",
    "SourceRef",
    "Table",
    "TableAssessment",
    "TableError",
    "TableRow",
    "Target",
    "TargetKind",
    "TargetResult",
    "TargetStatus",
    "UndatedReport",
    "UnitKind",
    "UnknownKindError",
    "UnknownPlanError",
    "When",
    "__version__",
    "assess",
    "assess_frame",
    "assess_many",
    "assess_table",
    "audit",
    "bound_count",
    "build_vectors",
    "change_reference",
    "check_vectors",
    "evaluate_targets",
    "example_table",
    "exceeds_lifetime",
    "find_kind",
    "find_level",
    "get_plan",
    "json_schema",
    "last_valid_day",
    "lifetime_end",
    "list_plans",
    "load_plan_file",
    "parse_share",
    "parse_table",
    "plot_calendar",
    "plot_progress",
    "read_comparison",
    "read_series",
    "read_table",
    "required_count",
    "resolve",
    "rollup",
    "rollup_frame",
    "schema_names",
    "series_from_rows",
    "sum_counts",
    "table_from_records",
]
