"""The audit contract on generated histories with planted faults: exact counts."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import salesblueprint as sb
from salesblueprint.audit import AuditError, audit
from salesblueprint.audit.formats import format_text

from .helpers import reference, write_csv

HEADER = ["deal_id", "stage", "entered_at"]
T0 = datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def planted() -> tuple[list[list[str]], dict[str, Any]]:
    """A history with a known number of every fault, and what the audit must count."""
    rows: list[list[str]] = []
    rng = random.Random(7)

    def deal(did: str, stages: list[str], start: int = 0, step: float = 2.0) -> None:
        for k, s in enumerate(stages):
            rows.append([did, s, iso(T0 + timedelta(days=start + k * step))])

    clean_won = [f"w{i}" for i in range(10)]
    for d in clean_won:
        deal(d, ["discovery", "demo", "proposal", "won"], start=rng.randrange(30))
    for i in range(6):
        deal(f"l{i}", ["discovery", "demo", "lost"])
    for i in range(4):
        deal(f"o{i}", ["discovery", "demo"])  # still open
    # repeats (an amount change re-writes the stage): not moves
    deal("r0", ["discovery", "discovery", "demo", "demo", "proposal", "won"])
    # declared recycle proposal -> demo: allowed
    deal("rc", ["discovery", "demo", "proposal", "demo", "proposal", "won"])
    # planted: 3 skips (discovery -> proposal), 1 skip into won from a non-last open stage
    for i in range(3):
        deal(f"s{i}", ["discovery", "proposal", "won"])
    deal("sw", ["discovery", "demo", "won"])
    # planted: 2 backward (proposal -> discovery)
    for i in range(2):
        deal(f"b{i}", ["discovery", "demo", "proposal", "discovery"])
    # planted: 2 after_outcome (lost -> discovery); final state stays lost
    for i in range(2):
        deal(f"a{i}", ["discovery", "lost", "discovery"])
    # planted: 3 late entries (start at demo)
    for i in range(3):
        deal(f"late{i}", ["demo", "proposal", "won"])
    # planted: 4 unknown-stage rows, in 2 otherwise clean deals; named by name, case-insensitive
    rows += [
        ["u0", "DISCOVERY CALL", iso(T0)],
        ["u0", "Negotiation", iso(T0 + timedelta(days=1))],
        ["u0", "negotiation", iso(T0 + timedelta(days=2))],
        ["u0", "Demo given", iso(T0 + timedelta(days=3))],
        ["u1", "discovery", iso(T0)],
        ["u1", "legal", iso(T0 + timedelta(days=1))],
        ["u1", "Demo Given", iso(T0 + timedelta(days=1))],
        ["u1", "legal", iso(T0 + timedelta(days=2))],
    ]
    # ties: equal times keep input order (discovery then demo: allowed)
    rows += [["t0", "discovery", iso(T0)], ["t0", "demo", iso(T0)]]
    # zones: 10:00+02:00 is 08:00Z, before the naive 09:00 (UTC) row written first
    rows += [
        ["z0", "demo", "2025-01-01T09:00:00"],
        ["z0", "discovery", "2025-01-01T10:00:00+02:00"],
    ]
    # planted: 2 missing values, 3 bad timestamps
    rows += [["", "discovery", iso(T0)], ["m1", " ", iso(T0)]]
    rows += [
        ["x0", "discovery", "yesterday"],
        ["x1", "demo", "2025-13-01"],
        ["x2", "won", "1/2/25"],
    ]
    rng.shuffle(rows)  # deals interleaved; ties stay in input order only within t0
    t0 = [r for r in rows if r[0] == "t0"]
    if t0[0][1] != "discovery":  # keep the tie's input order as planted
        i, j = rows.index(t0[0]), rows.index(t0[1])
        rows[i], rows[j] = rows[j], rows[i]
    expect = {
        "rows": len(rows),
        "rejected": {"missing_value": 2, "bad_timestamp": 3},
        "skip": 4,
        "backward": 2,
        "after_outcome": 2,
        "unknown_stage": 4,
        "late_entry": 3,
        # s*, sw, b*, a*, late*, u0, u1
        "deals_with_violations": 3 + 1 + 2 + 2 + 3 + 2,
    }
    return rows, expect


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[str, Any], list[list[str]]]:
    rows, expect = planted()
    return write_csv(tmp_path / "history.csv", rows, HEADER), expect, rows


def test_planted_faults_exact(bp_path: Path, history: Any) -> None:
    path, expect, _ = history
    r = audit(sb.load(bp_path), path)
    h, c = r.history, r.conformance
    assert h.rows == expect["rows"]
    assert h.rejected == expect["rejected"]
    assert h.accepted + sum(h.rejected.values()) == h.rows
    for kind in ("skip", "backward", "after_outcome", "unknown_stage", "late_entry"):
        assert c.violations[kind] == expect[kind], kind
    assert c.deals_with_violations == expect["deals_with_violations"]
    assert c.unknown_stages == {"legal": 2, "Negotiation": 1, "negotiation": 1}
    # the tie (same time) kept input order, the zone put discovery first: no violation
    assert not {e.deal_id for ex in c.examples.values() for e in ex} & {"t0", "z0", "rc", "r0"}
    assert r.final["won"] == 10 + 1 + 1 + 3 + 1 + 3  # w, r0, rc, s, sw, late
    assert r.required["demo"] == 3  # s0-s2 won without a demo
    assert r.required["discovery"] == 3  # late0-2
    assert r.stages["demo"].declared_probability == 0.4
    assert r.stages["demo"].expected_days == 7


def test_matches_reference_on_planted(bp_path: Path, history: Any) -> None:
    path, _, rows = history
    _compare(audit(sb.load(bp_path), path).to_json(), reference(rows))


@pytest.mark.parametrize("seed", range(6))
def test_matches_reference_on_random_histories(bp_path: Path, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    stages = ["discovery", "demo", "proposal", "won", "lost", "onboarding", "Closed Won", "zzz"]
    rows = []
    for i in range(rng.randrange(20, 80)):
        t = T0 + timedelta(hours=rng.randrange(1000))
        for _ in range(rng.randrange(1, 7)):
            stage = rng.choice(stages)
            at = iso(t) if rng.random() > 0.05 else rng.choice(["", "bad"])
            deal = f"d{i}" if rng.random() > 0.03 else ""
            rows.append([deal, stage, at])
            t += timedelta(hours=rng.choice([0, 0, 5, 30, 200]))
    rng.shuffle(rows)
    path = write_csv(tmp_path / "h.csv", rows, HEADER)
    _compare(audit(sb.load(bp_path), path).to_json(), reference(rows))


def _compare(got: dict[str, Any], want: dict[str, Any]) -> None:
    for key in ("rows", "accepted", "rejected", "deals"):
        assert got["history"][key] == want["history"][key], key
    for key in ("transitions", "allowed", "violations", "deals_with_violations"):
        assert got["conformance"][key] == want["conformance"][key], key
    for sid, fig in want["stages"].items():
        for key, value in fig.items():
            assert got["stages"][sid][key] == pytest.approx(value), (sid, key)
    assert got["required"] == want["required"]


def test_contract_json_keys(bp_path: Path, history: Any) -> None:
    path, _, _ = history
    data = json.loads(json.dumps(audit(sb.load(bp_path), path).to_json()))
    assert set(data["history"]) >= {"rows", "accepted", "rejected", "deals"}
    assert set(data["history"]["rejected"]) == {"missing_value", "bad_timestamp"}
    assert set(data["conformance"]["violations"]) == {
        "skip",
        "backward",
        "after_outcome",
        "unknown_stage",
        "late_entry",
    }
    stage = data["stages"]["demo"]
    for key in (
        "entered",
        "won",
        "lost",
        "win_rate",
        "declared_probability",
        "median_days",
        "p90_days",
        "expected_days",
    ):
        assert key in stage
    assert set(data["required"]) == {"discovery", "demo", "proposal"}
    assert data["required"]["demo"] == {"won_without": 3}


def test_quantiles_are_linear_interpolation(bp_path: Path, tmp_path: Path) -> None:
    # discovery lasts 1, 2, 3 and 10 days in four deals: median 2.5, p90 7.9
    rows = []
    for i, d in enumerate([1, 2, 3, 10]):
        rows += [[f"d{i}", "discovery", iso(T0)], [f"d{i}", "demo", iso(T0 + timedelta(days=d))]]
    r = audit(sb.load(bp_path), write_csv(tmp_path / "h.csv", rows, HEADER))
    assert r.stages["discovery"].median_days == pytest.approx(2.5)
    assert r.stages["discovery"].p90_days == pytest.approx(7.9)
    assert r.stages["demo"].median_days is None


def test_files_globs_folders_and_parquet(bp_path: Path, tmp_path: Path, history: Any) -> None:
    import duckdb

    path, expect, _ = history
    folder = tmp_path / "parts"
    folder.mkdir()
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{path}', all_varchar=true) LIMIT 40) "
        f"TO '{folder / 'a.parquet'}' (FORMAT parquet)"
    )
    con.execute(
        f"COPY (SELECT * FROM read_csv('{path}', all_varchar=true) OFFSET 40) "
        f"TO '{folder / 'b.csv'}' (HEADER, DELIMITER ',')"
    )
    bp = sb.load(bp_path)
    by_folder = audit(bp, folder)
    by_glob = audit(bp, [str(folder / "*.parquet"), str(folder / "*.csv")])
    whole = audit(bp, path)
    assert by_folder.history.rows == by_glob.history.rows == expect["rows"]
    assert by_folder.conformance.violations == whole.conformance.violations
    assert by_glob.conformance.violations == whole.conformance.violations


def test_parquet_timestamp_columns(bp_path: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "h.parquet"
    duckdb.connect().execute(
        "COPY (SELECT * FROM (VALUES ('d1', 'discovery', TIMESTAMP '2025-01-01 00:00:00'), "
        "('d1', 'demo', TIMESTAMP '2025-01-03 12:00:00')) t(deal_id, stage, entered_at)) "
        f"TO '{out}' (FORMAT parquet)"
    )
    r = audit(sb.load(bp_path), out)
    assert r.history.accepted == 2
    assert r.stages["discovery"].median_days == pytest.approx(2.5)


def test_column_mapping(bp_path: Path, tmp_path: Path) -> None:
    rows = [["d1", "discovery", "2025-01-01"], ["d1", "won", "2025-01-02"]]
    path = write_csv(tmp_path / "h.csv", rows, ["Id", "StageName", "CreatedDate"])
    r = audit(sb.load(bp_path), path, columns="deal_id=Id,stage=StageName,entered_at=CreatedDate")
    assert r.conformance.violations["skip"] == 1


def test_missing_column_names_file_and_close_match(bp_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], ["deal", "stage", "ts"])
    with pytest.raises(AuditError) as e:
        audit(sb.load(bp_path), path)
    msg = str(e.value)
    assert str(path) in msg and "'deal_id'" in msg and "close matches: deal" in msg


def test_unknown_column_in_mapping(bp_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    with pytest.raises(AuditError, match="did you mean 'deal_id'"):
        audit(sb.load(bp_path), path, columns="dealid=x")


def test_rotting_uses_as_of(bp_path: Path, tmp_path: Path) -> None:
    rows = [["d1", "discovery", "2025-01-01"], ["d2", "discovery", "2025-01-20"]]
    path = write_csv(tmp_path / "h.csv", rows, HEADER)
    bp = sb.load(bp_path)
    assert audit(bp, path).stages["discovery"].rotting == 1  # as of 2025-01-20
    assert audit(bp, path, as_of="2025-02-15T00:00:00Z").stages["discovery"].rotting == 2
    assert audit(bp, path, as_of="2025-01-05").stages["discovery"].rotting == 0
    # an offset is honoured; "now" is ISO 8601 like the history's times (DuckDB read 1/2/25
    # as the year 1 and +99:00 as 99 hours; Spark refused both)
    r = audit(bp, path, as_of="2025-01-11T01:00:00+02:00")
    assert (r.as_of, r.stages["discovery"].rotting) == ("2025-01-10T23:00:00Z", 0)
    for bad in ("1/2/25", "2025-1-5", "2025-01-05T00:00:00+99:00"):
        with pytest.raises(AuditError, match="not a timestamp"):
            audit(bp, path, as_of=bad)


def test_calibration_and_reasons(bp_path: Path, tmp_path: Path) -> None:
    rows = []
    for i in range(40):  # discovery declares 20%, 30 of 40 win: declared too low
        end = ("won", "") if i < 30 else ("lost", "price" if i % 2 else "no_budget")
        rows += [
            [f"d{i}", "discovery", "2025-01-01", ""],
            [f"d{i}", "demo", "2025-01-02", ""],
            [f"d{i}", "proposal", "2025-01-03", ""],
            [f"d{i}", end[0], "2025-01-04", end[1]],
        ]
    path = write_csv(tmp_path / "h.csv", rows, [*HEADER, "reason"])
    r = audit(sb.load(bp_path), path)
    d = r.stages["discovery"]
    assert d.win_rate == 0.75 and d.calibration == "under"
    assert d.win_rate_interval is not None and d.win_rate_interval.low > 0.2
    reasons = {x.reason: (x.deals, x.declared) for x in r.reasons}
    assert reasons == {"price": (5, False), "no_budget": (5, True)}
    assert "undeclared_reason" in r.kinds_found()


def owner_history() -> tuple[list[list[str]], list[str]]:
    """24 deals of owners ann (d0-d11) and bob (d12-d23), sources web (even) and ads (odd);
    every third lost: ann's for price x3 and no_budget, bob's for price x2, competitor and
    none. Owners are carried from earlier rows; d1 changes hands to ann at the end."""
    reasons = {0: "price", 3: "price", 6: "price", 9: "no_budget", 12: "competitor"}
    reasons |= {15: "price", 18: "price", 21: ""}
    rows = []
    for i in range(24):
        owner = "ann" if i < 12 else "bob"
        source = "web" if i % 2 == 0 else "ads"
        end = "lost" if i % 3 == 0 else "won"
        first = "bob" if i == 1 else owner
        rows += [
            [f"d{i}", "discovery", "2025-01-01", first, "", source],
            [f"d{i}", "demo", "2025-01-02", "", "", ""],
            [f"d{i}", "proposal", "2025-01-03", owner if i == 1 else "", "", ""],
            [f"d{i}", end, "2025-01-04", "", reasons.get(i, ""), ""],
        ]
    return rows, [*HEADER, "owner", "reason", "source"]


def test_reasons_per_owner_and_source(bp_path: Path, tmp_path: Path) -> None:
    rows, header = owner_history()
    r = audit(sb.load(bp_path), write_csv(tmp_path / "h.csv", rows, header))
    got = {
        (b.column, b.value): (
            b.deals,
            b.won,
            b.lost,
            [(x.reason, x.deals, x.declared) for x in b.reasons],
        )
        for b in r.breakdowns
    }
    assert got == {
        ("owner", "ann"): (12, 8, 4, [("price", 3, False), ("no_budget", 1, True)]),
        ("owner", "bob"): (12, 8, 4, [("price", 2, False), ("competitor", 1, True)]),
        ("source", "web"): (12, 8, 4, [("price", 3, False), ("competitor", 1, True)]),
        ("source", "ads"): (12, 8, 4, [("price", 2, False), ("no_budget", 1, True)]),
    }
    data = r.to_json()["breakdowns"][0]
    assert data["reasons"][0] == {"reason": "price", "deals": 3, "declared": False}
    text = format_text(r)
    assert "reasons: price 3 (not declared in the blueprint), no_budget 1" in text


def test_lifecycle(bp_path: Path, tmp_path: Path) -> None:
    rows = []
    for i in range(10):
        rows.append([f"c{i}", "lead", "2025-01-01"])
        if i < 4:
            rows.append([f"c{i}", "mql", "2025-01-02"])
        if i < 1:
            rows.append([f"c{i}", "sql", "2025-01-03"])
    path = write_csv(tmp_path / "h.csv", rows, HEADER)
    r = audit(sb.load(bp_path), path, pipeline="lifecycle")
    assert r.stages["lead"].conversion == 0.4
    assert r.stages["mql"].conversion == 0.25
    assert r.stages["customer"].conversion is None
    assert r.conformance.violations["skip"] == 0


def test_unknown_pipeline_and_backend(bp_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    bp = sb.load(bp_path)
    with pytest.raises(AuditError, match="did you mean 'deals'"):
        audit(bp, path, pipeline="deal")
    with pytest.raises(AuditError, match="unknown; choose one of duckdb, pyspark"):
        audit(bp, path, backend="spark")
    with pytest.raises(AuditError, match="'mysql' URLs are not supported"):
        audit(bp, path, backend="mysql://x/db")
    with pytest.raises(AuditError, match="tables are read in place by a database backend"):
        audit(bp, "table:hubspot.deal_stage")
    for bad in ("table:", "table:a.b.c", "table:x;drop table y", "table:1abc", 'table:"a'):
        with pytest.raises(AuditError, match="not a table name"):
            audit(bp, bad, backend="postgresql://localhost/db")


def test_postgres_backend_without_psycopg_is_a_clear_error(
    bp_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    path = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    with pytest.raises(AuditError, match=r"pip install 'salesblueprint\[postgres\]'"):
        audit(sb.load(bp_path), path, backend="postgresql://u:pw@localhost/db")


def test_pyspark_backend_without_pyspark_is_a_clear_error(
    bp_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    path = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    with pytest.raises(AuditError, match=r"pip install 'salesblueprint\[spark\]'"):
        audit(sb.load(bp_path), path, backend="pyspark")


def test_stage_counts_without_bit_sets_agree(
    bp_path: Path, history: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pipelines over 63 stages count with a join instead of bit sets: same figures."""
    from salesblueprint.audit.backends.duckdb import DuckDBAudit

    path, _, _ = history
    fast = audit(sb.load(bp_path), path).to_json()
    monkeypatch.setattr(DuckDBAudit, "_visited_sql", lambda self: "")
    slow = audit(sb.load(bp_path), path).to_json()
    assert fast["stages"] == slow["stages"] and fast["required"] == slow["required"]


