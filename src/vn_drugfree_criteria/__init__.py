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
    TableError,
    UnknownKindError,
    UnknownPlanError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
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
        PhaseProblem,
        RecurringDeadline,
        UndatedReport,
    )
    from ._columns import PositionalIds, Verdicts
    from ._comparisons import (
        ComparisonKind,
        Phrase,
        exceeds_lifetime,
        last_valid_day,
        lifetime_end,
        read_comparison,
    )
    from ._dates import PartialDate, Precision
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
    from ._phases import ProblemKind as PhaseProblemKind
    from ._plan import Document, Plan, Reference, Scope
    from ._plot import plot_calendar, plot_progress
    from ._registry import get_plan, list_plans
    from ._rollup import Rollup, RollupNode, rollup, sum_counts
    from ._rollup_many import BatchRollup, rollup_many
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

# Public names other than the errors load on first use, so importing the package stays cheap
# (plans, numpy, pandas and matplotlib load only when something needs them).
_LAZY: dict[str, tuple[str, str]] = {
    "Assessment": ("_assess", "Assessment"),
    "BatchResult": ("_batch", "BatchResult"),
    "BatchRollup": ("_rollup_many", "BatchRollup"),
    "Calendar": ("_calendar", "Calendar"),
    "CodeInfo": ("_findings", "CodeInfo"),
    "Comparison": ("_rules", "Comparison"),
    "ComparisonKind": ("_comparisons", "ComparisonKind"),
    "Criterion": ("_rules", "Criterion"),
    "CriterionResult": ("_assess", "CriterionResult"),
    "Deadline": ("_calendar", "Deadline"),
    "Document": ("_plan", "Document"),
    "FIGURES": ("_figures", "FIGURES"),
    "FINDING_CODES": ("_findings", "CODES"),
    "Figure": ("_figures", "Figure"),
    "Finding": ("_findings", "Finding"),
    "INDICATORS": ("_indicators", "INDICATORS"),
    "Indicator": ("_indicators", "Indicator"),
    "Level": ("_levels", "Level"),
    "Observance": ("_calendar", "Observance"),
    "Occurrence": ("_calendar", "Occurrence"),
    "Op": ("_rules", "Op"),
    "ParentResult": ("_assess_table", "ParentResult"),
    "PartialDate": ("_dates", "PartialDate"),
    "PeriodFigures": ("_series", "PeriodFigures"),
    "Phase": ("_phases", "Phase"),
    "PhaseProblem": ("_phases", "PhaseProblem"),
    "PhaseProblemKind": ("_phases", "ProblemKind"),
    "Phrase": ("_comparisons", "Phrase"),
    "Plan": ("_plan", "Plan"),
    "PositionalIds": ("_columns", "PositionalIds"),
    "Precision": ("_dates", "Precision"),
    "READING_DESCRIPTIONS": ("_targets", "READING_DESCRIPTIONS"),
    "Reading": ("_targets", "Reading"),
    "RecurringDeadline": ("_calendar", "RecurringDeadline"),
    "Reference": ("_plan", "Reference"),
    "Requirement": ("_rules", "Requirement"),
    "RequirementKind": ("_rules", "RequirementKind"),
    "RequirementResult": ("_assess", "RequirementResult"),
    "Rollup": ("_rollup", "Rollup"),
    "RollupNode": ("_rollup", "RollupNode"),
    "Scope": ("_plan", "Scope"),
    "Series": ("_series", "Series"),
    "Severity": ("_findings", "Severity"),
    "Snapshot": ("_indicators", "Snapshot"),
    "SourceRef": ("_rules", "SourceRef"),
    "Table": ("_tabular", "Table"),
    "TableAssessment": ("_assess_table", "TableAssessment"),
    "TableRow": ("_rows", "TableRow"),
    "Target": ("_targets", "Target"),
    "TargetKind": ("_targets", "TargetKind"),
    "TargetResult": ("_evaluate", "TargetResult"),
    "TargetStatus": ("_evaluate", "Status"),
    "UndatedReport": ("_calendar", "UndatedReport"),
    "UnitKind": ("_levels", "UnitKind"),
    "Verdicts": ("_columns", "Verdicts"),
    "When": ("_targets", "When"),
    "assess": ("_assess", "assess"),
    "assess_frame": ("_pandas", "assess_frame"),
    "assess_many": ("_batch", "assess_many"),
    "assess_table": ("_assess_table", "assess_table"),
    "audit": ("_audit", "audit"),
    "bound_count": ("_targets", "bound_count"),
    "build_vectors": ("_vectors", "build_vectors"),
    "change_reference": ("_targets", "change_reference"),
    "check_vectors": ("_vectors", "check_vectors"),
    "evaluate_targets": ("_evaluate", "evaluate_targets"),
    "example_table": ("_tabular", "example_table"),
    "exceeds_lifetime": ("_comparisons", "exceeds_lifetime"),
    "find_kind": ("_levels", "find_kind"),
    "find_level": ("_levels", "find_level"),
    "get_plan": ("_registry", "get_plan"),
    "json_schema": ("_schemas", "json_schema"),
    "last_valid_day": ("_comparisons", "last_valid_day"),
    "lifetime_end": ("_comparisons", "lifetime_end"),
    "list_plans": ("_registry", "list_plans"),
    "load_plan_file": ("_loader", "load_plan_file"),
    "parse_share": ("_numbers", "parse_share"),
    "parse_table": ("_tabular", "parse_table"),
    "plot_calendar": ("_plot", "plot_calendar"),
    "plot_progress": ("_plot", "plot_progress"),
    "read_comparison": ("_comparisons", "read_comparison"),
    "read_series": ("_series", "read_series"),
    "read_table": ("_tabular", "read_table"),
    "required_count": ("_numbers", "required_count"),
    "resolve": ("_levels", "resolve"),
    "rollup": ("_rollup", "rollup"),
    "rollup_frame": ("_pandas", "rollup_frame"),
    "rollup_many": ("_rollup_many", "rollup_many"),
    "schema_names": ("_schemas", "schema_names"),
    "series_from_rows": ("_series", "series_from_rows"),
    "sum_counts": ("_rollup", "sum_counts"),
    "table_from_records": ("_tabular", "table_from_records"),
}


def __getattr__(name: str) -> Any:
    entry = _LAZY.get(name)
    if entry is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = entry
    value = getattr(importlib.import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "FIGURES",
    "FINDING_CODES",
    "INDICATORS",
    "READING_DESCRIPTIONS",
    "Assessment",
    "BatchResult",
    "BatchRollup",
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
    "PhaseProblem",
    "PhaseProblemKind",
    "Phrase",
    "Plan",
    "PositionalIds",
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
    "Verdicts",
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
    "rollup_many",
    "schema_names",
    "series_from_rows",
    "sum_counts",
    "table_from_records",
]
