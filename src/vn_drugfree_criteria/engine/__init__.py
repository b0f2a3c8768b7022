"""The engine layer: the rules applied to counts.

Assessing one area, many areas column by column (pure Python or numpy), every row of a table,
roll-ups of children into parents, and targets evaluated on programme figures. The results
carry their explanations and their JSON forms (``to_dict``).
"""

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

__all__ = [
    "Assessment",
    "BatchResult",
    "BatchRollup",
    "CriterionResult",
    "ParentResult",
    "PositionalIds",
    "RequirementResult",
    "Rollup",
    "RollupNode",
    "TableAssessment",
    "TableRow",
    "TargetResult",
    "TargetStatus",
    "Verdicts",
    "assess",
    "assess_many",
    "assess_table",
    "evaluate_targets",
    "rollup",
    "rollup_many",
    "sum_counts",
]
