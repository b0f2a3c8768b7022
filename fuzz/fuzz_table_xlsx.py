"""Fuzz the Excel workbook reader: the worksheet XML inside a well-formed workbook.

python fuzz/fuzz_table_xlsx.py fuzz/corpus/table_xlsx -max_len=8192 -timeout=10

Mutating a whole ``.xlsx`` mostly breaks the zip archive's checksums, which the reader refuses
at once; so the fuzzed bytes are the worksheet part (``xl/worksheets/sheet1.xml``) of an
otherwise valid workbook (built by :func:`workbook_with_sheet`), read by ``parse_table``, then
assessed and written as CSV and as a workbook.
"""

from __future__ import annotations

import io
import zipfile

from common import fuzz
from vn_drugfree_criteria import assess_table, parse_table
from vn_drugfree_criteria.io.csvout import csv_rows
from vn_drugfree_criteria.io.xlsxout import numbers_as_numbers, write_xlsx, xlsx_bytes

PLAN = "lai-chau-city-2024"
SHEET = "xl/worksheets/sheet1.xml"
_SKELETON = xlsx_bytes([["id"], ["A"]])


def workbook_with_sheet(sheet: bytes) -> bytes:
    """A workbook whose only worksheet part is ``sheet``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_SKELETON)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, sheet if info.filename == SHEET else src.read(info))
    return out.getvalue()


def one_input(data: bytes) -> None:
    """Read ``data`` as the sheet of a workbook; assess it; write the CSV form as a workbook."""
    table = parse_table(PLAN, workbook_with_sheet(data), source="<fuzz>", format="xlsx")
    result = assess_table(PLAN, table, with_rollup=True)
    write_xlsx(numbers_as_numbers(table.columns, csv_rows(result)), io.BytesIO())


if __name__ == "__main__":
    fuzz(one_input)
