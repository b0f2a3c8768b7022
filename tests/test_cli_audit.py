"""The ``audit`` command: JSON per the contract, table, --strict, --lang, errors."""

from __future__ import annotations

import json

import pytest

from vn_drugfree_criteria.cli import main

KEYS = {"code", "severity", "message", "stated", "derived", "where"}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    status = main(["audit", *args, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "plan",
    [
        "lao-cai-414-2023",
        "lai-chau-city-2024",
        "thanh-hoa-151-2022",
        "can-tho-205-2021",
        "action-month-321-2022",
        "national-132-kl-tw-2025",
    ],
)
def test_json_shape(capsys: pytest.CaptureFixture[str], plan: str) -> None:
    status, data = run_json(capsys, plan)
    assert status == 0
    assert data["plan"] == plan
    findings = data["findings"]
    assert isinstance(findings, list)
    assert findings
    for f in findings:
        assert set(f) >= KEYS
        assert f["severity"] in {"error", "warning", "info"}
        assert isinstance(f["where"], str)
        assert f["where"]


def test_strict_exits_1_on_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "lai-chau-city-2024", "--strict"]) == 1
    assert main(["audit", "thanh-hoa-151-2022", "--strict"]) == 0  # warnings and notes only
    capsys.readouterr()


def test_lang_selects_the_message(capsys: pytest.CaptureFixture[str]) -> None:
    _, en = run_json(capsys, "lai-chau-city-2024", "--lang", "en")
    _, vi = run_json(capsys, "lai-chau-city-2024")
    gap_en = next(f for f in en["findings"] if f["code"] == "NUMBERING_GAP")  # type: ignore[union-attr]
    gap_vi = next(f for f in vi["findings"] if f["code"] == "NUMBERING_GAP")  # type: ignore[union-attr]
    assert gap_en["message"] == gap_en["message_en"]
    assert gap_vi["message"] == gap_vi["message_vi"]
    assert gap_en["where"] == "001_049b74cfff36fd8f.txt:242 (V.15)"


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "lai-chau-city-2024", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "FIGURE_SHARE_MISMATCH" in out
    assert "46 of 55" in out
    assert out.rstrip().splitlines()[-1].startswith("lai-chau-city-2024: ")


def test_unknown_plan_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "no-such-plan"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown plan" in err
