"""One language per ``--lang``: every command's text in Vietnamese has no English word of the
library's, and in English no Vietnamese word of the library's own wording.

The Vietnamese scan runs every command that prints words with ``--lang vi``: ``plans``,
``units``, ``indicators``; for every bundled plan ``template`` (its row of labels; with
``--figures`` too), ``show`` (whole, one criterion, one target),
``cite``, ``audit``, ``calendar`` (without a date and on four dates), ``targets`` on a series
with every figure the plan's targets read (plus one with zeros, so that the "not evaluable"
reasons are written), and ``assess`` on each bundled example, with and without ``--rollup``;
then ``show``, ``audit`` and ``calendar`` on a plan file with defective phases (every calendar
problem and its findings) and on the plan file with terminal escapes.
Text formats are scanned whole. JSON and CSV keep their keys and codes (``status``, ``kind``,
column names) in one language by contract; of them the members whose language ``--lang``
chooses (``explanation``, ``threshold``, ``message``, ``text``) are scanned.

**The English words** are those of the library's English wording: the ``en`` form of every
label (``data/labels.toml``) and its singular ``en_one`` form where it has one, every English text of the bundled plans (titles, criteria,
requirements, targets, calendar items, classes), the English nouns of the indicators and
figures, the English names of levels and unit kinds, and the English messages of the audit
findings and of the assessment of the examples. From that list are taken out:

* words that are also Vietnamese syllables written without marks (``in``, ``to``, ``do``,
  ``an``, ``con``, ``thanh``...): every ASCII word of the ``vi`` labels and of the bundled
  source documents, which are Vietnamese by nature;
* single letters (roman class numbers ``I``, list letters ``a``, ``b``).

**Quoted spans are not the library's words**: ``«...»`` (a verbatim passage) and ``“...”``
(a value to type as it is, such as ``“phase 2”``, or a passage an audit message quotes) are
left out of both scans.

**Identifiers are not words**: before the scan, every chunk of the output that contains a
digit or one of ``- _ . / :`` (plan ids, references such as ``lai-chau-city-2024:C4``,
indicator and figure column names, audit codes, file names and pointers, dates, numbers) is
removed, and so is every chunk equal to an identifier of the library (indicator and figure
names such as ``households``, level and unit-kind ids such as ``district``, reading ids and
codes of the plans such as ``exactly``), which the user types as such in input tables and
options.

**The Vietnamese wording** (mirror scan, ``--lang en``) is every phrase of the ``vi`` labels:
each run of two or more words between the values a label takes, with at least one Vietnamese
letter (``giai đoạn``, ``hằng năm``, ``không rõ``, ``đạt khi có ít nhất``), and each one-word
label (``đạt``, ``hạn``, ``nêu``) standing alone among English words. A syllable next to
another Vietnamese word is part of a name or term (``Cần Thơ``, ``thành phố thuộc tỉnh``,
``hộ khẩu``), not a label.
Words of the documents are Vietnamese by nature: in English text they are quoted, ``«...»``
(verbatim text, names, what a finding says the document states) or ``“...”`` (as audit
messages quote a passage), and quoted spans are not scanned.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import vn_drugfree_criteria as vdc
from vn_drugfree_criteria.cli import main
from vn_drugfree_criteria.conformance.reference import units_to_dict
from vn_drugfree_criteria.io.tables import examples
from vn_drugfree_criteria.vocab.labels import LABELS
from vn_drugfree_criteria.vocab.levels import Level
from vn_drugfree_criteria.vocab.problem_words import WORDINGS

PLANS = vdc.list_plans()
DATES = ("2022-06-26", "2024-06-01", "2025-03-20", "2026-01-01")
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATORS = re.compile(r"[\s,;()\[\]{}«»“”\"'|=≥≤<>+×…⊆%!?*#]+")
_JSON_TEXT = {"explanation", "threshold", "message", "text"}


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _unquoted(text: str) -> str:
    """``text`` without its quoted spans (words of the documents) and pattern fields."""
    return re.sub(r"«[^»]*»|“[^”]*”|\{[^}]*\}", " ", text)


def _plan_english(plan: vdc.Plan) -> Iterator[str]:
    d = plan.to_dict()
    yield d["document"]["title_en"]
    for c in plan.all_criteria:
        yield c.text_en
        yield from (r.text_en for r in c.requirements)
    yield from (t.text_en for t in plan.targets)
    for key in ("deadlines", "undated", "observances"):
        yield from (item["title_en"] for item in d["calendar"][key])
    for g in d["classifications"]:
        yield g["title_en"]
        yield from (k["label_en"] for k in g["classes"])
    yield from (f.message_en for f in vdc.audit(plan))


def _english_data() -> Iterator[str]:
    yield from (forms["en"] for forms in LABELS.values())
    yield from (forms["en_one"] for forms in LABELS.values() if "en_one" in forms)
    yield from (w.en for w in WORDINGS.values())
    for plan_id in PLANS:
        yield from _plan_english(vdc.get_plan(plan_id))
    yield from (i.noun_en for i in vdc.INDICATORS.values())
    yield from (f.text_en for f in vdc.FIGURES.values())
    yield from (level.info.name_en for level in Level)
    yield from (kind["name_en"] for kind in units_to_dict()["kinds"])
    for plan_id in examples():
        table = vdc.assess_table(plan_id, vdc.example_table(plan_id))
        yield json.dumps(table.to_dict(lang="en"), ensure_ascii=False)


def _vietnamese_texts(data: Any, key: str = "") -> Iterator[str]:
    """Every Vietnamese string of a JSON form: under a ``*_vi`` or ``title`` key, or (names of
    units and places) with a Vietnamese letter and under no ``*_en`` or ``note`` key."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _vietnamese_texts(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _vietnamese_texts(v, key)
    elif (isinstance(data, str) and (key.endswith("_vi") or key == "title")) or (
        isinstance(data, str) and not data.isascii() and not key.endswith(("_en", "note"))
    ):
        yield data


