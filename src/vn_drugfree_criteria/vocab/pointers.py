"""Pointers into source documents: where a criterion, a date or a definition stands."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["SourceRef"]


@attrs.frozen
class SourceRef:
    """Where something stands in a source document.

    Attributes:
        file: The source file name (as bundled under ``data/sources``).
        line: First line (1-based).
        end_line: Last line, when the passage spans several.
        section: The document's own numbering (``II.3``), when it has one.
    """

    file: str
    line: int
    end_line: int | None = None
    section: str | None = None

    def __str__(self) -> str:
        lines = (
            f"{self.line}" if self.end_line in (None, self.line) else f"{self.line}-{self.end_line}"
        )
        text = f"{self.file}:{lines}"
        return f"{text} ({self.section})" if self.section else text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: file, first and last line, section label, and the one-line ``text``."""
        return {
            "file": self.file,
            "line": self.line,
            "end_line": self.end_line,
            "section": self.section,
            "text": str(self),
        }
