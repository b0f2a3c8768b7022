"""The JSON output of ``assess``, written entry by entry in the form ``json.dump`` gives.

:func:`write_json` is the one writer of that form (two-space indent, non-ASCII kept, a line feed
at the end). :class:`AssessmentJson` writes the same text for the assessment of a table whose
rows arrive in chunks: ``plan``, then each entry of ``areas`` as it comes, while the entries of
``rejected`` wait in a temporary file, appended when the areas are done. Memory stays bounded by
one chunk whatever the number of rows; the text is byte for byte what :func:`write_json` writes
for the whole :meth:`~vn_drugfree_criteria.TableAssessment.to_dict`.

>>> import io
>>> out = io.StringIO()
>>> with AssessmentJson(out, "p") as doc:
...     doc.rejected({"row": 1})
>>> out.getvalue() == json_text({"plan": "p", "areas": [], "rejected": [{"row": 1}]})
True
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Hashable, Iterable, Sequence
from json.encoder import encode_basestring as _encode  # the one used without ensure_ascii
from typing import Any, TextIO, cast

__all__ = ["AssessmentJson", "json_text", "write_json"]

_INDENT = 2


def json_text(data: Any) -> str:
    """The text :func:`write_json` writes for ``data``."""
    return json.dumps(data, ensure_ascii=False, indent=_INDENT) + "\n"


def write_json(data: Any, out: TextIO) -> None:
    """Write JSON: UTF-8 text, non-ASCII kept, two-space indent, a final line feed."""
    json.dump(data, out, ensure_ascii=False, indent=_INDENT)
    out.write("\n")


def _entry(data: Any) -> str:
    """An entry of a list that is a member of the top object, indented as it stands there."""
    pad = " " * (2 * _INDENT)
    return pad + json.dumps(data, ensure_ascii=False, indent=_INDENT).replace("\n", "\n" + pad)


_HOLE = re.compile(r'"\\u0000(\d+)\\u0000"')
_SCALARS = (str, int, bool, type(None))
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _compact_encoder() -> Callable[[Any], str]:
    """``_ENCODER.encode`` of a list or a dict, with :mod:`json`'s C encoder made once, not per call."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has the C encoder
        return _ENCODER.encode
    e = _ENCODER
    one = make(
        {},
        e.default,
        _encode,
        e.indent,
        e.key_separator,
        e.item_separator,
        e.sort_keys,
        e.skipkeys,
        e.allow_nan,
    )

    def compact(value: Any) -> str:
        return "".join(one(value, 0))

    return compact


_compact = _compact_encoder()


class _Shapes:
    """Entries written by filling in the text :func:`_entry` gives for an entry of their shape.

    An entry's shape is its keys and every value that is not a plain scalar (text, an integer,
    a boolean, null), the latter in compact JSON. The first entry of a shape is written by
    :func:`_entry` with a numbered hole for each scalar; the text around the holes is kept, and
    each later entry of that shape is its scalars, each encoded by :mod:`json`'s own encoder,
    put in the holes: the same text as :func:`_entry` would write, without walking the entry
    in Python. At most 4096 shapes are kept.
    """

    def __init__(self) -> None:
        self._texts: dict[tuple[object, ...], list[str] | None] = {}

    def text(self, entry: dict[str, Any]) -> str:
        """The text :func:`_entry` writes for ``entry``."""
        scalars = [v for v in entry.values() if type(v) in _SCALARS]
        shape = tuple(k if type(v) in _SCALARS else (k, _compact(v)) for k, v in entry.items())
        if shape in self._texts:
            parts = self._texts[shape]
        else:
            parts = self._learn(entry)
            if len(self._texts) >= 4096:
                self._texts.clear()
            self._texts[shape] = parts
        if parts is None:
            return _entry(entry)
        out = [parts[0]]
        for value, after in zip(scalars, parts[1:], strict=True):
            out.append(_encode(value) if type(value) is str else _literal(value))
            out.append(after)
        return "".join(out)

    @staticmethod
    def _learn(entry: dict[str, Any]) -> list[str] | None:
        holes, n = {}, 0
        for k, v in entry.items():
            if type(v) in _SCALARS:
                holes[k] = f"\0{n}\0"
                n += 1
            else:
                holes[k] = v
        pieces = _HOLE.split(_entry(holes))
        # text, hole number, text, ...: usable when the holes are exactly 0 .. n-1 in order
        if pieces[1::2] != [str(i) for i in range(n)]:
            return None
        return pieces[0::2]


Kept = tuple[tuple[str, ...], list[str]]
"""The text kept for entries of a key: the members to fill, and the text around them."""
_NONE: Kept = ((), [])
_ROW_MEMBERS = ("row", "id", "parent_id")


