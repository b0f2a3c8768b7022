"""The loader's fidelity rules: every quote stands where its pointer says.

Checked for every plan, bundled or read from a file, when its source text is at hand:

* a criterion's passage starts with its number (``3. ``) and contains its Vietnamese text;
* the scope's text and the words stating its period, the document's number and title (case aside: some sources print headings
  in capitals) are in their passages, and the date as written is in the text;
* a reference's number (or name) ends with a word of its passage;
* every word of a target's, phase's or deadline's Vietnamese text is in its passage, and of a
  plan's own indicator's label and definition.

Checked for every plan, with or without its source: a requirement's comparison phrase and every
word of its Vietnamese reading occur in its criterion's text.

Quotes are compared after joining broken lines and collapsing white space and markdown ``*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.model.plan import Plan
from vn_drugfree_criteria.model.rules import Criterion, SourceRef
from vn_drugfree_criteria.vocab.indicators import Indicator

__all__ = ["check_quotes", "check_requirement_words", "squash"]


def squash(text: str) -> str:
    """Join broken lines, collapse white space and drop markdown emphasis.

    >>> squash("  Không có **tụ điểm** phức   tạp ")
    'Không có tụ điểm phức tạp'
    """
    return " ".join(text.replace("*", "").split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def check_requirement_words(name: str, key: str, criterion: Criterion) -> None:
    """Every requirement's phrase and the words of its reading occur in the criterion's text.

    Raises:
        DataFileError: Naming ``key.requirements[i]`` and the missing phrase or word.
    """
    text = criterion.text_vi.casefold()
    for i, req in enumerate(criterion.requirements):
        where = f"{key}.requirements[{i}]"
        if req.comparison.phrase_vi.casefold() not in text:
            raise DataFileError(
                name, f"{where}.phrase_vi", "is not in the criterion's text_vi (quote it verbatim)"
            )
        for word in _words(req.text_vi):
            if word not in text:
                raise DataFileError(
                    name, f"{where}.text_vi", f"the word {word!r} is not in the criterion's text_vi"
                )


class _Source:
    def __init__(self, name: str, lines: Sequence[str]) -> None:
        self.name = name
        self.lines = lines

    def passage(self, key: str, ref: SourceRef) -> str:
        last = ref.end_line or ref.line
        if last > len(self.lines):
            raise DataFileError(self.name, f"{key}.source.line", "beyond the end of the source")
        return squash(" ".join(self.lines[ref.line - 1 : last]))

    def require(self, ok: bool, key: str, problem: str) -> None:
        if not ok:
            raise DataFileError(self.name, key, problem)

    def words_in(self, key: str, field: str, text: str, ref: SourceRef | None) -> None:
        if ref is None:
            return
        passage = self.passage(key, ref).casefold()
        for word in _words(text):
            self.require(
                word in passage,
                f"{key}.{field}",
                f"the word {word!r} is not at the source lines {ref.line}"
                + (f"-{ref.end_line}" if ref.end_line else ""),
            )


_NOT_AT = "is not quoted verbatim at its source line"


def _criteria(src: _Source, criteria: Iterable[Criterion]) -> None:
    for i, c in enumerate(criteria):
        key = f"criteria[{i}]"
        passage = src.passage(key, c.source)
        src.require(
            passage.startswith(f"{c.number}. "),
            f"{key}.number",
            f"the passage at line {c.source.line} does not start with '{c.number}. '",
        )
        src.require(squash(c.text_vi) in passage, f"{key}.text_vi", _NOT_AT)


def _document(src: _Source, plan: Plan) -> None:
    doc = plan.document
    if doc.source is not None:
        passage = src.passage("document", doc.source)
        src.require(doc.number is None or doc.number in passage, "document.number", _NOT_AT)
        title_ok = squash(doc.title_vi).casefold() in passage.casefold()
        src.require(title_ok, "document.title_vi", _NOT_AT)
    if doc.issued_as_written is not None:
        whole = squash(" ".join(src.lines))
        src.require(
            squash(doc.issued_as_written) in whole,
            "document.issued_as_written",
            "is not in the source text",
        )
    scope = plan.scope
    if scope.text_vi is not None:
        src.require(scope.source is not None, "scope.source", "a quoted scope needs its pointer")
        assert scope.source is not None
        passage = src.passage("scope", scope.source).casefold()
        src.require(squash(scope.text_vi).casefold() in passage, "scope.text_vi", _NOT_AT)
    if scope.period_vi is not None and scope.period_source is not None:
        passage = src.passage("scope.period", scope.period_source).casefold()
        src.require(squash(scope.period_vi).casefold() in passage, "scope.period_vi", _NOT_AT)
    for i, ref in enumerate(plan.references):
        quoted = ref.number if ref.number is not None else ref.name_vi
        last = squash(quoted or "").split()[-1:]
        key = f"references[{i}]"
        field = "number" if ref.number is not None else "name_vi"
        src.require(
            bool(last) and last[0] in src.passage(key, ref.source), f"{key}.{field}", _NOT_AT
        )


def check_quotes(
    name: str, plan: Plan, lines: Sequence[str], indicators: Sequence[Indicator] = ()
) -> None:
    """Check every pointer and quote of ``plan`` against its source ``lines``.

    ``indicators`` are those the plan file declares itself (``[[indicators]]``): every word of
    a label is at its ``source``, of a definition at its ``definition_source``.

    Raises:
        DataFileError: Naming the key whose quote is not where its pointer says.
    """
    src = _Source(name, lines)
    _document(src, plan)
    _criteria(src, plan.criteria)
    for i, t in enumerate(plan.targets):
        src.words_in(f"targets[{i}]", "text_vi", t.text_vi, t.source)
        if t.comparison is not None and t.source is not None:
            last = t.comparison.phrase_vi.split()[-1].casefold()
            ok = last in src.passage(f"targets[{i}]", t.source).casefold()
            src.require(ok, f"targets[{i}].phrase_vi", _NOT_AT)
    for i, p in enumerate(plan.calendar.phases):
        src.words_in(f"phases[{i}]", "text_vi", p.text_vi, p.source)
    for i, n in enumerate(plan.fidelity):
        if n.source is not None:
            passage = src.passage(f"fidelity[{i}]", n.source).casefold()
            src.require(squash(n.text_vi).casefold() in passage, f"fidelity[{i}].text_vi", _NOT_AT)
    for i, d in enumerate(plan.calendar.deadlines):
        src.words_in(f"deadlines[{i}]", "phrase_vi", d.phrase_vi, d.source)
    for i, item in enumerate(indicators):
        src.words_in(f"indicators[{i}]", "label_vi", item.noun_vi, item.source)
        definition = item.definition_vi or ""
        src.words_in(f"indicators[{i}]", "definition_vi", definition, item.definition_source)
