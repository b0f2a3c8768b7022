"""Where a plan's source text comes from, read within bounds and confined to the plan's folder.

A bundled plan names a text under the package's ``data/sources``. A plan read from a file names
a text in its own folder or below it: a relative path of at most :data:`MAX_NAME_CHARS`
characters, without ``..``, an absolute path, a drive, a backslash or a control character, which
after following links still lies inside the plan's folder. The text is read only when it is a
regular file of at most :data:`MAX_SOURCE_BYTES` bytes and decodes as UTF-8. Every refusal names
the plan file and ``source_file`` and says nothing about files outside the plan's folder (not
whether they exist, nor their size or lines).

>>> check_source_name("p.toml", "sources/decision.txt")
'sources/decision.txt'
>>> check_source_name("p.toml", "../etc/passwd")
Traceback (most recent call last):
  ...
vn_drugfree_criteria.errors.DataFileError: p.toml: source_file: must name a file in the plan's folder or below it (a relative path without '..')
"""

from __future__ import annotations

import os
import stat
import unicodedata
from importlib import resources
from pathlib import Path, PurePosixPath

from vn_drugfree_criteria.errors import DataFileError

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_PLAN_BYTES",
    "MAX_SOURCE_BYTES",
    "bundled_source",
    "check_source_name",
    "read_bounded",
    "read_source_beside",
]

MAX_NAME_CHARS = 255
"""The longest ``source_file`` accepted, in characters."""
MAX_SOURCE_BYTES = 4 * 1024 * 1024
"""The largest source text read, in bytes (the bundled texts are under 40 KB)."""
MAX_PLAN_BYTES = 1024 * 1024
"""The largest plan file read, in bytes (the bundled plans are under 20 KB)."""

_KEY = "source_file"
_OUTSIDE = "must name a file in the plan's folder or below it (a relative path without '..')"


def check_source_name(plan_name: str, name: str) -> str:
    """Check that ``name`` is a confined relative path; return it unchanged.

    Raises:
        DataFileError: Too long, absolute, with ``..``, a backslash or a control character.
    """
    if len(name) > MAX_NAME_CHARS:
        raise DataFileError(plan_name, _KEY, f"longer than {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        raise DataFileError(plan_name, _KEY, "contains a control or unassigned character")
    path = PurePosixPath(name)
    if "\\" in name or ":" in name or path.is_absolute() or ".." in path.parts:
        raise DataFileError(plan_name, _KEY, _OUTSIDE)
    if name != name.strip() or name.endswith("/") or path.name in ("", "."):
        raise DataFileError(plan_name, _KEY, "expected a file name such as 'decision.txt'")
    return name


def read_bounded(path: Path, limit: int, *, what: str, name: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises:
        DataFileError: Not a regular file, unreadable, or larger than ``limit``; the message
            names ``what`` in ``name`` and gives the operating system's reason only for a file
            the caller already confined.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: a FIFO would block
            raise DataFileError(name, what, "is not a regular file")
        with path.open("rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise DataFileError(name, what, "is not a regular file")
            data = f.read(limit + 1)
    except OSError as exc:
        raise DataFileError(name, what, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise DataFileError(name, what, f"is larger than {limit} bytes")
    return data


def _lines(data: bytes, plan_name: str) -> tuple[str, ...]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(plan_name, _KEY, "the source text is not UTF-8") from None
    if "\x00" in text:
        raise DataFileError(plan_name, _KEY, "the source text is binary (it contains NUL)")
    return tuple(text.splitlines())


def read_source_beside(
    plan_name: str, folder: Path, name: str, *, limit: int = MAX_SOURCE_BYTES
) -> tuple[str, ...] | None:
    """The lines of the source text ``name`` in ``folder`` or below; ``None`` when absent.

    Raises:
        DataFileError: The name or the file it resolves to is refused (see the module).
    """
    check_source_name(plan_name, name)
    root = folder.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root):  # a link leading out of the folder
        raise DataFileError(plan_name, _KEY, _OUTSIDE)
    if not target.exists():
        return None
    return _lines(read_bounded(target, limit, what=_KEY, name=plan_name), plan_name)


def bundled_source(name: str) -> tuple[str, ...] | None:
    """The lines of a bundled source text, or ``None`` when no bundled text has that name."""
    if name != PurePosixPath(name).name or name in ("", ".", ".."):
        return None
    node = resources.files("vn_drugfree_criteria").joinpath("data", "sources", name)
    if not node.is_file():
        return None
    return tuple(node.read_text(encoding="utf-8").splitlines())
