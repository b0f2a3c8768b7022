"""Audit checks on the figures of a plan's targets.

Counts stated beside a share are checked against the share under the stated comparison words,
and the difference the text implies between a baseline and what remains to build is re-derived.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from vn_drugfree_criteria.auditing.context import AuditContext
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.model.targets import TargetKind, bound_count
from vn_drugfree_criteria.vocab.numbers import format_share

__all__ = ["check_shares", "check_sums"]


def check_shares(ctx: AuditContext) -> Iterator[Finding]:
    """A count stated beside a share ("từ 83% trở lên (45 …)") that does not satisfy it."""
    for t in ctx.plan.targets:
        if t.kind is not TargetKind.SHARE or t.stated_count is None or not t.whole_stated:
            continue
        if t.share is None or t.comparison is None or t.comparison.kind.op is None:
            continue
        whole, stated = t.whole_stated, t.stated_count
        comparison = t.comparison.comparison()
        if comparison.holds(Fraction(stated, whole), t.share):
            continue
        needed = bound_count(t.share * whole, comparison.op)
        actual = format_share(Fraction(stated, whole))
        words = t.comparison.phrase_vi
        op = comparison.op.value
        yield ctx.finding(
            "FIGURE_SHARE_MISMATCH",
            t.source,
            f"Mục tiêu “{words}” ghi kèm {stated}/{whole}, nhưng {stated}/{whole} = {actual}, "
            f"không đạt {op} {format_share(t.share)}; theo chính tỷ lệ này cần {needed}/{whole}.",
            f"The target “{words}” is stated as {stated} of {whole}, but {stated}/{whole} = "
            f"{actual}, not {op} {format_share(t.share)}; by its own share it takes {needed} of "
            f"{whole}.",
            stated=f"{stated} of {whole} ({words})",
            derived=f"{needed} of {whole} ({stated}/{whole} = {actual})",
            stated_vi=f"{stated}/{whole} ({words})",
            derived_vi=f"{needed}/{whole} ({stated}/{whole} = {actual})",
        )


def check_sums(ctx: AuditContext) -> Iterator[Finding]:
    """What remains to build after a baseline: whole - baseline count.

    A baseline "17/72 đạt" in one phase implies that a later phase's share target stated on a
    whole of units to build ("Xây dựng 55 …") has ``72 - 17 = 55`` units.
    """
    targets = ctx.plan.targets
    for base in targets:
        if base.kind is not TargetKind.BASELINE or base.count is None:
            continue
        if base.whole_stated is None or base.when.phase is None:
            continue
        remaining = base.whole_stated - base.count
        for t in targets:
            if t.kind is not TargetKind.SHARE or t.whole_stated is None or t.when.phase is None:
                continue
            if t.when.phase <= base.when.phase or t.whole_stated == remaining:
                continue
            yield ctx.finding(
                "FIGURE_SUM_MISMATCH",
                t.source,
                f"Giai đoạn {base.when.phase} có {base.count}/{base.whole_stated} đạt, nên còn "
                f"{base.whole_stated} - {base.count} = {remaining} cần xây dựng; giai đoạn "
                f"{t.when.phase} ghi {t.whole_stated}.",
                f"Phase {base.when.phase} has {base.count} of {base.whole_stated} meeting the "
                f"criteria, leaving {base.whole_stated} - {base.count} = {remaining} to build; "
                f"phase {t.when.phase} states {t.whole_stated}.",
                stated=str(t.whole_stated),
                derived=f"{base.whole_stated} - {base.count} = {remaining}",
            )


def check_doubtful_targets(ctx: AuditContext) -> Iterator[Finding]:
    """A target encoded as written whose data records why its sense is doubtful."""
    for t in ctx.plan.targets:
        if t.doubt is None:
            continue
        yield ctx.finding(
            "TARGET_SENSE_DOUBTFUL",
            t.source,
            f"Chỉ tiêu {t.label} ({t.id}) được mã hóa đúng như văn bản: “{t.text_vi}”; "
            f"nghĩa của nó đáng ngờ: {t.doubt_vi}",
            f"Target {t.label} ({t.id}) is encoded as written: “{t.text_en}”; its sense is "
            f"doubtful: {t.doubt}",
            stated=t.text_vi,
        )
