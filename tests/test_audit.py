"""Each audit check on the source example that motivates it and on a clean counter-example."""

from __future__ import annotations

import datetime

import attrs
import pytest

import vn_drugfree_criteria as vdc
from tests.audit_fixtures import CLEAN_SOURCE, clean_plan, codes, run, with_document, with_scope
from vn_drugfree_criteria import PartialDate
from vn_drugfree_criteria.model.loader import load_plan_text

LAI_CHAU = "lai-chau-city-2024"


def only(plan: str, code: str) -> list[vdc.Finding]:
    return [f for f in vdc.audit(plan) if f.code == code]


def reform_codes(findings: tuple[vdc.Finding, ...]) -> list[str]:
    """Codes other than the national-instrument notes every open-ended plan gets."""
    return [c for c in codes(findings) if c != "NATIONAL_INSTRUMENT_NEWER"]


def test_clean_plan_has_no_finding() -> None:
    assert run(clean_plan()) == ()


def test_every_check_runs_on_every_plan() -> None:
    for plan_id in vdc.list_plans():
        findings = vdc.audit(plan_id)
        assert all(f.plan == plan_id for f in findings)
        assert all(f.code in vdc.FINDING_CODES for f in findings)
        assert findings == tuple(sorted(findings, key=lambda f: (f.line, f.severity.rank, f.code)))


def test_audit_never_changes_the_plan() -> None:
    before = vdc.get_plan(LAI_CHAU)
    # The plan's own fields; its cache of compiled criteria is not part of what it encodes.
    snapshot = attrs.asdict(before, recurse=True, filter=lambda a, _v: a.name != "_compiled")
    vdc.audit(before)
    after = attrs.asdict(
        vdc.get_plan(LAI_CHAU), recurse=True, filter=lambda a, _v: a.name != "_compiled"
    )
    assert after == snapshot
    fresh = load_plan_text(
        "lai-chau-city-2024.toml",
        (
            __import__("importlib.resources")
            .resources.files("vn_drugfree_criteria")
            .joinpath("data", "plans", "lai-chau-city-2024.toml")
            .read_text(encoding="utf-8")
        ),
    )
    assert fresh == before


# ------------------------------------------------------------------ metadata


def test_blank_number_and_day_lai_chau_line_3() -> None:
    blank = only(LAI_CHAU, "METADATA_BLANK")
    assert [f.where for f in blank] == ["001_049b74cfff36fd8f.txt:3"] * 2
    assert blank[0].stated == "Số: /KH-UBND"
    assert blank[1].derived == "2024-04"


def test_blank_number_counter_example() -> None:
    plan = with_document(clean_plan(), number=None, number_as_written="Số: /KH-UBND")
    assert codes(run(plan)) == ["METADATA_BLANK"]
    assert "METADATA_BLANK" not in codes(run(clean_plan()))


def test_blank_day_versus_month_only() -> None:
    blank = with_document(
        clean_plan(), issued=PartialDate(2022, 1), issued_as_written="ngày  tháng 01 năm 2022"
    )
    assert codes(run(blank)) == ["METADATA_BLANK"]
    month_only = with_document(
        clean_plan(), issued=PartialDate(2022, 1), issued_as_written="tháng 01 năm 2022"
    )
    assert codes(run(month_only)) == ["METADATA_NOT_STATED"]


def test_issue_date_not_stated_thanh_hoa() -> None:
    found = only("thanh-hoa-151-2022", "METADATA_NOT_STATED")
    assert [f.message_en for f in found] == ["The source does not state the issue date."]


def test_year_taken_from_title_action_month() -> None:
    (f,) = only("action-month-321-2022", "METADATA_INFERRED")
    assert (f.stated, f.derived, f.where) == (
        "ngày 21/5",
        "2022-05-21",
        "004_5b58c831b434db0f.txt:4",
    )
    assert "title" in f.message_en


