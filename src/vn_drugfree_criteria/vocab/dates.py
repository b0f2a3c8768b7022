"""Dates as the documents state them, with their precision kept."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

__all__ = ["PartialDate", "Precision", "date_words", "iso", "parse_iso_date"]


class Precision(enum.Enum):
    """How much of a date a document states."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def _month_ok(inst: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month must be 1..12, got {value}")


@attrs.frozen(order=False)
class PartialDate:
    """A date known to a year, a month or a day; unknown parts stay ``None``.

    A plan dated only "tháng 4 năm 2024" is ``PartialDate(2024, 4)``: no day is invented.

    >>> PartialDate(2024, 4)
    PartialDate('2024-04')
    >>> PartialDate(2024, 4).precision.value
    'month'
    >>> PartialDate(2023, 11, 13).to_date()
    datetime.date(2023, 11, 13)
    """

    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    month: int | None = attrs.field(default=None, validator=_month_ok)
    day: int | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            _dt.date(self.year, self.month, self.day)  # raises on an impossible day

    @property
    def precision(self) -> Precision:
        """The finest part of the date that is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def to_date(self) -> _dt.date | None:
        """The exact date, or ``None`` when the day or month is unknown."""
        if self.month is None or self.day is None:
            return None
        return _dt.date(self.year, self.month, self.day)

    def isoformat(self) -> str:
        """ISO 8601 with reduced precision: ``2024``, ``2024-04`` or ``2024-04-09``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def vietnamese(self) -> str:
        """The date in a Vietnamese sentence: ``ngày 09/04/2024``, ``tháng 04/2024``, ``năm 2024``.

        The numbers are written by :func:`date_words`, the one form of a date in Vietnamese text.
        """
        word = {Precision.DAY: "ngày", Precision.MONTH: "tháng", Precision.YEAR: "năm"}
        return f"{word[self.precision]} {date_words(self, 'vi')}"

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __str__(self) -> str:
        return self.isoformat()


def iso(value: _dt.date | PartialDate | None) -> str | None:
    """A date as ISO text at its own precision, ``None`` kept (the JSON form of every date).

    >>> iso(PartialDate(2024, 4)), iso(_dt.date(2024, 4, 9)), iso(None)
    ('2024-04', '2024-04-09', None)
    """
    return None if value is None else value.isoformat()


def parse_iso_date(text: str) -> _dt.date:
    """Parse a strict ISO date ``YYYY-MM-DD``.

    Raises:
        ValueError: The text is not an ISO calendar date.
    """
    value = text.strip()
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD)")
    return _dt.date.fromisoformat(value)


def date_words(value: _dt.date | PartialDate | str, lang: str) -> str:
    """A date as the text output writes it: ``01/05/2024`` in Vietnamese, ISO in English.

    The one place that writes a date into a sentence or a table of the text output. Vietnamese
    text gives day/month/year with two-digit day and month (``01/05/2024``; ``04/2024`` for a
    month, ``2024`` for a year); English text, like JSON, gives ISO 8601 at the date's
    precision. ``value`` may be an ISO string at any precision, as the JSON forms carry it.

    >>> date_words("2024-05-01", "vi"), date_words(PartialDate(2024, 4), "vi")
    ('01/05/2024', '04/2024')
    >>> date_words(_dt.date(2024, 5, 1), "en"), date_words("2024", "vi")
    ('2024-05-01', '2024')
    """
    text = value if isinstance(value, str) else value.isoformat()
    if lang != "vi":
        return text
    return "/".join(reversed(text.split("-")))
