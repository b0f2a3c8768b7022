"""Audit checks of validity in time against the 2025 two-level local government reform.

A plan whose period reaches 1 July 2025 (or states no end) is checked for an issuing unit, a
level, unit kinds and a province that the reform ended or merged. Dates and successors come from
the bundled data (``units.toml``, ``facts.toml``), never from code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from vn_drugfree_criteria.auditing.context import AuditContext, vi_date
from vn_drugfree_criteria.auditing.facts import EndedUnit
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.vocab.levels import units
from vn_drugfree_criteria.vocab.text import fold

__all__ = [
    "check_issuer_ended",
    "check_levels_ended",
    "check_province_merged",
]

_ONE_DAY = _dt.timedelta(days=1)


def _ended_unit(ctx: AuditContext) -> EndedUnit | None:
    doc = ctx.plan.document
    for unit in ctx.facts.ended_units:
        same_province = doc.province is None or fold(doc.province) == fold(unit.province)
        if same_province and fold(unit.name_vi) in fold(doc.issuer_vi):
            return unit
    return None


def check_issuer_ended(ctx: AuditContext) -> Iterator[Finding]:
    """The issuing unit's level or kind ended, or the unit itself ended, while the plan runs."""
    doc = ctx.plan.document
    if doc.issuer_level is None:
        return
    info = doc.issuer_level.info
    unit = _ended_unit(ctx)
    last_day = unit.last_day if unit is not None else info.valid_to
    if last_day is None or not ctx.runs_on_or_after(last_day + _ONE_DAY):
        return
    end_vi, end_en = ctx.period_vi_en()
    successors_vi = successors_en = ""
    if unit is not None:
        instrument = ctx.facts.instrument(unit.instrument) if unit.instrument else None
        basis = instrument.citation if instrument is not None else unit.citation
        basis_vi = (
            f" ({instrument.type_vi} số {instrument.number} ngày {vi_date(instrument.date)})"
            if instrument is not None and instrument.date is not None
            else ""
        )
        successors_vi = f"; trở thành {', '.join(unit.successors)}{basis_vi}"
        successors_en = f"; it became {', '.join(unit.successors)} ({basis})"
    yield ctx.finding(
        "REFORM_ISSUER_ENDED",
        doc.source,
        f"Cơ quan ban hành ({doc.issuer_vi}, {info.name_vi}) không còn tồn tại từ "
        f"{vi_date(last_day + _ONE_DAY)}{successors_vi}; {end_vi}. Phần kế hoạch sau ngày "
        "này không còn cơ quan ban hành.",
        f"The issuing body ({doc.issuer_en}, {info.name_en}) ceased to exist after "
        f"{last_day.isoformat()}{successors_en}; {end_en}. The rest of the plan has no issuer.",
        stated=f"{doc.issuer_vi} ({info.level.value} level)",
        stated_vi=f"{doc.issuer_vi} ({info.name_vi})",
        derived_vi=f"không còn từ {vi_date(last_day + _ONE_DAY)}"
        + (f"; nay là {', '.join(unit.successors)}" if unit is not None else ""),
        derived=f"ended {last_day.isoformat()}"
        + (f"; successors: {', '.join(unit.successors)}" if unit is not None else ""),
    )


def check_levels_ended(ctx: AuditContext) -> Iterator[Finding]:
    """The plan assesses areas at a level the reform abolished, past its last day."""
    scope = ctx.plan.scope
    end_vi, end_en = ctx.period_vi_en()
    for level in sorted(scope.levels, key=lambda lv: lv.rank):
        info = level.info
        if info.valid_to is None or not ctx.runs_on_or_after(info.valid_to + _ONE_DAY):
            continue
        yield ctx.finding(
            "REFORM_LEVEL_ENDED",
            scope.source or ctx.plan.document.source,
            f"Kế hoạch áp dụng cho {info.name_vi}, cấp này không còn từ "
            f"{vi_date(info.valid_to + _ONE_DAY)}; {end_vi}.",
            f"The plan applies at the {info.name_en}, which ended on "
            f"{info.valid_to.isoformat()}; {end_en}.",
            stated=level.value,
            derived=f"ended {info.valid_to.isoformat()}",
            stated_vi=info.name_vi,
            derived_vi=f"không còn từ {vi_date(info.valid_to + _ONE_DAY)}",
        )


def check_province_merged(ctx: AuditContext) -> Iterator[Finding]:
    """The plan's province was merged with others while the plan may still apply."""
    name = ctx.plan.document.province
    change = ctx.facts.province(name) if name is not None else None
    if change is None or not change.merged_with or not ctx.runs_on_or_after(change.effective):
        return
    end_vi, end_en = ctx.period_vi_en()
    merged = ", ".join(change.merged_with)
    yield ctx.finding(
        "REFORM_PROVINCE_MERGED",
        ctx.plan.document.source,
        f"Từ {vi_date(change.effective)}, {change.name_vi} hợp nhất với {merged} (tên sau "
        f"hợp nhất: {change.name_after}); {end_vi}. Kế hoạch chỉ bao quát địa bàn "
        f"{change.name_vi} cũ ({units().reform.name_vi}).",
        f"From {change.effective.isoformat()} {change.name_vi} was merged with {merged} (name "
        f"kept: {change.name_after}); {end_en}. The plan covers only the former "
        f"{change.name_vi} ({change.citation}).",
        stated=change.name_vi,
        derived=f"{change.name_after} = {change.name_vi} + {merged}",
    )
