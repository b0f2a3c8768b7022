"""The plan loader refuses every malformed file with a message naming file, key and problem."""

from pathlib import Path

import pytest

import vn_drugfree_criteria as vdc

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "bad_plans").glob("*.toml"))


def test_minimal_plan_loads() -> None:
    plan = vdc.load_plan_file(FIXTURES / "plans" / "minimal.toml")
    assert plan.id == "minimal"
    assert [c.id for c in plan.criteria] == ["C1", "C2"]
    share = plan.criteria[1].requirements[1]
    assert share.kind is vdc.RequirementKind.SHARE
    assert share.bound == vdc.parse_share("83%")
    assert share.comparison.op is vdc.Op.GE
    assert plan.document.number is None


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_plan_file_is_refused(path: Path) -> None:
    expect = path.read_text(encoding="utf-8").splitlines()[0]
    assert expect.startswith("# expect: ")
    key, problem = expect[len("# expect: ") :].split(" :: ")
    with pytest.raises(vdc.DataFileError) as info:
        vdc.load_plan_file(path)
    err = info.value
    assert err.path == path.name
    assert err.key == key
    assert problem in err.problem
    assert str(err).startswith(f"{path.name}: {key}: ")


def test_unreadable_file() -> None:
    with pytest.raises(vdc.DataFileError, match="cannot be read"):
        vdc.load_plan_file(FIXTURES / "no-such-plan.toml")


def test_bundled_plan_id_must_match_file_name() -> None:
    from vn_drugfree_criteria.model.loader import load_plan_text

    text = (FIXTURES / "plans" / "minimal.toml").read_text(encoding="utf-8")
    with pytest.raises(vdc.DataFileError, match="does not match the file name 'other'"):
        load_plan_text("other.toml", text, expected_id="other")
