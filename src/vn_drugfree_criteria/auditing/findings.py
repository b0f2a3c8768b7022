"""Audit findings: stable codes, severities and bilingual messages, as data.

Every finding carries a code from :data:`CODES`, the severity that code always has, a message in
Vietnamese and in English, the figure the document states, the figure re-derived from the rest of
the document (or from the reference facts), and where it stands in the source.

>>> CODES["FIGURE_SHARE_MISMATCH"].severity is Severity.ERROR
True
>>> CODES["NUMBERING_GAP"].title_en
'A numbered list skips a number or letter'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from vn_drugfree_criteria.display import Displayable
from vn_drugfree_criteria.model.rules import SourceRef

__all__ = ["CODES", "CodeInfo", "Finding", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is.

    * ``error``: the document contradicts its own figures or dates, or an established fact, or
      cannot be carried out as written on some day of its own period.
    * ``warning``: the document relies on something that no longer holds, or is incomplete, in a
      way a reader must resolve before relying on it.
    * ``info``: worth knowing; changes nothing by itself.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (for sorting)."""
        return ("error", "warning", "info").index(self.value)


@attrs.frozen
class CodeInfo:
    """What a finding code means.

    Attributes:
        code: The stable code.
        severity: The severity every finding with this code has.
        title_en: One line in English.
        title_vi: One line in Vietnamese.
    """

    code: str
    severity: Severity
    title_en: str
    title_vi: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_TABLE: tuple[tuple[str, Severity, str, str], ...] = (
    (
        "FIGURE_SHARE_MISMATCH",
        _E,
        "A count does not satisfy the share it is stated with",
        "Số lượng nêu kèm không đạt tỷ lệ được nêu",
    ),
    (
        "FIGURE_SUM_MISMATCH",
        _E,
        "A total or difference the text implies does not add up",
        "Tổng hoặc hiệu mà văn bản ngụ ý không khớp",
    ),
    (
        "PHASE_REVERSED",
        _E,
        "A phase ends before it starts",
        "Giai đoạn kết thúc trước khi bắt đầu",
    ),
    (
        "PHASE_NUMBERING",
        _W,
        "A phase's number does not follow the phase given before it",
        "Số thứ tự giai đoạn không liền sau giai đoạn nêu trước",
    ),
    (
        "PHASE_ORDER",
        _W,
        "A phase starts before the phase given before it",
        "Giai đoạn bắt đầu trước giai đoạn được nêu trước nó",
    ),
    (
        "PHASE_OVERLAP",
        _E,
        "Two phases share one or more days",
        "Hai giai đoạn trùng nhau",
    ),
    (
        "PHASE_GAP",
        _W,
        "Days between two phases belong to no phase",
        "Có ngày không thuộc giai đoạn nào",
    ),
    (
        "PHASE_OUTSIDE_PERIOD",
        _E,
        "A phase falls outside the plan's stated period",
        "Giai đoạn nằm ngoài thời gian thực hiện của kế hoạch",
    ),
    (
        "PHASE_BEFORE_ISSUE",
        _W,
        "A phase ends before the plan was issued",
        "Giai đoạn kết thúc trước khi kế hoạch được ban hành",
    ),
    (
        "PHASE_BEFORE_BASIS",
        _W,
        "A phase ends before the document it is measured against was issued",
        "Giai đoạn kết thúc trước khi văn bản làm căn cứ được ban hành",
    ),
    (
        "DEADLINE_BEFORE_PHASE_END",
        _E,
        "A report on a phase is due before the phase ends",
        "Hạn báo cáo giai đoạn trước khi giai đoạn kết thúc",
    ),
    (
        "DEADLINE_SHORT_WINDOW",
        _I,
        "A report on a phase is due within days of the phase's end",
        "Hạn báo cáo chỉ vài ngày sau khi giai đoạn kết thúc",
    ),
    (
        "DATE_REFERENCE_CONFLICT",
        _E,
        "A cited document's date contradicts the recorded fact",
        "Ngày của văn bản được viện dẫn mâu thuẫn với dữ kiện đã ghi nhận",
    ),
    (
        "DATE_REFERENCE_DISAGREEMENT",
        _W,
        "Two sources give a cited document different dates, and no recorded fact decides",
        "Hai văn bản ghi ngày khác nhau cho cùng một văn bản được viện dẫn",
    ),
    (
        "REFERENCE_AFTER_ISSUE",
        _E,
        "A cited document is dated after the citing plan was issued",
        "Văn bản được viện dẫn có ngày sau ngày ban hành kế hoạch",
    ),
    (
        "REFERENCE_SUPERSEDED",
        _W,
        "A cited instrument is replaced within or after the plan's period",
        "Văn bản được viện dẫn đã hoặc sẽ bị thay thế",
    ),
    (
        "NATIONAL_INSTRUMENT_NEWER",
        _I,
        "A national instrument on the same subject appeared during the plan's period",
        "Văn bản cấp trung ương cùng nội dung có hiệu lực trong thời gian thực hiện kế hoạch",
    ),
    (
        "NUMBERING_GAP",
        _W,
        "A numbered list skips a number or letter",
        "Danh sách đánh số bị nhảy số",
    ),
    ("NUMBERING_REPEAT", _W, "A numbered list repeats or goes back", "Danh sách đánh số bị lặp"),
    (
        "METADATA_BLANK",
        _W,
        "The source prints a field but leaves its value blank",
        "Văn bản để trống thông tin",
    ),
    (
        "METADATA_NOT_STATED",
        _I,
        "The source does not state a piece of metadata",
        "Văn bản không nêu thông tin",
    ),
    (
        "METADATA_INFERRED",
        _I,
        "An encoded value is completed from another part of the text",
        "Giá trị được bổ sung từ phần khác của văn bản",
    ),
    ("TEXT_TRUNCATED", _W, "The source text is cut short", "Văn bản nguồn bị cắt"),
    (
        "TEXT_ELIDED",
        _W,
        "The source text leaves a passage out and goes on after it",
        "Văn bản nguồn lược bỏ một đoạn ở giữa",
    ),
    (
        "TEXT_REPEATED_WORD",
        _I,
        "A word is repeated in a way that changes or blurs the meaning",
        "Từ bị lặp làm sai hoặc mờ nghĩa",
    ),
    (
        "TARGET_SENSE_DOUBTFUL",
        _W,
        "A target, read as written, seems to say something other than the document means",
        "Chỉ tiêu, đọc đúng như văn bản, có vẻ khác với ý định của văn bản",
    ),
    (
        "SOURCE_SECONDARY",
        _I,
        "The source is a news summary, not the document itself",
        "Nguồn là bản tin tóm tắt, không phải toàn văn",
    ),
    (
        "SOURCE_NOT_AVAILABLE",
        _I,
        "The source text is not at hand; checks on the text were skipped",
        "Không có văn bản nguồn; bỏ qua các kiểm tra trên văn bản",
    ),
    (
        "REFORM_ISSUER_ENDED",
        _E,
        "The issuing unit ceased to exist while the plan still runs",
        "Đơn vị ban hành không còn tồn tại khi kế hoạch vẫn đang thực hiện",
    ),
    (
        "REFORM_LEVEL_ENDED",
        _W,
        "The plan applies at an administrative level the reform abolished",
        "Kế hoạch áp dụng cho cấp hành chính đã bị bãi bỏ",
    ),
    (
        "REFORM_KIND_ENDED",
        _W,
        "The plan names a kind of unit the reform abolished",
        "Kế hoạch nêu loại đơn vị hành chính đã không còn",
    ),
    (
        "REFORM_UNIT_ENDED",
        _W,
        "The text names an administrative unit that ceased to exist while the plan still runs",
        "Văn bản nêu đơn vị hành chính đã không còn khi kế hoạch vẫn đang thực hiện",
    ),
    (
        "CONCEPT_ENDED",
        _W,
        "The text relies on a legal concept the law ended before or during the plan's period",
        "Văn bản dựa vào khái niệm pháp lý đã bị bãi bỏ trước hoặc trong thời gian thực hiện",
    ),
    (
        "ENDED_AFTER_PLAN",
        _I,
        "The text names a kind, level or unit that ended only after the plan's period",
        "Văn bản nêu loại, cấp hoặc đơn vị hành chính chỉ chấm dứt sau thời gian thực hiện",
    ),
    (
        "REFORM_PROVINCE_MERGED",
        _W,
        "The plan's province was merged with others by the reform",
        "Tỉnh của kế hoạch đã được hợp nhất",
    ),
    (
        "GRADE_OVERLAP",
        _I,
        "An area can meet the rules of two classes; the text does not say which applies",
        "Một địa bàn có thể đạt hai loại; văn bản không nói áp dụng loại nào",
    ),
    (
        "GRADE_GAP",
        _W,
        "An area beyond a milder class's range but short of the severe class falls in no class",
        "Địa bàn vượt ngưỡng loại nhẹ nhưng chưa đủ loại nặng thì không thuộc loại nào",
    ),
    (
        "GRADE_READING_DRUG_FREE",
        _W,
        "Under another reading, an area with nothing to count is drug-free and key complex",
        "Theo cách hiểu khác, địa bàn không có gì để đếm vừa không ma túy vừa trọng điểm",
    ),
)

