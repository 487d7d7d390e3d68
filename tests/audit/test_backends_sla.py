"""The SLA on PySpark gives the very result DuckDB gives: handoffs, follow-up, attempts, recycles
and their reasons, the activities' counts and examples; activities in CSV and Parquet, times in
every zone, ties on equal timestamps, bad activity rows.

On every backend the ``engine`` fixture of test_backends.py gives (PySpark, PostgreSQL).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from salesblueprint.cli import cli
from separate_stderr import runner

from .helpers import BLUEPRINT, write_csv
from .test_backends import both, to_parquet
from .test_sla import AS_OF, SLA, H, _t, files, hours, planted, sla_bp

__all__ = ["files", "sla_bp"]  # the fixtures of test_sla.py: the SLA blueprint, planted files

HIST = ["deal_id", "stage", "entered_at", "reason"]
ACTS = ["contact_id", "hs_timestamp", "type"]


def sla_both(engine: str, bp: Path, history: Path, activities: Path | None, **kw: Any) -> Any:
    """The lifecycle audit with the SLA on DuckDB and on ``engine``, identical; DuckDB's SLA."""
    duck, _ = both(engine, bp, history, pipeline="lifecycle", activities=activities, **kw)
    assert duck.sla is not None
    return duck.sla


def figures(s: Any) -> tuple[Any, ...]:
    return (
        s.handoffs,
        s.in_time,
        s.late,
        s.never,
        s.pending,
        s.attempts_met,
        s.recycled_short,
        s.hours_to_first_touch_median,
        s.hours_to_first_touch_p90,
    )


def as_parquet(engine: str, bp: Path, s: Any, history: Path, activities: Path) -> Any:
    """The audit again with ``history`` as Parquet (next to it), ``activities`` as given: the
    same figures and reasons as ``s``; DuckDB's SLA of it."""
    h = to_parquet(history, history.with_suffix(".parquet"))
    sp = sla_both(engine, bp, h, activities, as_of=AS_OF)
    assert figures(sp) == figures(s) and sp.reasons == s.reasons
    return sp


def test_planted_sla_csv_and_parquet(engine: str, sla_bp: Path, files: tuple[Path, Path]) -> None:
    h, a = files
    s = sla_both(engine, sla_bp, h, a, as_of=AS_OF)
    # the planted counts of tests/audit/test_sla.py, now on both backends
    assert figures(s) == (18, 9, 3, 5, 1, 2, 3, 2.0, 30.0)
    assert (s.activities.rows, s.activities.accepted) == (25, 22)
    assert [(r.reason, r.deals, r.declared) for r in s.reasons] == [
        ("no_response", 2, True),
        ("bad_timing", 1, True),
        ("ghosted", 1, False),
    ]
    assert s.recycles_without_reason == 1
    # Parquet history and activities (text columns): the same figures, rows shown as 'row N'
    sp = as_parquet(engine, sla_bp, s, h, to_parquet(a, a.with_suffix(".parquet")))
    assert sp.activities.examples["bad_timestamp"][0].where.endswith("activities.parquet: row 24")
    # without --as-of ("now" is the history's last time), and without activities
    sla_both(engine, sla_bp, h, a)
    bare = sla_both(engine, sla_bp, h, None)
    assert (bare.handoffs, bare.recycled, bare.measured) == (18, 4, False)


def test_parquet_activities_with_typed_times(engine: str, sla_bp: Path, tmp_path: Path) -> None:
    """Activities whose time column is a Parquet TIMESTAMP (naive: UTC) or TIMESTAMPTZ."""
    import duckdb

    hist, _ = planted()
    h = write_csv(tmp_path / "lifecycle.csv", hist, HIST)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for kind in ("TIMESTAMP", "TIMESTAMPTZ"):
        out = tmp_path / f"acts_{kind}.parquet"
        con.execute(
            f"COPY (SELECT * FROM (VALUES ('ok0', CAST('{_t(hours(2))}' AS {kind}), 'call'), "
            f"('late0', CAST('{_t(hours(30))}' AS {kind}), 'call'), "
            f"('never0', NULL, 'call')) t(contact_id, hs_timestamp, type)) "
            f"TO '{out}' (FORMAT parquet)"
        )
        s = sla_both(engine, sla_bp, h, out, as_of=AS_OF)
        assert (s.activities.rows, s.activities.accepted) == (3, 2)
        assert s.activities.rejected["missing_value"] == 1
        assert (s.in_time, s.late) == (1, 1)


