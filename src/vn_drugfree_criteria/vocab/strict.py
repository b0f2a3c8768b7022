"""A strict reader for the library's TOML data files.

Every value is read through :class:`TomlTable`, which checks its type and remembers which keys were
read; :meth:`TomlTable.finish` then rejects any key nobody asked for. Errors name the file, the dotted
key path and the problem (:class:`~vn_drugfree_criteria.DataFileError`).
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.vocab.numbers import parse_share

__all__ = ["MAX_YEAR", "MIN_YEAR", "TomlTable", "load_toml_text"]

MIN_YEAR = 1900
"""The earliest year a data file may name (in a date or as a year)."""
MAX_YEAR = 2100
"""The latest year a data file may name: later years are typing errors, not plans."""


def load_toml_text(name: str, text: str) -> TomlTable:
    """Parse TOML text into a :class:`TomlTable`; syntax errors and duplicate keys become errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(name, "(file)", f"not valid TOML: {exc}") from None
    return TomlTable(name, "", data)


class TomlTable:
    """One TOML table being read strictly."""

    def __init__(self, file: str, path: str, data: Mapping[str, Any]) -> None:
        self.file = file
        self.path = path
        self._data = data
        self._seen: set[str] = set()

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> DataFileError:
        """Build an error about ``key`` of this table."""
        return DataFileError(self.file, self._key(key), problem)

    def has(self, key: str) -> bool:
        """Whether the key is present."""
        return key in self._data

    def _get(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self._data:
            if required:
                raise self.error(key, "missing required key")
            return None
        return self._data[key]

    def text(self, key: str) -> str:
        """A required, non-empty string."""
        value = self._get(key, True)
        if not isinstance(value, str):
            raise self.error(key, f"expected a string, got {type(value).__name__}")
        if not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def opt_text(self, key: str) -> str | None:
        """An optional, non-empty string."""
        if key not in self._data:
            self._seen.add(key)
            return None
        return self.text(key)

    def integer(self, key: str, *, minimum: int | None = None) -> int:
        """A required integer, optionally bounded below."""
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected an integer, got {type(value).__name__}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {value}")
        return value

    def opt_integer(self, key: str, *, minimum: int | None = None) -> int | None:
        """An optional integer."""
        if key not in self._data:
            self._seen.add(key)
            return None
        return self.integer(key, minimum=minimum)

    def flag(self, key: str, default: bool) -> bool:
        """An optional boolean with a default."""
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {type(value).__name__}")
        return value

    def fraction(self, key: str) -> Fraction:
        """A required exact number written as a string: ``"83%"``, ``"1/3"`` or ``"5"``."""
        value = self._get(key, True)
        if not isinstance(value, str):
            raise self.error(key, 'expected an exact number as a string such as "83%" or "1/2"')
        try:
            return parse_share(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def opt_date(self, key: str) -> _dt.date | None:
        """An optional TOML local date (``2025-07-01``)."""
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
            raise self.error(key, f"expected a date such as 2025-07-01, got {value!r}")
        self.check_year(key, value.year)
        return value

    def check_year(self, key: str, year: int) -> int:
        """``year`` when it lies in the years a data file may name, else an error about ``key``."""
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise self.error(key, f"the year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
        return year

    def year(self, key: str) -> int:
        """A required year between :data:`MIN_YEAR` and :data:`MAX_YEAR`."""
        return self.check_year(key, self.integer(key))

    def opt_year(self, key: str) -> int | None:
        """An optional year between :data:`MIN_YEAR` and :data:`MAX_YEAR`."""
        value = self.opt_integer(key)
        return None if value is None else self.check_year(key, value)

    def date(self, key: str) -> _dt.date:
        """A required TOML local date."""
        value = self.opt_date(key)
        if value is None:
            raise self.error(key, "missing required key")
        return value

    def text_list(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (empty tuple when absent and not required)."""
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(key, "expected a list of non-empty strings")
        if required and not value:
            raise self.error(key, "must not be empty")
        return tuple(value)

    def table(self, key: str) -> TomlTable:
        """A required sub-table."""
        value = self._get(key, True)
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        return TomlTable(self.file, self._key(key), value)

    def opt_table(self, key: str) -> TomlTable | None:
        """An optional sub-table."""
        if key not in self._data:
            self._seen.add(key)
            return None
        return self.table(key)

    def tables(self, key: str, *, required: bool = False) -> list[TomlTable]:
        """An array of tables (empty when absent and not required)."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, "expected an array of tables")
        if required and not value:
            raise self.error(key, "must not be empty")
        return [TomlTable(self.file, f"{self._key(key)}[{i}]", v) for i, v in enumerate(value)]

    def finish(self) -> None:
        """Reject any key that was not read."""
        unknown = sorted(set(self._data) - self._seen)
        if unknown:
            raise self.error(unknown[0], "unknown key")