def _vietnamese_syllables() -> set[str]:
    texts = [_unquoted(forms["vi"]) for forms in LABELS.values()]
    texts += _vietnamese_texts(units_to_dict())
    texts += (t for p in PLANS for t in _vietnamese_texts(vdc.get_plan(p).to_dict()))
    folder = resources.files("vn_drugfree_criteria").joinpath("data", "sources")
    texts += [f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".txt")]
    return {w for w in _words("\n".join(texts)) if w.isascii()}


def _identifiers() -> set[str]:
    names = set(vdc.INDICATORS) | set(vdc.FIGURES) | set(PLANS)
    names |= {level.value for level in Level} | {k["id"] for k in units_to_dict()["kinds"]}
    for plan_id in PLANS:
        d = vdc.get_plan(plan_id).to_dict()
        for r in d["readings"]:
            names |= {r["id"], r["chosen"], *r["alternatives"]}
        names |= {t["id"] for t in d["targets"]}
    return {n.casefold() for n in names}


ENGLISH = {
    w for w in _words(_unquoted("\n".join(_english_data()))) if len(w) > 1 and w.isascii()
} - _vietnamese_syllables()


def _phrase(text: str) -> str:
    return " ".join(_WORD.findall(text)).casefold()


VIETNAMESE_PHRASES = {
    _phrase(part)
    for forms in LABELS.values()
    for part in re.split(r"\{[^}]*\}|[(),;:.…]", forms["vi"])
    if not _phrase(part).isascii() and len(_WORD.findall(part)) >= 2
}
VIETNAMESE_WORDS = {
    forms["vi"].casefold()
    for forms in LABELS.values()
    if _WORD.fullmatch(forms["vi"]) and not forms["vi"].isascii()
}
IDENTIFIERS = _identifiers()


def _scan_chunks(text: str) -> Iterator[str]:
    """The chunks of ``text`` that are words, not identifiers (see the module docstring)."""
    for chunk in _SEPARATORS.split(text):
        if chunk and not re.search(r"[\d\-_./:]", chunk) and chunk.casefold() not in IDENTIFIERS:
            yield chunk


def english_in(text: str) -> set[str]:
    """The English words of the library's wording in ``text``, quotes left out."""
    return {w for chunk in _scan_chunks(_unquoted(text)) for w in _words(chunk) if w in ENGLISH}


def vietnamese_in(text: str) -> set[str]:
    """The Vietnamese phrases and one-word labels of the library's in ``text``, quotes left out."""
    unquoted = _unquoted(text)
    words = f" {_phrase(unquoted)} "
    found = {p for p in VIETNAMESE_PHRASES if f" {p} " in words}
    tokens = [w for c in _scan_chunks(unquoted) for w in _WORD.findall(c)]
    alone = (
        w.casefold()
        for i, w in enumerate(tokens)
        if all(n.isascii() for n in tokens[max(i - 1, 0) : i] + tokens[i + 1 : i + 2])
    )
    return found | {w for w in alone if w in VIETNAMESE_WORDS}


def _series(tmp: Path, plan: vdc.Plan, value: int) -> str:
    """A CSV with every figure the plan's targets read, for five years and five phases."""
    names = sorted({n for t in plan.targets for n in t.figures})
    path = tmp / f"{plan.id}-{value}.csv"
    periods = [str(y) for y in range(2020, 2027)] + [f"phase {n}" for n in range(1, 6)]
    rows = [["period", *names]] + [[p, *[str(value)] * len(names)] for p in periods]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return str(path)


