"""The readable table output of ``vn-drugfree assess``, line by line from the JSON forms.

The whole table is :func:`render`; a streamed table is written by :class:`TableText`, which
holds each row's lines in a temporary file until the counts of the first line and the width of
the id column are known. Values from the input (ids, cells quoted in messages) pass through
:func:`~vn_drugfree_criteria.vocab.text.printable`, so none can start a line of its own.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from vn_drugfree_criteria.engine.assess_table import TableAssessment
from vn_drugfree_criteria.vocab.labels import say, say_count
from vn_drugfree_criteria.vocab.text import printable

__all__ = ["ID_WIDTH", "TableText", "head_line", "render", "row_lines"]

ID_WIDTH = 24
"""The widest id column of the table output; longer ids overflow their own line."""


def _lang(en: bool) -> str:
    return "en" if en else "vi"


def _yes(met: bool, en: bool) -> str:
    return say("assess.drug_free" if met else "assess.not_drug_free", _lang(en))


def head_line(plan_id: str, n: int, free: int, bad: int, en: bool) -> str:
    """The first line: how many rows, drug-free, not drug-free and rejected."""
    rows = say_count("count.row", n, _lang(en))
    counts = {"rows": rows, "free": free, "not_free": n - free - bad, "rejected": bad}
    return say("assess.head", _lang(en), plan=plan_id, **counts)


def id_width(entry: Mapping[str, Any]) -> int:
    """How wide a row's id shows (the id column is as wide as the widest, up to ``ID_WIDTH``)."""
    return len(printable(entry["id"] or ""))


def _where(r: Mapping[str, Any], en: bool) -> str:
    """A rejected row's data row number and, when known, the row a spreadsheet shows."""
    if r.get("line") is None:
        return say("assess.row", _lang(en), row=r["row"])
    return say("assess.row_line", _lang(en), row=r["row"], line=r["line"])


def row_lines(r: Mapping[str, Any], width: int, en: bool) -> list[str]:
    """The lines of one row (an entry of ``areas`` or ``rejected``), before :func:`printable`."""
    if "errors" in r:
        label = say("assess.rejected", _lang(en), where=_where(r, en))
        lines = [f"{r['id'] or '?':<{width}}  {label}"]
        return lines + [f"{'':<{width}}    {e}" for e in r["errors"]]
    failed = ", ".join(c for c, met in r["criteria"].items() if not met)
    lines = [f"{r['id']:<{width}}  {_yes(r['drug_free'], en)}" + (f"  [{failed}]" * bool(failed))]
    return lines + [
        f"{'':<{width}}    {s['criterion']}: {s['explanation']}" for s in r["shortfalls"]
    ]


def _rollup_lines(parents: list[dict[str, Any]], en: bool) -> list[str]:
    lines = ["", say("assess.rollup", _lang(en))]
    for p in parents:
        share = p["share"] or "?"
        verdict = p["problem"] or _yes(bool(p["drug_free"]), en)
        unmet = [c for c, met in (p["criteria"] or {}).items() if not met]
        if p["drug_free"] is not None and unmet:
            verdict += f"  [{', '.join(unmet)}]"
        if p["rejected_children"]:
            share += say("assess.children_rejected", _lang(en), count=p["rejected_children"])
        lines.append(f"  {p['id']}: {say('assess.children', _lang(en), share=share)}; {verdict}")
    return lines


def render(result: TableAssessment, lang: str) -> str:
    """The readable table, from the JSON form: each area with its shortfalls, rejected rows, parents."""
    en = lang == "en"
    d = result.to_dict(lang=lang)
    n, free, bad = len(result.rows), result.drug_free_count, len(d["rejected"])
    lines = [head_line(d["plan"], n, free, bad, en), ""]
    rows = sorted([*d["areas"], *d["rejected"]], key=lambda r: r["row"])
    # A long id overflows its own line rather than widening every line of the table.
    width = min(max([id_width(r) for r in rows] + [2]), ID_WIDTH)
    for r in rows:
        lines += row_lines(r, width, en)
    if "rollup" in d:
        lines += _rollup_lines(d["rollup"], en)
    return "\n".join(printable(line) for line in lines)


class TableText:
    """Writes the table output of rows given one by one, as :func:`render` would (a context).

    Each row waits in a temporary file (one line of JSON with what its lines need) until the
    end, when the first line and the width of the id column are known.
    """

    def __init__(self, out: TextIO, plan_id: str, lang: str) -> None:
        self._out, self._plan, self._en = out, plan_id, lang == "en"
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed on exit
        self._width = 2
        self.rows = self.free = self.bad = 0

    def add(self, entry: Mapping[str, Any]) -> None:
        """Hold a row (an entry of ``areas`` or ``rejected``)."""
        self.rows += 1
        if "errors" in entry:
            self.bad += 1
            kept = {k: entry.get(k) for k in ("id", "row", "line", "errors")}
        else:
            self.free += bool(entry["drug_free"])
            kept = {k: entry[k] for k in ("id", "drug_free", "criteria")}
            kept["shortfalls"] = [
                {k: s[k] for k in ("criterion", "explanation")} for s in entry["shortfalls"]
            ]
        self._width = max(self._width, min(id_width(entry), ID_WIDTH))
        self._spool.write(json.dumps(kept, ensure_ascii=True) + "\n")

    def _held(self) -> Iterator[dict[str, Any]]:
        self._spool.seek(0)
        for line in self._spool:
            yield json.loads(line)

    def finish(self) -> None:
        """Write the first line, then every row's lines."""
        out = self._out
        out.write(printable(head_line(self._plan, self.rows, self.free, self.bad, self._en)))
        out.write("\n")
        for entry in self._held():
            for line in row_lines(entry, self._width, self._en):
                out.write("\n" + printable(line))
        out.write("\n")

    def __enter__(self) -> TableText:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self.finish()
        finally:
            self._spool.close()
