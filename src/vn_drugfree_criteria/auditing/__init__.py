"""The audit layer: where a plan's source contradicts itself.

Findings with what the document states and what can be re-derived, the facts the plans are
checked against, and the 2025 reform of local government.
"""

from vn_drugfree_criteria.auditing.findings import CODES as FINDING_CODES
from vn_drugfree_criteria.auditing.findings import CodeInfo, Finding, Severity
from vn_drugfree_criteria.auditing.run import audit

__all__ = [
    "FINDING_CODES",
    "CodeInfo",
    "Finding",
    "Severity",
    "audit",
]