def test_last_reason_in_time_order_and_repeats(bp_path: Path, tmp_path: Path) -> None:
    """Rows newest first (HubSpot's order): the reason given last in time counts, and a repeated
    stage (an amount change) is no move but lengthens the visit to the next stage."""
    rows = [
        ["d1", "lost", "2025-01-05", "price"],
        ["d1", "lost", "2025-01-04", "competitor"],
        ["d1", "demo", "2025-01-03", ""],
        ["d1", "discovery", "2025-01-02", ""],
        ["d1", "discovery", "2025-01-01", ""],
    ]
    path = write_csv(tmp_path / "h.csv", rows, [*HEADER, "reason"])
    r = audit(sb.load(bp_path), path)
    assert [(x.reason, x.deals) for x in r.reasons] == [("price", 1)]
    assert r.conformance.transitions == 2 and r.conformance.allowed == 2
    assert r.stages["discovery"].median_days == pytest.approx(2.0)
    assert r.stages["demo"].median_days == pytest.approx(1.0)
    assert r.final["lost"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://sb:S3cr3t-pw@db.example:5432/crm",
        "postgresql://sb:S3cr3t-pw@db.example/crm?password=S3cr3t-pw&sslmode=require",
        "postgres://sb:S3cr3t%2Dpw@[::1:5432/x",  # does not parse
        "postgresql+psycopg://sb:S3cr3t:pw@we/ird@host/db",
    ],
)
def test_postgres_urls_never_show_the_password(url: str) -> None:
    from salesblueprint.audit.backends.postgres import _passwords, redact, resolve_url

    shown = redact(url)
    assert "S3cr3t" not in shown and shown.startswith(url.partition("://")[0] + "://")
    assert "sb@" in shown
    assert resolve_url(url).startswith(("postgresql://", "postgres://"))
    assert any("S3cr3t" in p for p in _passwords(url))


