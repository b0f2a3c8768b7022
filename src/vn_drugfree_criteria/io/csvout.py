r"""Spreadsheet-safe CSV output of an assessed table.

Every input column is carried through in its order, then the results are appended: ``drug_free``,
one column per criterion (``C1`` ... ``Cn``: ``true``/``false``, blank where the row was rejected
or the criterion does not apply at the row's level), ``shortfalls`` (each shortfall as
``C6: 3 of 41 households have not made the commitment.``, separated by `` | ``), ``errors``
(the reasons a row was rejected, separated by `` | ``) and ``error_codes`` (the stable code of each
reason, in the same order, separated by `` | ``). Rejected rows are written, never dropped.
If an input column already has one of these names, every appended name gets the prefix
``result_`` (repeated until no name clashes).

**Spreadsheet safety.** A spreadsheet program executes a cell as a formula ("CSV injection")
when its first character, after the characters it skips (spaces and other Unicode space
separators, tab, line feed, carriage return, vertical tab, form feed, the byte-order mark and
zero-width or other invisible format characters), is ``=``, ``+``, ``-``, ``@`` or their
full-width or small forms (``＝＋－＠``, ``﹦﹢﹣﹫``), or when it starts with a tab or carriage
return. Every such cell, header included, is written with a single quote ``'`` in front, which
spreadsheets show as text and which keeps the whole original text after it:
``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``. No other cell is changed.

**Quoting.** Rows are written as RFC 4180 records with line feeds between them: a cell that
contains a comma, a double quote, a carriage return or a line feed is enclosed in double quotes
(with inner quotes doubled), so no cell can start a row of its own. :func:`write_csv` is the one
writer of every CSV the library produces (``assess`` and ``targets``).

>>> safe_cell("=1+1"), safe_cell("-3"), safe_cell("TDP-01"), safe_cell("\u00a0=1")
("'=1+1", "'-3", 'TDP-01', "'\xa0=1")
>>> csv_line(["a", "b,c", "d\re"])
'a,"b,c","d\re"\n'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from vn_drugfree_criteria.engine.assess import Assessment
from vn_drugfree_criteria.engine.assess_plain import Decided, plain_assessment
from vn_drugfree_criteria.engine.assess_table import TableAssessment
from vn_drugfree_criteria.engine.rows import TableRow
from vn_drugfree_criteria.engine.rows_plain import PlainChunk
from vn_drugfree_criteria.errors import InputError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.registry import get_plan

__all__ = [
    "FORMULA_STARTS",
    "CsvForm",
    "csv_line",
    "csv_rows",
    "executes_as_formula",
    "result_columns",
    "safe_cell",
    "write_csv",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet execute a cell when it starts with them."""
_FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
_SKIPPED = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\ufeff")
_SKIPPED_KINDS = frozenset(("Zs", "Zl", "Zp", "Cf"))
_QUOTE_IF = re.compile('[,"\r\n]')
_SEPARATOR = " | "
# In a row joined with commas where no cell holds a comma, with a comma put in front: a cell
# starting with anything but an ASCII letter or digit (then its cells are looked at).
_CAREFUL = re.compile(r",[^A-Za-z0-9,]")
_PLAIN_CELL = re.compile(r'(?:[A-Za-z0-9][^,"\r\n]*)?')  # written as it is


def executes_as_formula(text: str) -> bool:
    """Whether a spreadsheet would read the cell as a formula (see the module)."""
    if text.startswith(FORMULA_STARTS):
        return True
    for ch in text:
        if ch in _SKIPPED or unicodedata.category(ch) in _SKIPPED_KINDS:
            continue
        return ch in _FORMULA_SIGNS
    return False


def safe_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would execute as a formula (prefix ``'``); keep its text."""
    return "'" + text if executes_as_formula(text) else text


def _field(cell: str, delimiter: str) -> str:
    if delimiter in cell or _QUOTE_IF.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells: Sequence[str], delimiter: str = ",") -> str:
    """One RFC 4180 record and its line feed; cells are written as given (see :func:`safe_cell`).

    A record of one empty cell is written ``""`` so that it is not read back as a blank line.
    ``delimiter`` is a comma by default, or a semicolon or a tab (a cell holding it is quoted).
    """
    if len(cells) == 1 and not cells[0]:
        return '""\n'
    return delimiter.join(_field(c, delimiter) for c in cells) + "\n"


