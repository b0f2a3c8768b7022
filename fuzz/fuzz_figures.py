"""Fuzz the figures reader (CSV and JSON) and the evaluation of every target on it.

Run::

    python fuzz/fuzz_figures.py fuzz/corpus/figures -max_len=4096

The first byte chooses the format; the rest is the file, written to a temporary folder because
the reader takes a path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import fuzz
from vn_drugfree_criteria import evaluate_targets, read_series

FOLDER = Path(tempfile.mkdtemp(prefix="vn-drugfree-fuzz-"))


def one_input(data: bytes) -> None:
    """Read ``data[1:]`` as a CSV or JSON figures file; evaluate the Lai Châu targets on it."""
    if not data:
        return
    path = FOLDER / ("figures.json" if data[0] & 1 else "figures.csv")
    path.write_bytes(data[1:])
    evaluate_targets("lai-chau-city-2024", read_series(path))


if __name__ == "__main__":
    fuzz(one_input)