def test_postgres_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesblueprint.audit.backends import check_backend
    from salesblueprint.audit.backends.postgres import resolve_url

    assert check_backend("postgresql") == "postgresql"
    assert check_backend("postgresql+psycopg://u@h/db") == "postgresql"
    monkeypatch.delenv("SALESBLUEPRINT_AUDIT_URL", raising=False)
    assert resolve_url("postgresql") == "postgresql://"  # libpq's defaults
    monkeypatch.setenv("SALESBLUEPRINT_AUDIT_URL", "postgresql+psycopg://u:pw@h/db")
    assert resolve_url("postgresql") == "postgresql://u:pw@h/db"
    monkeypatch.setenv("SALESBLUEPRINT_AUDIT_URL", "mysql://u:pw@h/db")
    with pytest.raises(AuditError, match="not a postgresql:// URL") as e:
        resolve_url("postgresql")
    assert "pw" not in str(e.value)


def test_neighbour_quantiles_are_duckdbs_to_the_last_bit() -> None:
    """The interpolation other engines use gives the installed DuckDB's quantile_cont."""
    import duckdb

    from salesblueprint.audit.backends.quantiles import neighbour_quantiles

    rng = random.Random(3)
    con = duckdb.connect()
    con.execute("CREATE TABLE t (g INTEGER, v DOUBLE)")
    rows = [(g, rng.random() * 10 ** rng.randrange(4)) for g in range(60) for _ in range(g % 9)]
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    want = {
        g: tuple(v)
        for g, v in con.execute(
            "SELECT g, quantile_cont(v, [0.5, 0.9]) FROM t GROUP BY g"
        ).fetchall()
    }
    got = neighbour_quantiles(
        lambda sql: con.execute(sql).fetchall(), "SELECT g, v FROM t", (0.5, 0.9)
    )
    assert got == want


