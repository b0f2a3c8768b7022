"""Run the docstring examples of every module of the installed package."""

import doctest
import importlib
import pkgutil

import pytest

import vn_drugfree_criteria

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(vn_drugfree_criteria.__path__, "vn_drugfree_criteria.")
    if m.name != "vn_drugfree_criteria.__main__"
)


@pytest.mark.parametrize("name", ["vn_drugfree_criteria", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