CODES: Mapping[str, CodeInfo] = {
    code: CodeInfo(code, severity, en, vi) for code, severity, en, vi in _TABLE
}
"""Every finding code, in the order the documentation lists them."""


def _known_code(inst: Finding, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in CODES:
        raise ValueError(f"unknown finding code {value!r}")


@attrs.frozen
class Finding(Displayable):
    """One problem the audit found in a plan's source.

    Attributes:
        plan: The plan id.
        code: Stable code (see :data:`CODES`).
        message_vi: What is wrong, in Vietnamese.
        message_en: What is wrong, in English.
        stated: What the document says, as text, or ``None``.
        derived: What it should say by its own numbers or by the recorded facts, or ``None``.
        source: Where it stands in the source; ``None`` for an instrument whose text is not
            bundled.
        where: The source pointer as text (``001_049b74cfff36fd8f.txt:54 (III.2)``), or the
            instrument's citation when there is no source text.
        stated_vi: ``stated`` in Vietnamese, when its words differ (``None``: the same).
        derived_vi: ``derived`` in Vietnamese, when its words differ (``None``: the same).

    ``stated`` and ``derived`` are in English (or in no language: a number, a date, the
    document's own words); :meth:`stated_in` and :meth:`derived_in` give either language.
    """

    plan: str
    code: str = attrs.field(validator=_known_code)
    message_vi: str = attrs.field(validator=attrs.validators.min_len(1))
    message_en: str = attrs.field(validator=attrs.validators.min_len(1))
    stated: str | None
    derived: str | None
    source: SourceRef | None
    where: str = attrs.field(validator=attrs.validators.min_len(1))
    stated_vi: str | None = None
    derived_vi: str | None = None

    def stated_in(self, lang: str = "vi") -> str | None:
        """What the document states, in ``vi`` or ``en``."""
        if lang == "vi" and self.stated_vi is not None:
            return self.stated_vi
        return self.stated

    def derived_in(self, lang: str = "vi") -> str | None:
        """What the audit derives, in ``vi`` or ``en``."""
        if lang == "vi" and self.derived_vi is not None:
            return self.derived_vi
        return self.derived

    @property
    def line(self) -> int:
        """The source line, 0 when there is no source text (for sorting)."""
        return self.source.line if self.source is not None else 0

    @property
    def severity(self) -> Severity:
        """The code's severity."""
        return CODES[self.code].severity

    def message(self, lang: str = "vi") -> str:
        """The message in ``vi`` or ``en``."""
        return self.message_en if lang == "en" else self.message_vi

    def to_dict(self, *, lang: str = "vi") -> dict[str, Any]:
        """The finding as JSON-ready data.

        ``message``, ``stated`` and ``derived`` are in ``lang``; both languages of the message
        are kept in ``message_vi`` and ``message_en``.
        """
        return {
            "plan": self.plan,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "stated": self.stated_in(lang),
            "derived": self.derived_in(lang),
            "where": self.where,
            "line": self.source.line if self.source is not None else None,
            "source": self.source.to_dict() if self.source is not None else None,
        }
