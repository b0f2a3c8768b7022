"""Uses the public API exactly as an application would; checked by mypy --strict."""

from __future__ import annotations

import datetime

import vn_drugfree_criteria as vdc


def village_report(counts: dict[str, int]) -> str:
    """Assess one village and return the English report."""
    snapshot = vdc.Snapshot(counts, as_of=datetime.date(2024, 6, 30), level="tổ dân phố")
    result: vdc.Assessment = vdc.assess("lai-chau-city-2024", snapshot)
    failed: tuple[str, ...] = result.failed
    return result.explain("en") + f" ({len(failed)} criteria failed)"


def needed(whole: int) -> int:
    """Villages needed for 83%."""
    return vdc.required_count(whole, "83%")


def table_summary(path: str) -> tuple[int, int, list[tuple[int, tuple[str, ...]]]]:
    """Read a CSV of villages, assess it with a roll-up; return (drug-free, rows, rejections)."""
    table: vdc.Table = vdc.read_table("lai-chau-city-2024", path, as_of=datetime.date(2024, 6, 30))
    result: vdc.TableAssessment = vdc.assess_table("lai-chau-city-2024", table, with_rollup=True)
    parents: tuple[vdc.ParentResult, ...] = result.parents or ()
    assert all(p.id for p in parents)
    return result.drug_free_count, len(table.rows), [(r.row, r.errors) for r in result.rejected]
