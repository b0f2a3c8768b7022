"""Sphinx configuration for vn-drugfree-criteria."""

from __future__ import annotations

import sys
from pathlib import Path

import vn_drugfree_criteria

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "vn-drugfree-criteria"
author = "The vn-drugfree-criteria contributors"
copyright = "2026, The vn-drugfree-criteria contributors"
release = vn_drugfree_criteria.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "plan_pages",  # docs/_ext: one page per plan, written from the plan data at build time
]
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
nitpick_ignore_regex = [(r"py:.*", r".*")]
html_theme = "furo"
html_title = f"vn-drugfree-criteria {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
# Fonts with every Vietnamese letter and tone mark precomposed, then the platform's own; the
# monospace stack is for identifiers and formulas only (Vietnamese text is never set in it).
_FONTS = (
    '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", '
    '"Liberation Sans", system-ui, sans-serif'
)
_MONO = '"Noto Sans Mono", "DejaVu Sans Mono", "Cascadia Mono", Consolas, Menlo, monospace'
html_theme_options = {
    "light_css_variables": {"font-stack": _FONTS, "font-stack--monospace": _MONO},
    "dark_css_variables": {"font-stack": _FONTS, "font-stack--monospace": _MONO},
}
# Copy buttons copy the command or code only: shell prompts and doctest prompts are left out,
# and for a doctest only the input lines are copied.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
language = "en"
# Verbatim source text is shown exactly as written: no straight quote is turned into a curly one.
smartquotes = False
exclude_patterns = ["_build", "_ext", "_static"]


# The examples in docstrings (shown by autodoc) run with their module's names, given here. The
# pages' own examples import everything they use, so they run as pasted:
# tests/test_snippets.py runs each page in an empty namespace.
doctest_global_setup = """
import datetime
import datetime as _dt
from fractions import Fraction
import vn_drugfree_criteria as vdc
from vn_drugfree_criteria import *
from vn_drugfree_criteria.vocab.numbers import format_share
from vn_drugfree_criteria.model.rules import Comparison, Op
"""
