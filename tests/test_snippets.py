"""Every example in the README and the documentation runs as pasted, in an empty namespace.

Sphinx's doctest build has no set-up code either (``docs/conf.py``); this test also covers the
README's Python blocks and checks that every ``vn-drugfree`` command shown is a valid command
line, so pasting one into a shell runs it rather than a pipe into a missing program.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import shutil
from importlib import resources
from pathlib import Path

import pytest

from vn_drugfree_criteria.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOC_PAGES = sorted((ROOT / "docs").glob("*.rst"))
README = ROOT / "README.md"


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda p: p.name)
def test_documentation_examples_run_as_pasted(page: Path) -> None:
    flags = doctest.ELLIPSIS
    result = doctest.testfile(
        str(page), module_relative=False, globs={}, optionflags=flags, report=False
    )
    assert result.failed == 0, f"{page.name}: {result.failed} of {result.attempted} failed"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_every_readme_python_block_runs_as_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each block alone, in a fresh namespace, beside a villages.csv (the bundled example)."""
    example = resources.files("vn_drugfree_criteria").joinpath(
        "data", "examples", "lai-chau-city-2024.csv"
    )
    with resources.as_file(example) as path:
        shutil.copy(path, tmp_path / "villages.csv")
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {})  # the project's own README
        assert out.getvalue().strip(), block


def shown_commands() -> list[tuple[str, str]]:
    """Every ``vn-drugfree`` command line of a code block in the README and the pages."""
    found = []
    sources = [README, *DOC_PAGES]
    for src in sources:
        text = src.read_text(encoding="utf-8")
        for line in text.splitlines():
            command = line.strip().removeprefix("$ ")
            if command.startswith("vn-drugfree "):
                found.append((f"{src.name}: {command}", command))
    return found


def inline_commands() -> list[tuple[str, str]]:
    """``vn-drugfree …`` written inline in prose (synopses such as ``show PLAN``)."""
    found = []
    for src in [README, *DOC_PAGES]:
        text = src.read_text(encoding="utf-8")
        for command in re.findall(r"(?<!`)``?(vn-drugfree [^`]+)``?", text):
            found.append((f"{src.name}: `{command}`", command))
    return found


@pytest.mark.parametrize(("where", "line"), inline_commands(), ids=lambda v: v[:60])
def test_inline_synopses_use_placeholders_not_pipes(where: str, line: str) -> None:
    """A synopsis pasted into a shell must not become a pipe: alternatives go in [a|b] only."""
    outside_brackets = re.sub(r"\[[^\]]*\]", "", line)
    assert "|" not in outside_brackets, where


@pytest.mark.parametrize(("where", "line"), shown_commands(), ids=lambda v: v[:60])
def test_every_command_shown_parses(where: str, line: str) -> None:
    """Split as a shell would; the vn-drugfree part parses, nothing is piped into a non-program."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    ends = [i for i, t in enumerate(tokens) if t in {"|", ">", "&&", ";", "||"} or t[0] == "#"]
    args = tokens[1 : ends[0]] if ends else tokens[1:]
    assert "|" not in tokens, f"{where}: pipes into another program"
    parser = build_parser()
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            parser.parse_args(args)
        except SystemExit as exc:  # the parser's one-line error
            pytest.fail(f"{where}: not a valid command line ({exc.code})")
