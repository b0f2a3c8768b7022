"""The programme-figure vocabulary: counts for a whole jurisdiction over one period.

Indicators (:data:`~vn_drugfree_criteria.INDICATORS`) describe one area at one date; programme
figures describe a jurisdiction (a province, a city) over a period: a calendar year or a phase of
a plan. All are non-negative integer counts. Stocks (``addicts``) are read at the end of the
period; flows (``new_addicts``, ``rings_dismantled``) are counted over the period. A ``part`` may
not exceed its ``whole``.
"""

from __future__ import annotations

import attrs

from vn_drugfree_criteria.vocab.figures_tasks import TASK_GOALS

__all__ = ["FIGURES", "Figure"]


@attrs.frozen
class Figure:
    """One programme figure.

    Attributes:
        name: The column and field name.
        text_vi: The Vietnamese wording the documents use.
        text_en: English description.
        flow: ``True`` when counted over the period, ``False`` for a stock at its end.
        whole: The figure this one is a part of, if any.
    """

    name: str
    text_vi: str
    text_en: str
    flow: bool
    whole: str | None = None


def _f(name: str, text_vi: str, text_en: str, flow: bool, whole: str | None = None) -> Figure:
    return Figure(name, text_vi, text_en, flow, whole)


_ALL = (
    # People (counts only: never names or person-level records)
    _f("addicts", "người nghiện ma túy", "drug addicts recorded in the jurisdiction", False),
    _f("new_addicts", "người nghiện mới", "addicts newly recorded during the period", True),
    _f(
        "managed_addicts",
        "người nghiện có hồ sơ quản lý",
        "addicts with a management dossier",
        False,
    ),
    _f(
        "managed_addicts_treated",
        "người nghiện có hồ sơ quản lý được tổ chức điều trị, cai nghiện",
        "managed addicts in treatment or rehabilitation",
        False,
        "managed_addicts",
    ),
    _f(
        "addicts_taken_off_list",
        "người nghiện có hồ sơ quản lý đủ tiêu chuẩn đưa ra khỏi diện",
        "managed addicts taken off the list during the period",
        True,
    ),
    _f("users", "người sử dụng trái phép chất ma túy", "illegal drug users recorded", False),
    _f(
        "users_with_dossier",
        "người sử dụng trái phép chất ma túy được lập hồ sơ quản lý",
        "users with a management dossier made by the commune",
        False,
        "users",
    ),
    _f(
        "managed_users",
        "người nghiện và người sử dụng trái phép chất ma túy có hồ sơ quản lý",
        "addicts and users with a management dossier",
        False,
    ),
    _f(
        "managed_users_reached",
        "... được tiếp cận dịch vụ tư vấn, điều trị, cai nghiện",
        "managed addicts and users who reached counselling, treatment or rehabilitation",
        False,
        "managed_users",
    ),
    _f(
        "persons_to_assess",
        "người thuộc diện phải được xác định tình trạng nghiện",
        "persons who must have their addiction status determined",
        True,
    ),
    _f(
        "persons_assessed",
        "người được xác định tình trạng nghiện",
        "of those, persons whose addiction status was determined",
        True,
        "persons_to_assess",
    ),
    _f(
        "treatment_staff",
        "cán bộ làm công tác quản lý, cai nghiện và quản lý sau cai",
        "staff managing or working in rehabilitation and aftercare",
        False,
    ),
    _f(
        "treatment_staff_trained",
        "cán bộ được đào tạo, tập huấn",
        "of those, staff trained",
        False,
        "treatment_staff",
    ),
    # Cases and rings
    _f(
        "cases_detected",
        "vụ phạm tội về ma túy được phát hiện, bắt giữ",
        "drug crime cases detected",
        True,
    ),
    _f(
        "possession_cases",
        "vụ phát hiện, bắt giữ đối tượng tàng trữ trái phép chất ma túy",
        "possession cases detected",
        True,
    ),
    _f(
        "possession_cases_traced",
        "vụ ... mở rộng truy nguồn ma túy",
        "of those, cases extended to trace the source",
        True,
        "possession_cases",
    ),
    _f("court_cases", "vụ án ma túy", "drug court cases to resolve", True),
    _f(
        "court_cases_resolved",
        "vụ án ma túy được giải quyết, xét xử",
        "drug court cases resolved or tried",
        True,
        "court_cases",
    ),
    _f(
        "transport_reports",
        "vụ việc có thông tin về vận chuyển qua đường hàng không, chuyển phát nhanh",
        "reports of drug transport by air or express delivery",
        True,
    ),
    _f(
        "transport_reports_verified",
        "vụ việc ... được xác minh làm rõ",
        "of those, reports verified",
        True,
        "transport_reports",
    ),
    _f(
        "rings_dismantled",
        "đường dây mua bán, vận chuyển trái phép chất ma túy được triệt xóa",
        "trafficking rings dismantled",
        True,
    ),
    _f(
        "precursor_diversions",
        "vụ lợi dụng tiền chất, thuốc vào sản xuất trái phép chất ma túy",
        "precursors or medicines diverted to illegal production",
        True,
    ),
    _f(
        "precursor_kinds",
        "các loại tiền chất, thuốc gây nghiện, thuốc hướng thần, thuốc thú y có chứa chất ma túy",
        "kinds of precursors and controlled medicines",
        False,
    ),
    _f(
        "precursor_kinds_controlled",
        "... được kiểm soát chặt chẽ",
        "of those, kinds under tight control",
        False,
        "precursor_kinds",
    ),
    _f(
        "cultivation_sites",
        "trồng, tái trồng cây có chứa chất ma túy",
        "sites where drug plants were grown or regrown",
        True,
    ),
    # Places
    _f(
        "points_active",
        "điểm, tụ điểm phức tạp về ma túy đang hoạt động",
        "complex points and hotspots active at the start of the period",
        False,
    ),
    _f(
        "points_eliminated",
        "điểm, tụ điểm phức tạp về ma túy được triệt xóa",
        "of those, points and hotspots eliminated",
        True,
        "points_active",
    ),
    _f(
        "hotspots_new",
        "tụ điểm phức tạp về ma túy phát sinh mới",
        "hotspots newly formed during the period",
        True,
    ),
    _f(
        "points_new",
        "điểm phức tạp về ma túy phát sinh mới",
        "complex points newly formed during the period",
        True,
    ),
    _f(
        "hotspots_over_limit",
        "tụ điểm tồn tại quá thời hạn kể từ khi được xác định",
        "hotspots that existed longer than the limit after identification",
        True,
    ),
    _f(
        "points_over_limit",
        "điểm tồn tại quá thời hạn kể từ khi được xác định",
        "complex points that existed longer than the limit after identification",
        True,
    ),
    _f(
        "hot_spots",
        "“điểm nóng” về ma túy",
        "drug “hot spots” identified at the start of the programme",
        False,
    ),
    _f(
        "hot_spots_eliminated",
        "“điểm nóng” được triệt xóa",
        "of those, hot spots eliminated (cumulative)",
        False,
        "hot_spots",
    ),
    _f(
        "areas_more_complex",
        "địa bàn gia tăng mức độ phức tạp",
        "areas whose drug situation became more complex",
        True,
    ),
    # Units of the jurisdiction
    _f("districts", "huyện, thị xã, thành phố", "districts of the province", False),
    _f(
        "districts_with_area_transformed",
        "huyện chuyển hóa được ít nhất 01 địa bàn thành không có ma túy",
        "districts that turned at least one area drug-free",
        True,
        "districts",
    ),
    _f(
        "districts_with_model",
        "huyện xây dựng được 01 mô hình điểm về PCMT tại xã, phường, thị trấn",
        "districts that built a pilot model in a commune",
        True,
        "districts",
    ),
    _f("units", "các đơn vị", "units expected to run drug-prevention campaigns", False),
    _f(
        "units_campaigning",
        "đơn vị tổ chức được hoạt động tuyên truyền PCMT",
        "of those, units that ran campaigns",
        False,
        "units",
    ),
    _f("communes", "xã, phường, thị trấn (đơn vị hành chính cấp xã)", "commune-level units", False),
    _f(
        "communes_drug_free",
        "xã, phường, thị trấn không có ma túy",
        "commune-level units recognised drug-free",
        False,
        "communes",
    ),
    _f(
        "communes_reached",
        "xã, phường, thị trấn được tuyên truyền",
        "commune-level units reached by campaigns",
        False,
        "communes",
    ),
    _f("schools", "trường học", "schools", False),
    _f(
        "schools_reached",
        "trường học được tuyên truyền",
        "schools reached by campaigns",
        False,
        "schools",
    ),
    _f("industrial_zones", "khu công nghiệp", "industrial zones", False),
    _f(
        "industrial_zones_reached",
        "khu công nghiệp được tuyên truyền",
        "industrial zones reached by campaigns",
        False,
        "industrial_zones",
    ),
    _f(
        "media_items",
        "tin, bài, sản phẩm truyền thông về phòng, chống ma túy",
        "news items, articles and media products on drug prevention",
        True,
    ),
    _f("villages", "tổ dân phố, bản", "villages and residential groups", False),
    _f(
        "villages_drug_free",
        "tổ dân phố, bản không có ma túy",
        "villages and residential groups recognised drug-free",
        False,
        "villages",
    ),
    _f(
        "villages_drug_free_at_start",
        "tổ dân phố, bản không có ma túy (xây dựng thành công ở giai đoạn trước)",
        "villages drug-free at the start of the period",
        False,
    ),
    _f(
        "villages_kept_drug_free",
        "tổ dân phố, bản được duy trì không có ma túy",
        "of those, villages still drug-free at its end",
        False,
        "villages_drug_free_at_start",
    ),
    _f(
        "villages_built_drug_free",
        "tổ dân phố, bản xây dựng thành công không có ma túy",
        "villages newly built drug-free during the period",
        True,
    ),
    _f(
        "complex_villages_less_complex",
        "bản phức tạp chuyển hóa thành ít phức tạp về ma túy",
        "targeted complex villages turned less complex",
        False,
    ),
    _f(
        "complex_villages_drug_free",
        "bản chuyển hóa từ ít phức tạp thành không có ma túy",
        "targeted villages turned drug-free",
        False,
    ),
    *(_f(*goal) for goal in TASK_GOALS),
)

FIGURES: dict[str, Figure] = {f.name: f for f in _ALL}
"""Every programme figure by name, in vocabulary order."""

for _fig in _ALL:  # the vocabulary is closed: every whole is itself a figure
    assert _fig.whole is None or _fig.whole in FIGURES, _fig.name
