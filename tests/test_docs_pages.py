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
    if str(EXT.parent) not in sys.path:
        sys.path.insert(0, str(EXT.parent))  # the extension's helper modules live beside it
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
        assert f'<span id="{plan_id}-{c.id}"></span>' in page  # the exact-case HTML anchor
        assert ext.esc(c.text_vi) in page
        assert ext.esc(c.text_en) in page
        for r in c.requirements:
            assert r.formula() in page


def test_unknown_metadata_is_shown_as_unknown() -> None:
    ext = load_ext()
    page = ext.plan_page(vdc.get_plan("lai-chau-city-2024"))
    assert "*unknown* (not stated in the source)" in page
    assert "as written / :vi:`nguyên văn`: «:vi:`Số: /KH-UBND`»" in page
    assert "2024-04 (month only / :vi:`chỉ có tháng`)" in page


def test_escaping_keeps_text_literal() -> None:
    ext = load_ext()
    assert ext.esc("*a* `b` c_ |d|") == "\\*a\\* \\`b\\` c\\_ \\|d\\|"


def test_plan_with_phases_shows_its_calendar_and_timeline(tmp_path: Path) -> None:
    """The Lai Châu page lists the phases, the phase-2 report at its last day and the figure."""
    ext = load_ext()
    plan = vdc.get_plan("lai-chau-city-2024")
    page = ext.plan_page(plan)
    rows = page.split("phase 2 / :vi:`giai đoạn 2`")[-1].splitlines()
    assert [r.strip(" *-") for r in rows[1:3]] == ["2024-04-01", "2025-03-14"]
    assert "«:vi:`trước ngày`» 2025-03-16\n     - **2025-03-15**" in page
    assert ".. figure:: /_generated/figures/calendar-lai-chau-city-2024.png" in page
    spec = importlib.util.spec_from_file_location("figures", EXT.parent / "figures.py")
    assert spec is not None
    assert spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    import matplotlib.pyplot as plt

    figures.write_calendar_figures(tmp_path, plt)
    drawn = sorted(f.name for f in tmp_path.iterdir())
    assert "calendar-lai-chau-city-2024.png" in drawn
    assert "calendar-action-month-321-2022.png" in drawn  # observances only
    assert "calendar-can-tho-205-2021.png" not in drawn  # undated reports only: nothing to draw
    for plan_id in vdc.list_plans():
        name = ext.calendar_figure_name(vdc.get_plan(plan_id))
        assert (name in drawn) if name else all(plan_id not in f for f in drawn)
    assert all((tmp_path / f).read_bytes()[:4] == b"\x89PNG" for f in drawn)


def test_plans_without_phases_have_no_timeline_but_keep_undated_reports() -> None:
    ext = load_ext()
    page = ext.plan_page(vdc.get_plan("can-tho-205-2021"))
    assert ".. figure::" not in page
    assert "Reports with no day in the source / Báo cáo không nêu ngày" in page
    assert ":vi:`Báo cáo định kỳ 6 tháng`" in page
    assert "every six months / :vi:`6 tháng một lần`" in page
    month = ext.plan_page(vdc.get_plan("action-month-321-2022"))
    assert "- 2022-06-01\n     - 2022-06-30" in month


def test_adding_a_plan_guide_names_every_key_the_target_and_calendar_loader_reads() -> None:
    """Every key read by the targets/calendar loader is documented, and every section too."""
    import re

    root = EXT.parent.parent.parent
    guide = (root / "docs" / "adding-a-plan.rst").read_text(encoding="utf-8")
    loader = (root / "src" / "vn_drugfree_criteria" / "model" / "loader_targets.py").read_text(
        "utf-8"
    )
    keys = set(re.findall(r'"([a-z_]+)"', loader)) - {"6 months", "yearly", "once"}
    keys -= {"targets", "phases", "deadlines", "recurring_deadlines", "undated_reports"}
    keys -= {"observances", "read_calendar", "read_targets"}  # table names, __all__
    assert {"when", "whole_stated", "removed_figure", "reports_on_phase", "year"} <= keys
    missing = sorted(k for k in keys if f"``{k}``" not in guide)
    assert missing == []
    for table in ("targets", "phases", "deadlines", "recurring_deadlines", "undated_reports",
                  "observances"):  # fmt: skip
        assert f'top.tables("{table}")' in loader
        assert f"``[[{table}]]``" in guide
    assert '``form = "citation only"``' in guide


def test_adding_a_plan_guide_names_every_key_the_plan_loader_reads() -> None:
    """Every key the plan loader reads (document, references, scope, criteria) is documented."""
    import re

    root = EXT.parent.parent.parent
    guide = (root / "docs" / "adding-a-plan.rst").read_text(encoding="utf-8")
    model = root / "src" / "vn_drugfree_criteria" / "model"
    loader = "".join(
        (model / name).read_text("utf-8") for name in ("loader.py", "loader_fidelity.py")
    )
    read = r"(?:text|opt_text|integer|opt_integer|opt_date|date|fraction|text_list|table|tables|"
    read += r'has|ref|opt_ref|_partial|_levels|_opt_level)\(\s*(?:[a-z]+,\s*)?"([a-z_]+)"'
    keys = set(re.findall(read, loader))
    assert {"period_vi", "period_source", "valid_to", "minimum", "readings"} <= keys

    def documented(key: str) -> bool:  # as ``key``, as a table [key] / [x.key], or key = …
        return f"``{key}``" in guide or bool(re.search(rf"[\[.]{key}\]|\b{key} = ", guide))

    assert sorted(k for k in keys if not documented(k)) == []


def test_every_code_the_plans_use_has_a_label_in_both_languages() -> None:
    """Plan pages show human labels, never codes: each code of every bundled plan is labelled."""
    load_ext()
    import page_labels as lab

    from vn_drugfree_criteria.io.export import plan_to_dict

    for plan_id in vdc.list_plans():
        d = plan_to_dict(vdc.get_plan(plan_id))
        for t in d["targets"]:
            assert t["kind"] in lab.TARGET_KINDS
            assert all(r in lab.READINGS for r in t["readings"])
            assert t["comparison"] is None or t["comparison"]["kind"] in lab.COMPARISONS
        assert all(u["frequency"] in lab.FREQUENCIES for u in d["calendar"]["undated"])
        assert all(r["relation"] in lab.RELATIONS for r in d["references"])
        assert d["document"]["form"] in lab.FORMS
        precision = d["document"]["issued_precision"]
        assert precision is None or precision in lab.PRECISIONS
    assert {s.value for s in vdc.Severity} == set(lab.SEVERITIES)
    for table in (lab.TARGET_KINDS, lab.COMPARISONS, lab.READINGS, lab.SEVERITIES):
        assert all(en and vi and en != vi for en, vi in table.values())


@pytest.mark.parametrize("plan_id", vdc.list_plans())
def test_plan_pages_show_no_python_representation(plan_id: str) -> None:
    """The same patterns the browser check looks for never reach the page source."""
    ext = load_ext()
    spec = importlib.util.spec_from_file_location(
        "browser_check", EXT.parents[2] / "tools" / "browser_check.py"
    )
    assert spec is not None
    assert spec.loader is not None
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    page = ext.plan_page(vdc.get_plan(plan_id))
    assert check.RAW_REPR.findall(page) == []
    assert check.RAW_REPR.search("kind: TargetKind.BASELINE; comparison: Phrase(kind=")
    assert check.RAW_REPR.search("<ComparisonKind.ALL: 'all'>")
