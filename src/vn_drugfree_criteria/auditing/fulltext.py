"""Audit checks that read the whole source text: kinds, levels, units and concepts that ended.

Every line of the source is read, not only the parts a plan encodes. A name that ended while the
plan still applies is a warning; one that ended only after the plan's period is noted (``info``):
the text applied as written, and a reader today needs to know the name is gone. Dates,
successors and the instruments that ended them come from the bundled data (``units.toml``,
``facts.toml``), never from code.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterator, Sequence

from vn_drugfree_criteria.auditing.context import AuditContext, vi_date
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.auditing.wording import (
    Stream,
    kind_mentions,
    level_mentions,
    phrase_lines,
)
from vn_drugfree_criteria.model.rules import SourceRef
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.text import fold

__all__ = ["check_concepts_ended", "check_kinds_ended", "check_units_ended", "source_texts"]

_ONE_DAY = _dt.timedelta(days=1)


def source_texts(ctx: AuditContext) -> Iterator[tuple[Sequence[str], SourceRef | None]]:
    """The text to read: the whole source, else (no source at hand) each text the plan encodes."""
    if ctx.lines is not None:
        yield ctx.lines, None
        return
    plan = ctx.plan
    yield [plan.document.title_vi], plan.document.source
    if plan.scope.text_vi is not None:
        yield [plan.scope.text_vi], plan.scope.source
    for c in plan.criteria:
        yield [c.text_vi], c.source
    for t in plan.targets:
        yield [t.text_vi], t.source


def _where(ctx: AuditContext, line: int, fallback: SourceRef | None) -> SourceRef | None:
    return ctx.at_line(line) if ctx.lines is not None else fallback


def _after_plan(
    ctx: AuditContext,
    source: SourceRef | None,
    written: str,
    name: tuple[str, str],
    last: _dt.date,
    times: int = 1,
) -> Finding:
    """``name`` ended after the plan's period: the text applied as written (``info``)."""
    end = ctx.end
    assert end is not None
    name_vi, name_en = name
    words = "" if fold(written) == fold(name_vi) else f"“{written}”: "
    return ctx.finding(
        "ENDED_AFTER_PLAN",
        source,
        f"Văn bản nêu {words}{name_vi} ({times} lần), chỉ không còn từ "
        f"{vi_date(last + _ONE_DAY)}, sau khi kế hoạch kết thúc ({vi_date(end)}): khi thực "
        "hiện, văn bản áp dụng đúng như viết; người đọc hiện nay cần biết tên này không còn.",
        f"The text names {words}{name_vi} ({name_en}, {times}×), which ended only on "
        f"{last.isoformat()}, after the plan's period ({end.isoformat()}): the text applied as "
        "written; a reader today needs to know the name is gone.",
        stated=f"{name_vi} ×{times}",
        derived=f"ended {last.isoformat()}",
        derived_vi=f"không còn từ {vi_date(last + _ONE_DAY)}",
    )


def check_kinds_ended(ctx: AuditContext) -> Iterator[Finding]:
    """Each line naming a unit kind or a level that ended, each kind once with its count."""
    ended_levels = [lv for lv in Level if lv.info.valid_to is not None]
    end_vi, end_en = ctx.period_vi_en()
    for lines, fallback in source_texts(ctx):
        for lm in level_mentions(lines, ended_levels):
            info = lm.level.info
            assert info.valid_to is not None
            where = _where(ctx, lm.line, fallback)
            if not ctx.applies_after(info.valid_to):
                yield _after_plan(
                    ctx, where, lm.written, (info.name_vi, info.name_en), info.valid_to
                )
                continue
            yield ctx.finding(
                "REFORM_LEVEL_ENDED",
                where,
                f"Văn bản nêu “{lm.written}”: {info.name_vi} không còn từ "
                f"{vi_date(info.valid_to + _ONE_DAY)}; {end_vi}.",
                f"The text names “{lm.written}”: the {info.name_en} ended on "
                f"{info.valid_to.isoformat()}; {end_en}.",
                stated=lm.written,
                derived=f"ended {info.valid_to.isoformat()}",
                derived_vi=f"không còn từ {vi_date(info.valid_to + _ONE_DAY)}",
            )
        mentions = kind_mentions(lines)
        counts = Counter((m.line, m.kind.id) for m in mentions)
        seen: set[tuple[int, str]] = set()
        for m in mentions:
            key = (m.line, m.kind.id)
            if key in seen:
                continue
            seen.add(key)
            last = m.kind.valid_to
            assert last is not None
            where = _where(ctx, m.line, fallback)
            times = counts[key]
            if not ctx.applies_after(last):
                name = (m.kind.name_vi, m.kind.name_en)
                yield _after_plan(ctx, where, m.written, name, last, times)
                continue
            level = m.kind.level.info
            words = "" if fold(m.written) == fold(m.kind.name_vi) else f"“{m.written}”: "
            yield ctx.finding(
                "REFORM_KIND_ENDED",
                where,
                f"Văn bản nêu {words}{m.kind.name_vi} ({level.name_vi}, {times} lần); loại "
                f"đơn vị này không còn từ {vi_date(last + _ONE_DAY)}; {end_vi}.",
                f"The text names {words}{m.kind.name_vi} ({m.kind.name_en}, {level.name_en}, "
                f"{times}×), a kind that ended on {last.isoformat()}; {end_en}.",
                stated=f"{m.kind.name_vi} ×{times}",
                derived=f"ended {last.isoformat()}",
                derived_vi=f"không còn từ {vi_date(last + _ONE_DAY)}",
            )


