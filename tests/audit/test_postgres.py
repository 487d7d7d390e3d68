"""The audit on a PostgreSQL server: warehouse tables read in place (the generic shape and the
shapes Fivetran lands for HubSpot and Salesforce) give DuckDB's result on the same rows as
files; clear errors (no table, no column, wrong password, no server) without the password.

Needs a server: ``SALESBLUEPRINT_TEST_PG_URL`` (CI: ``.ci/postgres start``; ``pytest -m
postgres``). Each test works in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import salesblueprint as sb
from salesblueprint.audit import AuditError, audit

from .helpers import BLUEPRINT, pg_url, write_csv
from .test_conformance import HEADER, planted
from .test_sla import SLA

pytestmark = pytest.mark.postgres
CLI = [sys.executable, "-m", "salesblueprint", "audit"]


@pytest.fixture
def pg() -> Iterator[tuple[str, Any, str]]:
    """(URL, an autocommit connection, a fresh schema's name)."""
    url = pg_url()
    import psycopg

    con = psycopg.connect(url, autocommit=True)
    schema = f"sbtest_{secrets.token_hex(4)}"
    con.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield url, con, schema
    finally:
        con.execute(f'DROP SCHEMA "{schema}" CASCADE')
        con.close()


def make_table(con: Any, name: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
    """``name`` (qualified, quoted as needed) with ``columns`` (SQL), filled in order."""
    con.execute(f"CREATE TABLE {name} ({columns})")
    with con.cursor() as cur, cur.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def export_csv(con: Any, name: str, out: Path) -> Path:
    """The table as the CSV a warehouse export writes (header, times as PostgreSQL's text)."""
    buf = io.BytesIO()
    with con.cursor() as cur, cur.copy(f"COPY {name} TO STDOUT (FORMAT csv, HEADER)") as copy:
        for block in copy:
            buf.write(block)
    out.write_bytes(buf.getvalue())
    return out


def same(a: Any, b: Any) -> None:
    """Identical results, but for where a row was read (file:line / table: row)."""

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("where", "files")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    want = json.dumps(strip(a.to_json()), sort_keys=True, indent=1)
    assert json.dumps(strip(b.to_json()), sort_keys=True, indent=1) == want


def test_generic_table_in_place(pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path) -> None:
    url, con, schema = pg
    rows, expect = planted()
    make_table(con, f"{schema}.history", "deal_id text, stage text, entered_at text", rows)
    bp = sb.load(bp_path)
    duck = audit(bp, write_csv(tmp_path / "h.csv", rows, HEADER))
    table = audit(bp, f"table:{schema}.history", backend=url)
    same(duck, table)
    assert table.conformance.violations["skip"] == expect["skip"]
    assert table.history.files == [f"table:{schema}.history"]
    # the same examples, found by their row in the table
    assert table.history.examples["bad_timestamp"][0].where.startswith(f"table:{schema}.history")
    # names are looked up as PostgreSQL folds them: an unquoted name in any case finds it
    upper = audit(bp, f"table:{schema.upper()}.HISTORY", backend=url)
    same(duck, upper)


def test_typed_generic_table(pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path) -> None:
    url, con, schema = pg
    rows = [
        ["d1", "discovery", "2025-01-01 00:00:00+00", "price"],
        ["d1", "demo", "2025-01-03 12:00:00+01", None],
        ["d2", "demo", None, None],
        ["d2", "lost", "2025-01-04 00:00:00+00", "no_budget"],
    ]
    make_table(
        con,
        f"{schema}.h",
        "deal_id text, stage text, entered_at timestamptz, reason text",
        rows,
    )
    bp = sb.load(bp_path)
    table = audit(bp, f"table:{schema}.h", backend=url)
    duck = audit(bp, export_csv(con, f"{schema}.h", tmp_path / "h.csv"))
    same(duck, table)
    assert table.stages["discovery"].median_days == 2.5 - 1 / 24
    assert table.history.rejected["missing_value"] == 1  # a NULL time


def test_fivetran_hubspot_deal_stage(
    pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path
) -> None:
    """HubSpot's deal_stage as Fivetran lands it: deal_id, date_entered, value, source ...;
    the same shape as a file is read by DuckDB with --source hubspot as well."""
    url, con, schema = pg
    synced = "2025-06-01 00:00:00+00"
    rows = [
        [1, "2025-03-01 10:00:00", "discovery", "CRM_UI", "userId:7", synced, False],
        [1, "2025-03-04 10:00:00", "demo", "CRM_UI", "userId:7", synced, False],
        [1, "2025-03-09 10:00:00", "won", "AUTOMATION", "wf:3", synced, False],
        [2, "2025-03-02 09:00:00", "demo", "IMPORT", None, synced, False],
        [2, "2025-03-05 09:00:00", "discovery", "CRM_UI", "userId:8", synced, False],
        [3, "2025-03-02 09:00:00", "discovery", "CRM_UI", "userId:8", synced, False],
        [3, "2025-03-03 09:00:00", "proposal", "CRM_UI", "userId:8", synced, True],  # deleted
        [3, "2025-03-06 09:00:00", "lost", "CRM_UI", "userId:8", synced, False],
    ]
    make_table(
        con,
        f"{schema}.deal_stage",
        "deal_id bigint, date_entered timestamp, value text, source text, source_id text, "
        "_fivetran_synced timestamptz, _fivetran_deleted boolean",
        rows,
    )
    bp = sb.load(bp_path)
    table = audit(bp, f"table:{schema}.deal_stage", backend=url, source="hubspot")
    export = export_csv(con, f"{schema}.deal_stage", tmp_path / "deal_stage.csv")
    duck = audit(bp, export, source="hubspot")
    same(duck, table)
    assert table.history.rows == 7  # the deleted row is not history
    assert table.conformance.violations["backward"] == 1
    assert table.conformance.violations["late_entry"] == 1
    assert table.final == {"won": 1, "lost": 1, "open": 1}
    assert {b.value for b in table.breakdowns if b.column == "source"} >= {"AUTOMATION"}


def test_fivetran_salesforce_opportunity_history(
    pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path
) -> None:
    url, con, schema = pg
    cols = (
        "id text, opportunity_id text, stage_name text, created_date timestamptz, "
        "amount numeric, probability double precision, close_date date, "
        "forecast_category text, created_by_id text, is_deleted boolean, "
        "_fivetran_synced timestamptz"
    )
    at = "2025-03-0{}T10:00:00.000+0000"

    def row(i: int, opp: str, stage: str, day: int, amount: int, deleted: bool = False) -> list:
        return [
            f"008{i}", opp, stage, at.format(day), amount, 20.0, "2025-04-30", "Pipeline",
            "005U1", deleted, "2025-06-01 00:00:00+00",
        ]  # fmt: skip

    rows = [
        row(1, "006A", "Discovery Call", 1, 10000),
        row(2, "006A", "Discovery Call", 3, 12000),  # an amount change: a repeat
        row(3, "006A", "Demo given", 4, 12000),
        row(4, "006A", "Closed Won", 9, 12000),
        row(5, "006B", "Discovery Call", 2, 5000),
        row(6, "006B", "Proposal Sent", 5, 5000),  # a skip
        row(7, "006B", "Negotiation", 6, 5000),  # not a stage of the blueprint
        row(8, "006B", "Closed Lost", 7, 5000),
        row(9, "006C", "Closed Won", 8, 1, deleted=True),
    ]
    make_table(con, f'{schema}."opportunity_history"', cols, rows)
    bp = sb.load(bp_path)
    table = audit(bp, f"table:{schema}.opportunity_history", backend=url, source="salesforce")
    export = export_csv(con, f"{schema}.opportunity_history", tmp_path / "oh.csv")
    duck = audit(bp, export, source="salesforce")
    same(duck, table)
    assert table.history.rows == 8
    assert table.history.deals == 2
    assert table.conformance.violations["skip"] == 2  # into won from demo; to proposal
    assert table.conformance.violations["unknown_stage"] == 1


def test_hostile_names_stay_names(pg: tuple[str, Any, str], bp_path: Path) -> None:
    """A table named like SQL is read as that table: names are quoted, never run."""
    url, con, schema = pg
    name = 'we"ird; DROP TABLE x --'
    quoted = '"' + name.replace('"', '""') + '"'
    make_table(
        con,
        f"{schema}.{quoted}",
        '"deal id" text, stage text, entered_at text',
        [["d1", "discovery", "2025-01-01"], ["d1", "demo", "2025-01-02"]],
    )
    r = audit(
        sb.load(bp_path),
        f"table:{schema}.{quoted}",
        backend=url,
        columns={"deal_id": "deal id"},
    )
    assert r.history.accepted == 2 and r.conformance.allowed == 1
    with pytest.raises(AuditError, match="not a table name"):
        audit(sb.load(bp_path), f"table:{schema}.x; DROP TABLE y", backend=url)


def test_clear_errors(pg: tuple[str, Any, str], bp_path: Path) -> None:
    url, con, schema = pg
    make_table(con, f"{schema}.deal_stage", "deal_id text, value text, date_entered text", [])
    bp = sb.load(bp_path)
    with pytest.raises(
        AuditError, match=rf"no such table.*close matches: table:{schema}\.deal_stage"
    ):
        audit(bp, f"table:{schema}.deal_stages", backend=url, source="hubspot")
    with pytest.raises(
        AuditError, match=r"table:[^:]+: no column 'Deal_ID'.*close matches: deal_id"
    ):
        audit(bp, f"table:{schema}.deal_stage", backend=url, columns={"deal_id": "Deal_ID"})
    with pytest.raises(AuditError, match="no column 'stage'"):
        audit(bp, f"table:{schema}.deal_stage", backend=url)
    # an empty table: an audit of nothing, not an error
    assert audit(bp, f"table:{schema}.deal_stage", backend=url, source="hubspot").history.rows == 0


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.hostname or "127.0.0.1"
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{user}:{password}@{host}{port}").geturl()


def test_connection_errors_never_show_the_password(bp_path: Path, tmp_path: Path) -> None:
    url = pg_url()
    h = write_csv(tmp_path / "h.csv", [["d1", "demo", "2025-01-01"]], HEADER)
    bp = sb.load(bp_path)
    secret = "Pa55-" + secrets.token_hex(6)
    wrong = _with_password(url, secret)
    with pytest.raises(AuditError) as e:
        audit(bp, h, backend=wrong)
    assert "cannot connect" in str(e.value) and secret not in str(e.value)
    closed = _with_password(url.replace(f":{urlsplit(url).port}", ":1"), secret)
    with pytest.raises(AuditError) as e:
        audit(bp, h, backend=closed)
    assert "cannot connect" in str(e.value) and secret not in str(e.value)
    # the command: exit 2, one line, no traceback, no password
    for backend in (wrong, closed, wrong + "?password=" + secret):
        proc = subprocess.run(
            [*CLI, str(bp_path), str(h), "--backend", backend],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 2, proc.stderr
        assert secret not in proc.stderr + proc.stdout
        assert "Traceback" not in proc.stderr


def test_cli_on_postgres(pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path) -> None:
    url, con, schema = pg
    rows, _ = planted()
    make_table(con, f"{schema}.history", "deal_id text, stage text, entered_at text", rows)
    password = urlsplit(url).password or "\x00"
    base = [*CLI, str(bp_path)]
    proc = subprocess.run(
        [*base, f"table:{schema}.history", "--backend", "postgresql", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SALESBLUEPRINT_AUDIT_URL": url},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["conformance"]["violations"]["skip"] > 0
    assert password not in proc.stdout + proc.stderr
    acts = write_csv(tmp_path / "a.csv", [["d1", "2025-01-01", "call"]], ["deal_id", "at", "type"])
    sla_bp = tmp_path / "sla.yaml"
    sla_bp.write_text(BLUEPRINT + SLA, encoding="utf-8")
    sla_args = ["--pipeline=lifecycle", f"--backend={url}", "--activities", str(acts)]
    proc = subprocess.run(
        [*CLI, str(sla_bp), f"table:{schema}.history", *sla_args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # the SLA runs on PostgreSQL too (a table read in place, activities from a file)
    assert proc.returncode == 0, proc.stderr
    assert "Activities: 1 row, 1 accepted" in proc.stdout and password not in proc.stdout


def test_csv_write_roundtrip_keeps_empty_and_null(
    pg: tuple[str, Any, str], bp_path: Path, tmp_path: Path
) -> None:
    """Quotes, separators, line breaks and empty values survive the COPY into PostgreSQL."""
    url, _, _ = pg
    out = tmp_path / "q.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*HEADER, "reason"])
        w.writerow(["d,1", "discovery", "2025-01-01", 'say "no"'])
        w.writerow(["d,1", "lost", "2025-01-02", "semi;colon\ttab"])
        w.writerow(["d2", "lost", "2025-01-02", ""])
    bp = sb.load(bp_path)
    a = audit(bp, out)
    b = audit(bp, out, backend=url)
    assert json.dumps(a.to_json(), sort_keys=True) == json.dumps(b.to_json(), sort_keys=True)
    assert a == b
