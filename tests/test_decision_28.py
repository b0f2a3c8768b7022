"""Decision 28/2025/QĐ-TTg: drug-free (Điều 6), key complex classes (Điều 4, 5), calendar (Điều 7).

Every comparison's boundary is tested on both sides, with counts chosen so that exactly one
criterion moves.
"""

from __future__ import annotations

import datetime
import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.model.loader import load_plan_file
from vn_drugfree_criteria.vocab.labels import formula_words

PLAN = "national-28-qd-ttg-2025"
DAY = datetime.date(2026, 3, 1)
PACKAGE = Path(vdc.__file__).parent


def commune(**counts: int) -> dict[str, int]:
    """A commune of 10,000 residents with nothing at all, then ``counts``."""
    base = dict.fromkeys(vdc.get_plan(PLAN).indicators, 0)
    del base["communes"], base["communes_class_1_2"]
    base["residents"] = 10_000
    base.update(counts)
    return base


def assess(level: str = "xã", plan: vdc.Plan | str = PLAN, **counts: int) -> vdc.Assessment:
    values = commune(**counts) if level != "tỉnh" else province(**counts)
    return vdc.assess(plan, vdc.Snapshot(values, as_of=DAY, level=level, area_id="A"))


def province(**counts: int) -> dict[str, int]:
    base = dict.fromkeys(vdc.get_plan(PLAN).indicators, 0)
    base.update(residents=1_000_000, communes=100)
    base.update(counts)
    return base


def met(a: vdc.Assessment, class_id: str) -> tuple[str, ...]:
    """Numbers of the criteria met in one class."""
    for c in a.grades[0].classes:
        if c.grade_class.id == class_id:
            return tuple(g.criterion.number for g in c.criteria if g.met)
    raise KeyError(class_id)


def test_the_plan_points_every_criterion_to_its_verbatim_line() -> None:
    plan = vdc.get_plan(PLAN)
    lines = (PACKAGE / "data" / "sources" / plan.source_file).read_text("utf-8").splitlines()
    assert plan.document.issuer_level is vdc.Level.NATIONAL
    assert plan.document.effective == datetime.date(2025, 8, 24)
    for c in plan.all_criteria:
        assert c.text_vi in lines[c.source.line - 1], c.id
    assert [k.id for k in plan.classifications[0].classes] == ["I", "II", "III"]
    assert len(plan.all_criteria) == 3 + 5 + 5 + 3 + 6


def test_a_commune_with_nothing_is_drug_free_and_in_no_class() -> None:
    """Điều 6: no addict or user outside the exemptions, no violator, no venue."""
    a = assess()
    assert a.drug_free
    assert a.key_complex_class is None


def test_exempt_residents_do_not_spoil_drug_free() -> None:
    """Điều 6.1: "trừ người đang tham gia điều trị ... thay thế, ... cai nghiện tại gia đình,
    cộng đồng và ... quản lý sau cai nghiện"."""
    exempt = assess(
        residents_addicted_or_using=3,
        residents_in_substitution_treatment=1,
        residents_in_home_community_rehab=1,
        residents_under_post_rehab_management=1,
    )
    assert exempt.drug_free
    one_more = assess(residents_addicted_or_using=3, residents_in_substitution_treatment=2)
    assert not one_more.drug_free
    assert one_more.failed == ("C1",)
    assert one_more.criteria["C1"].requirements[0].shortfall == 1


@pytest.mark.parametrize(
    ("counts", "failed"),
    [
        ({"residents_drug_law_violators": 1}, ("C2",)),
        ({"wanted_drug_fugitives": 1}, ("C2",)),
        ({"use_harbouring_venues": 1}, ("C3",)),
    ],
)
def test_each_drug_free_clause_fails_alone(counts: dict[str, int], failed: tuple[str]) -> None:
    assert assess(**counts).failed == failed