def test_province_not_named_action_month() -> None:
    found = only("action-month-321-2022", "METADATA_NOT_STATED")
    assert any("province" in f.message_en for f in found)
    assert not any("province" in f.message_en for f in run(clean_plan()))
    assert codes(run(with_document(clean_plan(), province=None))) == ["METADATA_NOT_STATED"]


def test_news_summary_is_secondary() -> None:
    assert only("thanh-hoa-151-2022", "SOURCE_SECONDARY")
    assert not only("can-tho-205-2021", "SOURCE_SECONDARY")


def test_source_not_available() -> None:
    found = vdc.audit(clean_plan(with_source=False))  # loaded without its text; none is given
    assert codes(found) == ["SOURCE_NOT_AVAILABLE"]


# ------------------------------------------------------------------ text


def test_truncated_lao_cai_line_81() -> None:
    (f,) = only("lao-cai-414-2023", "TEXT_TRUNCATED")
    assert f.where == "000_3d01810e9eecf53a.txt:81"


def test_truncation_counter_example() -> None:
    assert codes(run(clean_plan(), CLEAN_SOURCE + "[...]\n")) == ["TEXT_TRUNCATED"]
    # the document's own ellipsis is not a truncation mark
    assert run(clean_plan(), CLEAN_SOURCE + "và các văn bản khác...\n") == ()


def test_numbering_gap_lai_chau_section_v() -> None:
    (f,) = only(LAI_CHAU, "NUMBERING_GAP")
    assert (f.where, f.stated, f.derived) == ("001_049b74cfff36fd8f.txt:242 (V.15)", "15", "14")


def test_lettered_list_skipping_f_is_not_a_gap() -> None:
    assert "a) một\nb) hai\nc) ba\nd) bốn\nđ) năm\ne) sáu\ng) bảy\nh) tám" in CLEAN_SOURCE
    assert run(clean_plan()) == ()
    assert not only("can-tho-205-2021", "NUMBERING_GAP")


def test_numbering_gap_and_repeat_constructed() -> None:
    gap = CLEAN_SOURCE.replace("g) bảy", "i) bảy").replace("h) tám", "k) tám")
    (f,) = run(clean_plan(), gap)
    assert (f.code, f.stated, f.derived, f.source.section) == ("NUMBERING_GAP", "i", "g", "III.1.i")
    repeat = CLEAN_SOURCE.replace("2. Yêu cầu", "1. Yêu cầu")
    (f,) = run(clean_plan(), repeat)
    assert (f.code, f.source.line, f.derived) == ("NUMBERING_REPEAT", 7, "2")
    inline = CLEAN_SOURCE.replace("(3) báo cáo", "(4) báo cáo")
    (f,) = run(clean_plan(), inline)
    assert (f.code, f.stated) == ("NUMBERING_GAP", "(1), (2), (4)")


def test_repeated_words_lai_chau_heading_and_body() -> None:
    """Line 20's heading "PHỐ PHỔ" and line 250's body text "đưa người người nghiện"."""
    found = only(LAI_CHAU, "TEXT_REPEATED_WORD")
    assert [(f.where, f.stated) for f in found] == [
        ("001_049b74cfff36fd8f.txt:20 (II)", "PHỐ PHỔ"),
        ("001_049b74cfff36fd8f.txt:250 (V.15)", "người người"),
    ]
    # "hành vi vi phạm" (l.120, 220) and "Trưởng ban Ban Chỉ đạo" (Cần Thơ l.426) are good
    # Vietnamese: two words meeting, not a repeat.
    assert not only("can-tho-205-2021", "TEXT_REPEATED_WORD")


