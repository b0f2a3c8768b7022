"""`show` works for every bundled plan, in every format and language."""

import json

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria._cli import main


@pytest.mark.parametrize("plan_id", vdc.list_plans())
@pytest.mark.parametrize(("fmt", "lang"), [("table", "vi"), ("table", "en"), ("json", "vi")])
def test_show_every_plan(
    capsys: pytest.CaptureFixture[str], plan_id: str, fmt: str, lang: str
) -> None:
    assert main(["show", plan_id, "--format", fmt, "--lang", lang]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    plan = vdc.get_plan(plan_id)
    if fmt == "json":
        assert json.loads(out)["id"] == plan_id
    else:
        assert out.startswith(f"{plan_id}: ")
        for t in plan.targets:
            assert f"{plan_id}:{t.id} " in out
        for c in plan.criteria:
            assert f"{plan_id}:{c.id} " in out
        for p in plan.calendar.phases:
            assert p.start.isoformat() in out
