"""`show` works for every bundled plan, in every format and language."""

import json

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.vocab.dates import date_words


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
            assert date_words(p.start, lang) in out  # 01/01/2024 in Vietnamese text


def test_show_carries_a_targets_doubt(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "can-tho-205-2021", "--format", "json"]) == 0
    targets = {t["id"]: t for t in json.loads(capsys.readouterr().out)["targets"]}
    assert targets["a2"]["doubt"] == vdc.get_plan("can-tho-205-2021").target("a2").doubt
    assert targets["b"]["doubt"] is None
