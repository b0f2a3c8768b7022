"""Fuzz the CSV table reader, the assessment and the CSV and JSON writers.

python fuzz/fuzz_table_csv.py fuzz/corpus/table_csv -max_len=4096
"""

from __future__ import annotations

import io
import json

from common import fuzz
from vn_drugfree_criteria import assess_table, parse_table
from vn_drugfree_criteria.io.csvout import csv_rows, write_csv

PLAN = "lai-chau-city-2024"


def one_input(data: bytes) -> None:
    """Read ``data`` as a CSV table; assess it with its roll-up; write every output form."""
    table = parse_table(PLAN, data, source="<fuzz>", format="csv")
    result = assess_table(PLAN, table, with_rollup=True)
    write_csv(csv_rows(result), io.StringIO())
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


if __name__ == "__main__":
    fuzz(one_input)