def _commands(tmp: Path) -> Iterator[list[str]]:
    """Every command line that prints words, without ``--lang``."""
    yield from (["plans"], ["units"], ["indicators"])
    for plan_id in PLANS:
        plan = vdc.get_plan(plan_id)
        if plan.all_criteria:  # a table of areas only for a plan with criteria
            yield ["template", plan_id, "--format", "csv"]
        if plan.targets:
            yield ["template", plan_id, "--figures", "--format", "csv"]
        yield from (["show", plan_id], ["audit", plan_id], ["calendar", plan_id])
        yield from (["calendar", plan_id, "--on", day] for day in DATES)
        criteria = plan.all_criteria
        if criteria:
            yield from (
                ["show", f"{plan_id}:{criteria[0].id}"],
                ["cite", f"{plan_id}:{criteria[0].id}"],
            )
        if plan.targets:
            yield from (
                ["show", f"{plan_id}:{plan.targets[0].id}"],
                ["cite", f"{plan_id}:{plan.targets[0].id}"],
            )
            for value in (10, 0):
                figures = _series(tmp, plan, value)
                yield from (
                    ["targets", plan_id, figures, "--format", f] for f in ("table", "json", "csv")
                )
    yield from _fixture_commands(tmp)
    for plan_id in examples():
        for extra in ([], ["--rollup"]):
            yield from (
                ["assess", plan_id, "--example", *extra, "--format", f]
                for f in ("table", "json", "csv")
            )


def _fixture_commands(tmp: Path) -> Iterator[list[str]]:
    """A plan whose phases are defective (every calendar problem and its audit findings) and
    the plan file with terminal escapes, loaded from their files."""
    from tests.audit_fixtures import CLEAN_TOML
    from tests.test_cli_targets_calendar import DEFECTIVE_PHASES, _defective_source

    (tmp / "clean-2022.txt").write_text(_defective_source(), encoding="utf-8")
    defective = tmp / "clean-2022.toml"
    defective.write_text(CLEAN_TOML + DEFECTIVE_PHASES, encoding="utf-8")
    yield from (["show", str(defective)], ["audit", str(defective)], ["calendar", str(defective)])
    yield ["calendar", str(defective), "--on", "2022-03-05"]
    hostile = str(Path(__file__).parent / "fixtures" / "plans" / "hostile-text.toml")
    for command in ("show", "audit", "calendar"):
        yield [command, hostile, "--allow-missing-source"]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """The words of one run: all of a text output; of JSON and CSV, the language's members."""
    status = main(argv)
    out = capsys.readouterr().out
    assert status in (0, 1), argv
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "table"
    if fmt == "json":
        return "\n".join(_json_texts(json.loads(out)))
    if argv[0] == "template":  # the header is column names; the row under it, labels
        return "\n".join(list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1])
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        return "\n".join(v for row in rows for k, v in row.items() if k in _JSON_TEXT and v)
    return out


def _json_texts(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k in _JSON_TEXT and isinstance(v, str):
                yield v
            else:
                yield from _json_texts(v)
    elif isinstance(data, list):
        for v in data:
            yield from _json_texts(v)


def test_the_word_lists_are_not_empty_and_tell_the_languages_apart() -> None:
    """The lists hold the library's words (a guard against a scan that finds nothing)."""
    assert {"phase", "report", "met", "smallest", "unknown", "reading"} <= ENGLISH
    assert {"in", "do", "an"}.isdisjoint(ENGLISH)  # Vietnamese syllables too
    assert {"giai đoạn", "hằng năm", "không rõ"} <= VIETNAMESE_PHRASES
    assert {"đạt", "hạn", "nêu"} <= VIETNAMESE_WORDS
    assert english_in("giai đoạn 2: phase 2, 01/05/2024") == {"phase"}
    assert english_in("lai-chau-city-2024:C4 households hotspots_new") == set()
    assert vietnamese_in("phase 2 «giai đoạn 2» hằng năm; Cần Thơ") == {"hằng năm"}
    assert vietnamese_in("status: đạt") == {"đạt"}


def test_every_command_in_vietnamese_has_no_english_word(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--lang vi``: no English word of the library's, in any command, plan or format."""
    found: dict[str, set[str]] = {}
    for argv in _commands(tmp_path):
        words = english_in(_run(capsys, [*argv, "--lang", "vi"]))
        if words:
            found[" ".join(argv)] = words
    assert found == {}


def test_every_command_in_english_has_no_vietnamese_word_of_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--lang en``: no Vietnamese word of the library's own labels outside quotes."""
    found: dict[str, set[str]] = {}
    for argv in _commands(tmp_path):
        words = vietnamese_in(_run(capsys, [*argv, "--lang", "en"]))
        if words:
            found[" ".join(argv)] = words
    assert found == {}
