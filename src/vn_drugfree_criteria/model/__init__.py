"""The plan model layer: a source document encoded as immutable objects.

Metadata, scope, criteria and requirements, targets, phases, deadlines and observances, and the
loader that builds them from the plan data files (with the registry of bundled plans).
"""

from vn_drugfree_criteria.model.calendar import (
    Calendar,
    Deadline,
    Observance,
    Occurrence,
    RecurringDeadline,
    UndatedReport,
)
from vn_drugfree_criteria.model.kernel import (
    SCALAR,
    SOURCE,
    CompiledCriteria,
    Facts,
    Kind,
    Ops,
    Verdict,
    compile_criteria,
)
from vn_drugfree_criteria.model.kinds import KINDS
from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.model.phases import Phase, PhaseProblem
from vn_drugfree_criteria.model.phases import ProblemKind as PhaseProblemKind
from vn_drugfree_criteria.model.plan import Document, Plan, Reference, Scope
from vn_drugfree_criteria.model.registry import get_plan, list_plans
from vn_drugfree_criteria.model.rules import Criterion, Requirement, RequirementKind, SourceRef
from vn_drugfree_criteria.model.targets import (
    READING_DESCRIPTIONS,
    Reading,
    Target,
    TargetKind,
    When,
    bound_count,
    change_reference,
)

__all__ = [
    "KINDS",
    "READING_DESCRIPTIONS",
    "SCALAR",
    "SOURCE",
    "Calendar",
    "CompiledCriteria",
    "Criterion",
    "Deadline",
    "Document",
    "Facts",
    "Kind",
    "Observance",
    "Occurrence",
    "Ops",
    "Phase",
    "PhaseProblem",
    "PhaseProblemKind",
    "Plan",
    "Reading",
    "RecurringDeadline",
    "Reference",
    "Requirement",
    "RequirementKind",
    "Scope",
    "SourceRef",
    "Target",
    "TargetKind",
    "UndatedReport",
    "Verdict",
    "When",
    "bound_count",
    "change_reference",
    "compile_criteria",
    "get_plan",
    "list_plans",
    "load_plan_file",
]
