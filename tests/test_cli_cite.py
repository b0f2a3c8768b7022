"""Citation in the command line: ``show PLAN:C4`` and ``cite PLAN:C4``."""

from __future__ import annotations

import json

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        ("lai-chau-city-2024:C4", vdc.get_plan("lai-chau-city-2024").criterion("C4").text_vi),
        ("national-28-qd-ttg-2025:I.a", "từ 0,5% trở lên."),
    ],
)
def test_show_prints_one_criterion(capsys: pytest.CaptureFixture[str], ref: str, text: str) -> None:
    code, out, _ = run(capsys, "show", ref)
    assert code == 0
    assert out.startswith(ref)
    assert text in out
    assert "Tiêu chí" not in out  # only the item, not the whole plan


def test_show_json_of_one_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "can-tho-205-2021:dd1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["item"], data["ref"]) == ("target", "can-tho-205-2021:dd1")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cite_names_version_document_place_text_and_anchor(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, _ = run(capsys, "cite", "lai-chau-city-2024:C4", "--lang", lang)
    assert code == 0
    c4 = vdc.get_plan("lai-chau-city-2024").criterion("C4")
    assert vdc.__version__ in out
    assert str(c4.source) in out
    assert f"«{c4.text_vi}»" in out
    assert "#lai-chau-city-2024-C4" in out
    assert ("English: " in out) is (lang == "en")


def test_cite_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cite", "national-28-qd-ttg-2025:C1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["anchor"] == "national-28-qd-ttg-2025-C1"
    assert data["document"]["number"] == "28/2025/QĐ-TTg"
    assert data["where"] == "qd-28-2025-qd-ttg.txt:48 (Điều 6.1)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("cite", "lai-chau-city-2024:C99"), "has no criterion or target 'C99'"),
        (("cite", "lai-chau-city-2024"), "give the item to cite as PLAN:ITEM"),
        (("audit", "lai-chau-city-2024:C4"), "'audit' takes a plan, not one of its items"),
    ],
)
def test_bad_references_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
