import builtins
import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.io.ics import calendar_ics
from vn_drugfree_criteria.model.loader import load_plan_text
from vn_drugfree_criteria.model.registry import _plans_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calendar_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """CONTRACT.md: calendar --on D gives phases, on.date/phase and deadlines with last_day."""
    code, out, _ = run(
        capsys, "calendar", "lai-chau-city-2024", "--on", "2025-03-15", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["plan"] == "lai-chau-city-2024"
    assert data["on"] == {**data["on"], "date": "2025-03-15", "phase": 3}
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4, 5]
    d = next(d for d in data["deadlines"] if d["id"] == "report-phase-2")
    assert (d["due_before"], d["last_day"]) == ("2025-03-16", "2025-03-15")
    assert {"title", "due_before", "last_day"} <= set(d)


def test_calendar_undated_reports_stay_undated(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "calendar", "can-tho-205-2021", "--format", "json")
    data = json.loads(out)
    assert data["deadlines"] == []
    assert len(data["undated"]) == 4


def test_calendar_table_and_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "lai-chau-city-2024", "--on", "2024-05-01")
    assert code == 0
    assert "ngày 01/05/2024: giai đoạn 2;" in out
    code, out, _ = run(
        capsys, "calendar", "lai-chau-city-2024", "--on", "2024-05-01", "--lang", "en"
    )
    assert "on 2024-05-01: phase 2" in out
    code, _, err = run(capsys, "calendar", "lai-chau-city-2024", "--on", "01/05/2024")
    assert code == 2
    assert "--on" in err
    assert "Traceback" not in err


