"""Generate the bundled synthetic example for the Lai Châu city plan.

The figures are invented. They reproduce only the plan's own phase-1 baseline: of 72 residential
groups and villages (tổ dân phố, bản), 17 met all 8 criteria at the end of phase 1 (31/3/2024,
source line 48). Ids are neutral (``TDP-01``, ``BAN-01``; parents ``PHUONG-01``, ``XA-01``), not
real place names. Every criterion fails somewhere, several pass vacuously (no addicts, no one in
substitution treatment), and the commune ``XA-02`` has only drug-free villages, so a roll-up shows
both a drug-free and a not-drug-free parent.

Usage::

    python tools/make_example.py > src/vn_drugfree_criteria/data/examples/lai-chau-city-2024.csv

The output is deterministic (no random module, no clock); a test checks the bundled file matches.
"""

from __future__ import annotations

import csv
import io
import sys

AS_OF = "2024-03-31"
NOTE = "synthetic data (dữ liệu giả lập), not real figures"
# (parent id, level of the parent's children, prefix of their ids, number of children, drug-free)
PARENTS = (
    ("PHUONG-01", "tổ dân phố", "TDP", 12, 2),
    ("PHUONG-02", "tổ dân phố", "TDP", 12, 2),
    ("PHUONG-03", "tổ dân phố", "TDP", 11, 2),
    ("PHUONG-04", "tổ dân phố", "TDP", 11, 2),
    ("PHUONG-05", "tổ dân phố", "TDP", 10, 1),
    ("XA-01", "bản", "BAN", 10, 2),
    ("XA-02", "bản", "BAN", 6, 6),
)
INDICATORS = (
    "hotspots",
    "complex_points",
    "retail_sellers",
    "use_venues",
    "offenders_resident_3m",
    "offender_groups",
    "offender_rings",
    "addicts",
    "addicts_with_dossier",
    "addicts_present",
    "addicts_present_with_treatment_dossier",
    "post_rehab",
    "post_rehab_with_dossier",
    "users_present",
    "users_present_with_dossier",
    "substitution_over_12m",
    "substitution_over_12m_compliant",
    "households",
    "households_committed",
    "subunits",
    "subunits_with_hotline_board",
    "effective_models",
    "cultivation_sites",
)
COLUMNS = ("id", "level", "parent_id", "as_of", *INDICATORS, "note")


def _compliant(k: int) -> dict[str, int]:
    """Counts of a village that meets all 8 criteria; ``k`` varies the figures."""
    addicts = k % 4  # 0 for every fourth village: criterion 3 then holds vacuously
    present = addicts - (1 if addicts >= 2 else 0)
    post_rehab = (k * 7) % 3
    users = (k * 5) % 3
    substitution = 1 if k % 5 == 1 else 0  # mostly 0: criterion 4 then holds vacuously
    households = 40 + (k * 37) % 140
    counts = dict.fromkeys(INDICATORS, 0)
    counts.update(
        addicts=addicts,
        addicts_with_dossier=addicts,
        addicts_present=present,
        addicts_present_with_treatment_dossier=present,
        post_rehab=post_rehab,
        post_rehab_with_dossier=post_rehab,
        users_present=users,
        users_present_with_dossier=users,
        substitution_over_12m=substitution,
        substitution_over_12m_compliant=substitution,
        households=households,
        households_committed=households,
        subunits=1,
        subunits_with_hotline_board=1,
        effective_models=1 + k % 2,
    )
    return counts


def _break(counts: dict[str, int], criterion: int, k: int) -> None:
    """Make ``counts`` fail criterion ``criterion`` (1-8) of the plan."""
    if criterion == 1:
        counts[("hotspots", "complex_points", "retail_sellers", "use_venues")[k % 4]] = 1
    elif criterion == 2:
        counts[("offenders_resident_3m", "offender_groups", "offender_rings")[k % 3]] = 1 + k % 2
    elif criterion == 3:
        counts.update(addicts=3, addicts_present=2, post_rehab=1, post_rehab_with_dossier=1)
        counts.update(addicts_with_dossier=2 if k % 2 else 3)
        counts.update(addicts_present_with_treatment_dossier=2 if k % 2 else 1)
    elif criterion == 4:
        counts.update(substitution_over_12m=2 + k % 3, substitution_over_12m_compliant=1)
    elif criterion == 5:
        counts.update(users_present=2 + k % 2, users_present_with_dossier=1)
    elif criterion == 6:
        if k % 3:
            counts["households_committed"] = counts["households"] - (1 + k % 5)
        else:
            counts["subunits_with_hotline_board"] = 0
    elif criterion == 7:
        counts["effective_models"] = 0
    else:
        counts["cultivation_sites"] = 1


def rows() -> list[dict[str, str]]:
    """The 72 rows of the example, in order."""
    out: list[dict[str, str]] = []
    numbers = {"TDP": 0, "BAN": 0}
    failing = 0
    for parent, level, prefix, size, free in PARENTS:
        for position in range(size):
            numbers[prefix] += 1
            k = len(out)
            counts = _compliant(k)
            if position >= free:  # the first `free` children of each parent are drug-free
                _break(counts, 1 + failing % 8, k)
                if failing % 3 == 2:  # every third failing village misses a second criterion
                    _break(counts, 1 + (failing + 3) % 8, k + 1)
                failing += 1
            row = {
                "id": f"{prefix}-{numbers[prefix]:02d}",
                "level": level,
                "parent_id": parent,
                "as_of": AS_OF,
            }
            row.update({name: str(counts[name]) for name in INDICATORS})
            row["note"] = NOTE
            out.append(row)
    return out


def render() -> str:
    """The example as CSV text (UTF-8, one line feed after each row)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buffer.getvalue()


if __name__ == "__main__":
    sys.stdout.buffer.write(render().encode("utf-8"))