def result_columns(
    columns: Sequence[str], criteria: Sequence[str], *, graded: bool = False
) -> tuple[str, ...]:
    """The names of the appended result columns, prefixed when they clash with input columns.

    A plan with classifications (Decision 28/2025/QĐ-TTg) adds ``key_complex_class`` after
    ``drug_free``.
    """
    names = (
        "drug_free",
        *(("key_complex_class",) if graded else ()),
        *criteria,
        "shortfalls",
        "errors",
        "error_codes",
    )
    taken = set(columns)
    prefix = ""
    while any(prefix + n in taken for n in names):
        prefix += "result_"
    return tuple(prefix + n for n in names)


def _flag(value: bool | None) -> str:
    return _FLAGS[value]


_FLAGS: dict[bool | None, str] = {None: "", True: "true", False: "false"}


class CsvForm:
    """The CSV form of the rows of one table assessed against one plan: header, then records.

    Args:
        plan: The plan the rows are assessed against.
        columns: The table's header as written.
    """

    def __init__(self, plan: Plan, columns: Sequence[str]) -> None:
        self.plan = plan
        self.criteria = tuple(c.id for c in plan.criteria)
        self.columns = tuple(columns)
        self.graded = bool(plan.classifications)
        self._kept: dict[tuple[object, ...], str] = {}

    def header(self) -> tuple[str, ...]:
        """The input columns, then the result columns (:func:`result_columns`)."""
        return (*self.columns, *result_columns(self.columns, self.criteria, graded=self.graded))

    def record(self, row: TableRow, a: Assessment | None, lang: str = "vi") -> tuple[str, ...]:
        """One input row (its cells, then its results), unescaped."""
        cells = row.cells + ("",) * (len(self.columns) - len(row.cells))
        criteria, graded = self.criteria, self.graded
        if a is None:
            blanks = ("",) * (len(criteria) + 2 + graded)
            errors = _SEPARATOR.join(row.messages(lang))
            return (*cells, *blanks, errors, _SEPARATOR.join(row.error_codes))
        return (*cells, *self._results(a, lang))

    def _results(self, a: Assessment, lang: str) -> tuple[str, ...]:
        """The result cells of an assessed row (its verdicts blank where not applicable)."""
        met = a.verdicts()
        flags = tuple(map(_FLAGS.__getitem__, map(met.get, self.criteria)))
        grade = (a.key_complex_class or "",) if self.graded else ()
        text = _SEPARATOR.join(f"{cid}: {r.explanation(lang)}" for cid, r in a.shortfall_results())
        return (_flag(a.drug_free), *grade, *flags, text, "", "")

    def line(self, row: TableRow, a: Assessment | None, lang: str = "vi") -> str:
        """The text :func:`write_csv` writes for :meth:`record` (comma-separated).

        A record's cells are made safe and quoted one by one, so its text is that of its input
        cells, a comma, and that of its result cells. The result cells of an assessed row depend
        only on its assessment's :meth:`~vn_drugfree_criteria.engine.assess.Assessment.outcome`:
        their text is made once per outcome and kept (at most 4096 of them).
        """
        found = None if a is None else a.outcome()
        cells = row.cells + ("",) * (len(self.columns) - len(row.cells))
        if a is None or found is None or not cells:
            return _comma_cells(self.record(row, a, lang)) + "\n"
        key = (lang, found)
        results = self._kept.get(key)
        if results is None:
            results = self._keep(key, _comma_results(self._results(a, lang)))
        return _comma_cells(cells) + "," + results + "\n"

    def decided_lines(
        self, plain: PlainChunk, decided: Sequence[Decided | None], lang: str
    ) -> list[str | None]:
        """:meth:`line` of each plain row of a chunk decided but not assessed (``None`` elsewhere).

        ``decided`` gives each row's outcome key, verdicts and compiled criteria
        (:class:`~vn_drugfree_criteria.engine.assess_plain.PlainOutcomes`), ``None`` for a row
        that is not. A row's result cells are kept per outcome, as :meth:`line` keeps them; a new
        outcome's are those of the row's assessment made from its verdicts and counts
        (:func:`~vn_drugfree_criteria.engine.assess_plain.plain_assessment`).
        """
        out: list[str | None] = [None] * len(decided)
        rows = [k for k, d in enumerate(decided) if d is not None]
        items: Any = plain.items  # of a CSV table: their cells are text
        texts = _comma_lines([items[k][1] for k in rows])
        kept = self._kept
        for k, text in zip(rows, texts, strict=True):
            got: Decided = decided[k]  # type: ignore[assignment]  # not None: in rows
            results = kept.get((lang, got[0]))
            if results is None:
                a = plain_assessment(self.plan, plain, k, got)
                results = self._keep((lang, got[0]), _comma_results(self._results(a, lang)))
            out[k] = f"{text},{results}\n"
        return out

    def _keep(self, key: tuple[object, ...], results: str) -> str:
        """Keep the text of an outcome's result cells (at most 4096 of them)."""
        if len(self._kept) >= 4096:
            self._kept.clear()
        self._kept[key] = results
        return results