@pytest.mark.parametrize(
    ("users", "in_i", "in_ii", "in_iii"),
    [
        (50, True, False, False),  # 0,5% exactly: class I's a ("từ 0,5% trở lên")
        (49, False, True, False),  # 0,49%: class II's a ("từ 0,1% đến dưới 0,5%")
        (10, False, True, False),  # 0,1% exactly: class II's a
        (9, False, False, True),  # 0,09%: class III's a ("dưới 0,1%", some)
        (0, False, False, False),  # none: no class under the chosen reading
    ],
)
def test_registered_users_boundaries(users: int, in_i: bool, in_ii: bool, in_iii: bool) -> None:
    a = assess(registered_users=users)
    assert ("a" in met(a, "I"), "a" in met(a, "II"), "a" in met(a, "III")) == (in_i, in_ii, in_iii)


@pytest.mark.parametrize(
    ("arrested", "expected"),
    [(10, ("I",)), (9, ("II",)), (5, ("II",)), (4, ("III",)), (0, ())],
)
def test_arrest_ratio_boundaries(arrested: int, expected: tuple[str, ...]) -> None:
    """0,1% exactly is class I's c; 0,05% exactly is class II's c; below is class III's b."""
    a = assess(drug_offenders_arrested=arrested)
    found = tuple(k for k, letter in (("I", "c"), ("II", "c"), ("III", "b")) if letter in met(a, k))
    assert found == expected


@pytest.mark.parametrize(
    ("plants", "area", "expected"),
    [
        (3000, 0, "I"),
        (2999, 0, "II"),
        (500, 0, "II"),
        (499, 0, "III"),
        (0, 750, "I"),
        (0, 749, "II"),
        (0, 125, "II"),
        (0, 124, "III"),
        (0, 0, None),
    ],
)
def test_plants_or_area_boundaries(plants: int, area: int, expected: str | None) -> None:
    """Điều 4.1.d / 4.2.d / 4.3.c: 3.000 cây hoặc 750 m2; 500 / 125 m2."""
    a = assess(plants_destroyed=plants, cultivated_area_m2=area)
    letters = {"I": "d", "II": "d", "III": "c"}
    found = [k for k, letter in letters.items() if letter in met(a, k)]
    assert found == ([expected] if expected else [])


def test_one_venue_is_class_ii_b_and_two_class_i_b() -> None:
    """ "Có 1 điểm" is read as exactly one (reading ``exactly-one``)."""
    assert "b" in met(assess(use_harbouring_venues=1), "II")
    assert "b" not in met(assess(use_harbouring_venues=2), "II")
    assert "b" in met(assess(use_harbouring_venues=2), "I")


def test_three_criteria_make_the_class_and_the_most_severe_wins() -> None:
    """ "có ít nhất 3 trong các tiêu chí"; a commune meeting I and III is class I."""
    # Two class I criteria and nothing else: class I needs 3, and the class II and III ranges
    # stop below class I's, so such a commune falls in no class under the chosen readings.
    two = assess(registered_users=50, use_harbouring_venues=2)
    assert two.key_complex_class is None
    three = assess(registered_users=50, use_harbouring_venues=2, drug_offenders_arrested=10)
    assert three.key_complex_class == "I"
    assert not three.drug_free


def test_criterion_dd_counts_the_milder_class_and_needs_a_route() -> None:
    """Điều 4.1.đ: "từ 2 tiêu chí ... loại II trở lên và nằm trên tuyến ... nội tỉnh hoặc liên tỉnh"."""
    counts = {"registered_users": 10, "use_harbouring_venues": 1}  # II.a and II.b
    assert "đ" not in met(assess(**counts), "I")
    on_route = assess(**counts, on_intraprovincial_key_route=1)
    assert "đ" in met(on_route, "I")
    assert "đ" not in met(assess(registered_users=10, on_interprovincial_key_route=1), "I")


