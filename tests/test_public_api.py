"""The public surface: explicit, sorted ``__all__`` lists, one home (a layer) per public name."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc

LAYERS = ("vocab", "model", "engine", "auditing", "io", "viz", "conformance", "cli")


def _ruff_order(names: list[str]) -> list[str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions."""
    return sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))


@pytest.mark.parametrize("layer", LAYERS)
def test_every_layer_exports_a_sorted_all_whose_names_exist(layer: str) -> None:
    module = importlib.import_module(f"vn_drugfree_criteria.{layer}")
    names = list(module.__all__)
    assert names, layer
    assert names == _ruff_order(names)
    assert len(set(names)) == len(names)
    for name in names:
        assert getattr(module, name) is not None


def test_every_public_name_comes_from_its_layer_or_is_an_error() -> None:
    errors = importlib.import_module("vn_drugfree_criteria.errors")
    for name in vdc.__all__:
        if name == "__version__":
            continue
        layer = vdc._LAZY.get(name)
        if layer is None:
            assert getattr(vdc, name) is getattr(errors, name), name
            continue
        module = importlib.import_module(f"vn_drugfree_criteria.{layer}")
        assert name in module.__all__, (name, layer)
        assert getattr(vdc, name) is getattr(module, name), name


def test_top_level_all_lists_every_lazy_name_once() -> None:
    assert set(vdc._LAZY) <= set(vdc.__all__)
    assert len(set(vdc.__all__)) == len(vdc.__all__)
    assert sorted(dir(vdc)) == dir(vdc)


def test_the_api_reference_lists_every_public_name_once_under_its_layer() -> None:
    """docs/api.rst is split by layer; a new public name must be placed in it."""
    text = (Path(__file__).parents[1] / "docs" / "api.rst").read_text(encoding="utf-8")
    listed = re.findall(r"^\.\. (?:auto\w+|py:data):: (\S+)$", text, flags=re.MULTILINE)
    assert sorted(listed) == sorted(vdc.__all__)
