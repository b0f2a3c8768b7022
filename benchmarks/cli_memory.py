"""Time and peak memory of ``vn-drugfree assess`` on a large table, beside ``pandas.read_csv``.

The table is the Lai Châu city example's rows (its 27 columns without the free-text note)
repeated with new ids (``TDP-01-0``, ``TDP-01-1`` ...; parents renamed alike) until it has the
number of rows asked for, written as CSV or (``--input json``) as a JSON list of objects whose
counts are numbers (``[{"id": "TDP-01-0", "households": 40, ...}, ...]``, about 660 bytes a
row). Each contender runs in its own process, one after the other, on the
same file; wall time is measured around the process and peak memory is the process's own
maximum resident set size (``os.wait4``; Linux counts the size of this process at the fork as
a floor, so this process stays small: it never imports pandas):

* ``pandas.read_csv``: reading the file into a DataFrame (skipped with a message when pandas is
  missing, and for JSON input);
* ``assess --format csv`` and ``assess --format json``: the whole command, output to the null
  device;
* ``assess --rollup --format json`` on a table of the same number of rows whose parents form a
  tree (:func:`write_tree`: communes of 25 villages under 60 provinces), parents included;
* ``assess`` on a one-row file of the same columns: the fixed cost of the interpreter, the
  library and the plan, which the incremental memory leaves out.

Run from the repository root::

    python benchmarks/cli_memory.py                  # 1,000,000 rows (about 100 MB)
    python benchmarks/cli_memory.py --rows 200000 --keep /tmp/table.csv
    python benchmarks/cli_memory.py --input json     # about 660 MB: --max-bytes is raised
    python benchmarks/cli_memory.py --only rollup    # the roll-up contender (and the one-row run)
    python benchmarks/cli_memory.py --vary --only plain  # counts perturbed; no roll-up run

``--only rollup`` measures the ``--rollup`` contender alone (no other table is written, no other
contender run), ``--only plain`` every contender but that one. With ``--vary`` the counts of
each row are perturbed by a seeded random generator (:func:`varied`), so that most rows differ in
the counts their results depend on (the repeated example rows share them).

A file above the default ``--max-bytes`` (256 MiB) is assessed with ``--max-bytes`` set to its
size.

Ratios: peak memory to the file's size, incremental memory (peak minus the one-row run) to the
file's size, and time to ``pandas.read_csv``'s time.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import vn_drugfree_criteria as vdc

PLAN = "lai-chau-city-2024"
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
PANDAS = (
    "import sys, time, pandas; t = time.perf_counter(); pandas.read_csv(sys.argv[1]); "
    "print(time.perf_counter() - t)"
)


def example_rows() -> tuple[list[str], list[list[str]]]:
    """The bundled example's header and rows, without the free-text ``note`` column."""
    node = resources.files("vn_drugfree_criteria").joinpath("data", "examples", f"{PLAN}.csv")
    rows = list(csv.reader(io.StringIO(node.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name != "note"]
    return [header[i] for i in keep], [[r[i] for i in keep] for r in rows[1:]]


def write_table(path: Path, rows: int, *, vary: bool = False) -> int:
    """Write a table of ``rows`` rows (see the module); return its size in bytes.

    With ``vary``, each row's counts are perturbed (:func:`varied`, seeded), so that most rows
    have counts of their own.
    """
    header, body = example_rows()
    ids, parents = header.index("id"), header.index("parent_id")
    perturb = varied(header) if vary else None
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for n in range(rows):
            copy, row = divmod(n, len(body))
            cells = list(body[row])
            cells[ids] = f"{cells[ids]}-{copy}"
            if cells[parents]:
                cells[parents] = f"{cells[parents]}-{copy}"
            out.writerow(perturb(cells) if perturb is not None else cells)
    return path.stat().st_size


def varied(header: list[str], seed: int = 2026) -> Callable[[list[str]], list[str]]:
    """A function perturbing a row's counts with a seeded random generator, keeping it valid.

    Each count is scaled by a factor of the row (1 to 50) and, unless it is zero, raised by 0
    to 3; a part whose whole it equals stays equal to its new whole, and any other part keeps
    a shortfall as large as its old one scaled (plus 0 to 2), within its whole. Yes/no
    indicators are kept. Zeros stay zero, so a row meeting a criterion on a zero still does;
    the columns and the plan are those of the example.
    """
    vocabulary = vdc.get_plan(PLAN).vocabulary
    wholes, flags = dict(vocabulary.wholes), set(vocabulary.flags)
    at = {name: i for i, name in enumerate(header) if name in vocabulary.indicators}

    def depth(name: str) -> int:
        return 0 if wholes.get(name) not in at else 1 + depth(wholes[name])

    order = sorted(at, key=depth)
    rng = random.Random(seed)

    def perturb(cells: list[str]) -> list[str]:
        old = {name: int(cells[i]) for name, i in at.items()}
        factor, new = rng.randint(1, 50), {}
        for name in order:
            value, whole = old[name], wholes.get(name)
            if name in flags:
                new[name] = value
            elif whole in new:
                gap = old[whole] - value
                new[name] = new[whole] - min(
                    new[whole], gap * factor + rng.randint(0, 2) * (gap > 0)
                )
            else:
                new[name] = value * factor + (rng.randint(0, 3) if value else 0)
        return [str(new[name]) if name in new else c for name, c in zip(header, cells, strict=True)]

    return perturb


def write_tree(path: Path, rows: int) -> int:
    """Write a table of ``rows`` rows whose parents form a tree; return its size in bytes.

    Every 26th row is a commune (``XA-0``, ``XA-1`` ..., level ``xã``, counts of an example
    row, parent one of 60 provinces ``TINH-0`` ... that have no row), and the 25 rows after it
    are the example's villages under it: 1,000,000 rows give 38,462 communes.
    """
    header, body = example_rows()
    ids, parents, levels = header.index("id"), header.index("parent_id"), header.index("level")
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for n in range(rows):
            commune, place = divmod(n, 26)
            cells = list(body[n % len(body)])
            if place == 0:
                cells[ids], cells[levels] = f"XA-{commune}", "xã"
                cells[parents] = f"TINH-{commune % 60}"
            else:
                cells[ids], cells[parents] = f"{cells[ids]}-{n}", f"XA-{commune}"
            out.writerow(cells)
    return path.stat().st_size


def write_json_table(path: Path, rows: int) -> int:
    """Write the table of :func:`write_table` as a JSON list of objects; return its size."""
    header, body = example_rows()
    ids, parents = header.index("id"), header.index("parent_id")
    typed = [[int(c) if c.isdigit() else c for c in cells] for cells in body]
    with path.open("w", encoding="utf-8") as f:
        f.write("[")
        for n in range(rows):
            copy, row = divmod(n, len(body))
            cells = list(typed[row])
            cells[ids] = f"{cells[ids]}-{copy}"
            if cells[parents]:
                cells[parents] = f"{cells[parents]}-{copy}"
            f.write(",\n" if n else "\n")
            f.write(json.dumps(dict(zip(header, cells, strict=True)), ensure_ascii=False))
        f.write("\n]\n")
    return path.stat().st_size


def measure(argv: list[str], out: int | None = None) -> tuple[float, int, int]:
    """Run ``argv`` (output to ``out``, or the null device): wall seconds, peak RSS, status."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(
            argv, stdout=null if out is None else out, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must be told
    return seconds, usage.ru_maxrss * 1024, child.returncode


def _assess(path: Path, fmt: str, *extra: str) -> list[str]:
    size = path.stat().st_size
    more = ["--max-bytes", str(size)] if size > DEFAULT_MAX_BYTES else []
    return [
        sys.executable,
        "-m",
        "vn_drugfree_criteria",
        "assess",
        PLAN,
        str(path),
        "--format",
        fmt,
        *more,
        *extra,
    ]


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def run(
    rows: int,
    keep: Path | None,
    kind: str = "csv",
    only: str | None = None,
    *,
    vary: bool = False,
) -> list[dict[str, object]]:
    """Measure the contenders on one table of ``rows`` rows; print and return the results.

    ``only``: ``"rollup"`` for the roll-up contender alone, ``"plain"`` for every other one;
    ``vary`` perturbs the counts of a CSV table (:func:`varied`).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = keep or Path(folder) / f"table.{kind}"
        count = 1 if only == "rollup" else rows
        if kind == "json":
            size = write_json_table(path, count)
        else:
            size = write_table(path, count, vary=vary)
        tiny = Path(folder) / f"one.{kind}"
        (write_json_table if kind == "json" else write_table)(tiny, 1)
        _, base, _ = measure(_assess(tiny, "csv"))
        results: list[dict[str, object]] = []
        read_time = float("nan")
        # Not imported here: a child's peak memory counts this process's size at the fork.
        if kind == "json" or only == "rollup":
            pandas_time = None
        elif importlib.util.find_spec("pandas") is None:
            print("pandas is not installed: pandas.read_csv skipped (pip install pandas)")
            pandas_time = None
        else:
            with tempfile.TemporaryFile() as said:
                pandas_time, peak, _ = measure(
                    [sys.executable, "-c", PANDAS, str(path)], said.fileno()
                )
                said.seek(0)
                read_time = float(said.read().decode() or "nan")
            results.append(
                {"who": "pandas.read_csv", "seconds": pandas_time, "peak": peak, "size": size}
            )
            print(f"pandas.read_csv alone (in its process, import excluded): {read_time:.2f} s")
        for fmt in ("csv", "json") if only != "rollup" else ():
            seconds, peak, status = measure(_assess(path, fmt))
            if status != 0:
                raise SystemExit(f"assess --format {fmt} exited with status {status}")
            results.append(
                {"who": f"assess --format {fmt}", "seconds": seconds, "peak": peak, "size": size}
            )
        tree_size = 0
        if only != "plain":
            tree = Path(folder) / "tree.csv"
            tree_size = write_tree(tree, rows)
            seconds, peak, status = measure(_assess(tree, "json", "--rollup"))
            if status != 0:
                raise SystemExit(f"assess --rollup exited with status {status}")
            who = "assess --rollup --format json (tree)"
            results.append({"who": who, "seconds": seconds, "peak": peak, "size": tree_size})
    files = [] if only == "rollup" else [_mb(size)]
    files += [] if only == "plain" else [f"the tree table, CSV: {_mb(tree_size)}"]
    print(
        f"{rows:,} rows of {kind.upper()}{', counts varied' if vary else ''}, "
        f"{'; '.join(files)}; one-row run of assess: {_mb(base)} peak"
    )
    print(
        "| contender | wall time | × pandas process | × read_csv alone | peak RSS | × file "
        "| peak − one-row run | × file |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        seconds, peak, size = float(str(r["seconds"])), int(str(r["peak"])), int(str(r["size"]))
        ratio = (
            f"{seconds / pandas_time:.1f}× | {seconds / read_time:.1f}×" if pandas_time else "— | —"
        )
        extra = max(peak - base, 0) if str(r["who"]).startswith("assess") else None
        extra_text = f"{_mb(extra)} | {extra / size:.2f}×" if extra is not None else "— | —"
        print(
            f"| {r['who']} | {seconds:.1f} s | {ratio} | {_mb(peak)} | {peak / size:.2f}× "
            f"| {extra_text} |"
        )
        r.update(base=base, read_time=read_time)
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--keep", type=Path, help="write the (last) table here and keep it")
    parser.add_argument(
        "--input", choices=("csv", "json"), default="csv", help="the table's format"
    )
    parser.add_argument(
        "--only",
        choices=("rollup", "plain"),
        help="measure only the --rollup contender, or only the others",
    )
    parser.add_argument(
        "--vary", action="store_true", help="perturb the counts (seeded) so most rows differ"
    )
    args = parser.parse_args(argv)
    if args.vary and args.input == "json":
        parser.error("--vary applies to CSV input")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}"
        f"; load average before the run: {load}"
    )
    for rows in args.rows:
        run(rows, args.keep, args.input, args.only, vary=args.vary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
