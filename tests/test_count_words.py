"""Counts in words: one English form for 1 (``1 error``), another for any other count
(``3 errors``); one Vietnamese form for every count (``3 lỗi``), in every summary that words a
count (``audit``, ``assess``, ``calendar --on``, ``show``, target thresholds)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.vocab.labels import LABELS, Count, read_labels, say_count, words


def _english(noun_one: str, noun_many: str, n: int) -> str:
    return f"{n} {noun_one if n == 1 else noun_many}"


@pytest.mark.parametrize("n", [0, 1, 2, 21])
def test_say_count_english_singular_only_for_one(n: int) -> None:
    assert say_count("count.error", n, "en") == _english("error", "errors", n)
    assert say_count("count.row", n, "en") == _english("row", "rows", n)
    assert say_count("count.warning", n, "en") == _english("warning", "warnings", n)


@pytest.mark.parametrize("n", [0, 1, 2, 21])
def test_say_count_vietnamese_has_no_plural(n: int) -> None:
    assert say_count("count.error", n, "vi") == f"{n} lỗi"
    assert say_count("count.row", n, "vi") == f"{n} dòng"


def test_every_count_label_names_its_count() -> None:
    """A singular form exists only where the plural names ``{count}``."""
    ones = {k: f for k, f in LABELS.items() if "en_one" in f}
    assert ones
    for forms in ones.values():
        assert "{count}" in forms["en_one"]
        assert "{count}" in forms["en"]
        assert "{count}" in forms["vi"]


def test_a_singular_form_without_count_is_refused() -> None:
    text = (
        'schema = 1\n[[labels]]\nkey = "a"\nvi = "{n} dòng"\nen = "{n} rows"\nen_one = "{n} row"\n'
    )
    with pytest.raises(DataFileError, match="en_one"):
        read_labels("bad.toml", text)


def test_a_count_in_a_sentence() -> None:
    for n in (1, 6):
        text = words("threshold.lifetime", months=Count("count.month", n)).render("en")
        assert text.endswith(f"longer than {_english('month', 'months', n)})")
        assert (
            words("threshold.lifetime", months=Count("count.month", n))
            .render("vi")
            .endswith(f"quá {n} tháng)")
        )


def test_audit_summary_in_english_agrees_with_each_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan = "lai-chau-city-2024"
    findings = vdc.audit(plan)
    assert main(["audit", plan, "--lang", "en"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    by = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning")}
    assert by["error"] != 1 or by["warning"] != 1  # the plan has several of one kind
    expected = ", ".join(_english(s, s + "s", n) for s, n in by.items())
    assert expected in last
    assert last.startswith(f"{plan}: {_english('finding', 'findings', len(findings))} (")


def test_audit_summary_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    plan = "lai-chau-city-2024"
    findings = vdc.audit(plan)
    assert main(["audit", plan, "--lang", "vi"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    errors = sum(1 for f in findings if f.severity.value == "error")
    assert last.startswith(f"{plan}: {len(findings)} phát hiện ({errors} lỗi, ")


def test_one_past_deadline_is_singular(capsys: pytest.CaptureFixture[str]) -> None:
    plan, day = "lai-chau-city-2024", "2024-06-01"
    assert main(["calendar", plan, "--on", day, "--format", "json"]) == 0
    past = len(json.loads(capsys.readouterr().out)["on"]["overdue"])
    assert main(["calendar", plan, "--on", day, "--lang", "en"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    verb = "its" if past == 1 else "their"
    assert last.endswith(f"{past} past {verb} last day")


def _one_row_table(tmp_path: Path) -> Path:
    node = resources.files("vn_drugfree_criteria").joinpath(
        "data", "examples", "lai-chau-city-2024.csv"
    )
    lines = node.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "one.csv"
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "rows"), [("en", "1 row;"), ("vi", "1 dòng;")])
def test_assess_head_of_one_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, rows: str
) -> None:
    path = _one_row_table(tmp_path)
    assert main(["assess", "lai-chau-city-2024", str(path), "--lang", lang]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert f": {rows} " in head


def test_assess_summary_of_one_rejected_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _one_row_table(tmp_path)
    header, row = path.read_text(encoding="utf-8").splitlines()
    cells = row.split(",")
    at = header.split(",").index("households")
    cells[at] = "x"
    path.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    assert main(["assess", "lai-chau-city-2024", str(path), "--lang", "en"]) == 1
    assert "1 of 1 row rejected" in capsys.readouterr().err
