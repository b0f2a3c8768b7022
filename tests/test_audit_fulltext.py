"""Checks that read the whole source text, each on its motivating source and a counter-example."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from tests.audit_fixtures import CLEAN_SOURCE, clean_plan, codes, run, with_document, with_scope

LAI_CHAU = "lai-chau-city-2024"
DECISION_28 = (Path(__file__).parent / "fixtures" / "sources" / "qd-28-2025-qd-ttg.txt").read_text(
    encoding="utf-8"
)


def only(plan: str, code: str) -> list[vdc.Finding]:
    return [f for f in vdc.audit(plan) if f.code == code]


# ------------------------------------------------------------------ numbering of every style


def test_decision_28_articles_give_no_false_numbering_finding() -> None:
    """Decision 28/2025/QĐ-TTg numbers its articles Điều 1 … Điều 9 and restarts its clauses
    (1., 2.) and points (a), b)) in each: no NUMBERING_* finding."""
    found = run(clean_plan(), DECISION_28)
    assert not [f for f in found if f.code.startswith("NUMBERING")]


def test_decision_28_sections_name_the_article() -> None:
    found = run(
        with_scope(clean_plan(), valid_to=None), DECISION_28.replace("đ) Có từ 2", "e) Có từ 2", 1)
    )
    (f,) = [f for f in found if f.code.startswith("NUMBERING")]
    assert (f.code, f.source.line, f.source.section, f.derived) == (
        "NUMBERING_GAP",
        28,
        "Điều 4.1.e",
        "đ",
    )


def test_article_numbering_counter_example() -> None:
    """Articles run through the whole text: a skipped or repeated article is reported."""
    skipped = DECISION_28.replace("Điều 5. Tiêu chí", "Điều 6. Tiêu chí", 1)
    found = [f for f in run(clean_plan(), skipped) if f.code.startswith("NUMBERING")]
    assert [(f.code, f.stated, f.derived) for f in found] == [
        ("NUMBERING_GAP", "6", "5"),
        ("NUMBERING_REPEAT", "6", "7"),
    ]
    text = "Chương I\nĐiều 1. A\n1. x\nChương II\nĐiều 1. B\nKhoản 1. y\nĐiểm a) z\n"
    (f,) = [f for f in run(clean_plan(), text) if f.code.startswith("NUMBERING")]
    assert (f.code, f.source.line, f.derived) == ("NUMBERING_REPEAT", 5, "2")


# ------------------------------------------------------------------ elisions


def test_end_mark_lao_cai_is_truncation_not_elision() -> None:
    assert [f.source.line for f in only("lao-cai-414-2023", "TEXT_TRUNCATED")] == [81]
    assert not only("lao-cai-414-2023", "TEXT_ELIDED")


def test_elision_in_the_middle_counter_example() -> None:
    middle = CLEAN_SOURCE.replace("III. NHIỆM VỤ", "[...]\nIII. NHIỆM VỤ")
    (f,) = run(clean_plan(), middle)
    assert (f.code, f.source.line) == ("TEXT_ELIDED", 10)
    inline = CLEAN_SOURCE.replace("1. Các nhiệm vụ", "1. Các nhiệm vụ [...] khác")
    assert codes(run(clean_plan(), inline)) == ["TEXT_ELIDED"]
    assert codes(run(clean_plan(), CLEAN_SOURCE + "[...]\n\n")) == ["TEXT_TRUNCATED"]


# ------------------------------------------------------------------ units and concepts


def test_lai_chau_city_and_san_thang_named_after_the_reform() -> None:
    """Every line naming thành phố Lai Châu or xã San Thàng, beyond the issuer's own lines."""
    found = only(LAI_CHAU, "REFORM_UNIT_ENDED")
    assert [(f.source.line, f.stated) for f in found] == [
        (10, "thành phố Lai Châu"),
        (14, "thành phố Lai Châu"),
        (42, "thành phố Lai Châu"),
        (56, "xã San Thàng"),
        (62, "xã San Thàng"),
        (68, "xã San Thàng"),
        (262, "thành phố Lai Châu"),
        (262, "xã San Thàng"),
    ]
    assert all("1670/NQ-UBTVQH15" in f.message_vi for f in found)
    assert all("phường Tân Phong, phường Đoàn Kết" in f.message_en for f in found)
    assert all("Tân Phong" in (f.derived_in("vi") or "") for f in found)


