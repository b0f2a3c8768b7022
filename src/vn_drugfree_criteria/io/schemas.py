"""The JSON Schemas (Draft 2020-12) of the library's JSON input and outputs.

Apps written in any language can validate what they send to, and read from, the command line
against these schemas. They are shipped as files under ``data/schemas`` and printed by
``vn-drugfree schema NAME``.

>>> schema_names()
('assess', 'audit', 'calendar', 'indicators', 'input', 'show', 'targets', 'units', 'vectors')
>>> json_schema("assess")["required"]
['plan', 'areas', 'rejected']
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from vn_drugfree_criteria.errors import InputError

__all__ = ["json_schema", "schema_names", "schema_text"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _dir() -> resources.abc.Traversable:
    return resources.files("vn_drugfree_criteria").joinpath("data", "schemas")


@functools.cache
def schema_names() -> tuple[str, ...]:
    """The names of the shipped schemas, sorted."""
    return tuple(
        sorted(p.name[: -len(".json")] for p in _dir().iterdir() if p.name.endswith(".json"))
    )


def schema_text(name: str) -> str:
    """The schema file ``name`` exactly as shipped (UTF-8 JSON text).

    Raises:
        InputError: No schema has that name.
    """
    if name not in schema_names():
        raise InputError(f"unknown schema {name!r}; known schemas: {', '.join(schema_names())}")
    return _dir().joinpath(f"{name}.json").read_text(encoding="utf-8")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``name`` (``input``, ``assess``, ...) as a fresh dict.

    Args:
        name: One of :func:`schema_names`.

    Raises:
        InputError: No schema has that name.
    """
    data: dict[str, Any] = json.loads(schema_text(name))
    return data
