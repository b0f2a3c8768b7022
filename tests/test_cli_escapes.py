"""A plan file's texts cannot drive the terminal: escapes and carriage returns come out escaped.

Anyone can write a plan file and give its path to a command. ``fixtures/plans/hostile-text.toml``
carries ANSI escape sequences (colour, clear screen, a window-title OSC ended by BEL) and bare
carriage returns in its title, issuer, criterion, target, phase and deadline texts. Every text
output of ``show``, ``cite``, ``calendar``, ``audit`` and ``targets``, in both languages, must
hold no control character other than the line ends it writes, and show the escaped form
(``\\x1b``, ``\\r``) wherever it prints such a text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vn_drugfree_criteria.cli import main

PLAN = str(Path(__file__).parent / "fixtures" / "plans" / "hostile-text.toml")


def _controls(text: str) -> set[str]:
    return {ch for ch in text if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main([*argv, "--allow-missing-source"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert _controls(out + err) == set(), argv
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "argv",
    [
        ("show", PLAN),
        ("show", f"{PLAN}:C1"),
        ("show", f"{PLAN}:t1"),
        ("cite", f"{PLAN}:C1"),
        ("cite", f"{PLAN}:t1"),
        ("calendar", PLAN),
        ("calendar", PLAN, "--on", "2024-03-01"),
        ("audit", PLAN),
    ],
)
def test_plan_texts_are_escaped(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], lang: str
) -> None:
    """Each command prints the hostile texts it shows in escaped form, never raw."""
    out = _run(capsys, *argv, "--lang", lang)
    assert "\\x1b" in out
    assert "\\r" in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_targets_of_a_hostile_plan_print_no_control_character(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    """``targets`` prints ids, periods and explanations: none raw, whatever the plan holds."""
    figures = tmp_path / "figures.csv"
    figures.write_text("period,rings_dismantled\n2024,11\n", encoding="utf-8")
    out = _run(capsys, "targets", PLAN, str(figures), "--lang", lang)
    assert out.startswith("t1 ")


def test_a_period_with_an_escape_is_refused_in_one_escaped_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A figures file is input too: its bad period is named, escaped, on one line."""
    figures = tmp_path / "figures.csv"
    figures.write_text("period,rings_dismantled\n2024\x1b[2J\r,11\n", encoding="utf-8")
    assert main(["targets", PLAN, str(figures), "--allow-missing-source"]) == 2
    out, err = capsys.readouterr()
    assert _controls(out + err) == set()
    assert "\\x1b[2J" in err
    assert err.count("\n") == 1
