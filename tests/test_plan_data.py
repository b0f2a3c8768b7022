"""Fidelity of the encoded plans to their bundled source texts."""

import os
import re
from importlib import resources
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.model.loader import source_lines

PLANS = [vdc.get_plan(p) for p in vdc.list_plans()]
CRITERIA = [(p, c) for p in PLANS for c in p.criteria]
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SOURCES = SEEDS.parent / "sources"  # further instruments (Decision 28/2025/QĐ-TTg)


def _squash(text: str) -> str:
    """Join broken lines and collapse white space and markdown emphasis, for quote checks."""
    return " ".join(text.replace("*", "").split())


def _passage(ref: vdc.SourceRef) -> str:
    lines = source_lines(ref.file)
    assert lines is not None, f"source {ref.file} is not bundled"
    return _squash(" ".join(lines[ref.line - 1 : (ref.end_line or ref.line)]))


def test_bundled_sources_are_the_verbatim_seeds() -> None:
    """Each bundled text is byte for byte a seed or a further source (Decision 28)."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                f"the source documents are expected beside the project in CI ({SEEDS.name})"
            )
        pytest.skip("the original source folder is not beside this checkout")
    bundled = resources.files("vn_drugfree_criteria").joinpath("data", "sources")
    originals = {p.name: p for folder in (SEEDS, SOURCES) for p in folder.glob("*.txt")}
    names = sorted(originals)
    assert names == sorted(p.name for p in bundled.iterdir() if p.name.endswith(".txt"))
    for name in names:
        assert bundled.joinpath(name).read_bytes() == originals[name].read_bytes(), name


def test_every_plan_has_its_contract_source_file() -> None:
    expected = {
        "lao-cai-414-2023": "000_3d01810e9eecf53a.txt",
        "lai-chau-city-2024": "001_049b74cfff36fd8f.txt",
        "thanh-hoa-151-2022": "002_170ecde3d7d9627e.txt",
        "can-tho-205-2021": "003_38ee708b7308129a.txt",
        "action-month-321-2022": "004_5b58c831b434db0f.txt",
    }
    for plan_id, file in expected.items():
        assert vdc.get_plan(plan_id).source_file == file


@pytest.mark.parametrize(
    ("plan", "criterion"), CRITERIA, ids=[f"{p.id}:{c.id}" for p, c in CRITERIA]
)
def test_criterion_text_is_verbatim_at_its_line(plan: vdc.Plan, criterion: vdc.Criterion) -> None:
    passage = _passage(criterion.source)
    assert passage.startswith(f"{criterion.number}. ")
    assert _squash(criterion.text_vi) in passage


@pytest.mark.parametrize(
    ("plan", "criterion"), CRITERIA, ids=[f"{p.id}:{c.id}" for p, c in CRITERIA]
)
def test_requirement_phrases_come_from_the_criterion(
    plan: vdc.Plan, criterion: vdc.Criterion
) -> None:
    text = criterion.text_vi.casefold()
    for req in criterion.requirements:
        assert req.comparison.phrase_vi.casefold() in text, req.id
        # Every word of the requirement's Vietnamese reading appears in the criterion text.
        for word in re.findall(r"\w+", req.text_vi.casefold()):
            assert word in text, (req.id, word)
        assert req.text_en


def test_criteria_numbered_in_document_order() -> None:
    for plan in PLANS:
        assert [c.id for c in plan.criteria] == [f"C{i}" for i in range(1, len(plan.criteria) + 1)]
        assert [c.number for c in plan.criteria] == [
            str(i) for i in range(1, len(plan.criteria) + 1)
        ]
        lines = [c.source.line for c in plan.criteria]
        assert lines == sorted(lines)


def test_scope_and_document_quotes() -> None:
    for plan in PLANS:
        if plan.scope.text_vi is not None:
            assert plan.scope.source is not None
            assert _squash(plan.scope.text_vi) in _passage(plan.scope.source)
        doc = plan.document
        if doc.source is None:  # an instrument known by its citation only
            assert plan.source_file is None
            assert doc.form == "citation only"
            continue
        passage = _passage(doc.source)
        if doc.number is not None:
            assert doc.number in passage
        # The title is quoted from the document (case aside: some sources print it in capitals).
        assert _squash(doc.title_vi).casefold() in passage.casefold(), plan.id
        if doc.issued_as_written is not None:
            assert plan.source_file is not None
            written = source_lines(plan.source_file)
            assert written is not None
            assert _squash(doc.issued_as_written) in _squash(" ".join(written)), plan.id


def test_references_are_quoted_where_they_stand() -> None:
    for plan in PLANS:
        for ref in plan.references:
            passage = _passage(ref.source)
            quoted = ref.number if ref.number is not None else ref.name_vi
            assert quoted is not None, (plan.id, ref)
            assert _squash(quoted).split()[-1] in passage, (plan.id, quoted)


def test_unknown_metadata_stays_unknown() -> None:
    lai_chau = vdc.get_plan("lai-chau-city-2024").document
    assert lai_chau.number is None
    assert lai_chau.number_as_written == "Số: /KH-UBND"
    assert lai_chau.issued == vdc.PartialDate(2024, 4)
    assert lai_chau.issued.precision is vdc.Precision.MONTH
    assert lai_chau.issued.to_date() is None
    thanh_hoa = vdc.get_plan("thanh-hoa-151-2022").document
    assert thanh_hoa.issued is None
    assert thanh_hoa.signer is None


def test_expected_criteria_counts_and_levels() -> None:
    lao_cai = vdc.get_plan("lao-cai-414-2023")
    lai_chau = vdc.get_plan("lai-chau-city-2024")
    assert len(lao_cai.criteria) == 6
    assert len(lai_chau.criteria) == 8
    assert lao_cai.scope.levels == {vdc.Level.COMMUNE}
    assert lai_chau.scope.levels == {vdc.Level.VILLAGE, vdc.Level.COMMUNE, vdc.Level.DISTRICT}
    assert lai_chau.scope.valid_to is not None
    assert lai_chau.scope.valid_to.isoformat() == "2025-11-30"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def test_targets_and_calendar_quote_their_source_lines() -> None:
    """Every word a target, phase or deadline quotes stands in the passage it points to."""
    checked = 0
    for plan in PLANS:
        items = [*plan.targets, *plan.calendar.phases, *plan.calendar.deadlines]
        for item in items:
            source = getattr(item, "source", None)
            if source is None:
                assert plan.source_file is None, (plan.id, item)
                continue
            passage = _passage(source).casefold()
            text = getattr(item, "text_vi", None) or getattr(item, "phrase_vi", "")
            for word in _words(text):
                assert word in passage, (plan.id, getattr(item, "id", item), word)
            checked += 1
    assert checked >= 40
