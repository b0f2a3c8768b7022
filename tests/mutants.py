"""Plausible implementation mistakes, planted in turn in the reference implementation.

:class:`tests.reference_impl.Reference` reads only what an app in another language would read
(the vector document and the units reference data) and never imports the library. Each
entry of :data:`MISTAKES` is a plausible implementation error; the
vectors *kill* a mistake when at least one case's outcome changes with it planted. The share of
mistakes killed is the vectors' mutation score.

Run as ``python -m tests.mutants VECTORS.json UNITS.json INDICATORS.json`` to print the score.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.reference_impl import Reference

MISTAKES: dict[str, str] = {
    "gt_as_ge": '"trên" (>) read as ≥',
    "lt_as_le": '"dưới" (<) read as ≤',
    "ge_as_gt": '"từ ... trở lên" (≥) read as >',
    "le_as_lt": '"không quá" (≤) read as <',
    "float_ratio": "share compared as float part/whole against float p/q",
    "float_percent": "share compared as float percentage 100*part/whole against 100*p/q",
    "float_scaled": "share compared as part against whole * (p/q) in float",
    "float_counts": "counts read as doubles (JSON.parse), then compared exactly",
    "percent_rounded": "share rounded to a whole percentage before comparing",
    "eq_as_ge": "an exact share (=) read as at least",
    "at_least_strict": '"ít nhất N" read as > N',
    "all_as_nonzero": '"100%" read as "at least one"',
    "none_as_le_one": '"không có" read as "at most one"',
    "vacuous_false": "a requirement with a whole of 0 fails instead of holding vacuously",
    "vacuous_not_flagged": "a vacuous pass is not reported as vacuous",
    "vacuous_on_part": "vacuity decided on the part being 0 instead of the whole",
    "criterion_any": "a criterion met when any of its requirements holds",
    "drug_free_any": "drug-free when any criterion is met",
    "ignore_level_applicability": "every criterion applied whatever the area's level",
    "never_level_not_covered": "a level the plan does not cover is assessed anyway",
    "no_level_all_criteria": "an area without a level gets every criterion even when they differ",
    "no_level_refused": "an area without a level is always refused",
    "plan_end_exclusive": "the plan's last day read as the first day it no longer applies",
    "plan_start_exclusive": "the plan's first day read as the day before it applies",
    "ignore_plan_dates": "the plan's validity dates not checked",
    "level_end_exclusive": "a level's last day read as exclusive (district refused on 30/6/2025)",
    "ignore_level_dates": "the district level accepted after the reform",
    "ignore_kind_dates": "unit kinds accepted on days they did not exist (thị trấn after 2025)",
    "kind_start_exclusive": "a kind's first day read as exclusive (đặc khu refused on 1/7/2025)",
    "coverage_before_dates": "level_not_covered reported before a date refusal",
    "no_diacritic_folding": "names matched with their diacritics",
    "no_unicode_normalisation": "NFD names not normalised before matching",
    "case_sensitive": "names matched case-sensitively",
    "ambiguous_first_wins": "an ambiguous name (thành phố) read as its first kind",
    "level_name_gives_kind": "a name that names a level (tỉnh) also reported as the kind",
    "shortfall_unclamped": "a share's shortfall not raised to at least 1",
    "shortfall_upper_from_ceiling": "an upper share's shortfall measured from the ceiling",
    "shortfall_lower_from_floor": "a lower share's shortfall measured from the floor",
    "shortfall_all_zero": "the shortfall of 100% not computed (0)",
    "shortfall_at_least_off_by_one": "the shortfall of a minimum off by one",
    "before_inclusive": '"trước ngày D" read as "until D inclusive" (off by one day)',
    "before_two_days": '"trước ngày D" read as D - 2 (the day before, then compared strictly)',
    "phase_end_exclusive": "a phase's end day read as exclusive",
    "phase_start_exclusive": "a phase's start day read as exclusive",
    "rollup_drops_rejected": "a roll-up drops rejected children and assesses the rest",
    "rollup_float_sums": "a roll-up adds counts in floating point",
    "rollup_district_after_reform": "a commune's parent is a district even after 30 June 2025",
    "rollup_children_without_rejected": "a parent's children counted without the rejected ones",
    "target_stated_count_ignored": "a share target read as its stated count uses the share",
    "target_compound_as_linear": "a compounding yearly rate applied linearly",
    "target_linear_as_compound": "a linear yearly rate compounded",
    "target_previous_from_base": "a change on the previous year measured from the first year",
    "target_reduction_not_flipped": "a reduction of at least r read as current ≥ reference",
    "target_count_gt_as_ge": '"trên N" in a count target read as ≥ N',
    "target_share_float": "a share target compared in floating point",
    "target_baseline_whole_ignored": "a baseline's stated whole not compared",
    "target_yearly_last_only": "a yearly target evaluated on the last year only",
    "exempt_ignored": '"không có ..., trừ ..." read without its exemptions',
    "blank_as_zero": "a blank count read as 0",
    "negatives_accepted": "a negative count accepted",
    "part_exceeds_whole_accepted": "a part larger than its whole accepted",
    "part_without_whole_accepted": "a part accepted while its whole is blank",
    "missing_needed_accepted": "a blank count the plan needs not reported",
    "boolean_as_count": "true/false read as 1/0",
    "float_truncated": "a fractional count truncated to a whole number",
    "big_float_accepted": "a float above 2**53 read as a count",
    "too_large_accepted": "a count above 2**63 - 1 accepted",
    "too_long_accepted": "a text cell above 4096 characters read",
    "non_ascii_digits_accepted": "digits of another script read as a count",
    "thousands_separator_accepted": '"3,000" read as 3000',
    "decimal_text_refused": '"3.0" refused instead of read as 3',
    "grouped_zeros_as_decimal": '"3.000" read as 3 (in Vietnamese it is 3000)',
    "most_severe_loses": "a commune meeting classes I and II counted as II (the milder wins)",
    "range_closed_top": '"từ 0,1% đến dưới 0,5%" read as closed at the top (≤ 0,5%)',
    "k_of_n_strict": '"ít nhất 3 trong các tiêu chí" read as more than 3',
    "k_of_n_minus_one": '"ít nhất 3 trong các tiêu chí" off by one the other way (2 suffice)',
    "dd_ignores_route": "criterion đ met on the criteria count alone, ignoring the key route",
    "ratio_float": "a ratio to the residents compared in floating point",
    "ratio_rounded_percent": "a ratio rounded to two decimals of a percent before comparing",
    "ratio_wrong_base": "every ratio taken against the residents (the wrong base for 5.4)",
    "any_of_as_and": '"... hoặc ..." (any_of) read as "and"',
    "below_literal": '"dưới 0,1%" read literally: a commune with none at all is class III',
    "one_as_at_least": '"có 1 điểm" read as "at least one"',
    "zero_base_met": "a ratio on a base of 0 (no residents) read as met",
    "area_rounded": "an area in m² rounded to a whole number before comparing (749.5 as 750)",
    "classes_top_down": "classes decided from the most severe down: đ counts criteria not yet decided",
}


def failures(
    doc: Mapping[str, Any],
    units: Mapping[str, Any],
    mistakes: frozenset[str],
    indicators: Mapping[str, Any] | None = None,
) -> int:
    """How many cases of ``doc`` the reference gets wrong with ``mistakes`` planted."""
    ref = Reference(units, mistakes, indicators)
    wrong = 0
    for case in doc["cases"]:
        try:
            got = ref.run(doc, case)
        except (KeyError, ValueError, ZeroDivisionError, OverflowError):
            got = {"exception": True}
        wrong += got != case["expected"]
    return wrong


def score(
    doc: Mapping[str, Any], units: Mapping[str, Any], indicators: Mapping[str, Any] | None = None
) -> tuple[list[str], list[str]]:
    """The mistakes the vectors kill and those that survive."""
    killed, survived = [], []
    for name in MISTAKES:
        wrong = failures(doc, units, frozenset({name}), indicators)
        (killed if wrong else survived).append(name)
    return killed, survived


def main(argv: list[str]) -> int:
    """Print the mutation score of a vector file; exit 1 below 95% or if the reference fails.

    Arguments: the vectors, ``units --format json`` and ``indicators --format json`` files.
    """
    doc, units, indicators = (json.loads(Path(a).read_text(encoding="utf-8")) for a in argv[:3])
    base = failures(doc, units, frozenset(), indicators)
    killed, survived = score(doc, units, indicators)
    rate = len(killed) / len(MISTAKES)
    print(f"mutation score: {len(killed)} of {len(MISTAKES)} planted mistakes killed ({rate:.0%})")
    for name in survived:
        print(f"  survived: {name}: {MISTAKES[name]}")
    if base:
        print(f"the reference implementation fails {base} cases without any mistake")
    return 0 if rate >= 0.95 and not base else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
