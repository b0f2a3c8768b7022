"""The README's first example runs and prints what the README says it prints."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_tour_example_prints_what_it_claims() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.findall(r"```python\n(.*?)```", text, flags=re.S)[0]
    code = "\n".join(line for line in block.splitlines() if not line.startswith("# "))
    claimed = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # the project's own README
    assert out.getvalue().splitlines() == claimed


def test_readme_starts_with_the_two_set_up_commands() -> None:
    commands = re.findall(r"^\$ (.+)$", README.read_text(encoding="utf-8"), flags=re.M)
    assert "vn-drugfree assess lai-chau-city-2024 --example" in commands[0]
    assert commands[1] == 'pip install ".[test]" && python -m pytest'
