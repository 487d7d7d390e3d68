"""The audit on PySpark and on PostgreSQL gives the very result DuckDB gives: the same JSON,
example for example, on the planted-fault histories, CSV and Parquet, every input shape.

PySpark: skipped without pyspark or Java (``pip install -e '.[spark]'``; CI: ``pytest -m
spark``); one local Spark session for the test run (the ``spark`` fixture,
tests/audit/helpers.py). PostgreSQL: skipped without psycopg or a server (``pip install -e
'.[postgres]'``, the server's URL in ``SALESBLUEPRINT_TEST_PG_URL``; CI starts one with
``.ci/postgres`` and runs ``pytest -m postgres``).
"""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import salesblueprint as sb
from salesblueprint.audit import AuditError, audit

from .helpers import write_csv
from .test_conformance import HEADER, T0, iso, owner_history, planted

DATA = Path(__file__).parent / "data"


def both(engine: str, bp_path: Path, history: Any, **kw: Any) -> tuple[Any, Any]:
    """The audit on DuckDB and on the other backend, checked identical as objects and as
    JSON."""
    bp = sb.load(bp_path)
    duck = audit(bp, history, backend="duckdb", **kw)
    other = audit(bp, history, backend=engine, **kw)
    want = json.dumps(duck.to_json(), sort_keys=True)
    assert json.dumps(other.to_json(), sort_keys=True) == want
    assert other == duck
    return duck, other


def to_parquet(csv: Path, out: Path, offset: int = 0, limit: int | None = None) -> Path:
    import duckdb

    cut = f" LIMIT {limit}" if limit is not None else ""
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true, header = true)"
        f"{cut} OFFSET {offset}) TO '{out}' (FORMAT parquet)"
    )
    return out


def test_planted_faults_csv(engine: str, bp_path: Path, tmp_path: Path) -> None:
    rows, expect = planted()
    duck, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", rows, HEADER))
    assert duck.conformance.violations["skip"] == expect["skip"]
    assert duck.history.examples["bad_timestamp"]  # file:line examples agree too


def test_planted_faults_parquet_and_mixed_folder(
    engine: str, bp_path: Path, tmp_path: Path
) -> None:
    rows, expect = planted()
    csv = write_csv(tmp_path / "h.csv", rows, HEADER)
    duck, _ = both(engine, bp_path, to_parquet(csv, tmp_path / "h.parquet"))
    assert duck.conformance.deals_with_violations == expect["deals_with_violations"]
    folder = tmp_path / "parts"
    folder.mkdir()
    to_parquet(csv, folder / "a.parquet", limit=40)
    write_csv(folder / "b.csv", rows[40:], HEADER)
    both(engine, bp_path, folder)


