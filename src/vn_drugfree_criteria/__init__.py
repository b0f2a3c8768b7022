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

from vn_drugfree_criteria.errors import (
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
    from vn_drugfree_criteria.auditing.findings import CODES as FINDING_CODES
    from vn_drugfree_criteria.auditing.findings import CodeInfo, Finding, Severity
    from vn_drugfree_criteria.auditing.run import audit
    from vn_drugfree_criteria.conformance.vectors import build_vectors, check_vectors
    from vn_drugfree_criteria.engine.assess import (
        Assessment,
        CriterionResult,
        RequirementResult,
        assess,
    )
    from vn_drugfree_criteria.engine.assess_table import ParentResult, TableAssessment, assess_table
    from vn_drugfree_criteria.engine.batch import BatchResult, assess_many
    from vn_drugfree_criteria.engine.columns import PositionalIds, Verdicts
    from vn_drugfree_criteria.engine.evaluate import Status as TargetStatus
    from vn_drugfree_criteria.engine.evaluate import TargetResult, evaluate_targets
    from vn_drugfree_criteria.engine.rollup import Rollup, RollupNode, rollup, sum_counts
    from vn_drugfree_criteria.engine.rollup_many import BatchRollup, rollup_many
    from vn_drugfree_criteria.engine.rows import TableRow
    from vn_drugfree_criteria.io.schemas import json_schema, schema_names
    from vn_drugfree_criteria.io.series import PeriodFigures, Series, read_series, series_from_rows
    from vn_drugfree_criteria.io.tables import (
        Table,
        example_table,
        parse_table,
        read_table,
        table_from_records,
    )
    from vn_drugfree_criteria.model.calendar import (
        Calendar,
        Deadline,
        Observance,
        Occurrence,
        Phase,
        PhaseProblem,
        RecurringDeadline,
        UndatedReport,
    )
    from vn_drugfree_criteria.model.loader import load_plan_file
    from vn_drugfree_criteria.model.phases import ProblemKind as PhaseProblemKind
    from vn_drugfree_criteria.model.plan import Document, Plan, Reference, Scope
    from vn_drugfree_criteria.model.registry import get_plan, list_plans
    from vn_drugfree_criteria.model.rules import (
        Comparison,
        Criterion,
        Op,
        Requirement,
        RequirementKind,
        SourceRef,
    )
    from vn_drugfree_criteria.model.targets import (
        READING_DESCRIPTIONS,
        Reading,
        Target,
        TargetKind,
        When,
        bound_count,
        change_reference,
    )
    from vn_drugfree_criteria.viz.frames import assess_frame, rollup_frame
    from vn_drugfree_criteria.viz.plot import plot_calendar, plot_progress
    from vn_drugfree_criteria.vocab.cells import ERROR_CODES, MAX_CELL_LENGTH, MAX_COUNT
    from vn_drugfree_criteria.vocab.comparisons import (
        ComparisonKind,
        Phrase,
        exceeds_lifetime,
        last_valid_day,
        lifetime_end,
        read_comparison,
    )
    from vn_drugfree_criteria.vocab.dates import PartialDate, Precision
    from vn_drugfree_criteria.vocab.figures import FIGURES, Figure
    from vn_drugfree_criteria.vocab.indicators import INDICATORS, Indicator, Snapshot
    from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_kind, find_level, resolve
    from vn_drugfree_criteria.vocab.numbers import parse_share, required_count

# Public names other than the errors load on first use, so importing the package stays cheap
# (plans, numpy, pandas and matplotlib load only when something needs them).
_LAZY: dict[str, tuple[str, str]] = {
    "Assessment": ("engine.assess", "Assessment"),
    "BatchResult": ("engine.batch", "BatchResult"),
    "BatchRollup": ("engine.rollup_many", "BatchRollup"),
    "Calendar": ("model.calendar", "Calendar"),
    "CodeInfo": ("auditing.findings", "CodeInfo"),
    "Comparison": ("model.rules", "Comparison"),
    "ComparisonKind": ("vocab.comparisons", "ComparisonKind"),
    "Criterion": ("model.rules", "Criterion"),
    "CriterionResult": ("engine.assess", "CriterionResult"),
    "Deadline": ("model.calendar", "Deadline"),
    "Document": ("model.plan", "Document"),
    "ERROR_CODES": ("vocab.cells", "ERROR_CODES"),
    "FIGURES": ("vocab.figures", "FIGURES"),
    "FINDING_CODES": ("auditing.findings", "CODES"),
    "Figure": ("vocab.figures", "Figure"),
    "Finding": ("auditing.findings", "Finding"),
    "INDICATORS": ("vocab.indicators", "INDICATORS"),
    "MAX_CELL_LENGTH": ("vocab.cells", "MAX_CELL_LENGTH"),
    "MAX_COUNT": ("vocab.cells", "MAX_COUNT"),
    "Indicator": ("vocab.indicators", "Indicator"),
    "Level": ("vocab.levels", "Level"),
    "Observance": ("model.calendar", "Observance"),
    "Occurrence": ("model.calendar", "Occurrence"),
    "Op": ("model.rules", "Op"),
    "ParentResult": ("engine.assess_table", "ParentResult"),
    "PartialDate": ("vocab.dates", "PartialDate"),
    "PeriodFigures": ("io.series", "PeriodFigures"),
    "Phase": ("model.phases", "Phase"),
    "PhaseProblem": ("model.phases", "PhaseProblem"),
    "PhaseProblemKind": ("model.phases", "ProblemKind"),
    "Phrase": ("vocab.comparisons", "Phrase"),
    "Plan": ("model.plan", "Plan"),
    "PositionalIds": ("engine.columns", "PositionalIds"),
    "Precision": ("vocab.dates", "Precision"),
    "READING_DESCRIPTIONS": ("model.targets", "READING_DESCRIPTIONS"),
    "Reading": ("model.targets", "Reading"),
    "RecurringDeadline": ("model.calendar", "RecurringDeadline"),
    "Reference": ("model.plan", "Reference"),
    "Requirement": ("model.rules", "Requirement"),
    "RequirementKind": ("model.rules", "RequirementKind"),
    "RequirementResult": ("engine.assess", "RequirementResult"),
    "Rollup": ("engine.rollup", "Rollup"),
    "RollupNode": ("engine.rollup", "RollupNode"),
    "Scope": ("model.plan", "Scope"),
    "Series": ("io.series", "Series"),
    "Severity": ("auditing.findings", "Severity"),
    "Snapshot": ("vocab.indicators", "Snapshot"),
    "SourceRef": ("model.rules", "SourceRef"),
    "Table": ("io.tables", "Table"),
    "TableAssessment": ("engine.assess_table", "TableAssessment"),
    "TableRow": ("engine.rows", "TableRow"),
    "Target": ("model.targets", "Target"),
    "TargetKind": ("model.targets", "TargetKind"),
    "TargetResult": ("engine.evaluate", "TargetResult"),
    "TargetStatus": ("engine.evaluate", "Status"),
    "UndatedReport": ("model.calendar", "UndatedReport"),
    "UnitKind": ("vocab.levels", "UnitKind"),
    "Verdicts": ("engine.columns", "Verdicts"),
    "When": ("model.targets", "When"),
    "assess": ("engine.assess", "assess"),
    "assess_frame": ("viz.frames", "assess_frame"),
    "assess_many": ("engine.batch", "assess_many"),
    "assess_table": ("engine.assess_table", "assess_table"),
    "audit": ("auditing.run", "audit"),
    "bound_count": ("model.targets", "bound_count"),
    "build_vectors": ("conformance.vectors", "build_vectors"),
    "change_reference": ("model.targets", "change_reference"),
    "check_vectors": ("conformance.vectors", "check_vectors"),
    "evaluate_targets": ("engine.evaluate", "evaluate_targets"),
    "example_table": ("io.tables", "example_table"),
    "exceeds_lifetime": ("vocab.comparisons", "exceeds_lifetime"),
    "find_kind": ("vocab.levels", "find_kind"),
    "find_level": ("vocab.levels", "find_level"),
    "get_plan": ("model.registry", "get_plan"),
    "json_schema": ("io.schemas", "json_schema"),
    "last_valid_day": ("vocab.comparisons", "last_valid_day"),
    "lifetime_end": ("vocab.comparisons", "lifetime_end"),
    "list_plans": ("model.registry", "list_plans"),
    "load_plan_file": ("model.loader", "load_plan_file"),
    "parse_share": ("vocab.numbers", "parse_share"),
    "parse_table": ("io.tables", "parse_table"),
    "plot_calendar": ("viz.plot", "plot_calendar"),
    "plot_progress": ("viz.plot", "plot_progress"),
    "read_comparison": ("vocab.comparisons", "read_comparison"),
    "read_series": ("io.series", "read_series"),
    "read_table": ("io.tables", "read_table"),
    "required_count": ("vocab.numbers", "required_count"),
    "resolve": ("vocab.levels", "resolve"),
    "rollup": ("engine.rollup", "rollup"),
    "rollup_frame": ("viz.frames", "rollup_frame"),
    "rollup_many": ("engine.rollup_many", "rollup_many"),
    "schema_names": ("io.schemas", "schema_names"),
    "series_from_rows": ("io.series", "series_from_rows"),
    "sum_counts": ("engine.rollup", "sum_counts"),
    "table_from_records": ("io.tables", "table_from_records"),
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
    "ERROR_CODES",
    "FIGURES",
    "FINDING_CODES",
    "INDICATORS",
    "MAX_CELL_LENGTH",
    "MAX_COUNT",
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
