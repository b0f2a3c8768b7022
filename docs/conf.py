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
    "plan_pages",  # docs/_ext: one page per plan, written from the plan data at build time
]
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
nitpick_ignore_regex = [(r"py:.*", r".*")]
html_theme = "alabaster"
language = "en"
exclude_patterns = ["_build", "_ext"]

doctest_global_setup = """
import datetime
import datetime as _dt
from fractions import Fraction
import vn_drugfree_criteria as vdc
from vn_drugfree_criteria import *
from vn_drugfree_criteria.vocab.numbers import format_share
from vn_drugfree_criteria.model.rules import Comparison, Op
"""
