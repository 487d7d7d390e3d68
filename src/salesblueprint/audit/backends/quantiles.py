"""Quantiles the way DuckDB's ``quantile_cont`` computes them, on any engine.

Engines interpolate quantiles differently in the last bits (Spark's ``percentile`` and
PostgreSQL's ``percentile_cont`` round otherwise than DuckDB's ``quantile_cont``), so a backend
without ``quantile_cont`` asks the engine for the few sorted neighbours of each quantile's
position only (standard SQL: two windows) and interpolates here, to the last bit of DuckDB's
result. DuckDB's own rounding changed between releases (2.x fuses the multiply-add, 1.x rounds
each step): the installed DuckDB is asked once which it does.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

Query = Callable[[str], list[tuple[Any, ...]]]


def neighbour_quantiles(
    q: Query, values_sql: str, qs: Sequence[float]
) -> dict[Any, tuple[float, ...]]:
    """Per group ``g`` of ``values_sql`` (columns ``g``, ``v``), the quantiles ``qs`` of its
    non-NULL ``v`` (linear interpolation, numpy's default)."""
    near = " OR ".join(
        f"k BETWEEN floor((n - 1) * {x!r}) - 1 AND ceil((n - 1) * {x!r}) + 1" for x in qs
    )
    found = q(f"""
        SELECT g, n, k, v FROM (
            SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v) - 1 AS k,
                count(*) OVER (PARTITION BY g) AS n
            FROM ({values_sql}) AS x WHERE v IS NOT NULL
        ) AS y
        WHERE {near}
    """)
    by_group: dict[Any, tuple[int, dict[int, float]]] = {}
    for g, n, k, v in found:
        by_group.setdefault(g, (int(n), {}))[1][int(k)] = float(v)
    return {g: tuple(quantile_cont(n, ks, x) for x in qs) for g, (n, ks) in by_group.items()}


def quantile_cont(n: int, values: dict[int, float], q: float) -> float:
    """DuckDB's ``quantile_cont`` of ``n`` sorted values (``values``: position -> value):
    position ``(n - 1) * q``, then ``lo * (1 - d) + hi * d``: with one rounding for the sum of
    a product where the installed DuckDB fuses them (2.x builds), else rounding each step."""
    rn = (n - 1) * q
    lo_i, hi_i = math.floor(rn), math.ceil(rn)
    lo = values[lo_i]
    if lo_i == hi_i:
        return lo
    d = rn - lo_i
    hi = values[hi_i]
    if not duckdb_fuses():
        return lo * (1.0 - d) + hi * d
    return float(Fraction(lo) * Fraction(1.0 - d) + Fraction(hi * d))


# four values whose p90 the fused and the step-by-step interpolation give differently
_PROBE = (5.0872419398993, 21.827717523639034, 42.768603274145676, 95.48162743135121)


@functools.cache
def duckdb_fuses() -> bool:
    """Whether the installed DuckDB interpolates quantiles with a fused multiply-add."""
    try:
        import duckdb
    except ImportError:
        return True
    con = duckdb.connect(":memory:")
    try:
        got = con.execute(
            "SELECT quantile_cont(x, 0.9) FROM unnest(CAST(? AS DOUBLE[])) AS t(x)", [list(_PROBE)]
        ).fetchall()[0][0]
    finally:
        con.close()
    lo, hi, d = _PROBE[2], _PROBE[3], 3 * 0.9 - 2
    return bool(got == float(Fraction(lo) * Fraction(1.0 - d) + Fraction(hi * d)))