@pytest.mark.parametrize("seed", range(2))
def test_random_histories_with_optional_columns(
    engine: str, bp_path: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    stages = ["discovery", "demo", "proposal", "won", "lost", "onboarding", "Closed Won", "zzz"]
    rows = []
    for i in range(rng.randrange(40, 120)):
        t = T0 + timedelta(hours=rng.randrange(1000), seconds=rng.randrange(3600))
        owner = rng.choice(["ann", "bob", ""])
        for _ in range(rng.randrange(1, 7)):
            at = iso(t) if rng.random() > 0.05 else rng.choice(["", "bad", "2025-02-30"])
            deal = f"d{i}" if rng.random() > 0.03 else ""
            reason = rng.choice(["", "", "price", "no_budget"])
            rows.append([deal, rng.choice(stages), at, owner, reason, rng.choice(["web", ""])])
            t += timedelta(hours=rng.choice([0, 0, 5, 30, 200]), seconds=rng.randrange(60))
    rng.shuffle(rows)
    header = [*HEADER, "owner", "reason", "source"]
    csv = write_csv(tmp_path / "h.csv", rows, header)
    both(engine, bp_path, csv)
    both(engine, bp_path, to_parquet(csv, tmp_path / "h.parquet"), as_of="2025-03-01")
    if seed == 0:
        both(engine, bp_path, csv, pipeline="lifecycle")


def test_reasons_per_owner_source_calibration_and_rotting(
    engine: str, bp_path: Path, tmp_path: Path
) -> None:
    """Lost reasons per owner and source, calibration intervals and rotting as of "now" (the
    history's last time, or --as-of with an offset) agree on every backend."""
    rows, header = owner_history()
    rows += [
        [f"o{i}", "discovery", f"2025-01-{i + 1:02d}T10:00:00+02:00", "", "", ""] for i in range(9)
    ]
    csv = write_csv(tmp_path / "h.csv", rows, header)
    duck, _ = both(engine, bp_path, csv)
    assert [len(b.reasons) for b in duck.breakdowns] == [2, 2, 2, 2]
    assert duck.stages["discovery"].win_rate_interval is not None
    assert duck.stages["discovery"].rotting == 0  # as of 2025-01-09T08:00Z: 8 days at most
    later, _ = both(
        engine, bp_path, to_parquet(csv, tmp_path / "h.parquet"), as_of="2025-01-15T12:00:00-03:00"
    )
    assert later.as_of == "2025-01-15T15:00:00Z" and later.stages["discovery"].rotting == 5
    both(engine, bp_path, csv, pipeline="lifecycle")
    for bad in ("1/2/25", "2025-01-15T12:00:00+99:00"):
        for backend in ("duckdb", engine):
            with pytest.raises(AuditError, match="not a timestamp"):
                audit(sb.load(bp_path), csv, as_of=bad, backend=backend)


def test_parquet_timestamp_column(engine: str, bp_path: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "h.parquet"
    duckdb.connect().execute(
        "COPY (SELECT * FROM (VALUES ('d1', 'discovery', TIMESTAMP '2025-01-01 00:00:00'), "
        "('d1', 'demo', TIMESTAMP '2025-01-03 12:00:00'), ('d2', 'demo', NULL)) "
        f"t(deal_id, stage, entered_at)) TO '{out}' (FORMAT parquet)"
    )
    duck, _ = both(engine, bp_path, out)
    assert duck.stages["discovery"].median_days == 2.5


@pytest.mark.parametrize(
    ("file", "source", "pipeline"),
    [
        ("salesforce_opportunity_history.csv", "salesforce", None),
        ("salesforce_lead_history.csv", "salesforce", "lifecycle"),
        ("hubspot_dealstage_history.csv", "hubspot", None),
        ("hubspot_date_entered.csv", "hubspot", None),
        ("hubspot_lifecycle_history.csv", "hubspot-lifecycle", "lifecycle"),
        ("fivetran_hubspot_deal_stage.csv", "hubspot", None),
        ("fivetran_salesforce_opportunity_history.csv", "salesforce", None),
    ],
)
def test_crm_shapes(
    engine: str, bp_path: Path, file: str, source: str, pipeline: str | None
) -> None:
    both(engine, bp_path, DATA / file, source=source, pipeline=pipeline)


def test_bad_input_is_a_clear_error(engine: str, bp_path: Path, tmp_path: Path) -> None:
    bp = sb.load(bp_path)
    wrong = write_csv(tmp_path / "w.csv", [["d1", "demo", "2025-01-01"]], ["id", "stage", "at"])
    with pytest.raises(AuditError, match="no column 'deal_id'"):
        audit(bp, wrong, backend=engine)
    garbage = tmp_path / "g.parquet"
    garbage.write_bytes(b"not parquet at all")
    with pytest.raises(AuditError, match=r"g\.parquet"):
        audit(bp, garbage, backend=engine)


def test_hostile_histories(engine: str, bp_path: Path, tmp_path: Path) -> None:
    """Offsets out of range, '#' ids, escapes and markup in the text, a header without rows."""
    evil = "\x1b]0;pwned\x07"
    offsets = ["+14:00", "-12:00", "+0530", "+01", "+99:00", "-19:00", "+01:75", "+0199"]
    rows = [[f"o{i}", "discovery", f"2025-01-01T09:00:00{z}", ""] for i, z in enumerate(offsets)]
    rows += [["#1042", "discovery", "2025-12-25", ""], ["#1042", "demo", "2025-12-26", ""]]
    rows += [[f"d{evil}", f"legal {evil}", "2025-01-02", "it's \\ a 'quote'"]]
    rows += [["m|1", "lost", "2025-01-03", f"<img src=x>{evil}"], ["7", "", ""]]
    duck, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", rows, [*HEADER, "reason"]))
    assert duck.history.rejected["bad_timestamp"] == 4
    empty, _ = both(engine, bp_path, write_csv(tmp_path / "e.csv", [], HEADER))
    assert empty.as_of is None


def test_values_needing_trim_count_as_their_trimmed_value(
    engine: str, bp_path: Path, tmp_path: Path
) -> None:
    """The windowed pass skips the trim checks when the first pass found no deal id, stage or
    time that needs one: a history with a few padded values must still be audited as the same
    history without the padding (on every engine)."""
    rows, _ = planted()
    clean, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", rows, HEADER))
    padded = [list(r) for r in rows]
    padded[3][0] = f"  {padded[3][0]} "
    padded[5][1] = f"{padded[5][1]}  "
    padded[8][2] = f" {padded[8][2]}"
    # the same file name: the examples' file:line agree too
    dirty, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", padded, HEADER))
    assert dirty.history.accepted == clean.history.accepted
    assert dirty.history.deals == clean.history.deals
    assert dirty.conformance == clean.conformance
    assert dirty.stages == clean.stages
    assert dirty.final == clean.final


def test_first_pass_on_untrimmed_rows(engine: str, bp_path: Path, tmp_path: Path) -> None:
    """A history with nothing to trim is read untrimmed by both passes: the same result on
    every engine, and one padded value (a deal id of spaces, a padded stage) still counts as
    its trimmed value."""
    rows = [r for r in planted()[0] if all(v == v.strip() for v in r)]
    clean, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", rows, HEADER))
    for extra, missing in ((["   ", "demo", "2025-02-01"], 1), (["n1", "demo  ", "x"], 0)):
        found, _ = both(engine, bp_path, write_csv(tmp_path / "h.csv", [*rows, extra], HEADER))
        assert (
            found.history.rejected["missing_value"]
            == clean.history.rejected["missing_value"] + missing
        )
