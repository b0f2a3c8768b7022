"""What every audit check sees: the plan, its source text, the other plans and the facts."""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Iterable

import attrs

from vn_drugfree_criteria.auditing.facts import Facts
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.auditing.outline import list_items
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.dates import PartialDate, Precision, date_words
from vn_drugfree_criteria.vocab.levels import units

__all__ = ["AuditContext", "Check", "earliest", "latest", "vi_date"]


def earliest(value: PartialDate) -> _dt.date:
    """The first day a partial date can stand for (``2024-04`` → 1 April 2024)."""
    return _dt.date(value.year, value.month or 1, value.day or 1)


def latest(value: PartialDate) -> _dt.date:
    """The last day a partial date can stand for (``2024-04`` → 30 April 2024)."""
    if value.precision is Precision.DAY:
        return earliest(value)
    month = value.month or 12
    return _dt.date(value.year, month, calendar.monthrange(value.year, month)[1])


def vi_date(day: _dt.date) -> str:
    """A date in Vietnamese text (``31/08/2021``): :func:`~vn_drugfree_criteria.vocab.dates.date_words`."""
    return date_words(day, "vi")


@attrs.frozen
class AuditContext:
    """The inputs of one audit run.

    Attributes:
        plan: The plan audited (never changed).
        lines: Its source text as lines, or ``None`` when not at hand.
        others: The other encoded plans, for cross-document comparison.
        facts: The reference facts.
    """

    plan: Plan
    lines: tuple[str, ...] | None
    others: tuple[Plan, ...]
    facts: Facts

    @property
    def reform_day(self) -> _dt.date:
        """The day the two-level local government took effect."""
        return units().reform.effective

    @property
    def start(self) -> _dt.date | None:
        """The first day of the plan's period, or its issue date, when known."""
        if self.plan.scope.valid_from is not None:
            return self.plan.scope.valid_from
        issued = self.plan.document.issued
        return earliest(issued) if issued is not None else None

    @property
    def end(self) -> _dt.date | None:
        """The last day of the plan's period (its scope, else its last phase).

        ``None`` when the plan states no end.
        """
        if self.plan.scope.valid_to is not None:
            return self.plan.scope.valid_to
        span = self.plan.calendar.span
        return span[1] if span is not None else None

    def runs_on_or_after(self, day: _dt.date) -> bool:
        """Whether the plan's period reaches ``day`` (a plan with no stated end does)."""
        return self.end is None or self.end >= day

    def period_vi_en(self) -> tuple[str, str]:
        """The plan's end in words, Vietnamese and English."""
        if self.end is None:
            return "kế hoạch không nêu thời điểm kết thúc", "the plan states no end date"
        return (
            f"kế hoạch thực hiện đến {vi_date(self.end)}",
            f"the plan runs to {self.end.isoformat()}",
        )

    def locate(self, text: str | None, default: SourceRef | None) -> SourceRef | None:
        """The line of the source that contains ``text``, within ``default``'s span if possible.

        Falls back to ``default`` when the text is not found.
        """
        if text is None or self.lines is None or default is None:
            return default
        last = default.end_line or default.line
        candidates = [*range(default.line, last + 1), *range(1, len(self.lines) + 1)]
        for number in candidates:
            if 1 <= number <= len(self.lines) and text in self.lines[number - 1]:
                return SourceRef(default.file, number, None, default.section)
        return default

    def at(self, line: int, section: str | None = None) -> SourceRef:
        """A pointer to ``line`` of this plan's source text."""
        return SourceRef(self.plan.source_file or self.plan.id, line, None, section)

    def at_line(self, line: int) -> SourceRef:
        """A pointer to ``line``, with the numbered section of the text it stands in."""
        section = None
        for item in list_items(self.lines or ()):
            if item.line > line:
                break
            section = item.section
        return self.at(line, section)

    def applies_after(self, last_day: _dt.date) -> bool:
        """Whether the plan still applies on the day after ``last_day``."""
        return self.runs_on_or_after(last_day + _dt.timedelta(days=1))

    def finding(
        self,
        code: str,
        source: SourceRef | None,
        vi: str,
        en: str,
        *,
        stated: str | None = None,
        derived: str | None = None,
        stated_vi: str | None = None,
        derived_vi: str | None = None,
    ) -> Finding:
        """Build a finding about this plan.

        ``stated``/``derived`` are in English or in no language; ``stated_vi``/``derived_vi``
        give their Vietnamese when the words differ.
        """
        doc = self.plan.document
        where = str(source) if source is not None else (doc.citation or self.plan.id)
        return Finding(
            plan=self.plan.id,
            code=code,
            message_vi=vi,
            message_en=en,
            stated=stated,
            derived=derived,
            source=source,
            where=where,
            stated_vi=stated_vi,
            derived_vi=derived_vi,
        )


Check = Callable[[AuditContext], Iterable[Finding]]