def check_units_ended(ctx: AuditContext) -> Iterator[Finding]:
    """Each line naming a unit that ceased to exist, with the instrument and its successors.

    The issuer's own lines are left to ``REFORM_ISSUER_ENDED``.
    """
    doc = ctx.plan.document
    issuer_lines: set[int] = set()
    if doc.source is not None:
        issuer_lines = set(range(doc.source.line, (doc.source.end_line or doc.source.line) + 1))
    end_vi, end_en = ctx.period_vi_en()
    for unit in ctx.facts.ended_units:
        if doc.province is not None and fold(doc.province) != fold(unit.province):
            continue
        instrument = ctx.facts.instrument(unit.instrument) if unit.instrument else None
        basis_vi = (
            f"{instrument.type_vi} số {instrument.number}"
            + (f" ngày {vi_date(instrument.date)}" if instrument.date else "")
            if instrument is not None
            else unit.citation
        )
        for lines, fallback in source_texts(ctx):
            for line, written in phrase_lines(Stream.of(lines), [unit.name_vi]):
                if ctx.lines is not None and line in issuer_lines:
                    continue
                where = _where(ctx, line, fallback)
                if not ctx.applies_after(unit.last_day):
                    name = (unit.name_vi, unit.kind)
                    yield _after_plan(ctx, where, written, name, unit.last_day)
                    continue
                successors = ", ".join(unit.successors)
                yield ctx.finding(
                    "REFORM_UNIT_ENDED",
                    where,
                    f"Văn bản nêu “{written}”; {unit.name_vi} không còn từ "
                    f"{vi_date(unit.last_day + _ONE_DAY)} ({basis_vi}); địa bàn nay thuộc "
                    f"{successors}; {end_vi}.",
                    f"The text names “{written}”; {unit.name_vi} ceased to exist after "
                    f"{unit.last_day.isoformat()} ({unit.citation}); its area now lies in "
                    f"{successors}; {end_en}.",
                    stated=unit.name_vi,
                    derived=f"ended {unit.last_day.isoformat()}; successors: {successors}",
                    derived_vi=f"không còn từ {vi_date(unit.last_day + _ONE_DAY)}; nay thuộc "
                    f"{successors}",
                )


def check_concepts_ended(ctx: AuditContext) -> Iterator[Finding]:
    """Each line relying on a legal concept the law ended before the plan's end."""
    issued = ctx.plan.document.issued
    end_vi, end_en = ctx.period_vi_en()
    for concept in ctx.facts.ended_concepts:
        if not ctx.applies_after(concept.last_day):
            continue
        after_issue = issued is not None and issued.year > concept.last_day.year
        when_vi = "trước khi kế hoạch được ban hành" if after_issue else end_vi
        when_en = "before the plan was issued" if after_issue else end_en
        for lines, fallback in source_texts(ctx):
            for line, written in phrase_lines(Stream.of(lines), concept.forms):
                yield ctx.finding(
                    "CONCEPT_ENDED",
                    _where(ctx, line, fallback),
                    f"Văn bản dựa vào “{written}”, đã hết hiệu lực sau "
                    f"{vi_date(concept.last_day)} ({when_vi}): {concept.about_vi}.",
                    f"The text relies on “{written}”, which ceased to apply after "
                    f"{concept.last_day.isoformat()} ({when_en}): {concept.about_en} "
                    f"({concept.citation}).",
                    stated=written,
                    derived=f"ended {concept.last_day.isoformat()}",
                    derived_vi=f"hết hiệu lực sau {vi_date(concept.last_day)}",
                )