def test_repeated_words_counter_example() -> None:
    stutter = CLEAN_SOURCE.replace("II. TIÊU CHÍ", "II. TIÊU CHÍ CHÍ")
    assert codes(run(clean_plan(), stutter)) == ["TEXT_REPEATED_WORD"]
    body = CLEAN_SOURCE + "lập hồ sơ đưa người\nngười nghiện đi cai nghiện.\n"
    (f,) = run(clean_plan(), body)
    assert (f.code, f.source.line, f.stated) == ("TEXT_REPEATED_WORD", 21, "người người")
    assert run(clean_plan(), CLEAN_SOURCE + "xử lý hành vi vi phạm pháp luật.\n") == ()
    assert run(clean_plan(), CLEAN_SOURCE + "Trưởng ban Ban Chỉ đạo 138; ngày 10 10.\n") == ()


# ------------------------------------------------------------------ references


def test_decision_1452_date_conflict_lai_chau_line_84() -> None:
    (f,) = only(LAI_CHAU, "DATE_REFERENCE_CONFLICT")
    assert (f.where, f.stated, f.derived) == (
        "001_049b74cfff36fd8f.txt:84",
        "2021-12-31",
        "2021-08-31",
    )
    assert "003_38ee708b7308129a.txt" in f.message_en
    assert not only("can-tho-205-2021", "DATE_REFERENCE_CONFLICT")


def test_date_conflict_counter_example() -> None:
    plan = clean_plan()
    wrong = attrs.evolve(
        plan, references=(attrs.evolve(plan.references[0], date=PartialDate(2021, 12, 31)),)
    )
    assert codes(run(wrong)) == ["DATE_REFERENCE_CONFLICT"]
    month = attrs.evolve(
        plan, references=(attrs.evolve(plan.references[0], date=PartialDate(2021, 8)),)
    )
    assert run(month) == ()  # month precision agrees with 31/8/2021


def test_disagreement_between_plans_without_a_fact() -> None:
    plan = clean_plan()
    cite = attrs.evolve(plan.references[0], number="36-CT/TW", date=PartialDate(2019, 8, 17))
    found = run(attrs.evolve(plan, references=(cite,)))
    assert {f.code for f in found} == {"DATE_REFERENCE_DISAGREEMENT"}
    assert {f.derived for f in found} == {"2019-08-16"}
    agree = attrs.evolve(cite, date=PartialDate(2019, 8, 16))
    assert run(attrs.evolve(plan, references=(agree,))) == ()


def test_reference_after_issue() -> None:
    plan = clean_plan()
    late = attrs.evolve(plan.references[0], number="5/KH-UBND", date=PartialDate(2022, 2, 1))
    assert codes(run(attrs.evolve(plan, references=(late,)))) == ["REFERENCE_AFTER_ISSUE"]
    # Lai Châu (April 2024) implementing 1246 of 9/4/2024 is consistent at month precision
    assert not only(LAI_CHAU, "REFERENCE_AFTER_ISSUE")


def test_law_2021_replacement_is_not_relevant_to_the_2022_action_month() -> None:
    """The plan is for 2022 (line 4): the law replaced on 1/7/2026 is no concern of it."""
    plan = vdc.get_plan("action-month-321-2022")
    assert plan.scope.valid_to == datetime.date(2022, 12, 31)
    assert not only("action-month-321-2022", "REFERENCE_SUPERSEDED")
    (f,) = [
        f for f in vdc.audit(with_scope(plan, valid_to=None)) if f.code == "REFERENCE_SUPERSEDED"
    ]
    assert (f.stated, f.derived) == ("73/2021/QH14", "120/2025/QH15")
    assert "2026-07-01" in f.message_en


def test_superseded_counter_example() -> None:
    plan = clean_plan()
    law = vdc.Reference(
        relation="cites",
        type_vi="Luật",
        number=None,
        date=PartialDate(2021),
        issuer=None,
        source=plan.references[0].source,
        name_vi="Luật Phòng, chống ma túy năm 2021",
    )
    cites = attrs.evolve(plan, references=(*plan.references, law))
    assert run(cites) == ()  # the clean plan ends on 31/12/2022
    open_ended = with_scope(cites, valid_to=None)
    assert reform_codes(run(open_ended)) == ["REFERENCE_SUPERSEDED"]


