"""On-demand benchmark for ``salesblueprint audit`` (not part of the test suite).

Generates a Parquet stage history of N deals (about 3.5 rows per deal, with skips, late entries,
unknown stages and repeats planted) and measures, side by side in one run:

* ``salesblueprint audit`` (the whole audit: every figure of the JSON report), as a command;
* a hand-written DuckDB conformance query over the same file: one window (``lag`` per deal,
  ordered by time) and a join with the allowed moves, counting transitions by verdict.

Both run as child processes; the peak memory is each child's maximum resident set size.
Targets (issue 14): audit ≤ 3.0× the hand-written query, peak memory ≤ 2 GB, and the time from
the smallest to the largest size grows at most 1.2× the growth in deals (0.5M → 5M: ≤ 12×).

    pip install -e '.[audit]'
    python benchmarks/audit_benchmark.py --deals 500000 5000000     # the issue's sizes
    python benchmarks/audit_benchmark.py --deals 100000 1000000     # a quicker run
    python benchmarks/audit_benchmark.py --deals 1000000 --spark    # + PySpark local, for info
    python benchmarks/audit_benchmark.py --repeat 3 ...             # medians of 3 runs each

Each child's CPU time (user + system) is recorded next to its wall time: on a shared machine
the wall times swing with the other jobs, the CPU times much less.

``--spark`` (needs ``pip install -e '.[spark]'`` and Java 17+) also times the audit with
``--backend pyspark`` (local[2], start-up included) and checks that its JSON equals DuckDB's.

Writes ``benchmarks/audit_results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BLUEPRINT = """\
salesblueprint: 1
name: Benchmark
teams:
  - id: sales
pipelines:
  - id: deals
    owner: sales
    stages:
      - id: discovery
        probability: 0.2
        expected_days: 10
      - id: demo
        probability: 0.4
        expected_days: 7
      - id: proposal
        probability: 0.6
      - id: won
        outcome: won
      - id: lost
        outcome: lost
        reasons: [no_budget, competitor]