def test_a_province_needs_four_of_six() -> None:
    """Điều 5: "có ít nhất 4 trong các tiêu chí"; 5.4 is the share of class I-II communes."""
    three = assess("tỉnh", registered_users=2000, use_harbouring_venues=5, communes_class_1_2=3)
    assert three.key_complex_class is None
    four = assess(
        "tỉnh",
        registered_users=2000,
        use_harbouring_venues=5,
        communes_class_1_2=3,
        on_interprovincial_key_route=1,
    )
    assert four.key_complex_class == "key complex"
    below = assess(
        "tỉnh",
        registered_users=1999,
        use_harbouring_venues=5,
        communes_class_1_2=3,
        on_interprovincial_key_route=1,
    )
    assert below.key_complex_class is None


def test_explanations_give_the_numbers_in_both_languages() -> None:
    a = assess(registered_users=62)
    req = a.grades[0].classes[1].criteria[0].requirements[0]
    assert "0,62% (62/10.000)" in req.explanation("vi")
    assert "0.62% (62/10,000)" in req.explanation("en")


def test_a_row_before_the_decision_is_refused() -> None:
    values = commune()
    with pytest.raises(vdc.NotValidOnDateError):
        vdc.assess(PLAN, vdc.Snapshot(values, as_of=datetime.date(2025, 8, 23), level="xã"))


def test_thi_tran_is_refused_after_the_reform() -> None:
    with pytest.raises(vdc.NotValidOnDateError):
        vdc.assess(PLAN, vdc.Snapshot(commune(), as_of=DAY, level="thị trấn"))


def test_the_assessment_period_is_named_by_its_end_year() -> None:
    """Điều 7.1: "từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12 năm sau"."""
    cal = vdc.get_plan(PLAN).calendar
    (period,) = cal.periods
    assert period.period(2026) == (datetime.date(2025, 12, 15), datetime.date(2026, 12, 14))
    assert period.name_on(datetime.date(2026, 12, 14)) == 2026
    assert period.name_on(datetime.date(2026, 12, 15)) == 2027
    assert period.name_on(datetime.date(2024, 12, 14)) is None


def test_yearly_deadlines_have_no_end() -> None:
    """Điều 7.2: "trước ngày 20 tháng 12 hằng năm": the last day is 19/12, every year."""
    cal = vdc.get_plan(PLAN).calendar
    upcoming = cal.upcoming(datetime.date(2030, 12, 1))
    report = [d for d in upcoming if d.id == "province-report-to-ministry-2030"]
    assert report
    assert report[0].last_day == datetime.date(2030, 12, 19)


def test_a_copy_in_another_folder_gives_the_same_results(tmp_path: Path) -> None:
    """The plan file uses no code written for it: loaded from a copy, it decides the same."""
    plan = vdc.get_plan(PLAN)
    shutil.copy(PACKAGE / "data" / "plans" / f"{PLAN}.toml", tmp_path / f"{PLAN}.toml")
    shutil.copy(PACKAGE / "data" / "sources" / plan.source_file, tmp_path / plan.source_file)
    copy = load_plan_file(tmp_path / f"{PLAN}.toml")
    for counts in (
        {},
        {"registered_users": 50, "use_harbouring_venues": 2},
        {"plants_destroyed": 7},
    ):
        ours = assess(plan=copy, **counts)
        theirs = assess(**counts)
        assert (ours.drug_free, ours.key_complex_class) == (
            theirs.drug_free,
            theirs.key_complex_class,
        )