def handed(c: str, sql_at: str, mql_at: str = "2025-03-02T09:00:00Z") -> list[list[str]]:
    return [[c, "lead", "2025-03-01T09:00:00Z", ""], [c, "mql", mql_at, ""], [c, "sql", sql_at, ""]]


def test_time_zones(engine: str, sla_bp: Path, tmp_path: Path) -> None:
    """Naive times are UTC, offsets are honoured, epoch milliseconds are UTC: every contact is
    handed off at 09:00 UTC, written in another zone."""
    hist = (
        handed("z1", "2025-03-03T10:00:00+01:00")
        + handed("z2", "2025-03-03 09:00:00")
        + handed("z3", "2025-03-03T04:00:00-0500")
        + handed("z4", "2025-03-03T09:00:00.000+0000")
        + handed("z5", "2025-03-03T09:00:00Z")
        + handed("z6", "2025-03-03T11:00:00+02")
    )
    epoch_ms = str(int((H + hours(1)).timestamp() * 1000))
    acts = [
        ["z1", "2025-03-04T11:00:00+02:00", "call"],  # 24 h exactly: in time
        ["z2", "2025-03-04T09:00:01", "call"],  # naive: UTC, 1 s late
        ["z3", "2025-03-04T03:59:59-05:00", "email"],  # 23:59:59 after: in time
        ["z4", epoch_ms, "call"],  # 1 h after
        ["z5", "2025-03-03T08:30:00-00:30", "meeting"],  # at the handoff: counts
        ["z6", "2025-03-03T09:59:00+01:00", "call"],  # before the handoff: does not count
    ]
    h = write_csv(tmp_path / "h.csv", hist, HIST)
    a = write_csv(tmp_path / "a.csv", acts, ACTS)
    s = sla_both(engine, sla_bp, h, a, as_of=AS_OF)
    assert (s.handoffs, s.in_time, s.late, s.never, s.pending) == (6, 4, 1, 1, 0)
    assert [e.deal_id for e in s.examples["late"]] == ["z2"]
    assert s.examples["late"][0].detail == "first follow-up after 24 h"
    assert [(e.deal_id, e.at) for e in s.examples["never"]] == [("z6", "2025-03-03T09:00:00Z")]
    # 0 h, 1 h, 23:59:59, 24 h, 24 h 1 s
    assert (s.hours_to_first_touch_median, s.hours_to_first_touch_p90) == (24.0, 24.0)
    as_parquet(engine, sla_bp, s, h, to_parquet(a, tmp_path / "a.parquet"))


def test_ties_on_equal_timestamps_keep_input_order(
    engine: str, sla_bp: Path, tmp_path: Path
) -> None:
    t = "2025-03-03T09:00:00Z"
    hist = [
        ["t1", "lead", "2025-03-01T09:00:00Z", ""],
        ["t1", "mql", t, ""],  # then sql at the same time: handed off
        ["t1", "sql", t, ""],
        ["t2", "lead", "2025-03-01T09:00:00Z", ""],
        ["t2", "sql", t, ""],  # then mql at the same time: handed off and recycled at once
        ["t2", "mql", t, "no_response"],
        ["t3", "lead", "2025-03-01T09:00:00Z", ""],
        ["t3", "sql", t, ""],  # sql, mql, sql at one time: two handoffs, one recycle
        ["t3", "mql", t, "ghosted"],
        ["t3", "sql", t, ""],
    ]
    acts = [["t1", t, "call"], ["t2", t, "call"], ["t3", t, "call"]]
    h = write_csv(tmp_path / "h.csv", hist, HIST)
    a = write_csv(tmp_path / "a.csv", acts, ACTS)
    s = sla_both(engine, sla_bp, h, a, as_of=AS_OF)
    # t3's first handoff ends where its second begins: an empty window, never followed up
    assert (s.handoffs, s.contacts, s.recycled, s.in_time, s.never) == (4, 3, 2, 3, 1)
    # the call at the time of t2's recycle is its first touch, not an attempt of the visit
    assert (s.attempts_met, s.recycled_short) == (0, 2)
    assert s.recycles_without_reason == 0
    assert [(r.reason, r.deals) for r in s.reasons] == [("ghosted", 1), ("no_response", 1)]
    # the other input order: no recycle for t2, and t1 is recycled (without a reason) instead
    flipped = [hist[0], hist[2], hist[1], hist[3], hist[5], hist[4], *hist[6:]]
    f = sla_both(engine, sla_bp, write_csv(tmp_path / "f.csv", flipped, HIST), a, as_of=AS_OF)
    assert (f.handoffs, f.recycled, f.recycles_without_reason) == (4, 2, 1)
    assert [(r.reason, r.deals) for r in f.reasons] == [("ghosted", 1)]
    as_parquet(engine, sla_bp, s, h, a)