def test_unit_ended_counter_example() -> None:
    plan = with_document(with_scope(clean_plan(), valid_to=None), province="Lai Châu")
    text = CLEAN_SOURCE + "Phối hợp với thành phố Lai Châu và xã San\nThàng.\n"
    found = [f for f in run(plan, text) if f.code == "REFORM_UNIT_ENDED"]
    assert [(f.source.line, f.stated) for f in found] == [
        (21, "thành phố Lai Châu"),
        (21, "xã San Thàng"),
    ]
    other_province = with_document(plan, province="Thanh Hóa")
    assert not [f for f in run(other_province, text) if f.code == "REFORM_UNIT_ENDED"]
    ended_before = with_scope(plan, valid_to=datetime.date(2025, 6, 30))
    assert [f.code for f in run(ended_before, text) if "UNIT" in f.code or "AFTER" in f.code] == [
        "ENDED_AFTER_PLAN",
        "ENDED_AFTER_PLAN",
    ]


def test_household_registration_in_lai_chau_c2_and_can_tho() -> None:
    """ "hộ khẩu" (Lai Châu l.26, issued 2024) and "hộ / khẩu" broken across Cần Thơ l.408-409."""
    (lai,) = only(LAI_CHAU, "CONCEPT_ENDED")
    assert lai.source.line == 26
    assert "68/2020/QH14" in lai.message_en
    assert "trước khi kế hoạch được ban hành" in lai.message_vi
    (can,) = only("can-tho-205-2021", "CONCEPT_ENDED")
    assert (can.source.line, can.stated) == (408, "hộ khẩu")


def test_concept_ended_counter_example() -> None:
    text = CLEAN_SOURCE + "người có hộ khẩu thường trú trên địa bàn.\n"
    assert run(clean_plan(), text) == ()  # the plan ends on 31/12/2022, the last day of hộ khẩu
    late = with_scope(clean_plan(), valid_to=datetime.date(2023, 1, 1))
    assert codes(run(late, text)) == ["CONCEPT_ENDED"]
    assert run(late) == ()


# ------------------------------------------------------------------ bilingual output


def test_stated_and_derived_in_each_language() -> None:
    f = next(f for f in vdc.audit("lao-cai-414-2023") if f.code == "REFORM_KIND_ENDED")
    assert f.to_dict(lang="en")["derived"] == "ended 2025-06-30"
    assert f.to_dict(lang="vi")["derived"] == "không còn từ 01/07/2025"


# English words that may not appear in a Vietnamese audit (codes and file names aside).
_ENGLISH = re.compile(
    r"\b(the|of|is|are|and|ended|phase|plan|stated|derived|last day|level|successors|"
    r"findings?|error|warning|info|issued|before|after|from|uncovered|in both)\b"
)


@pytest.mark.parametrize("plan_id", vdc.list_plans())
def test_audit_in_vietnamese_has_no_english(
    plan_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--lang vi``: messages, stated and derived values, severities and the summary."""
    from vn_drugfree_criteria.cli.main import main

    assert main(["audit", plan_id, "--lang", "vi"]) in (0, 1)
    out = capsys.readouterr().out
    words = re.sub(r"\b[A-Z_]{4,}\b|\S+\.txt\S*", " ", out)
    assert _ENGLISH.findall(words) == []
    assert main(["audit", plan_id, "--lang", "en"]) in (0, 1)
    assert "findings (" in capsys.readouterr().out or plan_id


def test_audit_in_english_counter_example(capsys: pytest.CaptureFixture[str]) -> None:
    from vn_drugfree_criteria.cli.main import main

    main(["audit", "lai-chau-city-2024", "--lang", "en"])
    out = capsys.readouterr().out
    assert _ENGLISH.findall(re.sub(r"\b[A-Z_]{4,}\b", " ", out))
    assert "phát hiện (" not in out
