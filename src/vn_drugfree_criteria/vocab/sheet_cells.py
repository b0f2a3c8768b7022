"""Workbook cells that hold no value: a spreadsheet error, and a formula never computed.

The workbook reader (:mod:`vn_drugfree_criteria.io.xlsx`) gives such a cell as one of these
types, and the input policy (:mod:`vn_drugfree_criteria.vocab.cells`) refuses it wherever a value
is read (a count, an area, an id, a level, a date, a period), each with its own stable code:

* ``spreadsheet_error``: the cell shows an error (``#REF!``, ``#DIV/0!``, ``#N/A``);
* ``formula_not_computed``: the cell holds a formula and no value computed from it, as a
  workbook written by a program that does not compute formulas has; opening and saving it in a
  spreadsheet program computes and saves the values.

Neither is ever a value, nor missing: a blank cell is missing, these are not blank.

>>> sheet_code(SheetError("#REF!")), sheet_code(UNCOMPUTED), sheet_code("#REF!")
('spreadsheet_error', 'formula_not_computed', '')
"""

from __future__ import annotations

__all__ = ["UNCOMPUTED", "SheetError", "UncomputedFormula", "sheet_code"]


class SheetError:
    """A workbook cell showing a spreadsheet error (``#REF!``, ``#DIV/0!``): never a value.

    The input policy refuses it with the code ``spreadsheet_error``, its message naming the
    field and the error; the carried-through text shows the error as the spreadsheet does.

    >>> from vn_drugfree_criteria.vocab.cells import count_problem, read_count
    >>> count_problem("households", read_count(SheetError("#REF!"))[1], SheetError("#REF!")).message
    'households: the spreadsheet shows the error #REF! in this cell'
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"the spreadsheet error {self.text}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SheetError) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class UncomputedFormula:
    """A workbook cell holding a formula with no computed value saved: never a value.

    The input policy refuses it with the code ``formula_not_computed``; carried through, it is
    blank (there is no value to show). :data:`UNCOMPUTED` is the one instance.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "a formula with no computed value"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UncomputedFormula)

    def __hash__(self) -> int:
        return hash(UncomputedFormula)


UNCOMPUTED = UncomputedFormula()
"""The cell of a formula that was never computed."""


def sheet_code(value: object) -> str:
    """The code of a workbook cell that holds no value, or ``""`` for any other value."""
    if isinstance(value, SheetError):
        return "spreadsheet_error"
    if isinstance(value, UncomputedFormula):
        return "formula_not_computed"
    return ""
