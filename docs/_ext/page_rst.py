"""reStructuredText building blocks for the generated plan pages.

Every Vietnamese phrase is written through the ``vi`` role (or a ``language-vi`` container), so
the HTML marks it ``lang="vi"`` and each sentence on a page is in one language. Labels are given
in both languages, English first: ``Kind / Loại``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Declared at the top of every generated page: an inline span whose HTML carries lang="vi".
ROLES = [".. role:: vi", "   :class: language-vi", ""]

Cell = str | Sequence[str]
"""A table cell: one paragraph, or several (each a string)."""


def esc(text: str) -> str:
    """Escape reStructuredText inline markup so text is shown exactly as written."""
    out = " ".join(text.split("\n")).replace("\\", "\\\\")
    for ch in "*`|_[]<>":
        out = out.replace(ch, "\\" + ch)
    return out


def vi(text: str | None) -> str:
    """Vietnamese text, marked as such (empty when there is none)."""
    if not text or not text.strip():
        return ""
    return f":vi:`{esc(text.strip())}`"


def both(en: str, vi_text: str) -> str:
    """A label in both languages: ``English / Vietnamese``."""
    return f"{esc(en)} / {vi(vi_text)}"


def lit(text: object) -> str:
    """An identifier or formula as inline code (ASCII only: never Vietnamese text)."""
    return f"``{text}``"


def heading(text: str, char: str, over: bool = False) -> list[str]:
    """A section title underlined (and overlined) with ``char``."""
    line = char * max(len(text), 4) * 2
    return [line, text, line, ""] if over else [text, line, ""]


def list_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int],
    css: str = "",
) -> list[str]:
    """A ``list-table`` with a header row; cells with several paragraphs keep them apart."""
    out = [".. list-table::", "   :header-rows: 1", f"   :widths: {' '.join(map(str, widths))}"]
    if css:
        out.append(f"   :class: {css}")
    out.append("")
    for row in [headers, *rows]:
        for i, cell in enumerate(row):
            paras = [p for p in ([cell] if isinstance(cell, str) else cell) if p] or ["—"]
            out.append(("   * - " if i == 0 else "     - ") + paras[0])
            for para in paras[1:]:
                out += ["", "       " + para]
    return [*out, ""]


def field_table(rows: Iterable[tuple[str, Cell]]) -> list[str]:
    """A two-column table of labelled values."""
    return list_table([both("Field", "Mục"), both("Value", "Nội dung")], rows, (25, 75))


def passage(lines: Iterable[str], css: str = "source-passage") -> list[str]:
    """Verbatim Vietnamese lines in the body font: each source line stays a line, and wraps."""
    chunk = [ln.strip() for ln in lines if ln.strip()]
    if not chunk:
        return []
    out = [f".. container:: {css} language-vi", ""]
    out += [f"   | {esc(ln)}" for ln in chunk]
    return [*out, ""]