def test_assess_json_reports_the_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = [n for n in vdc.get_plan(PLAN).indicators if not n.startswith("communes")]
    rows = [
        {"id": "X1", "level": "xã", "as_of": "2026-03-01", **commune()},
        {"id": "X2", "level": "phường", "as_of": "2026-03-01", **commune(registered_users=9)},
    ]
    table = tmp_path / "communes.csv"
    table.write_text(
        "id,level,as_of,"
        + ",".join(names)
        + "\n"
        + "\n".join(
            ",".join([r["id"], r["level"], r["as_of"], *(str(r[n]) for n in names)]) for r in rows
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["assess", PLAN, str(table), "--format", "json"]) == 0
    areas = json.loads(capsys.readouterr().out)["areas"]
    assert [(a["drug_free"], a["key_complex_class"]) for a in areas] == [
        (True, None),
        (True, "III"),
    ]


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "registered_users": st.integers(0, 80),
                "use_harbouring_venues": st.integers(0, 3),
                "drug_offenders_arrested": st.integers(0, 15),
                "plants_destroyed": st.sampled_from([0, 1, 499, 500, 2999, 3000]),
                "cultivated_area_m2": st.sampled_from([0, 124, 125, 749, 750]),
                "on_intraprovincial_key_route": st.integers(0, 1),
                "on_interprovincial_key_route": st.integers(0, 1),
            }
        ),
        min_size=1,
        max_size=12,
    ),
    backend=st.sampled_from(["python", "numpy"]),
)
def test_assess_many_gives_each_rows_class_as_assess_does(
    rows: list[dict[str, int]], backend: str
) -> None:
    """Điều 4 decided column by column on either backend equals the one-area verdict."""
    full = [commune(**r) for r in rows]
    columns = {name: [r[name] for r in full] for name in full[0]}
    batch = vdc.assess_many(PLAN, columns, as_of=DAY, level="xã", backend=backend)  # type: ignore[arg-type]
    one_by_one = [assess(**r) for r in rows]
    assert list(batch.key_complex_class) == [a.key_complex_class for a in one_by_one]
    assert list(batch.drug_free) == [a.drug_free for a in one_by_one]


