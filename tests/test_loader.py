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


def _minimal_text() -> str:
    return (FIXTURES / "plans" / "minimal.toml").read_text(encoding="utf-8")


def _load_variant(tmp_path: Path, old: str, new: str) -> vdc.Plan:
    text = _minimal_text()
    assert old in text
    (tmp_path / "test-source.txt").write_bytes(
        (FIXTURES / "plans" / "test-source.txt").read_bytes()
    )
    (tmp_path / "minimal.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return vdc.load_plan_file(tmp_path / "minimal.toml")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('text_vi = "từ 83% trở lên"', 'text_vi = "từ 90% trở lên"', "requirements[1].text_vi"),
        ('phrase_vi = "ít nhất"', 'phrase_vi = "tối thiểu"', "requirements[2].phrase_vi"),
        ('title_vi = "Kế hoạch thử"', 'title_vi = "Kế hoạch khác"', "document.title_vi"),
        ("source = { line = 24 }", "source = { line = 25 }", "criteria[0].number"),
        ('text_vi = "Không có tụ điểm"', 'text_vi = "Không có tụ điểm nào"', "criteria[0].text_vi"),
    ],
    ids=["requirement-word", "phrase", "title", "pointer", "criterion-text"],
)
def test_quotes_are_checked_by_the_loader(tmp_path: Path, old: str, new: str, key: str) -> None:
    """Every quote stands where its pointer says, in every plan the loader reads."""
    with pytest.raises(vdc.DataFileError) as info:
        _load_variant(tmp_path, old, new)
    assert info.value.key.endswith(key)


def test_a_plan_id_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    with pytest.raises(vdc.DataFileError, match="not a lower-case, hyphenated identifier"):
        _load_variant(tmp_path, 'id = "minimal"', 'id = "minimal\\n"')
