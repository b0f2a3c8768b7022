"""A plan's own indicators: ``[[indicators]]`` tables in a plan file.

They have the keys of the shared vocabulary file (``data/indicators.toml``) and extend the
vocabulary the plan starts from: the shared one, or that of the plan it adopts. A name already
known, a name given twice, an unknown unit or a whole declared nowhere is refused
(:meth:`~vn_drugfree_criteria.vocab.vocabulary.Vocabulary.extend`). Their pointers must point into
the plan's own source text, within its lines; that their words stand there is checked with the
plan's other quotes (:func:`~vn_drugfree_criteria.model.quotes.check_quotes`).
"""

from __future__ import annotations

from vn_drugfree_criteria.errors import DataFileError
from vn_drugfree_criteria.model.loader_meta import SourceContext
from vn_drugfree_criteria.vocab.indicators import Indicator, Vocabulary
from vn_drugfree_criteria.vocab.strict import TomlTable

__all__ = ["own_indicators", "read_plan_indicators"]


def read_plan_indicators(top: TomlTable, ctx: SourceContext, base: Vocabulary) -> Vocabulary:
    """``base`` extended by the plan's ``[[indicators]]``, their pointers checked.

    Raises:
        DataFileError: Naming the plan file and the key at fault.
    """
    tables = top.tables("indicators")
    vocab = base.extend(tables)
    for t, item in zip(tables, own_indicators(vocab, base), strict=True):
        for key in ("source", "definition_source"):
            ref = getattr(item, key)
            if ref is None:
                continue
            if ref.file != ctx.source_file:
                raise DataFileError(
                    t.file,
                    f"{t.path}.{key}.file",
                    f"{ref.file!r} is not the plan's source_file ({ctx.source_file!r})",
                )
            last = ref.end_line or ref.line
            if ctx.lines is not None and last > len(ctx.lines):
                raise DataFileError(
                    t.file,
                    f"{t.path}.{key}.line",
                    f"beyond the end of {ctx.source_file} ({len(ctx.lines)} lines)",
                )
    return vocab


def own_indicators(vocab: Vocabulary, base: Vocabulary) -> tuple[Indicator, ...]:
    """The indicators of ``vocab`` that ``base`` lacks, in order."""
    return vocab.items[len(base.items) :]
