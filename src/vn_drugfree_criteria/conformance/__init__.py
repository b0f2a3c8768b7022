"""The conformance layer: vectors for other implementations.

Cases with expected outcomes, computed by an oracle independent of the engine, for other
implementations of the criteria to check themselves against.
"""

from vn_drugfree_criteria.conformance.vectors import build_vectors, check_vectors

__all__ = [
    "build_vectors",
    "check_vectors",
]
