"""Audit checks on the documents a plan cites.

Dates are compared with the recorded facts and the other plans; citations dated after the plan,
and instruments replaced or followed by newer national ones, are reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from vn_drugfree_criteria.auditing.context import AuditContext, earliest, latest, vi_date
from vn_drugfree_criteria.auditing.facts import Instrument
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.model.plan import Plan, Reference
from vn_drugfree_criteria.vocab.dates import PartialDate
from vn_drugfree_criteria.vocab.text import fold

__all__ = [
    "check_national_newer",
    "check_reference_after_issue",
    "check_reference_dates",
    "check_superseded",
]


def _key(number: str) -> str:
    return fold(number).replace(" ", "")


def _agrees(stated: PartialDate, fact: PartialDate) -> bool:
    """Whether two dates can be the same day at the precision both state."""
    return earliest(stated) <= latest(fact) and earliest(fact) <= latest(stated)


def _fact_for(ctx: AuditContext, ref: Reference) -> Instrument | None:
    if ref.number is not None:
        for inst in ctx.facts.instruments:
            if _key(inst.number) == _key(ref.number):
                return inst
        return None
    if ref.name_vi is not None and ref.date is not None:
        return ctx.facts.by_name(ref.name_vi, ref.date.year)
    return None


def _citations(plans: tuple[Plan, ...], number: str) -> list[tuple[Plan, Reference]]:
    return [
        (p, r)
        for p in plans
        for r in p.references
        if r.number is not None and r.date is not None and _key(r.number) == _key(number)
    ]


def check_reference_dates(ctx: AuditContext) -> Iterator[Finding]:
    """A cited document's date against the recorded facts, else against the other plans."""
    for ref in ctx.plan.references:
        if ref.date is None or ref.number is None:
            continue
        fact = _fact_for(ctx, ref)
        others = [
            (p, r) for p, r in _citations((ctx.plan, *ctx.others), ref.number) if r is not ref
        ]
        if fact is not None and fact.date is not None:
            fact_date = PartialDate(fact.date.year, fact.date.month, fact.date.day)
            if _agrees(ref.date, fact_date):
                continue
            backing = [
                f"{p.id} ({r.source})"
                for p, r in others
                if r.date is not None
                and _agrees(r.date, fact_date)
                and not any(str(r.source).startswith(c) for c in fact.corroborated_by)
            ]
            also = "; ".join([*fact.corroborated_by, *backing])
            yield ctx.finding(
                "DATE_REFERENCE_CONFLICT",
                ref.source,
                f"{ref.type_vi} số {ref.number} được ghi {ref.date.vietnamese()}, nhưng "
                f"văn bản này ngày {vi_date(fact.date)} ({fact.type_vi} số {fact.number} ngày "
                f"{vi_date(fact.date)}" + (f"; cũng ghi như vậy: {also}" if also else "") + ").",
                f"{ref.number} is cited as dated {ref.date.isoformat()}, but it is "
                f"dated {fact.date.isoformat()} ({fact.citation}"
                + (f"; stated so also in {also}" if also else "")
                + ").",
                stated=ref.date.isoformat(),
                derived=fact.date.isoformat(),
            )
            continue
        for plan, other in others:
            assert other.date is not None
            if _agrees(ref.date, other.date):
                continue
            yield ctx.finding(
                "DATE_REFERENCE_DISAGREEMENT",
                ref.source,
                f"{ref.type_vi} số {ref.number} được ghi {ref.date.vietnamese()} ở đây, "
                f"nhưng {other.date.vietnamese()} trong {plan.id} ({other.source}); chưa có "
                "dữ kiện nào xác định ngày đúng.",
                f"{ref.number} is dated {ref.date.isoformat()} here but "
                f"{other.date.isoformat()} in {plan.id} ({other.source}); no recorded fact "
                "decides which is right.",
                stated=ref.date.isoformat(),
                derived=other.date.isoformat(),
            )


def check_reference_after_issue(ctx: AuditContext) -> Iterator[Finding]:
    """A citation dated after the citing plan's own (latest possible) issue date."""
    issued = ctx.plan.document.issued
    if issued is None:
        return
    for ref in ctx.plan.references:
        if ref.date is None or earliest(ref.date) <= latest(issued):
            continue
        yield ctx.finding(
            "REFERENCE_AFTER_ISSUE",
            ref.source,
            f"{ref.type_vi} {ref.label} ghi {ref.date.vietnamese()}, sau ngày ban hành "
            f"kế hoạch ({issued.vietnamese()}).",
            f"{ref.label} is dated {ref.date.isoformat()}, after the plan itself "
            f"was issued ({issued.isoformat()}).",
            stated=ref.date.isoformat(),
            derived=f"≤ {latest(issued).isoformat()}",
        )


def check_superseded(ctx: AuditContext) -> Iterator[Finding]:
    """A cited instrument that ends, or is replaced, while the plan may still apply."""
    end_vi, end_en = ctx.period_vi_en()
    for ref in ctx.plan.references:
        fact = _fact_for(ctx, ref)
        if fact is None or fact.valid_to is None:
            continue
        if not ctx.runs_on_or_after(fact.valid_to):
            continue
        successor = ctx.facts.instrument(fact.replaced_by) if fact.replaced_by else None
        after = successor.number if successor else "—"
        start = successor.valid_from if successor and successor.valid_from else fact.valid_to
        yield ctx.finding(
            "REFERENCE_SUPERSEDED",
            ref.source,
            f"Kế hoạch viện dẫn “{ref.label}” ({fact.type_vi} {fact.number}); văn bản này "
            f"hết hiệu lực sau {vi_date(fact.valid_to)}"
            + (
                f", được thay thế bởi {successor.type_vi} {after} từ {vi_date(start)}"
                if successor
                else ""
            )
            + f"; {end_vi}.",
            f"The plan cites “{ref.label}” ({fact.number}), which ceases to apply after "
            f"{fact.valid_to.isoformat()}"
            + (f" and is replaced by {after} from {start.isoformat()}" if successor else "")
            + f" ({fact.citation}); {end_en}.",
            stated=fact.number,
            derived=after if successor else None,
        )


def _is_subject(plan: Plan, subject: str | None) -> bool:
    return subject in ("criteria", "targets") and bool(plan.criteria)


def check_national_newer(ctx: AuditContext) -> Iterator[Finding]:
    """A national instrument on the plan's subject issued during the plan's period."""
    issued = ctx.plan.document.issued
    start = latest(issued) if issued is not None else ctx.start
    for inst in ctx.facts.instruments:
        begins = inst.valid_from
        if begins is None or not _is_subject(ctx.plan, inst.subject):
            continue
        if (start is not None and begins <= start) or not ctx.runs_on_or_after(begins):
            continue
        yield ctx.finding(
            "NATIONAL_INSTRUMENT_NEWER",
            ctx.plan.document.source,
            f"{inst.type_vi} {inst.number} ({vi_date(begins)}) ra đời trong thời gian thực hiện "
            f"kế hoạch: {inst.about_vi}. Kế hoạch được ban hành trước văn bản này.",
            f"{inst.number} (from {begins.isoformat()}) appeared during the "
            f"plan's period: {inst.about_en}. The plan predates it.",
            derived=inst.number,
        )