def test_national_instruments_newer_than_lai_chau() -> None:
    found = only(LAI_CHAU, "NATIONAL_INSTRUMENT_NEWER")
    assert [f.derived for f in found] == ["132-KL/TW", "28/2025/QĐ-TTg"]
    assert run(clean_plan()) == ()  # ends in 2022


# ------------------------------------------------------------------ the 2025 reform


def test_lai_chau_issuer_ended() -> None:
    (f,) = only(LAI_CHAU, "REFORM_ISSUER_ENDED")
    assert f.severity is vdc.Severity.ERROR
    assert "Tân Phong" in f.message_vi
    assert "Đoàn Kết" in f.message_vi
    assert "1670/NQ-UBTVQH15" in f.message_en


def test_issuer_ended_counter_example() -> None:
    district = with_document(clean_plan(), issuer_level=vdc.Level.DISTRICT, issuer_kind="huyện")
    assert run(district) == ()  # ends in 2022, before the reform
    late = with_scope(district, valid_to=datetime.date(2025, 7, 1))
    assert "REFORM_ISSUER_ENDED" in codes(run(late))
    on_last_day = with_scope(district, valid_to=datetime.date(2025, 6, 30))
    assert "REFORM_ISSUER_ENDED" not in codes(run(on_last_day))


def test_district_level_lai_chau() -> None:
    (f,) = only(LAI_CHAU, "REFORM_LEVEL_ENDED")
    assert f.stated == "district"
    counter = with_scope(clean_plan(), levels=frozenset({vdc.Level.COMMUNE, vdc.Level.DISTRICT}))
    assert run(counter) == ()
    assert reform_codes(run(with_scope(counter, valid_to=None))) == ["REFORM_LEVEL_ENDED"]


def _occurrences(plan_id: str, word: str) -> list[int]:
    """The lines of a bundled source where ``word`` stands, once per occurrence."""
    import re

    from vn_drugfree_criteria.model.loader import source_lines

    plan = vdc.get_plan(plan_id)
    assert plan.source_file is not None
    lines = source_lines(plan.source_file) or ()
    pattern = re.compile(r"(?<!\w)" + word + r"(?!\w)", re.IGNORECASE)
    return [n for n, text in enumerate(lines, 1) for _ in pattern.findall(text)]


def _counted(found: list[vdc.Finding], kind: str) -> list[int]:
    out = []
    for f in found:
        name, _, times = (f.stated or "").rpartition(" ×")
        if name == kind:
            out += [f.source.line] * int(times)
    return out


def test_thi_tran_lao_cai_every_occurrence() -> None:
    """Lào Cai names "thị trấn" on 10 lines, twice on line 67: each occurrence is counted."""
    found = only("lao-cai-414-2023", "REFORM_KIND_ENDED")
    assert [f.source.line for f in found] == [1, 27, 29, 35, 41, 45, 47, 63, 65, 67]
    assert _counted(found, "thị trấn") == _occurrences("lao-cai-414-2023", "thị trấn")
    assert _counted(found, "thị trấn").count(67) == 2


@pytest.mark.parametrize(
    ("plan_id", "word"),
    [
        ("can-tho-205-2021", "thị trấn"),
        ("can-tho-205-2021", "quận"),
        ("lai-chau-city-2024", "thị trấn"),
        ("thanh-hoa-151-2022", "thị trấn"),
        ("action-month-321-2022", "thị trấn"),
    ],
)
def test_every_occurrence_of_an_ended_kind_in_every_plan(plan_id: str, word: str) -> None:
    found = [f for f in vdc.audit(plan_id) if f.code in ("REFORM_KIND_ENDED", "ENDED_AFTER_PLAN")]
    assert _counted(found, word) == _occurrences(plan_id, word)