def test_calendar_ics(capsys: pytest.CaptureFixture[bytes]) -> None:
    """RFC 5545: all-day events with exclusive DTEND; the 26 June observance."""
    ics = calendar_ics(vdc.get_plan("action-month-321-2022"), (2022,)).decode()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;VALUE=DATE:20220626" in ics
    assert "DTEND;VALUE=DATE:20220701" in ics
    later = calendar_ics(vdc.get_plan("action-month-321-2022"), (2026,)).decode()
    assert "BEGIN:VEVENT" not in later  # the plan organises 2022's observances only
    lai = calendar_ics(vdc.get_plan("lai-chau-city-2024"), ()).decode()
    assert "DTSTART;VALUE=DATE:20250315" in lai  # last day of the phase-2 report
    # TEXT values escape commas and semicolons (RFC 5545 §3.3.11), the calendar name included.
    unfolded = ics.replace("\r\n ", "")
    name = next(line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALNAME:"))
    assert "phòng\\, chống" in name
    assert ", " not in name.replace("\\, ", "")


def test_ics_without_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Optional extra missing: MissingExtraError with the install hint, exit 2 on the CLI."""
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "icalendar" or name.startswith("icalendar."):
            raise ImportError("no icalendar")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    monkeypatch.delitem(__import__("sys").modules, "icalendar", raising=False)
    with pytest.raises(
        vdc.MissingExtraError,
        match=r"pip install .icalendar>=5. \(or, in a checkout of the source: pip install .\.\[ics\]",
    ):
        calendar_ics(vdc.get_plan("lai-chau-city-2024"), ())
    code, _, err = run(capsys, "calendar", "lai-chau-city-2024", "--format", "ics")
    assert code == 2
    assert "icalendar" in err


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_targets_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path, "f.csv", "period,villages_built_drug_free\nphase 2,45\n")
    code, out, _ = run(capsys, "targets", "lai-chau-city-2024", f, "--format", "json")
    data = json.loads(out)
    assert code == 0
    r = next(r for r in data["results"] if r["target"] == "p2-build")
    assert (r["status"], r["reading"], r["value"]) == ("not met", "share", "45")
    code, out, _ = run(capsys, "targets", "lai-chau-city-2024", f, "--format", "json",
                       "--reading", "p2-build=stated-count")  # fmt: skip
    r = next(r for r in json.loads(out)["results"] if r["target"] == "p2-build")
    assert (r["status"], r["reading"]) == ("met", "stated-count")


def test_targets_csv_and_json_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(
        tmp_path, "f.json", json.dumps({"periods": [{"period": 2022, "rings_dismantled": 11}]})
    )
    code, out, _ = run(capsys, "targets", "thanh-hoa-151-2022", f, "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("target,label,kind,period,status")
    assert "1b,1,count,2022,met" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("period,rings\n2022,1\n", "rings: not a programme figure"),
        ("period,rings_dismantled\n2022,-1\n", "negative"),
        ("period,rings_dismantled\n2022,1.5\n", "whole number"),
        ("period,rings_dismantled\n2022,1\n2022,2\n", "already given in row 1"),
        ("period,users,users_with_dossier\n2022,1,2\n", "is larger than its whole"),
        ("period,rings_dismantled\nQ1,1\n", "row 1, line 2 of the file: period: expected a year"),
        ("rings_dismantled\n1\n", "'period' column"),
    ],
)
def test_targets_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    """Bad input: one precise line naming the row and field, exit 2, no traceback."""
    f = write(tmp_path, "f.csv", text)
    code, _, err = run(capsys, "targets", "thanh-hoa-151-2022", f, "--lang", "en")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_targets_bad_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path, "f.csv", "period\n2022\n")
    code, _, err = run(capsys, "targets", "thanh-hoa-151-2022", f, "--reading", "guess")
    assert code == 2
    assert "unknown reading" in err


def _plan_text(plan_id: str) -> str:
    return _plans_dir().joinpath(f"{plan_id}.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("count = 10\n", "count = 10\nbogus = 1\n", "unknown key"),
        (
            'comparison = "trên"\nfigure = "rings_dismantled"',
            'comparison = "dưới"\nfigure = "nope"',
            "unknown programme figure",
        ),
        ('id = "1b"', 'id = "1B"', "not lower-case ASCII"),
        ('id = "1b"', 'id = "1a"', "used twice"),
        ('comparison = "Không để phát sinh"', 'comparison = "trên"', "cannot use"),
        ("months = 6", "months = 5", "does not match"),
        (
            'when = "2022"\ncomparison = "trên"',
            'when = "phase 9"\ncomparison = "trên"',
            "no phase 9",
        ),
    ],
)
def test_loader_rejects_bad_targets(old: str, new: str, message: str) -> None:
    text = _plan_text("thanh-hoa-151-2022")
    assert old in text
    with pytest.raises(vdc.DataFileError, match=message):
        load_plan_text("bad.toml", text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("number = 2\n", "number = 1\n", "phase 1 is given twice"),
        ('phrase_vi = "trước ngày"', 'phrase_vi = "ít nhất"', "not a 'trước ngày'"),
        ("reports_on_phase = 2", "reports_on_phase = 7", "no phase 7"),
        ("month = 6\nday = 10", "month = 6\nday = 31", "day"),
    ],
)
def test_loader_rejects_bad_calendars(old: str, new: str, message: str) -> None:
    text = _plan_text("lai-chau-city-2024")
    assert old in text
    with pytest.raises(vdc.DataFileError, match=message):
        load_plan_text("bad.toml", text.replace(old, new, 1))


def test_citation_only_instrument_cannot_fake_a_pointer() -> None:
    text = _plan_text("national-132-kl-tw-2025")
    with pytest.raises(vdc.DataFileError, match="no bundled source text"):
        load_plan_text(
            "bad.toml",
            text.replace('note = "Paraphrased', 'source = { line = 1 }\nnote = "Paraphrased'),
        )
    with pytest.raises(vdc.DataFileError, match="citation"):
        load_plan_text("bad.toml", text.replace("citation = ", "# citation = "))


DEFECTIVE_PHASES = """
[[phases]]
number = 2
start = 2022-03-01
end = 2022-06-30
text_vi = "Giai đoạn 2"
source = { line = 5 }

[[phases]]
number = 1
start = 2022-01-10
end = 2022-03-10
text_vi = "Giai đoạn 1"
source = { line = 6 }

[[phases]]
number = 3
start = 2022-09-01
end = 2022-08-01
text_vi = "Giai đoạn 3"
source = { line = 7 }
"""


def _defective_source() -> str:
    """The clean text with the three phases quoted at lines 5 to 7."""
    from tests.audit_fixtures import CLEAN_SOURCE

    lines = CLEAN_SOURCE.splitlines()
    lines[4:7] = ["Giai đoạn 2", "Giai đoạn 1", "Giai đoạn 3"]
    return "\n".join(lines) + "\n"


def _defective() -> vdc.Plan:
    from tests.audit_fixtures import CLEAN_TOML

    return load_plan_text(
        "clean-2022.toml", CLEAN_TOML + DEFECTIVE_PHASES, source_text=_defective_source()
    )


def test_calendar_json_of_a_defective_calendar() -> None:
    """Phases out of order, overlapping and reversed: listed as written, with their problems."""
    from vn_drugfree_criteria.io import calendar_to_dict

    data = calendar_to_dict(_defective(), datetime.date(2022, 3, 5))
    assert [p["number"] for p in data["phases"]] == [2, 1, 3]
    assert [(p["kind"], p["phases"]) for p in data["problems"]] == [
        ("reversed", [3]),
        ("numbering", [2, 1]),
        ("numbering", [1, 3]),
        ("order", [2, 1]),
        ("overlap", [1, 2]),
    ]
    assert data["on"]["phase"] == 1
    assert data["on"]["phases"] == [1, 2]
    assert data["gaps"] == []
    json.dumps(data)


def test_calendar_ics_of_a_defective_calendar() -> None:
    """RFC 5545 needs DTEND after DTSTART: a reversed phase is one day, its end in the text."""
    ics = calendar_ics(_defective(), (2022,)).decode()
    assert ics.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20220901\r\nDTEND;VALUE=DATE:20220902" in ics
    assert "01/08/2022 trước khi bắt đầu" in ics.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20220301\r\nDTEND;VALUE=DATE:20220701" in ics


def test_calendar_table_of_a_defective_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.audit_fixtures import CLEAN_TOML

    (tmp_path / "clean-2022.txt").write_text(_defective_source(), encoding="utf-8")
    plan = write(tmp_path, "clean-2022.toml", CLEAN_TOML + DEFECTIVE_PHASES)
    code, out, err = run(capsys, "calendar", plan, "--on", "2022-03-05", "--lang", "en")
    assert (code, err) == (0, "")
    assert "problem  phases 1 and 2 overlap on 2022-03-01 … 2022-03-10" in out
    assert "problem  phase 3 ends before it starts" in out
    assert "on 2022-03-05: phase 1 (also in phase 2);" in out
    code, out, err = run(capsys, "calendar", plan, "--on", "2022-03-05")
    assert "giai đoạn 1 và 2 trùng nhau từ 01/03/2022 đến 10/03/2022 (như văn bản nêu)" in out
    assert "giai đoạn 3 kết thúc trước khi bắt đầu" in out
    assert "ngày 05/03/2022: giai đoạn 1 (cũng thuộc giai đoạn 2);" in out


def test_calendar_says_when_a_plan_has_no_dated_item(capsys: pytest.CaptureFixture[str]) -> None:
    """A plan with nothing dated is answered, not met with silence (exit 0: a valid answer)."""
    code, out, _ = run(capsys, "calendar", "thanh-hoa-151-2022", "--lang", "en")
    assert code == 0
    assert out.strip() == (
        "thanh-hoa-151-2022: the plan gives no dated item (no phase, deadline or observance)"
    )
    code, out, _ = run(capsys, "calendar", "thanh-hoa-151-2022")
    assert out.strip() == (
        "thanh-hoa-151-2022: kế hoạch không nêu mốc thời gian nào "
        "(không có giai đoạn, hạn báo cáo hay sự kiện)"
    )
    code, out, _ = run(capsys, "calendar", "can-tho-205-2021", "--lang", "en")
    assert "undated" in out
    assert out.rstrip().endswith("the plan gives no dated item (no phase, deadline or observance)")
    code, out, _ = run(capsys, "calendar", "lai-chau-city-2024")
    assert "no dated item" not in out


def test_calendar_calls_deadlines_past_not_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    """Whether a report was sent is unknown: a deadline whose last day has gone is only past."""
    code, out, _ = run(
        capsys, "calendar", "lai-chau-city-2024", "--on", "2025-03-20", "--lang", "en"
    )
    assert code == 0
    assert "overdue" not in out
    assert out.rstrip().endswith("5 upcoming, 4 past their last day")
    code, out, _ = run(capsys, "calendar", "lai-chau-city-2024", "--on", "2025-03-20")
    assert out.rstrip().endswith("5 hạn sắp tới, 4 hạn đã qua ngày cuối")
