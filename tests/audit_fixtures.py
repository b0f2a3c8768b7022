"""A constructed clean plan and its source text, on which no audit check may fire.

Each audit test changes one thing in this plan (or its text) to make one check fire, and runs
the same check on the unchanged plan as the counter-example.
"""

from __future__ import annotations

from typing import Any

import attrs

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.model.loader import load_plan_text

CLEAN_SOURCE = """\
ỦY BAN NHÂN DÂN TỈNH THANH HÓA
Số: 99/KH-UBND Thanh Hóa, ngày 10 tháng 01 năm 2022
KẾ HOẠCH XÂY DỰNG XÃ, PHƯỜNG KHÔNG CÓ MA TÚY NĂM 2022
Thực hiện Quyết định số 1452/QĐ-TTg ngày 31/8/2021 của Thủ tướng Chính phủ.
I. MỤC ĐÍCH
1. Mục đích
2. Yêu cầu
II. TIÊU CHÍ XÃ, PHƯỜNG KHÔNG CÓ MA TÚY
1. Không có tụ điểm phức tạp về ma túy trên địa bàn.
III. NHIỆM VỤ
1. Các nhiệm vụ
a) một
b) hai
c) ba
d) bốn
đ) năm
e) sáu
g) bảy
h) tám
2. Tổ chức: (1) tuyên truyền; (2) kiểm tra; (3) báo cáo.
"""

CLEAN_TOML = """\
schema = 1
id = "clean-2022"
source_file = "clean-2022.txt"

[document]
type_vi = "Kế hoạch"
type_en = "Plan"
form = "full text"
number = "99/KH-UBND"
number_as_written = "Số: 99/KH-UBND"
issued = "2022-01-10"
issued_as_written = "Thanh Hóa, ngày 10 tháng 01 năm 2022"
issuer_vi = "Ủy ban nhân dân tỉnh Thanh Hóa"
issuer_en = "Thanh Hóa Provincial People's Committee"
issuer_level = "province"
issuer_kind = "tỉnh"
province = "Thanh Hóa"
title_vi = "Kế hoạch xây dựng xã, phường không có ma túy năm 2022"
title_en = "Plan for drug-free communes and wards in 2022"
source = { line = 1, end_line = 3 }

[[references]]
relation = "implements"
type_vi = "Quyết định"
number = "1452/QĐ-TTg"
date = "2021-08-31"
issuer = "Thủ tướng Chính phủ"
source = { line = 4 }

[scope]
levels = ["commune"]
valid_from = 2022-01-10
valid_to = 2022-12-31
text_vi = "Tiêu chí xã, phường không có ma túy"
source = { line = 8, section = "II" }

[[criteria]]
id = "C1"
number = "1"
text_vi = "Không có tụ điểm phức tạp về ma túy trên địa bàn."
text_en = "No drug hotspots in the area."
source = { line = 9, section = "II.1" }

[[criteria.requirements]]
kind = "none"
indicator = "hotspots"
phrase_vi = "Không có"
text_vi = "Không có tụ điểm phức tạp về ma túy"
text_en = "No drug hotspots"
"""


def clean_plan(*, with_source: bool = True) -> vdc.Plan:
    """The constructed clean plan, loaded with its source text or without it."""
    if with_source:
        return load_plan_text("clean-2022.toml", CLEAN_TOML, source_text=CLEAN_SOURCE)
    return load_plan_text("clean-2022.toml", CLEAN_TOML, allow_missing_source=True)


def with_document(plan: vdc.Plan, **changes: Any) -> vdc.Plan:
    """The plan with some document metadata changed."""
    return attrs.evolve(plan, document=attrs.evolve(plan.document, **changes))


def with_scope(plan: vdc.Plan, **changes: Any) -> vdc.Plan:
    """The plan with its scope changed."""
    return attrs.evolve(plan, scope=attrs.evolve(plan.scope, **changes))


def run(plan: vdc.Plan, source: str = CLEAN_SOURCE) -> tuple[vdc.Finding, ...]:
    """Audit a constructed plan against a constructed source text."""
    return vdc.audit(plan, source_text=source)


def codes(findings: tuple[vdc.Finding, ...]) -> list[str]:
    """The codes of the findings, in order."""
    return [f.code for f in findings]