def test_bad_activity_rows_rejected_by_reason(engine: str, sla_bp: Path, tmp_path: Path) -> None:
    hist, _ = planted()
    h = write_csv(tmp_path / "h.csv", hist, HIST)
    ok = _t(hours(2))
    acts = [
        ["", ok, "CALL"],  # missing_value: no id
        ["ok0", "", "CALL"],  # missing_value: no time
        ["ok0", ok, " "],  # missing_value: the type column is there, the type is not
        ["ok0", "yesterday", "CALL"],
        ["ok0", "2025-02-30T10:00:00Z", "CALL"],
        ["ok0", "2025-03-03T10:00:00+99:00", "CALL"],
        ["ok0", "1/2/25", "CALL"],
        ["ok0", "2025-3-3", "CALL"],
        ["ok1", str(int((H + hours(1)).timestamp() * 1000)), "Call"],  # epoch ms
        [" ok2 ", ok, " Phone call "],  # trimmed
        ["ok3", ok, "NOTE"],  # accepted, not an attempt
    ]
    a = write_csv(tmp_path / "a.csv", acts, ACTS)
    for acts_file in (a, to_parquet(a, tmp_path / "a.parquet")):
        s = sla_both(engine, sla_bp, h, acts_file, as_of=AS_OF)
        act = s.activities
        assert act.rejected == {"missing_value": 3, "bad_timestamp": 5}
        assert act.accepted + sum(act.rejected.values()) == act.rows == 11
        assert (act.attempts, act.other_types) == ({"call": 2}, {"NOTE": 1})
        assert [e.at for e in act.examples["bad_timestamp"]][:2] == [
            "yesterday",
            "2025-02-30T10:00:00Z",
        ]


def test_cli_runs_the_sla(engine: str, sla_bp: Path, files: tuple[Path, Path]) -> None:
    """--backend pyspark/URL --activities: exit 0 (was 2) and the JSON DuckDB gives."""
    h, a = files
    base = [str(sla_bp), str(h), "--pipeline", "lifecycle", "--activities", str(a)]
    base += ["--as-of", AS_OF, "--format", "json"]
    out = {}
    for backend in ("duckdb", engine):
        r = runner().invoke(cli, ["audit", *base, "--backend", backend])
        assert r.exit_code == 0, r.stderr
        out[backend] = json.loads(r.stdout)
    assert out[engine] == out["duckdb"]
    assert out[engine]["sla"]["follow_up"]["missed"] == 8
    r = runner().invoke(cli, ["audit", *base, "--backend", engine, "--fail-on", "sla_missed"])
    assert r.exit_code == 1 and "sla_missed" in r.stderr


def test_no_deadline(engine: str, tmp_path: Path, files: tuple[Path, Path]) -> None:
    """Without follow_up_within: followed up or not, on both backends."""
    p = tmp_path / "bp.yaml"
    p.write_text(BLUEPRINT + SLA.replace("    follow_up_within: 24h\n", ""), encoding="utf-8")
    s = sla_both(engine, p, *files, as_of=AS_OF)
    assert (s.in_time, s.late, s.never, s.pending) == (12, 0, 6, 0)
    assert s.hours_to_first_touch_median == 2.0
