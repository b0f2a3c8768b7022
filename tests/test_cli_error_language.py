"""The one line of a command that cannot run speaks the language of its message."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vn_drugfree_criteria.cli.main import main
from vn_drugfree_criteria.io.template import template_columns


def _bad_figures(tmp_path: Path) -> Path:
    columns = template_columns("lai-chau-city-2024", figures=True)
    path = tmp_path / "figures.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerow(["2024", "-1", *["1"] * (len(columns) - 2)])
    return path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            "vn-drugfree targets: lỗi: dòng dữ liệu 1, dòng 2 của tệp: communes: không được âm, "
            "nhận được -1\n",
        ),
        (
            "en",
            "vn-drugfree targets: error: row 1, line 2 of the file: communes: must not be "
            "negative, got -1\n",
        ),
    ],
)
def test_a_refused_figures_row_is_reported_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    """--lang: a row of programme figures refused (exit 2) is one line in that language."""
    code = main(["targets", "lai-chau-city-2024", str(_bad_figures(tmp_path)), "--lang", lang])
    assert code == 2
    assert capsys.readouterr().err == expected


def test_an_error_worded_in_english_only_keeps_an_english_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One language per line: a message the library words in English only is not prefixed in
    Vietnamese."""
    assert main(["assess", "no-such-plan", "x.csv", "--lang", "vi"]) == 2
    assert capsys.readouterr().err.startswith("vn-drugfree assess: error: unknown plan")
