"""What every harness shares: instrumented import of the library, and the one rule they check.

The rule: for any input, a reader either returns or raises a
:class:`~vn_drugfree_criteria.DrugFreeError`; anything else (a ``TypeError``, a
``RecursionError``, a hang) is a bug that the fuzzer reports with the input that caused it.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import sys
from collections.abc import Callable

import atheris

# The package loads its modules lazily: import every one now, inside the instrumentation, so
# that coverage reaches them all (optional extras such as matplotlib are not needed here).
with atheris.instrument_imports(include=["vn_drugfree_criteria"]):
    import vn_drugfree_criteria
    from vn_drugfree_criteria.errors import DrugFreeError

    for module in pkgutil.walk_packages(vn_drugfree_criteria.__path__, "vn_drugfree_criteria."):
        if not module.name.startswith("vn_drugfree_criteria.viz"):
            importlib.import_module(module.name)

__all__ = ["DrugFreeError", "fuzz"]


def fuzz(one_input: Callable[[bytes], None]) -> None:
    """Run ``one_input`` under atheris with the command-line options (corpus folders, -max_len).

    ``one_input`` may raise :class:`DrugFreeError`; every other exception is a finding.
    """

    def guarded(data: bytes) -> None:
        with contextlib.suppress(DrugFreeError):
            one_input(data)

    atheris.Setup(sys.argv, guarded)
    atheris.Fuzz()