def _owner_result(bp_path: Path, tmp_path: Path, extra: list[list[str]] | None = None) -> Any:
    rows, header = owner_history()
    return audit(sb.load(bp_path), write_csv(tmp_path / "h.csv", rows + (extra or []), header))


def test_breakdown_reasons_in_markdown(bp_path: Path, tmp_path: Path) -> None:
    from salesblueprint.audit.formats import format_markdown
    from salesblueprint.i18n import translator

    r = _owner_result(bp_path, tmp_path)
    en = format_markdown(r)
    assert "| per | value | deals | win rate | top reasons |" in en
    assert "| owner | ann | 12 | 67% | price 3\\*, no\\_budget 1 |" in en
    assert "| source | web | 12 | 67% | price 3\\*, competitor 1 |" in en
    assert "\n\\* not declared in the blueprint\n" in en
    nl = format_markdown(r, translator("nl"))
    assert "| per | waarde | deals | slagingspercentage | belangrijkste redenen |" in nl
    assert "| owner | bob | 12 | 67% | price 2\\*, competitor 1 |" in nl
    assert "\n\\* niet opgegeven in de blueprint\n" in nl


def test_breakdown_shows_the_top_reasons_only(bp_path: Path, tmp_path: Path) -> None:
    from salesblueprint.audit.formats import format_markdown
    from salesblueprint.audit.html import format_html
    from salesblueprint.i18n import translator

    extra = []
    for i, reason in enumerate(["price", "price", "timing", "competitor", "no_budget", "x"]):
        extra += [
            [f"c{i}", "discovery", "2025-01-01", "cy", "", "partner"],
            [f"c{i}", "lost", "2025-01-02", "", reason, ""],
        ]
    r = _owner_result(bp_path, tmp_path, extra)
    cy = "| owner | cy | 6 | 0% | price 2\\*, competitor 1, no\\_budget 1, and 2 more reasons |"
    assert cy in format_markdown(r)
    assert "en nog 2 redenen |" in format_markdown(r, translator("nl"))
    html = format_html(r)
    assert "<td>cy</td>" in html
    assert (
        '<td>price 2<sup class="undeclared" title="not declared in the blueprint">*</sup>, '
        "competitor 1, no_budget 1, and 2 more reasons</td>"
    ) in html


