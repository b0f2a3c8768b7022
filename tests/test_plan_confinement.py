"""A plan file reads its source text from its own folder only, within bounds, as UTF-8 text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.model.sources import MAX_SOURCE_BYTES

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
SOURCE = "test-source.txt"


def _plan(folder: Path, source_file: str, *, with_source: bool = True) -> Path:
    """The minimal fixture plan in ``folder`` naming ``source_file``."""
    text = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace(f'source_file = "{SOURCE}"', f"source_file = {_toml_string(source_file)}")
    plan = folder / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    if with_source:
        shutil.copy(FIXTURES / SOURCE, folder / SOURCE)
    return plan


def _toml_string(text: str) -> str:
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in text
    )
    return f'"{escaped}"'


def _refusal(plan: Path) -> str:
    with pytest.raises(vdc.DataFileError) as info:
        vdc.load_plan_file(plan)
    assert info.value.key == "source_file"
    assert "Traceback" not in str(info.value)
    return info.value.problem


def test_the_fixture_loads_from_its_own_folder(tmp_path: Path) -> None:
    plan = vdc.load_plan_file(_plan(tmp_path, SOURCE))
    assert plan.source_lines is not None
    assert not plan.source_missing


def test_a_source_in_a_subfolder_is_found(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    shutil.copy(FIXTURES / SOURCE, tmp_path / "texts" / SOURCE)
    plan = vdc.load_plan_file(_plan(tmp_path, f"texts/{SOURCE}", with_source=False))
    assert plan.source_file == f"texts/{SOURCE}"


@pytest.mark.parametrize(
    "name",
    ["/etc/passwd", "/etc/no-such-file", "../x.txt", "a/../../x.txt", "C:\\x.txt", "..\\x.txt"],
)
def test_paths_outside_the_folder_are_refused_alike(tmp_path: Path, name: str) -> None:
    """The refusal is the same whether the file outside exists or not: it reveals nothing."""
    problem = _refusal(_plan(tmp_path, name))
    assert problem == _refusal(_plan(tmp_path, "/etc/no-such-file"))
    assert "line" not in problem
    assert "passwd" not in problem


def test_a_link_leading_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "plan"
    inner.mkdir()
    (tmp_path / "outside.txt").write_text("secret\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", inner / "link.txt")
    os.symlink("/etc/no-such-file", inner / "dangling.txt")
    one = _refusal(_plan(inner, "link.txt"))
    two = _refusal(_plan(inner, "dangling.txt"))
    assert one == two
    assert "must name a file in the plan's folder" in one


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("x" * 300, "longer than 255 characters"),
        ("a\x00b.txt", "control"),
        ("a\nb.txt", "control"),
        ("\x1b[31mred.txt", "control"),
        ("a\u202eb.txt", "control"),
        (" source.txt", "expected a file name"),
        ("texts/", "expected a file name"),
        (".", "expected a file name"),
    ],
    ids=["300-chars", "nul", "newline", "ansi", "bidi", "space", "folder", "dot"],
)
def test_odd_names_are_refused(tmp_path: Path, name: str, problem: str) -> None:
    assert problem in _refusal(_plan(tmp_path, name))


def test_a_binary_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00\x01" * 100)
    assert "not UTF-8" in _refusal(_plan(tmp_path, "bin.txt"))
    (tmp_path / "nul.txt").write_bytes(b"text\x00more\n")
    assert "binary" in _refusal(_plan(tmp_path, "nul.txt"))


def test_a_huge_source_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_SOURCE_BYTES + 1)  # sparse: costs no disk
    assert f"larger than {MAX_SOURCE_BYTES} bytes" in _refusal(_plan(tmp_path, "big.txt"))


def test_a_folder_or_device_is_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    assert "not a regular file" in _refusal(_plan(tmp_path, "dir.txt"))


def test_the_cli_refusal_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _plan(tmp_path, "/etc/passwd")
    for command in (["show"], ["audit"], ["calendar"], ["assess", "--example"]):
        assert main([command[0], str(plan), *command[1:]]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "root" not in err
        assert "source_file: must name a file in the plan's folder" in err


def test_a_plan_file_is_bounded_too(tmp_path: Path) -> None:
    plan = tmp_path / "huge.toml"
    with plan.open("wb") as f:
        f.truncate(2 * 1024 * 1024)
    with pytest.raises(vdc.DataFileError, match="larger than"):
        vdc.load_plan_file(plan)
    with pytest.raises(vdc.DataFileError, match="not a regular file"):
        vdc.load_plan_file("/dev/zero")