def _filled_parts(entry: dict[str, Any], fill: dict[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    """The members of ``entry`` to fill (in its order) and the text around them.

    The text is what :func:`_entry` gives for ``entry`` with a hole at each member to fill; no
    members when one of them is not a scalar, or the holes are not found in order.
    """
    names = tuple(k for k in entry if k in fill)
    if set(names) != set(fill) or any(type(entry[k]) not in _SCALARS for k in names):
        return (), []
    holes = dict(entry)
    for n, k in enumerate(names):
        holes[k] = f"\0{n}\0"
    pieces = _HOLE.split(_entry(holes))
    if pieces[1::2] != [str(i) for i in range(len(names))]:
        return (), []
    return names, pieces[0::2]


def _literal(value: object) -> str:
    """An integer, a boolean or null as :mod:`json` writes it."""
    if value is None or type(value) is bool:
        return "null" if value is None else ("true" if value else "false")
    return int.__repr__(cast(int, value))


class AssessmentJson:
    """Writes ``{"plan": ..., "areas": [...], "rejected": [...]}`` entry by entry (a context).

    With :meth:`rollup`, the document ends with a ``rollup`` list, as with ``--rollup``.

    Leaving the block without an error completes the document; on an error the output stops
    where it was (it is then not valid JSON, and the command says so and exits with status 2).
    """

    def __init__(self, out: TextIO, plan_id: str) -> None:
        self._out = out
        self._held: list[str] = []  # the entries of ``areas`` not yet written (see flush)
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed on exit
        self._areas = self._rejected = 0
        self._rollup: Iterable[Any] | None = None
        self._shapes = _Shapes()
        self._filled: dict[Hashable, Kept] = {}
        out.write("{\n" + " " * _INDENT + '"plan": ' + json.dumps(plan_id, ensure_ascii=False))
        out.write(",\n" + " " * _INDENT + '"areas": [')

    def area(self, entry: dict[str, Any]) -> None:
        """Write the next entry of ``areas``."""
        self._hold(("\n" if not self._areas else ",\n") + self._shapes.text(entry))
        self._areas += 1

    def area_filled(
        self, key: Hashable, fill: dict[str, Any], make: Callable[[], dict[str, Any]]
    ) -> None:
        """Write the next entry of ``areas``: the entry ``make()`` gives, with ``fill`` put in.

        Entries of one ``key`` are equal but for the scalar members named in ``fill``: the
        first entry of a key is built by ``make`` and written with a hole at each of those
        members (see :class:`_Shapes`); later entries of that key are the text around the holes
        with ``fill``'s values encoded by :mod:`json`'s own encoder put in, without building
        them. The text is the one :meth:`area` writes for ``make()``.
        """
        if key not in self._filled:
            if len(self._filled) >= 4096:
                self._filled.clear()
            self._filled[key] = _filled_parts(make(), fill)
        if not self.area_kept(key, fill):  # a member to fill holds more than a scalar
            self.area(make())

    def area_kept(self, key: Hashable, fill: dict[str, Any]) -> bool:
        """Write the next entry of ``areas`` from the text kept for ``key``, if there is one.

        What :meth:`area_filled` writes for an entry of ``key`` seen before; ``False`` (nothing
        written) when no text is kept for ``key``.
        """
        names, texts = self._filled.get(key, _NONE)
        if not names:
            return False
        out = ["\n" if not self._areas else ",\n", texts[0]]
        for name, after in zip(names, texts[1:], strict=True):
            value = fill[name]
            out.append(_encode(value) if type(value) is str else _literal(value))
            out.append(after)
        self._hold("".join(out))
        self._areas += 1
        return True

    def area_rows(
        self,
        keys: Sequence[Hashable | None],
        first: int,
        ids: Sequence[str | None],
        parents: Sequence[str | None],
        other: Callable[[int], None],
    ) -> None:
        """:meth:`area_kept` for rows ``first``, ``first + 1`` ... of the given ids and parents.

        Row ``k`` of ``keys`` is written from the text kept for its key, with ``fill``
        ``{"row": first + k, "id": ids[k], "parent_id": parents[k]}``; ``other(k)`` writes it
        instead when its key is ``None`` or no text is kept for it. The text is put together
        in one step when those are the members kept for the key, in that order (as for an
        area of ``assess``).
        """
        filled, held = self._filled, self._held
        for k, key in enumerate(keys):
            names, parts = _NONE if key is None else filled.get(key, _NONE)
            if names != _ROW_MEMBERS:
                fill = {"row": first + k, "id": ids[k], "parent_id": parents[k]}
                if key is None or not self.area_kept(key, fill):
                    other(k)
                continue
            start, after_row, after_id, end = parts
            area_id, parent_id = ids[k], parents[k]
            sep = ",\n" if self._areas else "\n"
            row = int.__repr__(first + k)
            i = "null" if area_id is None else _encode(area_id)
            p = "null" if parent_id is None else _encode(parent_id)
            held.append(f"{sep}{start}{row}{after_row}{i}{after_id}{p}{end}")
            self._areas += 1
        self.flush()

    def _hold(self, text: str) -> None:
        """Write ``text`` after the entries held, holding it with them (at most 1024)."""
        held = self._held
        held.append(text)
        if len(held) >= 1024:
            self.flush()

    def flush(self) -> None:
        """Write the entries of ``areas`` held (the writer calls it after each chunk)."""
        if self._held:
            self._out.write("".join(self._held))
            self._held.clear()

    def rejected(self, entry: dict[str, Any]) -> None:
        """Hold the next entry of ``rejected`` until the areas are written."""
        self._spool.write(("\n" if not self._rejected else ",\n") + self._shapes.text(entry))
        self._rejected += 1

    def rollup(self, entries: Iterable[Any]) -> None:
        """Write ``rollup`` (its entries, read once) after ``rejected``."""
        self._rollup = entries

    def _close_list(self, count: int) -> None:
        self._out.write("]" if not count else "\n" + " " * _INDENT + "]")

    def finish(self) -> None:
        """Close ``areas``, copy ``rejected`` from the temporary file, close the document."""
        self.flush()
        self._close_list(self._areas)
        self._out.write(",\n" + " " * _INDENT + '"rejected": [')
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self._out)
        self._close_list(self._rejected)
        if self._rollup is not None:
            self._out.write(",\n" + " " * _INDENT + '"rollup": [')
            count = 0
            for entry in self._rollup:
                self._out.write(("\n" if not count else ",\n") + _entry(entry))
                count += 1
            self._close_list(count)
        self._out.write("\n}\n")

    def __enter__(self) -> AssessmentJson:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self.finish()
        finally:
            self._spool.close()
