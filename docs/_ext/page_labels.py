"""Human labels, in English and Vietnamese, for the codes the plan's JSON form uses.

The plan pages never print a code's Python form; a code with no label here is shown as the code
itself (plain text), and ``tests/test_docs_pages.py`` checks that every code the bundled plans
use has a label.
"""

from __future__ import annotations

TARGET_KINDS: dict[str, tuple[str, str]] = {
    "share": ("share of a whole", "tỷ lệ trên tổng số"),
    "count": ("count", "số lượng"),
    "zero": ("none at all", "không để phát sinh"),
    "all": ("all of them", "toàn bộ"),
    "each": ("each unit at least", "mỗi đơn vị ít nhất"),
    "change": ("change on the previous year", "thay đổi so với năm trước"),
    "reduction": ("yearly reduction", "giảm hằng năm"),
    "lifetime": ("no longer than a number of months", "không quá số tháng quy định"),
    "baseline": ("starting figure", "số liệu ban đầu"),
    "qualitative": ("not decided by counts", "không đánh giá bằng số liệu"),
}

COMPARISONS: dict[str, tuple[str, str]] = {
    "greater": ("more than", "trên"),
    "at_least": ("at least", "từ … trở lên"),
    "less": ("less than", "dưới"),
    "at_most": ("at most", "không quá"),
    "all": ("all", "toàn bộ"),
    "zero": ("none", "không có"),
    "longer_than_months": ("longer than a number of months", "quá số tháng"),
    "before_date": ("before a date", "trước ngày"),
}

READINGS: dict[str, tuple[str, str]] = {
    "share": ("the exact share", "theo tỷ lệ chính xác"),
    "stated-count": ("the count as written", "theo số lượng văn bản ghi"),
    "previous-year": ("against the previous period", "so với kỳ trước"),
    "new-over-previous": ("newcomers over the previous period", "số mới so với kỳ trước"),
    "compound-from-base": ("compounded from the first period", "lũy kế từ kỳ gốc"),
    "linear-from-base": ("a fixed share of the first period", "tỷ lệ cố định của kỳ gốc"),
    "share-taken-off": ("share taken off the list", "tỷ lệ đưa ra khỏi danh sách"),
}

SEVERITIES: dict[str, tuple[str, str]] = {
    "error": ("error", "lỗi"),
    "warning": ("warning", "cảnh báo"),
    "info": ("note", "ghi chú"),
}

FREQUENCIES: dict[str, tuple[str, str]] = {
    "6 months": ("every six months", "6 tháng một lần"),
    "yearly": ("every year", "hằng năm"),
    "once": ("once", "một lần"),
}

RELATIONS: dict[str, tuple[str, str]] = {
    "implements": ("implements", "thực hiện"),
    "cites": ("cites", "viện dẫn"),
}

FORMS: dict[str, tuple[str, str]] = {
    "full text": ("full text", "toàn văn"),
    "truncated text": ("truncated text", "văn bản bị cắt"),
    "news summary": ("news summary", "bản tin tóm tắt"),
    "citation only": ("citation only", "chỉ có trích dẫn"),
}

PRECISIONS: dict[str, tuple[str, str]] = {
    "day": ("day", "ngày"),
    "month": ("month only", "chỉ có tháng"),
    "year": ("year only", "chỉ có năm"),
}


def when(text: str) -> tuple[str, str]:
    """A target's period (``yearly``, ``2025``, ``phase 2``) in both languages."""
    if text == "yearly":
        return ("every year", "hằng năm")
    if text.startswith("phase "):
        number = text.removeprefix("phase ")
        return (f"phase {number}", f"giai đoạn {number}")
    return (f"year {text}", f"năm {text}")


def label(table: dict[str, tuple[str, str]], code: str) -> tuple[str, str]:
    """The two labels of a code, or the code itself twice when the table has none."""
    return table.get(code, (code, code))