def test_breakdown_reasons_in_html(bp_path: Path, tmp_path: Path) -> None:
    from salesblueprint.audit.html import format_html
    from salesblueprint.i18n import translator

    extra = [
        ["h1", "discovery", "2025-01-01", "<b>eve</b>", "", "web"],
        ["h1", "lost", "2025-01-02", "", "<i>odd</i>", ""],
    ]
    r = _owner_result(bp_path, tmp_path, extra)
    en = format_html(r)
    assert "<h2>Per owner / source</h2>" in en
    assert "<th>top reasons</th>" in en
    assert (
        '<tr><td>owner</td><td>ann</td><td class="n">12</td><td class="n">8</td>'
        '<td class="n">4</td><td class="n">67%</td><td>price 3<sup class="undeclared"'
    ) in en
    # history text is escaped in the values and the reasons
    assert "<td>&lt;b&gt;eve&lt;/b&gt;</td>" in en and "&lt;i&gt;odd&lt;/i&gt; 1" in en
    assert "<b>eve</b>" not in en and "<i>odd</i>" not in en
    assert '<span class="undeclared">*</span> not declared in the blueprint</p>' in en
    nl = format_html(r, translator("nl"))
    assert "<h2>Per eigenaar / bron</h2>" in nl
    assert "<th>belangrijkste redenen</th>" in nl
    assert 'title="niet opgegeven in de blueprint"' in nl


