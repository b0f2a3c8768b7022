"""The input and output layer: files in, files out.

Tables of areas and series of figures (CSV, JSON), the assessment as CSV, the JSON forms the
command line publishes, the JSON Schemas, and iCalendar output.
"""

from vn_drugfree_criteria.io.export import calendar_to_dict, plan_to_dict
from vn_drugfree_criteria.io.schemas import json_schema, schema_names
from vn_drugfree_criteria.io.series import PeriodFigures, Series, read_series, series_from_rows
from vn_drugfree_criteria.io.tables import (
    Table,
    example_table,
    parse_table,
    read_table,
    table_from_records,
)

__all__ = [
    "PeriodFigures",
    "Series",
    "Table",
    "calendar_to_dict",
    "example_table",
    "json_schema",
    "parse_table",
    "plan_to_dict",
    "read_series",
    "read_table",
    "schema_names",
    "series_from_rows",
    "table_from_records",
]