def csv_rows(
    result: TableAssessment, *, lang: str = "vi", plan: Plan | None = None
) -> Iterable[tuple[str, ...]]:
    """The header, then one row per input row (input cells, then the results), unescaped.

    ``plan`` is the plan the table was assessed against; by default the bundled plan of that id
    (a plan read from a file must be given).
    """
    p = get_plan(result.plan_id) if plan is None else plan
    if p.id != result.plan_id:
        raise InputError(f"the table was assessed against plan {result.plan_id!r}, not {p.id!r}")
    form = CsvForm(p, result.table.columns)
    yield form.header()
    for row, a in zip(result.rows, result.results, strict=True):
        yield form.record(row, a, lang)


def write_csv(rows: Iterable[Sequence[str]], out: TextIO, delimiter: str = ",") -> None:
    """Write rows as CSV records (:func:`csv_line`), every cell made safe with :func:`safe_cell`.

    With the comma, a row none of whose cells needs quoting and each of which is empty or starts
    with an ASCII letter or digit (which no spreadsheet executes) is written as it is, without
    looking at each cell: the text is the same.
    """
    lines = []
    for row in rows:
        if delimiter != "," or len(row) == 1:
            lines.append(csv_line([safe_cell(c) for c in row], delimiter))
        else:
            lines.append(_comma_cells(row) + "\n")
        if len(lines) >= 1024:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def _plain(line: str, cells: int) -> bool:
    """Whether ``line`` (``cells`` cells joined with commas) is written as it is (see below)."""
    return (
        bool(line)
        and line.count(",") == cells - 1
        and '"' not in line
        and "\r" not in line
        and "\n" not in line
        and _CAREFUL.search("," + line) is None
    )


def _comma_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """:func:`_comma_cells` of each of ``rows`` (of one width), looked at all at once.

    The rows' texts joined with commas are plain (:func:`_plain`) exactly when each row's is:
    every check of a row's text holds of the joined text when it holds of each part.
    """
    lines = list(map(",".join, rows))
    width = len(rows[0]) if rows else 0
    if width > 1 and set(map(len, rows)) == {width}:
        whole = ",".join(lines)
        if _plain(whole, len(rows) * width):
            return lines
    return list(map(_comma_cells, rows))


def _comma_results(cells: Sequence[str]) -> str:
    """:func:`_comma_cells` of an assessed row's result cells (:meth:`CsvForm.record`).

    Its verdicts (and class) are plain words; of the last three cells, the shortfalls may need
    quoting and the two error cells are blank.
    """
    return _comma_cells(cells[:-3]) + "," + ",".join(map(_comma_cell, cells[-3:]))


def _comma_cell(cell: str) -> str:
    """One cell made safe and quoted as needed (:func:`_comma_cells` of one cell)."""
    return cell if _PLAIN_CELL.fullmatch(cell) else _field(safe_cell(cell), ",")


def _comma_cells(row: Sequence[str]) -> str:
    """The cells of ``row`` made safe, quoted as needed and joined with commas.

    Cells none of which needs quoting, each empty or starting with an ASCII letter or digit
    (which no spreadsheet executes), are joined as they are; otherwise each half is looked at
    the same way, down to single cells, so a row with one cell to quote costs a few looks.
    """
    line = ",".join(row)
    if _plain(line, len(row)):
        return line
    if len(row) > 4:
        half = len(row) // 2
        return _comma_cells(row[:half]) + "," + _comma_cells(row[half:])
    return ",".join(map(_comma_cell, row))
