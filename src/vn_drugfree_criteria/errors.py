"""The exception hierarchy of the library.

Every error the library raises on purpose derives from :class:`DrugFreeError`, so an
application can catch one class. Each subclass also derives from the closest built-in
exception (``ValueError``, ``LookupError``, ``ImportError``) so generic handlers keep working.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "DrugFreeError",
    "InputError",
    "LevelNotCoveredError",
    "MissingExtraError",
    "NotValidOnDateError",
    "RowError",
    "SnapshotError",
    "TableError",
    "UnknownKindError",
    "UnknownPlanError",
]


class DrugFreeError(Exception):
    """Base class of every error raised by :mod:`vn_drugfree_criteria`.

    ``str(error)`` is English. An error about input that the library words in both languages
    (see ``data/problems.toml``) also carries its wording.

    Attributes:
        key: The wording's key (``""`` when the error has none).
        params: The values of the wording, as ``(name, value)`` pairs.
        message_vi: The message in Vietnamese, when the error has a wording, else ``None``.
    """

    key: str = ""
    params: tuple[tuple[str, object], ...] = ()
    message_vi: str | None = None


class InputError(DrugFreeError, ValueError):
    """Input data (a snapshot, a table, a file) is malformed."""


class SnapshotError(InputError):
    """A snapshot of counts is invalid.

    The message is ``field: reason``, worded as the same problem is in a rejected table row.

    Attributes:
        field: The indicator or attribute at fault.
        reason: What is wrong with it, in English.
        code: The stable code of the problem (see ``ERROR_CODES``).
    """

    def __init__(self, field: str, reason: str, code: str = "invalid") -> None:
        self.field = field
        self.reason = reason
        self.code = code
        super().__init__(f"{field}: {reason}")


class RowError(InputError):
    """A row of tabular input is invalid.

    The message names the row as a rejected row of ``assess`` does: its data row number and,
    when known, the line of the file where it starts (the row a spreadsheet shows).

    Attributes:
        row: The 1-based data row number (the header is not counted).
        area_id: The row's ``id`` if it could be read, else ``None``.
        errors: One message per problem, each naming its field.
        codes: The stable code of each problem, aligned with ``errors`` (see ``ERROR_CODES``).
        errors_vi: The same messages in Vietnamese (the English ones where none was given).
        line: The line of the file where the row starts (a CSV line, a worksheet's row
            number), or ``None`` when the input has no lines (JSON, Python records).
    """

    def __init__(
        self,
        row: int,
        area_id: str | None,
        errors: list[str] | tuple[str, ...],
        codes: list[str] | tuple[str, ...] | None = None,
        errors_vi: list[str] | tuple[str, ...] | None = None,
        *,
        line: int | None = None,
    ) -> None:
        self.row = row
        self.line = line
        self.area_id = area_id
        self.errors = tuple(errors)
        self.errors_vi = tuple(errors_vi) if errors_vi is not None else self.errors
        if len(self.errors_vi) != len(self.errors):
            raise ValueError("one Vietnamese message per error is needed")
        self.codes = tuple(codes) if codes is not None else ("invalid",) * len(self.errors)
        if len(self.codes) != len(self.errors):
            raise ValueError("one code per error is needed")
        where = f"row {row}" if line is None else f"row {row}, line {line} of the file"
        who = where + (f" (id {area_id!r})" if area_id is not None else "")
        super().__init__(f"{who}: " + "; ".join(errors))
        if errors_vi is not None:
            where_vi = f"dòng {row}" if line is None else f"dòng dữ liệu {row}, dòng {line} của tệp"
            who_vi = where_vi + (f" (mã {area_id!r})" if area_id is not None else "")
            self.message_vi = f"{who_vi}: " + "; ".join(self.errors_vi)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data: ``row``, ``id``, ``errors`` and their ``codes``, as in ``rejected``."""
        return {
            "row": self.row,
            "id": self.area_id,
            "errors": list(self.errors),
            "codes": list(self.codes),
        }


class TableError(InputError):
    """A table of areas cannot be read at all (as opposed to one bad row).

    Raised for an unreadable file, broken encoding, malformed JSON, a missing header or a
    required column that is absent.

    Attributes:
        source: The file name (or ``<stdin>``, ``<records>``).
        line: The 1-based line of the file at fault, when one can be named.
        problem: What is wrong.
    """

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}: line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class DataFileError(DrugFreeError, ValueError):
    """A plan or vocabulary data file is malformed.

    Attributes:
        path: The file name.
        key: The dotted key path inside the file (``criteria[2].requirements[0].kind``).
        problem: What is wrong.
    """

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}")


class UnknownPlanError(DrugFreeError, LookupError):
    """No plan has the requested identifier."""

    def __init__(self, plan_id: str, known: tuple[str, ...]) -> None:
        self.plan_id = plan_id
        self.known = known
        super().__init__(f"unknown plan {plan_id!r}; known plans: {', '.join(known)}")


class UnknownKindError(DrugFreeError, LookupError):
    """A level or unit-kind name is not recognised (or is ambiguous)."""


class NotValidOnDateError(DrugFreeError, ValueError):
    """A level, unit kind or plan is used on a date on which it did not apply."""


class LevelNotCoveredError(DrugFreeError, ValueError):
    """A plan has no criteria for the level of the area being assessed."""


class MissingExtraError(DrugFreeError, ImportError):
    """An optional dependency is needed for this feature but is not installed.

    The message gives a command that works wherever the library was installed from (a
    checkout, a built wheel): ``pip install`` of the extra's own requirements, as the installed
    package's metadata lists them, and the extra's name for an install from a checkout.

    Attributes:
        module: The module that could not be imported.
        extra: The name of the optional extra that provides it.
        requirements: The extra's requirements (``("matplotlib>=3.8",)``).
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        self.requirements = _extra_requirements(extra) or (module,)
        command = "pip install " + " ".join(f"'{r}'" for r in self.requirements)
        super().__init__(
            f"{feature} needs the optional package {module!r}; install it with: {command}"
            f" (or, in a checkout of the source: pip install '.[{extra}]')"
        )


def _extra_requirements(extra: str) -> tuple[str, ...]:
    """The requirements of an optional extra, read from the installed package's metadata.

    Returns:
        The requirement strings without their marker, or ``()`` when the metadata is missing.
    """
    from importlib import metadata  # noqa: PLC0415 - only needed when an extra is missing

    try:
        requires = metadata.requires("vn-drugfree-criteria") or []
    except metadata.PackageNotFoundError:
        return ()
    out = []
    for line in requires:
        requirement, _, marker = line.partition(";")
        if marker.replace("'", '"').split() == ["extra", "==", f'"{extra}"']:
            out.append(requirement.strip())
    return tuple(out)
