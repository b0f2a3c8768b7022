"""Programme figures read by the numeric goals of plans' task sections.

Lai Châu sections IV-V (pledges, mailboxes, dossiers, close management, one model per commune)
and Cần Thơ task II.4 (communes kept free of drug crime, key complex communes). Each entry is
``(name, text_vi, text_en, flow, whole)`` as :class:`~vn_drugfree_criteria.vocab.figures.Figure`.
"""

from __future__ import annotations

__all__ = ["TASK_GOALS"]

TASK_GOALS: tuple[tuple[str, str, str, bool, str | None], ...] = (
    (
        "pledge_units",
        "xã, phường, tổ dân phố, bản, khu dân cư, dòng họ",
        "communes, wards, residential groups, villages, neighbourhoods and clans called to pledge",
        False,
        None,
    ),
    (
        "pledge_units_signed",
        "xã, phường, tổ dân phố, bản, khu dân cư, dòng họ ký cam kết",
        "of those, units that signed the pledge",
        False,
        "pledge_units",
    ),
    (
        "villages_with_mailbox",
        "tổ dân phố, bản có 01 hòm thư tố giác tội phạm",
        "villages and residential groups keeping a crime-report mailbox",
        False,
        "villages",
    ),
    (
        "addicts_and_users",
        "người nghiện ma túy, người sử dụng trái phép chất ma túy",
        "addicts and illegal drug users recorded",
        False,
        None,
    ),
    (
        "addicts_and_users_with_dossier",
        "người nghiện ma túy, người sử dụng trái phép chất ma túy được lập hồ sơ quản lý",
        "of those, people with a management dossier",
        False,
        "addicts_and_users",
    ),
    (
        "addicts_and_post_rehab",
        "người nghiện, người sau cai nghiện",
        "addicts and people after rehabilitation in the area",
        False,
        None,
    ),
    (
        "addicts_and_post_rehab_managed",
        "người nghiện, người sau cai nghiện được quản lý chặt",
        "of those, people under close management",
        False,
        "addicts_and_post_rehab",
    ),
    (
        "communes_with_member_model",
        "xã, phường có ít nhất 1 mô hình, công trình, phần việc của đoàn viên, hội viên",
        "commune-level units with at least one model, work or task of union members",
        False,
        "communes",
    ),
    (
        "communes_free_of_drug_crime_at_start",
        "xã, phường, thị trấn không có tội phạm và tệ nạn ma túy (đầu năm)",
        "commune-level units free of drug crime and drug evils at the start of the year",
        False,
        None,
    ),
    (
        "communes_kept_free_of_drug_crime",
        "xã, phường, thị trấn giữ vững không có tội phạm và tệ nạn ma túy",
        "of those, units still free of both at the end of the year",
        False,
        "communes_free_of_drug_crime_at_start",
    ),
    (
        "key_complex_communes",
        "xã, phường, thị trấn trọng điểm phức tạp về tệ nạn ma túy",
        "commune-level units classed as key complex drug areas",
        False,
        None,
    ),
)