def test_two_kinds_at_one_place_are_both_reported() -> None:
    """Cần Thơ line 497 "quận, huyện": two kinds on one line, two findings (none dropped)."""
    found = [f for f in only("can-tho-205-2021", "REFORM_KIND_ENDED") if f.source.line == 497]
    assert sorted(f.stated for f in found) == ["huyện ×1", "quận ×1"]


def test_shorthand_of_district_kinds_action_month_line_8() -> None:
    """ "UBND các huyện, thành, thị" names three district-level kinds; "6 huyện" a fourth time."""
    found = [f for f in only("action-month-321-2022", "ENDED_AFTER_PLAN") if f.source.line == 8]
    assert sorted(f.stated for f in found) == ["huyện ×2", "thành phố thuộc tỉnh ×1", "thị xã ×1"]


def test_kind_ended_counter_example() -> None:
    plan = with_scope(clean_plan(), valid_to=None)
    assert reform_codes(run(plan)) == []  # "xã, phường" name no ended kind
    named = CLEAN_SOURCE + "Các xã, phường, thị trấn; UBND quận, huyện.\n"
    found = [f for f in run(plan, named) if f.code == "REFORM_KIND_ENDED"]
    assert [(f.source.line, f.stated) for f in found] == [
        (21, "thị trấn ×1"),
        (21, "quận ×1"),
        (21, "huyện ×1"),
    ]
    district = CLEAN_SOURCE + "Mỗi HUYỆN, THỊ XÃ, THÀNH PHỐ; tại thành phố Hà Nội.\n"
    found = [f for f in run(plan, district) if f.code == "REFORM_KIND_ENDED"]
    assert [f.stated for f in found] == ["huyện ×1", "thị xã ×1", "thành phố thuộc tỉnh ×1"]
    # a plan that ended before the reform: noted, not warned
    assert codes(run(clean_plan(), named)) == ["ENDED_AFTER_PLAN"] * 3


def test_level_named_in_the_text_counter_example() -> None:
    plan = with_scope(clean_plan(), valid_to=None)
    text = CLEAN_SOURCE + "Ủy ban nhân dân cấp huyện báo cáo.\n"
    (f,) = [f for f in run(plan, text) if f.code.startswith("REFORM")]
    assert (f.code, f.source.line, f.stated) == ("REFORM_LEVEL_ENDED", 21, "cấp huyện")
    assert "cấp xã" in CLEAN_SOURCE.lower() or reform_codes(run(plan)) == []


def test_merged_provinces() -> None:
    (lao_cai,) = only("lao-cai-414-2023", "REFORM_PROVINCE_MERGED")
    assert "Yên Bái" in lao_cai.message_en
    (can_tho,) = only("can-tho-205-2021", "REFORM_PROVINCE_MERGED")
    assert "Sóc Trăng" in can_tho.message_vi
    assert "Hậu Giang" in can_tho.message_vi
    assert not only("thanh-hoa-151-2022", "REFORM_PROVINCE_MERGED")
    assert not only(LAI_CHAU, "REFORM_PROVINCE_MERGED")


