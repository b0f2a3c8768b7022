"""Human labels, in English and Vietnamese, for the codes the plan's JSON form uses.

The labels are the library's own (``data/labels.toml``, read by
:mod:`vn_drugfree_criteria.vocab.labels`), the same words the command line prints. The plan
pages never print a code's Python form; a code with no label is shown as the code itself (plain
text), and ``tests/test_docs_pages.py`` checks that every code the bundled plans use has a label.
"""

from __future__ import annotations

from vn_drugfree_criteria.vocab.labels import LABELS, when_words


def _group(prefix: str) -> dict[str, tuple[str, str]]:
    """Every label ``prefix.CODE`` as ``{CODE: (english, vietnamese)}``."""
    head = prefix + "."
    return {
        key.removeprefix(head): (forms["en"], forms["vi"])
        for key, forms in LABELS.items()
        if key.startswith(head)
    }


TARGET_KINDS = _group("target_kind")
COMPARISONS = _group("comparison")
READINGS = _group("reading")
SEVERITIES = _group("severity")
FREQUENCIES = _group("frequency")
RELATIONS = _group("relation")
FORMS = _group("form")
PRECISIONS = _group("precision")


def when(text: str) -> tuple[str, str]:
    """A target's period (``yearly``, ``2025``, ``phase 2``) in both languages."""
    return (when_words(text, "en"), when_words(text, "vi"))


def label(table: dict[str, tuple[str, str]], code: str) -> tuple[str, str]:
    """The two labels of a code, or the code itself twice when the table has none."""
    return table.get(code, (code, code))
