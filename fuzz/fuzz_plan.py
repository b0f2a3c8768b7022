"""Fuzz the plan loader: TOML syntax, the strict reader, the quote checks, then every use.

Run::

    python fuzz/fuzz_plan.py fuzz/corpus/plan -max_len=32768

The plan is loaded with the Lai Châu source text, so mutations of the bundled plans (the seed
corpus) reach the pointer and quote checks.
"""

from __future__ import annotations

import json
from importlib import resources

from common import fuzz
from vn_drugfree_criteria import audit
from vn_drugfree_criteria.model.loader import load_plan_text

SOURCE = (
    resources.files("vn_drugfree_criteria")
    .joinpath("data", "sources", "001_049b74cfff36fd8f.txt")
    .read_text(encoding="utf-8")
)


def one_input(data: bytes) -> None:
    """Load ``data`` as a plan file; show it and audit it."""
    text = data.decode("utf-8", errors="replace")
    plan = load_plan_text("fuzz.toml", text, source_text=SOURCE)
    json.dumps(plan.to_dict(), ensure_ascii=False).encode("utf-8")
    for finding in audit(plan, others=()):
        json.dumps(finding.to_dict(), ensure_ascii=False).encode("utf-8")


if __name__ == "__main__":
    fuzz(one_input)