def test_merged_province_counter_example() -> None:
    lao_cai = with_document(clean_plan(), province="Lào Cai")
    assert run(lao_cai) == ()  # ends in 2022
    assert reform_codes(run(with_scope(lao_cai, valid_to=None))) == ["REFORM_PROVINCE_MERGED"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_finding_to_dict_has_the_contract_keys(lang: str) -> None:
    f = vdc.audit(LAI_CHAU)[0]
    data = f.to_dict(lang=lang)
    assert {"code", "severity", "message", "stated", "derived", "where"} <= set(data)
    assert data["message"] == (f.message_vi if lang == "vi" else f.message_en)


def test_unknown_code_is_refused() -> None:
    f = vdc.audit(LAI_CHAU)[0]
    with pytest.raises(ValueError, match="unknown finding code"):
        attrs.evolve(f, code="NOT_A_CODE")


# ------------------------------------------------------------------ figures and calendars

BUILD_TOML = """
[[phases]]
number = 1
start = 2022-01-10
end = 2022-03-31
text_vi = "Giai đoạn 1"
source = { line = 5 }

[[phases]]
number = 2
start = 2022-04-01
end = 2022-12-31
text_vi = "Giai đoạn 2"
source = { line = 6 }

[[deadlines]]
id = "report-phase-1"
title_vi = "Báo cáo giai đoạn 1"
title_en = "Report on phase 1"
due_before = 2022-04-15
phrase_vi = "trước ngày"
reports_on_phase = 1
source = { line = 7 }

[[targets]]
id = "p1-baseline"
label = "Giai đoạn 1"
kind = "baseline"
text_vi = "17/72 đạt"
text_en = "17 of 72"
when = "phase 1"
figure = "villages_drug_free"
whole_stated = 72
count = 17
source = { line = 5 }

[[targets]]
id = "p2-build"
label = "Giai đoạn 2"
kind = "share"
text_vi = "Xây dựng 55, đạt từ 83% trở lên (46)"
text_en = "Build 55, 83% or more (46)"
when = "phase 2"
comparison = "từ 83% trở lên"
figure = "villages_built_drug_free"
whole_stated = 55
share = "83%"
stated_count = 46
readings = ["share", "stated-count"]
reading_note = "the share is the norm"
source = { line = 6 }
"""


def calendar_plan(toml: str = BUILD_TOML) -> vdc.Plan:
    from tests.audit_fixtures import CLEAN_TOML

    # The constructed targets are not quotes of the clean text: the audit, not the loader, is
    # under test here, so the plan is loaded without its source and audited against it.
    return load_plan_text("clean-2022.toml", CLEAN_TOML + toml, allow_missing_source=True)


def test_calendar_and_figures_counter_example() -> None:
    assert run(calendar_plan()) == ()


def test_share_mismatch_lai_chau_line_54() -> None:
    (f,) = only(LAI_CHAU, "FIGURE_SHARE_MISMATCH")
    assert f.where == "001_049b74cfff36fd8f.txt:54 (III.2)"
    assert f.stated == "45 of 55 (từ 83% trở lên)"
    assert f.derived == "46 of 55 (45/55 = 81.82%)"
    assert codes(
        run(calendar_plan(BUILD_TOML.replace("stated_count = 46", "stated_count = 45")))
    ) == ["FIGURE_SHARE_MISMATCH"]


def test_sum_lai_chau_is_consistent_and_a_wrong_sum_is_reported() -> None:
    assert not only(LAI_CHAU, "FIGURE_SUM_MISMATCH")  # 72 - 17 = 55, as line 54 says
    wrong = BUILD_TOML.replace("whole_stated = 55", "whole_stated = 56").replace(
        "stated_count = 46", "stated_count = 47"
    )
    (f,) = run(calendar_plan(wrong))
    assert (f.code, f.stated, f.derived) == ("FIGURE_SUM_MISMATCH", "56", "72 - 17 = 55")


def test_phase_1_before_issue_and_basis_lai_chau() -> None:
    (before_issue,) = only(LAI_CHAU, "PHASE_BEFORE_ISSUE")
    (before_basis,) = only(LAI_CHAU, "PHASE_BEFORE_BASIS")
    assert before_issue.where == before_basis.where == "001_049b74cfff36fd8f.txt:46 (III.2)"
    assert before_basis.derived == "1246/KH-UBND of 2024-04-09"


def test_phase_before_issue_counter_example() -> None:
    early = BUILD_TOML.replace(
        "start = 2022-01-10\nend = 2022-03-31", "start = 2022-01-01\nend = 2022-01-09"
    )
    early = early.replace("start = 2022-04-01", "start = 2022-01-10")
    assert codes(run(calendar_plan(early))) == ["PHASE_BEFORE_ISSUE"]
    plan = calendar_plan(early)
    basis = attrs.evolve(plan.references[0], number="7/KH-UBND", date=PartialDate(2022, 1, 10))
    later = attrs.evolve(plan, references=(basis,))
    assert codes(run(later)) == ["PHASE_BEFORE_BASIS", "PHASE_BEFORE_ISSUE"]


def test_phase_outside_period_and_gap() -> None:
    assert not only(LAI_CHAU, "PHASE_OUTSIDE_PERIOD")  # all within 2024-2025
    assert not only(LAI_CHAU, "PHASE_GAP")
    plan = calendar_plan(BUILD_TOML.replace("end = 2022-12-31", "end = 2023-01-31"))
    plan = with_document(plan, title_vi="Kế hoạch giai đoạn 2021-2022")
    assert codes(run(plan)) == ["PHASE_OUTSIDE_PERIOD"]
    gap = calendar_plan(BUILD_TOML.replace("start = 2022-04-01", "start = 2022-04-05"))
    (f,) = run(gap)
    assert (f.code, f.derived) == ("PHASE_GAP", "2022-04-01 … 2022-04-04 uncovered")


def test_phase_reversed_constructed() -> None:
    reversed_ = calendar_plan(BUILD_TOML.replace("end = 2022-12-31", "end = 2022-03-31"))
    assert reversed_.calendar.phase(2).end == datetime.date(2022, 3, 31)  # kept as written
    (f,) = run(reversed_)
    assert (f.code, f.stated, f.derived, f.where) == (
        "PHASE_REVERSED",
        "2022-04-01 … 2022-03-31",
        "an end on or after 2022-04-01",
        "clean-2022.txt:6",
    )
    assert "trước ngày bắt đầu" in f.message_vi
    assert "before it starts" in f.message_en
    assert f.severity is vdc.Severity.ERROR
    assert "PHASE_REVERSED" not in codes(run(calendar_plan()))


def test_phase_overlap_constructed() -> None:
    overlap = calendar_plan(BUILD_TOML.replace("start = 2022-04-01", "start = 2022-03-30"))
    (f,) = run(overlap)
    assert (f.code, f.where) == ("PHASE_OVERLAP", "clean-2022.txt:6")
    assert f.stated == "phase 1: 2022-01-10 … 2022-03-31; phase 2: 2022-03-30 … 2022-12-31"
    assert f.derived == "2022-03-30 … 2022-03-31 in both"
    assert "trùng nhau 2 ngày" in f.message_vi
    assert "share 2 day(s)" in f.message_en
    touching = calendar_plan(BUILD_TOML.replace("start = 2022-04-01", "start = 2022-03-31"))
    assert codes(run(touching)) == ["PHASE_OVERLAP"]  # one shared day is an overlap
    assert "PHASE_OVERLAP" not in codes(run(calendar_plan()))


SWAPPED_TOML = BUILD_TOML.replace(
    """number = 1
start = 2022-01-10
end = 2022-03-31
text_vi = "Giai đoạn 1"
source = { line = 5 }

[[phases]]
number = 2
start = 2022-04-01
end = 2022-12-31
text_vi = "Giai đoạn 2"
source = { line = 6 }""",
    """number = 2
start = 2022-04-01
end = 2022-12-31
text_vi = "Giai đoạn 2"
source = { line = 6 }

[[phases]]
number = 1
start = 2022-01-10
end = 2022-03-31
text_vi = "Giai đoạn 1"
source = { line = 5 }""",
)


def test_phase_order_and_numbering_constructed() -> None:
    assert SWAPPED_TOML != BUILD_TOML
    plan = calendar_plan(SWAPPED_TOML)
    assert [p.number for p in plan.calendar.phases] == [2, 1]  # the document's order is kept
    found = {f.code: f for f in run(plan)}
    assert set(found) == {"PHASE_ORDER", "PHASE_NUMBERING"}
    order = found["PHASE_ORDER"]
    assert order.stated == "phase 2 from 2022-04-01, then phase 1 from 2022-01-10"
    assert order.derived == "phase 1 from 2022-04-01 or later"
    assert order.where == "clean-2022.txt:5"
    numbering = found["PHASE_NUMBERING"]
    assert (numbering.stated, numbering.derived) == ("2, 1", "2, 3")
    assert "giai đoạn 3" in numbering.message_vi
    assert "phase 3" in numbering.message_en
    skipped = calendar_plan(
        BUILD_TOML.replace("number = 2\n", "number = 3\n").replace(
            'when = "phase 2"', 'when = "phase 3"'
        )
    )
    assert codes(run(skipped)) == ["PHASE_NUMBERING"]
    clean = codes(run(calendar_plan()))
    assert "PHASE_ORDER" not in clean
    assert "PHASE_NUMBERING" not in clean


def test_no_phase_structure_finding_on_any_bundled_plan() -> None:
    for plan_id in vdc.list_plans():
        assert not [f for f in vdc.audit(plan_id) if f.code in PHASE_STRUCTURE]


PHASE_STRUCTURE = {"PHASE_REVERSED", "PHASE_NUMBERING", "PHASE_ORDER", "PHASE_OVERLAP"}


def test_report_deadlines_lai_chau() -> None:
    short = only(LAI_CHAU, "DEADLINE_SHORT_WINDOW")
    assert [f.derived for f in short] == [
        "phase 2 ends 2025-03-14",
        "phase 3 ends 2025-08-14",
        "phase 4 ends 2025-10-14",
        "phase 5 ends 2025-11-30",
    ]
    assert not only(LAI_CHAU, "DEADLINE_BEFORE_PHASE_END")


def test_report_deadline_counter_examples() -> None:
    early = calendar_plan(BUILD_TOML.replace("due_before = 2022-04-15", "due_before = 2022-03-31"))
    assert codes(run(early)) == ["DEADLINE_BEFORE_PHASE_END"]
    on_end = calendar_plan(BUILD_TOML.replace("due_before = 2022-04-15", "due_before = 2022-04-01"))
    assert codes(run(on_end)) == ["DEADLINE_BEFORE_PHASE_END"]  # last day = 31/3, the end itself
    tight = calendar_plan(BUILD_TOML.replace("due_before = 2022-04-15", "due_before = 2022-04-02"))
    assert codes(run(tight)) == ["DEADLINE_SHORT_WINDOW"]


def test_thanh_hoa_per_district_targets() -> None:
    """The plan is for 2022: its districts are noted as ended after it, not warned about."""
    assert not only("thanh-hoa-151-2022", "REFORM_KIND_ENDED")
    found = only("thanh-hoa-151-2022", "ENDED_AFTER_PLAN")
    assert sorted(f.stated for f in found) == [
        "huyện ×2",
        "thành phố thuộc tỉnh ×2",
        "thị trấn ×1",
        "thị xã ×2",
    ]


def test_doubtful_target_is_reported_and_clean_targets_are_not() -> None:
    """Cần Thơ's target a, as written, caps the growth of drug-free communes: reported, not fixed."""
    found = [f for f in vdc.audit("can-tho-205-2021") if f.code == "TARGET_SENSE_DOUBTFUL"]
    assert len(found) == 1
    (f,) = found
    assert f.severity is vdc.Severity.WARNING
    assert f.where.startswith("003_38ee708b7308129a.txt:37-39")
    assert f.stated == vdc.get_plan("can-tho-205-2021").target("a2").text_vi
    for plan_id in vdc.list_plans():
        if plan_id != "can-tho-205-2021":
            assert "TARGET_SENSE_DOUBTFUL" not in {g.code for g in vdc.audit(plan_id)}
    assert "TARGET_SENSE_DOUBTFUL" not in codes(run(clean_plan()))
