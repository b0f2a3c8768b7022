"""The generated plan pages quote every criterion verbatim, with its stable label."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import vn_drugfree_criteria as vdc

EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext" / "plan_pages.py"


def load_ext() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plan_pages", EXT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["plan_pages"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("plan_id", vdc.list_plans())
def test_plan_page_quotes_every_criterion_verbatim(plan_id: str) -> None:
    ext = load_ext()
    plan = vdc.get_plan(plan_id)
    page = ext.plan_page(plan)
    assert ext.esc(plan.document.title_vi) in page
    for c in plan.criteria:
        assert f".. _{plan_id}-{c.id}:" in page
        assert ext.esc(c.text_vi) in page
        assert ext.esc(c.text_en) in page
        for r in c.requirements:
            assert r.formula() in page


def test_unknown_metadata_is_shown_as_unknown() -> None:
    ext = load_ext()
    page = ext.plan_page(vdc.get_plan("lai-chau-city-2024"))
    assert "*unknown* (not stated in the source); as written: ``Số: /KH-UBND``" in page
    assert "2024-04 (precision: month)" in page


def test_escaping_keeps_text_literal() -> None:
    ext = load_ext()
    assert ext.esc("*a* `b` c_ |d|") == "\\*a\\* \\`b\\` c\\_ \\|d\\|"