"""

STAGES = ["discovery", "demo", "proposal", "won", "lost"]
ALLOWED = [
    ("discovery", "demo"),
    ("demo", "proposal"),
    ("proposal", "won"),
    ("discovery", "lost"),
    ("demo", "lost"),
    ("proposal", "lost"),
]


def generate(path: Path, deals: int) -> int:
    """Write the history with DuckDB (no Python loop over rows); returns the row count."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"""
        COPY (
            WITH d AS (
                SELECT i, CAST(hash(i) >> 2 AS BIGINT) AS h FROM range({deals}) t(i)
            ), steps AS (
                SELECT i, h, s FROM d, range(5) r(s)
                WHERE s <= CASE WHEN h % 4 = 0 THEN 1 ELSE 2 END OR (s = 3 AND h % 3 <> 0)
            ), named AS (
                SELECT i, h, s,
                    CASE
                        WHEN s = 3 THEN CASE WHEN h % 7 < 3 THEN 'won' ELSE 'lost' END
                        WHEN s = 1 AND h % 50 = 0 THEN 'proposal'        -- a skip
                        WHEN s = 0 AND h % 40 = 1 THEN 'demo'            -- a late entry
                        WHEN s = 2 AND h % 97 = 5 THEN 'Negotiation'     -- unknown stage
                        ELSE ['discovery', 'demo', 'proposal'][s + 1]
                    END AS stage
                FROM steps
            )
            SELECT 'D' || lpad(CAST(i AS VARCHAR), 8, '0') AS deal_id, stage,
                TIMESTAMP '2024-01-01' + INTERVAL (h % 300) DAY
                    + INTERVAL (s * (1 + (h >> 8) % 20)) DAY
                    + INTERVAL ((h >> 16) % 86400) SECOND AS entered_at,
                CASE WHEN stage = 'lost' THEN ['no_budget', 'competitor', 'price'][1 + h % 3]
                END AS reason
            FROM named
            UNION ALL   -- repeats: an amount change writes the stage again
            SELECT 'D' || lpad(CAST(i AS VARCHAR), 8, '0'), 'discovery',
                TIMESTAMP '2024-01-01' + INTERVAL (h % 300) DAY + INTERVAL 1 HOUR, NULL
            FROM d WHERE h % 5 = 0
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 122880)
    """)
    rows: int = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]  # type: ignore[index]
    return rows


HAND_QUERY = """
import duckdb, json
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
allowed = {allowed!r}
con.execute("CREATE TABLE allowed (a VARCHAR, b VARCHAR)")
con.executemany("INSERT INTO allowed VALUES (?, ?)", allowed)
print(json.dumps(con.execute('''
    WITH w AS (
        SELECT deal_id, stage,
            lag(stage) OVER (PARTITION BY deal_id ORDER BY entered_at) AS prev
        FROM read_parquet('{path}') WHERE stage IN {stages!r}
    )
    SELECT count(*) FILTER (WHERE prev IS NOT NULL AND prev <> stage),
        count(*) FILTER (WHERE prev IS NOT NULL AND prev <> stage AND a.a IS NOT NULL)
    FROM w LEFT JOIN allowed a ON a.a = w.prev AND a.b = w.stage
''').fetchall()[0]))
"""


def measure(cmd: list[str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS in MB, stdout and CPU seconds (user + system) of one child."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def measure_both(
    audit_cmd: list[str], hand_cmd: list[str], repeat: int
) -> tuple[tuple[float, float, str, float], tuple[float, float, str, float]]:
    """Both sides ``repeat`` times, alternately: the median wall and CPU time of each, the
    largest peak, the last output (the machine is shared: one run alone is noisy)."""
    runs: list[list[tuple[float, float, str, float]]] = [[], []]
    for _ in range(repeat):
        runs[0].append(measure(audit_cmd))
        runs[1].append(measure(hand_cmd))

    def summary(rs: list[tuple[float, float, str, float]]) -> tuple[float, float, str, float]:
        wall = statistics.median(r[0] for r in rs)
        cpu = statistics.median(r[3] for r in rs)
        return wall, max(r[1] for r in rs), rs[-1][2], cpu

    return summary(runs[0]), summary(runs[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deals", type=int, nargs="+", default=[500_000, 5_000_000])
    ap.add_argument("--output", default=str(HERE / "audit_results.json"))
    ap.add_argument("--keep", help="folder for the generated files (default: a temporary one)")
    ap.add_argument("--spark", action="store_true", help="also time --backend pyspark (info)")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs of each side per size (medians are kept)"
    )
    args = ap.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sb-audit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    bp = folder / "blueprint.yaml"
    bp.write_text(BLUEPRINT, encoding="utf-8")
    results = []
    print(
        f"{'deals':>10} {'rows':>11} {'audit s':>8} {'MB':>6} {'hand s':>7} {'MB':>6} {'ratio':>6}"
    )
    for n in sorted(args.deals):
        path = folder / f"history_{n}.parquet"
        rows = generate(path, n)
        audit_cmd = [
            sys.executable,
            "-m",
            "salesblueprint",
            "audit",
            str(bp),
            str(path),
            "--format",
            "json",
            "--no-progress",
        ]
        load_before = os.getloadavg()[0]
        hand = HAND_QUERY.format(allowed=ALLOWED, path=path, stages=tuple(STAGES))
        (a_wall, a_mb, a_out, a_cpu), (h_wall, h_mb, h_out, h_cpu) = measure_both(
            audit_cmd, [sys.executable, "-c", hand], max(1, args.repeat)
        )
        report = json.loads(a_out)
        if [report["conformance"]["transitions"], report["conformance"]["allowed"]] != json.loads(
            h_out
        ):
            print("  note: the audit and the hand-written query count different transitions")
        moves, allowed = json.loads(h_out)
        spark: dict[str, object] = {}
        if args.spark:
            s_wall, _, s_out, _ = measure([*audit_cmd, "--backend", "pyspark"])
            same = json.loads(s_out) == report
            spark = {"spark_seconds": round(s_wall, 2), "spark_same_json": same}
            print(f"  pyspark local: {s_wall:.1f} s, JSON identical to DuckDB's: {same}")
        results.append(
            {
                "deals": n,
                "rows": rows,
                "audit_seconds": round(a_wall, 2),
                "audit_peak_mb": round(a_mb),
                "hand_seconds": round(h_wall, 2),
                "hand_peak_mb": round(h_mb),
                "ratio": round(a_wall / h_wall, 2),
                # CPU seconds (user + system) of each child: steadier than the wall time
                # on a shared machine
                "audit_cpu_seconds": round(a_cpu, 2),
                "hand_cpu_seconds": round(h_cpu, 2),
                "cpu_ratio": round(a_cpu / h_cpu, 2),
                "repeat": max(1, args.repeat),
                # the 1-minute load average before and after (2 shared cores: noisy)
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "audit_transitions": report["conformance"]["transitions"],
                "hand_transitions": moves,
                "audit_allowed": report["conformance"]["allowed"],
                "hand_allowed": allowed,
                **spark,
            }
        )
        print(
            f"{n:>10} {rows:>11} {a_wall:>8.1f} {a_mb:>6.0f} {h_wall:>7.1f} {h_mb:>6.0f} "
            f"{a_wall / h_wall:>6.2f}  cpu {a_cpu:.1f}/{h_cpu:.1f} s = {a_cpu / h_cpu:.2f}  "
            f"load {load_before:.1f}-{os.getloadavg()[0]:.1f}"
        )
    summary: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": results,
    }
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = float(last["audit_seconds"]) / float(first["audit_seconds"])  # type: ignore[arg-type]
        summary["scaling"] = {
            "deals_factor": int(last["deals"]) // int(first["deals"]),  # type: ignore[call-overload]
            "time_factor": round(growth, 2),
        }
        print(f"time grows {growth:.1f}× for {summary['scaling']['deals_factor']}× the deals")  # type: ignore[index]
    Path(args.output).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
