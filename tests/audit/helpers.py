"""Shared blueprint, history writer and a plain-Python reference of the audit contract."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb")

BLUEPRINT = """\
salesblueprint: 1
name: Audit test
teams:
  - id: sales
lifecycle:
  stages:
    - id: lead
      conversion_rate: 0.5
    - id: mql
      conversion_rate: 0.5
    - id: sql
      conversion_rate: 0.4
    - id: customer
      terminal: true
pipelines:
  - id: deals
    name: Deals
    owner: sales
    stages:
      - id: discovery
        name: Discovery call
        probability: 0.2
        expected_days: 10
      - id: demo
        name: Demo given
        probability: 0.4
        expected_days: 7
      - id: proposal
        name: Proposal sent
        probability: 0.6
      - id: won
        name: Closed won
        outcome: won
      - id: lost
        name: Closed lost
        outcome: lost
        reasons: [no_budget, competitor]
    after_close:
      - id: onboarding
        name: Onboarding
    transitions:
      - from: proposal
        to: demo
        kind: recycle
        when: Buyer asks for a second demo
"""

ORDER = ["discovery", "demo", "proposal", "won", "lost", "onboarding"]
KIND = {
    "discovery": "open",
    "demo": "open",
    "proposal": "open",
    "won": "won",
    "lost": "lost",
    "onboarding": "after_close",
}
ALLOWED = {
    ("discovery", "demo"),
    ("demo", "proposal"),
    ("proposal", "won"),
    ("discovery", "lost"),
    ("demo", "lost"),
    ("proposal", "lost"),
    ("won", "onboarding"),
    ("proposal", "demo"),
}
NAMES = {
    "discovery call": "discovery",
    "demo given": "demo",
    "proposal sent": "proposal",
    "closed won": "won",
    "closed lost": "lost",
}


@pytest.fixture
def bp_path(tmp_path: Path) -> Path:
    p = tmp_path / "blueprint.yaml"
    p.write_text(BLUEPRINT, encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for every spark-marked test (start-up takes seconds); skips
    without pyspark or Java (``pip install -e '.[spark]'``; CI: ``pytest -m spark``)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no java on PATH: PySpark needs Java 17+")
    from salesblueprint.audit import AuditError
    from salesblueprint.audit.backends.spark import spark_session

    os.environ.setdefault("SALESBLUEPRINT_SPARK_PARTITIONS", "2")
    try:
        session = spark_session()
    except AuditError as e:
        pytest.skip(str(e))
    yield session
    session.stop()


def write_csv(path: Path, rows: Sequence[Sequence[Any]], header: Sequence[str]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _parse(text: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t


def _quantile(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def reference(rows: Sequence[Sequence[str]]) -> dict[str, Any]:
    """The contract (§3) computed the obvious way, rows = (deal_id, stage, entered_at)."""
    rejected = {"missing_value": 0, "bad_timestamp": 0}
    accepted: dict[str, list[tuple[datetime, int, str]]] = {}
    unknown: dict[str, int] = {}
    for i, (deal, stage, at) in enumerate(rows):
        deal, stage, at = deal.strip(), stage.strip(), at.strip()
        if not deal or not stage or not at:
            rejected["missing_value"] += 1
            continue
        t = _parse(at)
        if t is None:
            rejected["bad_timestamp"] += 1
            continue
        sid = stage if stage in KIND else NAMES.get(stage.lower())
        accepted.setdefault(deal, [])
        if sid is None:
            unknown[deal] = unknown.get(deal, 0) + 1
            continue
        accepted[deal].append((t, i, sid))
    violations = dict.fromkeys(["skip", "backward", "after_outcome", "unknown_stage"], 0)
    violations["unknown_stage"] = sum(unknown.values())
    violations["late_entry"] = 0
    bad_deals = set(unknown)
    transitions = allowed = 0
    stages = {s: {"entered": set(), "days": []} for s in ORDER}
    final: dict[str, str] = {}
    for deal, entries in accepted.items():
        path: list[tuple[datetime, str]] = []
        for t, _, sid in sorted(entries, key=lambda e: (e[0], e[1])):
            if path and path[-1][1] == sid:
                continue
            path.append((t, sid))
        if not path:
            continue
        if path[0][1] != "discovery":
            violations["late_entry"] += 1
            bad_deals.add(deal)
        outcome = [s for _, s in path if KIND[s] in ("won", "lost")]
        final[deal] = outcome[-1] if outcome else "open"
        for j, (t, sid) in enumerate(path):
            stages[sid]["entered"].add(deal)
            if j + 1 < len(path):
                stages[sid]["days"].append((path[j + 1][0] - t).total_seconds() / 86400)
            if j:
                a = path[j - 1][1]
                transitions += 1
                if (a, sid) in ALLOWED:
                    allowed += 1
                    continue
                bad_deals.add(deal)
                if KIND[a] in ("won", "lost", "after_close"):
                    violations["after_outcome"] += 1
                elif ORDER.index(sid) < ORDER.index(a):
                    violations["backward"] += 1
                else:
                    violations["skip"] += 1
    out_stages = {}
    won_total = sum(1 for f in final.values() if f == "won")
    for s in ORDER:
        ent = stages[s]["entered"]
        won = sum(1 for d in ent if final[d] == "won")
        lost = sum(1 for d in ent if final[d] == "lost")
        out_stages[s] = {
            "entered": len(ent),
            "won": won,
            "lost": lost,
            "win_rate": won / (won + lost) if won + lost else None,
            "median_days": _quantile(stages[s]["days"], 0.5),
            "p90_days": _quantile(stages[s]["days"], 0.9),
        }
    n_rows = len(rows)
    return {
        "history": {
            "rows": n_rows,
            "accepted": n_rows - sum(rejected.values()),
            "rejected": rejected,
            "deals": len(accepted),
        },
        "conformance": {
            "transitions": transitions,
            "allowed": allowed,
            "violations": violations,
            "deals_with_violations": len(bad_deals),
        },
        "stages": out_stages,
        "required": {
            s: {"won_without": won_total - out_stages[s]["won"]}
            for s in ("discovery", "demo", "proposal")
        },
    }


PG_URL_ENV = "SALESBLUEPRINT_TEST_PG_URL"


def pg_url() -> str:
    """The test server's URL, or skip (no psycopg, no URL, no server); CI sets
    ``SALESBLUEPRINT_TEST_PG_REQUIRED=1``: then these fail instead."""
    missing = pytest.fail if os.environ.get("SALESBLUEPRINT_TEST_PG_REQUIRED") else pytest.skip
    try:
        import psycopg
    except ImportError:
        missing("psycopg is not installed: pip install -e '.[postgres]'")
    url = os.environ.get(PG_URL_ENV, "")
    if not url:
        missing(f"no PostgreSQL server: set {PG_URL_ENV} (CI: .ci/postgres start)")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as e:
        missing(f"PostgreSQL server at {PG_URL_ENV} not reachable: {e}")
    return url


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("pyspark", marks=pytest.mark.spark),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ],
)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The other backend: ``pyspark``, or the PostgreSQL server's URL."""
    if request.param == "postgres":
        yield pg_url()
        return
    request.getfixturevalue("spark")  # one session for the run
    yield "pyspark"
