"""Audit checks on the document itself: metadata, numbering, truncation, typos.

References:
    Vietnamese lettered lists follow the alphabet ``a b c d đ e g h i k …`` (no ``f``); see
    :mod:`vn_drugfree_criteria.auditing.outline`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vn_drugfree_criteria.auditing.context import AuditContext
from vn_drugfree_criteria.auditing.findings import Finding
from vn_drugfree_criteria.auditing.outline import (
    elision_marks,
    inline_problems,
    numbering_problems,
    truncation_marks,
)
from vn_drugfree_criteria.auditing.wording import repeated_words
from vn_drugfree_criteria.vocab.dates import Precision
from vn_drugfree_criteria.vocab.levels import Level

__all__ = [
    "check_metadata",
    "check_numbering",
    "check_source_form",
    "check_stutters",
    "check_truncation",
]

_BLANK_DAY = re.compile(r"ngày\s+tháng", re.IGNORECASE)


# Long: one bilingual finding per metadata fact (number, issue date, its day, its year,
# province), in the order the audit reports them; each case is a few lines.
def check_metadata(ctx: AuditContext) -> Iterator[Finding]:
    """Blank, unstated and inferred metadata: number, issue date and its day, province."""
    doc = ctx.plan.document
    if doc.number is None:
        where = ctx.locate(doc.number_as_written, doc.source)
        if doc.number_as_written is not None:
            yield ctx.finding(
                "METADATA_BLANK",
                where,
                f"Số văn bản để trống: “{doc.number_as_written}”.",
                f"The document number is left blank: “{doc.number_as_written}”.",
                stated=doc.number_as_written,
            )
        else:
            yield ctx.finding(
                "METADATA_NOT_STATED",
                where,
                "Nguồn không nêu số văn bản.",
                "The source does not state the document number.",
            )
    if doc.issued is None:
        yield ctx.finding(
            "METADATA_NOT_STATED",
            ctx.locate(doc.issued_as_written, doc.source),
            "Nguồn không nêu ngày ban hành.",
            "The source does not state the issue date.",
            stated=doc.issued_as_written,
        )
    elif doc.issued.precision is not Precision.DAY:
        where = ctx.locate(doc.issued_as_written, doc.source)
        known = doc.issued.isoformat()
        if doc.issued_as_written is not None and _BLANK_DAY.search(doc.issued_as_written):
            yield ctx.finding(
                "METADATA_BLANK",
                where,
                f"Ngày ban hành để trống: “{doc.issued_as_written}”; chỉ biết đến {known}.",
                f"The day of issue is left blank: “{doc.issued_as_written}”; known only to "
                f"{known}.",
                stated=doc.issued_as_written,
                derived=known,
            )
        else:
            yield ctx.finding(
                "METADATA_NOT_STATED",
                where,
                f"Nguồn chỉ nêu ngày ban hành đến {known}.",
                f"The source states the issue date only to {known}.",
                stated=doc.issued_as_written,
                derived=known,
            )
    if doc.issued is not None and doc.issued_as_written is not None:
        year = str(doc.issued.year)
        if year not in doc.issued_as_written:
            found_in = "tiêu đề" if year in doc.title_vi else "phần khác của văn bản"
            found_en = "the title" if year in doc.title_vi else "elsewhere in the text"
            yield ctx.finding(
                "METADATA_INFERRED",
                ctx.locate(doc.issued_as_written, doc.source),
                f"Ngày ban hành ghi “{doc.issued_as_written}”, không có năm; năm {year} lấy từ "
                f"{found_in}.",
                f"The issue date reads “{doc.issued_as_written}” with no year; the year {year} "
                f"is taken from {found_en}.",
                stated=doc.issued_as_written,
                derived=doc.issued.isoformat(),
            )
    if doc.province is None and doc.issuer_level not in (None, Level.NATIONAL):
        yield ctx.finding(
            "METADATA_NOT_STATED",
            doc.source,
            f"Nguồn không nêu tên tỉnh của cơ quan ban hành ({doc.issuer_vi}).",
            f"The source does not name the issuing body's province ({doc.issuer_vi}).",
        )


def check_source_form(ctx: AuditContext) -> Iterator[Finding]:
    """A news summary stands in for the document; an unbundled source skips the text checks."""
    doc = ctx.plan.document
    if doc.form == "news summary":
        yield ctx.finding(
            "SOURCE_SECONDARY",
            doc.source,
            "Nguồn là bản tin tóm tắt kế hoạch, không phải toàn văn; số liệu không thể đối chiếu "
            "với bản gốc.",
            "The source is a news summary of the plan, not its text; its figures cannot be "
            "checked against the original.",
        )
    if ctx.lines is None:
        missing = ctx.plan.source_missing
        yield ctx.finding(
            "SOURCE_NOT_AVAILABLE",
            doc.source,
            f"Không có văn bản nguồn ({ctx.plan.source_file or 'chỉ có trích dẫn'}); bỏ qua "
            "kiểm tra đánh số, cắt xén và lỗi chính tả"
            + (
                "; kế hoạch được nạp khi thiếu văn bản nguồn, vị trí và trích dẫn chưa được đối "
                "chiếu."
                if missing
                else "."
            ),
            f"The source text ({ctx.plan.source_file or 'citation only'}) is not at hand; "
            "numbering, truncation and typo checks were skipped"
            + (
                "; the plan was loaded without it, so its pointers and quotes were not checked."
                if missing
                else "."
            ),
        )


def check_truncation(ctx: AuditContext) -> Iterator[Finding]:
    """Editorial marks ``[...]``: a cut at the end, or a passage left out in the middle.

    A plan recorded as truncated whose text has no end mark is reported too.
    """
    doc = ctx.plan.document
    marks = truncation_marks(ctx.lines) if ctx.lines is not None else ()
    for line in elision_marks(ctx.lines) if ctx.lines is not None else ():
        yield ctx.finding(
            "TEXT_ELIDED",
            ctx.at(line),
            f"Văn bản nguồn lược bỏ một đoạn tại dòng {line} (“[...]”); văn bản tiếp tục sau "
            "đó, phần bị lược không có.",
            f"The source text leaves a passage out at line {line} (“[...]”); the text goes on "
            "after it, the passage left out is missing.",
            stated="[...]",
        )
    for line in marks:
        yield ctx.finding(
            "TEXT_TRUNCATED",
            ctx.at(line),
            f"Văn bản nguồn bị cắt tại dòng {line} (“[...]”); phần sau không có.",
            f"The source text is cut at line {line} (“[...]”); what follows is missing.",
            stated="[...]",
        )
    if not marks and doc.form == "truncated text":
        yield ctx.finding(
            "TEXT_TRUNCATED",
            doc.source,
            "Dữ liệu ghi văn bản nguồn không đầy đủ.",
            "The plan data records the source text as incomplete.",
        )


def check_numbering(ctx: AuditContext) -> Iterator[Finding]:
    """Gaps and repeats in numbered lists, line-initial and inline ``(1) … (2)``."""
    if ctx.lines is None:
        return
    for p in numbering_problems(ctx.lines):
        before = f" sau “{p.previous.label}”" if p.previous else ""
        before_en = f" after “{p.previous.label}”" if p.previous else ""
        where = ctx.at(p.item.line, p.item.section)
        if p.kind == "gap":
            yield ctx.finding(
                "NUMBERING_GAP",
                where,
                f"Đánh số nhảy từ{before} sang “{p.item.label}”; thiếu “{p.expected}”.",
                f"The numbering jumps{before_en} to “{p.item.label}”; “{p.expected}” is missing.",
                stated=p.item.label,
                derived=p.expected,
            )
        else:
            yield ctx.finding(
                "NUMBERING_REPEAT",
                where,
                f"Đánh số lặp hoặc lùi: “{p.item.label}”{before}; số tiếp theo phải là "
                f"“{p.expected}”.",
                f"The numbering repeats or goes back: “{p.item.label}”{before_en}; the next "
                f"label should be “{p.expected}”.",
                stated=p.item.label,
                derived=p.expected,
            )
    for line, found in inline_problems(ctx.lines):
        written = ", ".join(f"({n})" for n in found)
        wanted = ", ".join(f"({n})" for n in range(1, len(found) + 1))
        code = "NUMBERING_GAP" if len(set(found)) == len(found) else "NUMBERING_REPEAT"
        yield ctx.finding(
            code,
            ctx.at(line),
            f"Liệt kê trong dòng đánh số {written}, không phải {wanted}.",
            f"The inline list is numbered {written}, not {wanted}.",
            stated=written,
            derived=wanted,
        )


def check_stutters(ctx: AuditContext) -> Iterator[Finding]:
    """Syllables written twice in a row anywhere in the text (``PHỐ PHỔ``, ``người người``)."""
    if ctx.lines is None:
        return
    for line, words in repeated_words(ctx.lines):
        yield ctx.finding(
            "TEXT_REPEATED_WORD",
            ctx.at_line(line),
            f"Văn bản lặp từ “{words}”; có thể là lỗi đánh máy làm sai nghĩa.",
            f"The text repeats a word, “{words}”; probably a typo that changes the meaning.",
            stated=words,
            derived=words.split()[0],
        )