def test_counts_have_singular_forms(bp_path: Path, tmp_path: Path) -> None:
    from salesblueprint.audit.formats import format_markdown
    from salesblueprint.i18n import translator

    nl = translator("nl")
    one = audit(
        sb.load(bp_path), write_csv(tmp_path / "one.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    )
    assert "History: 1 row, 1 accepted, 0 missing_value, 0 bad_timestamp; 1 deal, " in format_text(
        one
    )
    assert "; 1 deal with violations" in format_text(one)  # a late entry
    assert "Geschiedenis: 1 rij, 1 bruikbaar, " in format_text(one, nl)
    assert "; 1 deal met afwijkingen" in format_text(one, nl)
    assert format_markdown(one).splitlines()[2].startswith("1 row, 1 accepted, ")
    assert "; 1 deal. **0 of 0** transitions allowed, **1** deal with violations." in (
        format_markdown(one)
    )
    assert format_markdown(one, nl).splitlines()[2].startswith("1 rij, 1 bruikbaar, ")
    rows = [["d1", "discovery", "2025-01-01"], ["d1", "won", "2025-01-02"]]
    rows += [["d2", "discovery", "2025-01-01"], ["d2", "won", "2025-01-03"]]
    two = audit(sb.load(bp_path), write_csv(tmp_path / "two.csv", rows, HEADER))
    assert "History: 4 rows, 4 accepted, 0 missing_value, 0 bad_timestamp; 2 deals, " in (
        format_text(two)
    )
    assert "Geschiedenis: 4 rijen, " in format_text(two, nl)
    assert "  discovery                0 of 2 won deals never passed it" in format_text(two)
    assert "0 van 2 gewonnen deals kwamen er nooit langs" in format_text(two, nl)
    assert "; 2 deals with violations" in format_text(two)
    assert "; 2 deals met afwijkingen" in format_text(two, nl)
    text = format_text(_owner_result(bp_path, tmp_path))
    assert "  owner ann                      12 deals, 8 won, 4 lost, win rate 67%" in text


@pytest.mark.parametrize(
    ("row", "value"),
    [
        (("  d-x ", "discovery", "2025-02-01"), None),  # a padded deal id only
        (("d-x", "demo  ", "2025-02-01"), None),  # a padded stage only
        (("d-x", "discovery", " 2025-02-01"), None),  # a padded time only
        (("d-x", "   ", "not a time"), "missing_value"),  # spaces: missing, not a bad time
        (("   ", "discovery", "2025-02-01"), "missing_value"),
        (("Müller-1", "discovery", "2025-02-01"), None),  # not ASCII, nothing to trim
        (("d-x", "Ünknown", "2025-02-01"), None),
    ],
)
def test_first_pass_checks_trimming_per_value(
    bp_path: Path, tmp_path: Path, row: tuple[str, str, str], value: str | None
) -> None:
    """The first pass reads the rows untrimmed and checks deal ids and times per row, stages
    per distinct value: any value that trimming changes makes it read the trimmed rows, so a
    padded value counts as its trimmed value and a value of spaces as a missing one."""
    # without its one padded value (a stage of a space): only ``row`` can need trimming
    rows = [r for r in planted()[0] if all(v == v.strip() for v in r)]
    trimmed = [v.strip() for v in row]
    want_rows = [*rows, trimmed] if value is None else rows
    # the same file name: the examples' file:line agree too
    want = audit(sb.load(bp_path), write_csv(tmp_path / "h.csv", want_rows, HEADER))
    got = audit(sb.load(bp_path), write_csv(tmp_path / "h.csv", [*rows, list(row)], HEADER))
    assert got.history.rows == len(rows) + 1
    assert got.history.accepted == want.history.accepted
    assert got.history.deals == want.history.deals
    assert got.conformance == want.conformance
    assert got.stages == want.stages
    if value is not None:
        assert got.history.rejected[value] == want.history.rejected[value] + 1
    else:
        assert got.history.rejected == want.history.rejected
