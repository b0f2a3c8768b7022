"""The vocabulary layer: words, numbers and dates every other layer uses.

Levels and unit kinds, indicators and snapshots of counts, programme figures, comparison words,
exact numbers and partial dates, and the strict reader of the data files. It imports nothing
else from the library.
"""

from vn_drugfree_criteria.vocab.cells import ERROR_CODES, MAX_CELL_LENGTH, MAX_COUNT
from vn_drugfree_criteria.vocab.comparisons import (
    Comparison,
    ComparisonKind,
    Op,
    Phrase,
    exceeds_lifetime,
    last_valid_day,
    lifetime_end,
    read_comparison,
)
from vn_drugfree_criteria.vocab.dates import PartialDate, Precision
from vn_drugfree_criteria.vocab.figures import FIGURES, Figure
from vn_drugfree_criteria.vocab.indicators import INDICATORS, Indicator, Snapshot, Vocabulary
from vn_drugfree_criteria.vocab.levels import Level, UnitKind, find_kind, find_level, resolve
from vn_drugfree_criteria.vocab.numbers import parse_share, required_count

__all__ = [
    "ERROR_CODES",
    "FIGURES",
    "INDICATORS",
    "MAX_CELL_LENGTH",
    "MAX_COUNT",
    "Comparison",
    "ComparisonKind",
    "Figure",
    "Indicator",
    "Level",
    "Op",
    "PartialDate",
    "Phrase",
    "Precision",
    "Snapshot",
    "UnitKind",
    "Vocabulary",
    "exceeds_lifetime",
    "find_kind",
    "find_level",
    "last_valid_day",
    "lifetime_end",
    "parse_share",
    "read_comparison",
    "required_count",
    "resolve",
]