def _communes_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    names = [n for n in vdc.get_plan(PLAN).indicators if not n.startswith("communes")]
    lines = ["id,level,as_of," + ",".join(names)]
    for r in rows:
        values = commune(**{k: int(v) for k, v in r.items() if k not in ("id", "level")})
        lines.append(
            ",".join([r["id"], r["level"], "2026-03-01", *(str(values[n]) for n in names)])
        )
    path = tmp_path / "communes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_output_has_the_class_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _communes_csv(
        tmp_path,
        [
            {"id": "X1", "level": "xã"},
            {
                "id": "X2",
                "level": "đặc khu",
                "registered_users": "60",
                "use_harbouring_venues": "2",
                "drug_offenders_arrested": "10",
            },
        ],
    )
    assert main(["assess", PLAN, str(table), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out[0].split(",")
    at = header.index("key_complex_class")
    assert header[at - 1] == "drug_free"
    assert [line.split(",")[at] for line in out[1:]] == ["", "I"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show_prints_every_article_verbatim_with_formulas(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", PLAN, "--lang", lang]) == 0
    out = capsys.readouterr().out
    plan = vdc.get_plan(PLAN)
    for c in plan.all_criteria:
        assert c.text_vi in out, c.id
        for r in c.requirements:
            assert formula_words(r.formula(), lang) in out, r.id  # its words in the language
    for g in plan.classifications:
        assert g.text_vi in out
        for k in g.classes:
            assert k.text_vi in out
    for r in plan.readings:  # the notes are written in English only: named, not shown, in vi
        assert (r.note in out) == (lang == "en")


FIXTURE = Path(__file__).parent / "fixtures" / "plans" / "tinh-mau-adopts-28.toml"


def _communes(n_free: int, n_class_1: int, n_other: int) -> dict[str, list[int]]:
    """Columns for communes: ``n_free`` with nothing, ``n_class_1`` of class I, the rest with
    one drug law violator (not drug-free, no class)."""
    rows = (
        [commune() for _ in range(n_free)]
        + [
            commune(registered_users=60, use_harbouring_venues=2, drug_offenders_arrested=10)
            for _ in range(n_class_1)
        ]
        + [commune(residents_drug_law_violators=1) for _ in range(n_other)]
    )
    return {name: [r[name] for r in rows] for name in rows[0]}


def test_a_plan_adopting_the_decision_is_a_data_file_alone() -> None:
    """Criteria by reference: the provincial plan states no criteria and uses Decision 28's."""
    plan = load_plan_file(FIXTURE)
    national = vdc.get_plan(PLAN)
    assert plan.adopts == PLAN
    assert plan.criteria == national.criteria
    assert plan.classifications == national.classifications
    a = vdc.assess(plan, vdc.Snapshot(commune(use_harbouring_venues=1), as_of=DAY, level="xã"))
    assert a.criteria_from == PLAN
    assert (a.drug_free, a.key_complex_class) == (False, None)
    assert [d.id for d in plan.calendar.all_deadlines()] == ["report-year-2026"]


@pytest.mark.parametrize(("free", "expected"), [(5, "met"), (4, "not met")])
def test_the_adopting_plans_target_is_evaluated_from_a_commune_table(
    free: int, expected: str
) -> None:
    """ "ít nhất 50%" of communes drug-free, counted from the table of communes."""
    plan = load_plan_file(FIXTURE)
    columns = _communes(free, 1, 9 - free)
    up = vdc.rollup_many(
        plan, columns, ["Tỉnh Mẫu"] * 10, target="50%", as_of=DAY, level="xã", backend="python"
    )
    assert (up.children[0], up.drug_free_children[0]) == (10, free)
    series = vdc.series_from_rows(
        [{"period": 2026, "communes": 10, "communes_drug_free": up.drug_free_children[0]}]
    )
    (result,) = vdc.evaluate_targets(plan, series)
    assert result.status.value == expected
    assert up.meets_target is not None
    assert up.meets_target[0] is (expected == "met")


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_the_province_rollup_feeds_article_5_4(backend: str) -> None:
    """Điều 5.4: class I-II communes as a share of all communes, from the commune table; and
    the national goal (≥ 50% of communes drug-free by 2030) on the same table."""
    columns = _communes(60, 3, 37)
    up = vdc.rollup_many(
        PLAN, columns, ["P"] * 100, target="50%", as_of=DAY, level="xã", backend=backend
    )
    assert up.in_classes(0, ("I", "II")) == 3
    assert up.share(0) == Fraction(60, 100)
    assert up.meets_target is not None
    assert up.meets_target[0] is True
    province_row = province(
        communes=int(up.children[0]), communes_class_1_2=up.in_classes(0, ("I", "II"))
    )
    a = vdc.assess(PLAN, vdc.Snapshot(province_row, as_of=DAY, level="tỉnh"))
    assert "4" in met(a, "key complex")  # 3 of 100 is "từ 3% trở lên"
    fewer = province(communes=100, communes_class_1_2=2)
    assert "4" not in met(
        vdc.assess(PLAN, vdc.Snapshot(fewer, as_of=DAY, level="tỉnh")), "key complex"
    )


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_a_route_flag_other_than_0_or_1_is_refused_on_every_path(backend: str) -> None:
    """The route columns are yes/no (contract: 0 or 1); 2 is refused, naming the field."""
    columns = {name: [v, v] for name, v in commune().items()}
    columns["on_interprovincial_key_route"] = [1, 2]
    batch = vdc.assess_many(PLAN, columns, as_of=DAY, level="xã", backend=backend)  # type: ignore[arg-type]
    (rejected,) = batch.rejected
    assert rejected.row == 2
    assert rejected.codes == ("not_yes_no",)
    with pytest.raises(vdc.SnapshotError, match="on_interprovincial_key_route"):
        vdc.Snapshot(commune(on_interprovincial_key_route=2), as_of=DAY, level="xã")


def test_a_route_flag_of_2_rejects_its_table_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _communes_csv(
        tmp_path,
        [
            {"id": "X1", "level": "xã"},
            {"id": "X2", "level": "xã", "on_intraprovincial_key_route": "2"},
        ],
    )
    assert main(["assess", PLAN, str(table), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["areas"]] == ["X1"]
    assert data["rejected"][0]["codes"] == ["not_yes_no"]
